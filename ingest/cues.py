"""Cue words of the extractors, as lemmas (lower case, ё folded to е) of Ukrainian, Russian and English.

Every list is matched against token lemmas, so one entry covers every inflected form ("повідомила",
"повідомляє" → "повідомити"/"повідомляти"). Add a word here, never a sentence.
"""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _set("""
повідомити повідомляти заявити заявляти розповісти розповідати сказати казати зазначити зазначати підтвердити
підтверджувати додати додавати наголосити наголошувати інформувати поінформувати писати вважати оцінити
оцінювати стверджувати попередити попереджати уточнити уточнювати пояснити пояснювати оголосити оголошувати
звітувати цитувати визнати визнавати заперечити заперечувати спростувати спростовувати зауважити припустити
прогнозувати передати передавати анонсувати відкинути
сообщить сообщать заявить заявлять рассказать рассказывать сказать говорить отметить отмечать подтвердить
подтверждать добавить добавлять подчеркнуть информировать писать считать оценить оценивать утверждать
предупредить уточнить пояснить объявить признать передавать передать напомнить привести обнародовать озвучить
say said says tell told report reported state stated announce add confirm estimate estimated believe write
wrote claim note warn reveal disclose assess accuse acknowledge admit deny confirm
""")
#: Verbs an outlet uses when it relays something ("пише euractiv", "передает Report", "інформує Цензор.НЕТ").
OUTLET_VERBS = _set("писати інформувати передавати передати повідомляти писать передавать сообщать report write")
#: Nouns that make a sentence a statement event ("брифінг", "заява", "interview").
STATEMENT_NOUNS = _set("""
брифінг заява пресконференція прес-конференція інтерв'ю коментар звернення
брифинг заявление пресс-конференция интервью комментарий обращение
briefing statement conference interview
""")
#: Prepositional attribution, as lower-case word tuples; the value says what the next actor is.
ATTRIBUTION_PHRASES: dict[tuple[str, ...], str] = {}
for _phrases, _kind in (
    ("за даними|за оцінками|за словами|за інформацією|за повідомленням|за версією|за підрахунками|за оцінкою|"
     "за інформацією|згідно з|згідно із|відповідно до|як повідомляє|як повідомила|як повідомив|як повідомили|"
     "як заявили|як заявив|як заявила|на думку|за даними джерел|за заявою|"
     "по данным|по оценкам|по словам|по информации|по мнению|по оценке|по сведениям|согласно|как сообщает|"
     "как сообщил|как сообщила|как сообщили|как заявил|как заявили|по подсчетам|"
     "according to|as reported by|in the words of|per", "claim"),
    ("з посиланням на|із посиланням на|посилаючись на|со ссылкой на|ссылаясь на|citing|quoting|"
     "як передає|как передает|as cited by", "citation"),
    ("в інтерв'ю|в інтерв'ю виданню|в інтерв'ю телеканалу|у інтерв'ю|у коментарі|в коментарі|в ефірі|у ефірі|"
     "в интервью|в эфире|in an interview with|in an interview on|during an interview on|interview on|"
     "interview with|in comments to", "outlet"),
    ("за його словами|за її словами|за їхніми словами|за їх словами|за його даними|за її даними|"
     "за його оцінками|за його інформацією|по его словам|по ее словам|по их словам|по его данным|"
     "по его оценкам|по ее данным|according to him|according to her|he said|she said", "pronoun"),
):
    for _p in _phrases.split("|"):
        ATTRIBUTION_PHRASES[tuple(_p.split())] = _kind
PRONOUNS = _set("він вона вони його її їх їхній їхніми їхнім он она они его ее их he she they his her their")
#: Backward reference: the sentence attributes what came before ("Про це повідомляє X").
BACKWARD = (("про", "це"), ("об", "этом"), ("ці", "дані"), ("эти", "данные"), ("this", "was", "reported"),
            ("these", "figures"), ("джерело", ":"), ("source", ":"), ("источник", ":"))
#: Sentence openings that begin background (older facts, not the report's news).
BACKGROUND_OPENERS = (("нагадаємо",), ("нагадуємо",), ("раніше",), ("також", "раніше"), ("як", "відомо"),
                      ("що", "відомо"), ("передісторія",), ("що", "передувало"), ("напомним",), ("ранее",),
                      ("как", "известно"), ("earlier",), ("previously",), ("background",))
#: Hedges: what the sentence says is possible, not asserted.
HEDGES = _set("""
ймовірно імовірно можливо може можуть міг могли могла мабуть нібито вірогідно
вероятно возможно может могут мог могли якобы
could may might possibly probably likely perhaps would
""")
#: Groups that speak without a name ("Аналітики кажуть") -> the id of the group source.
GROUPS = {"аналітик": "analysts", "аналитик": "analysts", "analyst": "analysts", "експерт": "experts",
          "эксперт": "experts", "expert": "experts", "посадовець": "officials", "чиновник": "officials",
          "official": "officials", "спостерігач": "observers", "наблюдатель": "observers", "observer": "observers"}
#: Person titles, as lemmas: a capitalised name after one is a person.
TITLES = _set("""
депутат депутатка посол посланник міністр міністерка президент прем'єр-міністр прем'єр речник речниця представник
представниця генерал командувач командир заступник керівник керівниця очільник очільниця голова секретар лідер
спікер аналітик експерт член дипломат посадовець начальник директор глава радник радниця віце-прем'єр журналіст
кореспондент полковник підполковник майор капітан лейтенант сержант адмірал маршал губернатор мер координатор
прессекретар прес-секретар аташе дослідник професор політолог оглядач редактор парламентар законодавець
сенатор конгресмен віцепрезидент віце-президент військовий офіцер
депутат посол министр президент премьер-министр представитель генерал командующий командир заместитель
руководитель глава секретарь лидер спикер аналитик эксперт член дипломат чиновник начальник директор советник
журналист корреспондент полковник адмирал маршал губернатор мэр координатор пресс-секретарь сенатор
конгрессмен парламентарий законодатель офицер
president minister spokesman spokeswoman spokesperson ambassador lawmaker legislator general leader chief
director secretary official commander envoy analyst deputy colonel admiral senator congressman governor mayor
adviser advisor coordinator chairman head expert researcher professor correspondent reporter premier
""")
#: Words before a title that make it somebody else's ("заступник начальника ГУР" is not the head of HUR).
NOT_THE_HOLDER = _set("заступник заступниця колишній екс заместитель бывший deputy former vice ex")
#: Head nouns of organisation names.
ORG_HEADS = _set("""
міністерство служба управління агентство комітет рада інститут група команда центр фонд організація партія
штаб сили армія флот парламент уряд департамент бюро комісія корпус бригада дивізія полк альянс союз асамблея
збори адміністрація офіс розвідка прокуратура поліція гвардія
министерство служба управление агентство комитет совет институт группа команда центр фонд организация
партия штаб силы армия флот парламент правительство департамент бюро комиссия корпус бригада дивизия полк
альянс союз ассамблея администрация офис разведка прокуратура полиция гвардия
ministry service agency committee council institute group team center centre fund organization organisation
party staff forces army fleet parliament government department bureau commission corps brigade division
alliance union assembly administration office command
""")
#: Prepositions before a place named as a place ("у Москві", "до Росії", "in Seoul").
PLACE_PREPOSITIONS = _set("""
у в до на біля поблизу під через по вздовж уздовж всередині
во около возле под близ вблизи
in at to into near inside outside around across throughout toward towards
""")
#: Prepositions meaning 'from' (a place when the noun is genitive).
FROM_PREPOSITIONS = _set("з із зі від из с со from")
CONJUNCTIONS = _set("і й та и а and or або или")
#: Verbs whose object is a place ("відвідала Москву", "visited Pyongyang").
VISIT_VERBS = _set("відвідати відвідувати посетить посещать visit visited прибути прибыть arrive")
#: Adjectives naming a country ("за даними південнокорейської розвідки", "according to South Korean estimates").
DEMONYMS = {"південнокорейський": "south_korea", "північнокорейський": "north_korea", "український": "ukraine",
            "російський": "russia", "американський": "united_states", "китайський": "china",
            "южнокорейский": "south_korea", "северокорейский": "north_korea", "украинский": "ukraine",
            "российский": "russia", "американский": "united_states", "китайский": "china",
            "ukrainian": "ukraine", "russian": "russia", "american": "united_states", "chinese": "china"}
#: Two-word English demonyms.
DEMONYM_PAIRS = {("south", "korean"): "south_korea", ("north", "korean"): "north_korea", ("u.s.",): "united_states"}
