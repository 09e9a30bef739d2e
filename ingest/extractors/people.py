"""People and organisations the gazetteer does not know, found by pattern, and short-name coreference.

- a title and a capitalised name: "Депутат Південної Кореї Лі Сон Квен", "посол Росії … Олександр Мацегора",
  "spokesman Jeon Ha-kyu", "члени палати … Пак Сон Вон і Лі Сон Квен" (coordinated names share the title);
- Latin-script names in Cyrillic text ("The War Zone", "Reuters") and Cyrillic acronyms ("ГУР") as
  organisations; names headed by an organisation noun ("Парламентський комітет …");
- a surname or family name alone ("Кім", "Шойгу") refers to the person named in full in the same report.

New actors get an id from the normalised (nominative) name transliterated with translitua, and known=False.
"""

from __future__ import annotations

import re

from translitua import RussianSimple, UkrainianKMU, translit

from ingest.context import Context, Mention
from ingest.cues import CONJUNCTIONS, ORG_HEADS, OUTLET_VERBS, TITLES
from ingest.dates import MONTHS, WEEKDAYS
from ingest.extractors.actors import add_mention
from ingest.morph import nominative
from ingest.nlp import Token
from ingest.records import Actor
from ontology.iris import slugify

LATIN_STOP = frozenset({"the", "of", "and", "for", "on", "in", "de", "la", "du"})
#: Common acronyms that are not organisations.
ACRONYM_STOP = frozenset({"ЗМІ", "СМИ", "ВВП", "БПЛА", "ППО", "ПВО", "ЗРК", "РСЗВ", "РЛС", "ОВТ", "ІТ", "ЗМИ", "ВПК",
                          "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XX", "XXI", "ТОТ", "ОРДЛО"})
NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset({"said", "says", "told", "president"})


def english_name(name: str, lang: str) -> str:
    """The name in Latin script: transliterated from Ukrainian (KMU 2010) or Russian, Latin kept."""
    if name.isascii():
        return name
    return translit(name, RussianSimple if lang == "ru" else UkrainianKMU)


def mint_id(name: str, lang: str) -> str:
    """A readable id from a normalised name: "Лі Сон Квен" -> "li_son_kven"."""
    return slugify(english_name(name, lang)).replace("-", "_") or "unnamed"


def _covered(ctx: Context) -> set[int]:
    return ctx.covered()


def _name_token(tok: Token) -> bool:
    return tok.is_cap and tok.is_alpha and tok.lower not in NOT_NAMES and not (tok.lemmas & (TITLES | ORG_HEADS))


def _name_run(tokens: list[Token], k: int, covered: set[int]) -> int:
    """End of a run of capitalised name tokens from k (hyphenated parts joined, at most four words)."""
    end = k
    words = 0
    while end < len(tokens) and words < 4 and tokens[end].i not in covered and _name_token(tokens[end]):
        end += 1
        words += 1
        if end + 1 < len(tokens) and tokens[end].text == "-" and tokens[end - 1].end == tokens[end].start \
                and tokens[end].end == tokens[end + 1].start and tokens[end + 1].is_alpha:
            end += 2
    return end


def _looks_like_person(run: list[Token], lang: str) -> bool:
    alpha = [t for t in run if t.is_alpha]
    if not alpha or any(t.is_upper and len(t.text) > 1 for t in alpha):
        return False
    if lang == "en" or all(t.text.isascii() for t in alpha):
        return len(alpha) >= 2
    return any(t.info.is_name or not t.info.known for t in alpha) or len(alpha) >= 2


def _new_actor(ctx: Context, run: list[Token], kind: str, role: str | None) -> str:
    lang = ctx.lang
    if kind == "Person":
        words = [nominative(t.text, lang) if t.is_alpha else t.text for t in run]
    else:
        words = [t.text for t in run]
    surface = ""
    for t, w in zip(run, words, strict=True):
        surface += w + (" " if t.space_after else "")
    surface = surface.strip()
    actor_id = mint_id(surface, lang)
    latin = english_name(surface, lang).lower()
    for entry in ctx.gazetteer.values():
        if latin in {entry.name.lower(), *(a.lower() for a in entry.aliases.get("en", ()))}:
            return entry.id
    if actor_id in ctx.gazetteer:
        actor_id += "_" + kind.lower()
    if actor_id not in ctx.actors:
        ctx.actors[actor_id] = Actor(id=actor_id, name=english_name(surface, lang), kind=kind, known=False,
                                     labels={lang: surface, "en": english_name(surface, lang)}, role=role)
    return actor_id


def _name_after_title(ctx: Context, tokens: list[Token], k: int, covered: set[int]) -> int | None:
    """Position of the name a title at k introduces: the first capitalised name token after it, skipping the
    title's complements ("посол Росії в Північній Кореї …"); None when a known person, a verb or punctuation
    comes first."""
    reach = 1 if ctx.lang == "en" else 10
    j = k + 1
    while j < len(tokens) and j - k <= reach:
        tok = tokens[j]
        if tok.i in covered:
            mention = next(m for m in ctx.mentions_in(tok.sent) if m.start <= tok.i < m.end)
            if ctx.kind(mention.actor_id) == "Person":
                return None
            j = max(j + 1, mention.end - tokens[0].i)
            continue
        if tok.lemmas & TITLES and (tok.is_cap or ctx.lang != "en"):
            j += 1
            continue
        if _name_token(tok):
            return j
        if (tok.is_punct and tok.text not in "()") or tok.info.pos == "VERB":
            return None
        j += 1
    return None


def find_titled_people(ctx: Context) -> None:
    """A title ("депутат", "посол", "spokesman") followed, within its clause, by a capitalised name."""
    for sentence in ctx.doc.sentences:
        tokens = sentence.tokens
        k = 0
        while k < len(tokens):
            if not tokens[k].lemmas & TITLES:
                k += 1
                continue
            j = _name_after_title(ctx, tokens, k, _covered(ctx))
            if j is None:
                k += 1
                continue
            for run_start in _coordinated_runs(tokens, j, _covered(ctx)):
                end = _name_run(tokens, run_start, _covered(ctx))
                run = tokens[run_start:end]
                if not run or not _looks_like_person(run, ctx.lang):
                    break
                actor_id = _new_actor(ctx, run, "Person", tokens[k].lemma)
                add_mention(ctx, Mention(run[0].i, run[-1].i + 1, actor_id, "pattern", sentence.index))
            k = j + 1


def _coordinated_runs(tokens: list[Token], j: int, covered: set[int]) -> list[int]:
    """Starts of a name run at j and of names coordinated with it ("Пак Сон Вон і Лі Сон Квен")."""
    starts = [j]
    end = _name_run(tokens, j, covered)
    while end + 1 < len(tokens) and tokens[end].lower in CONJUNCTIONS and _name_token(tokens[end + 1]):
        starts.append(end + 1)
        end = _name_run(tokens, end + 1, covered)
    return starts


def _add_organisation(ctx: Context, run: list[Token], role: str | None, sentence: int, covered: set[int]) -> None:
    """A new organisation named by the tokens of `run`: its actor, its mention, and its tokens marked covered."""
    actor_id = _new_actor(ctx, run, "Organization", role)
    add_mention(ctx, Mention(run[0].i, run[-1].i + 1, actor_id, "pattern", sentence))
    covered.update(range(run[0].i, run[-1].i + 1))


def find_organisations(ctx: Context) -> None:
    """Latin-script names in Cyrillic text, acronyms, and capitalised names headed by an organisation noun."""
    if ctx.lang == "en":
        return
    covered = _covered(ctx)
    for sentence in ctx.doc.sentences:
        tokens = sentence.tokens
        k = 0
        while k < len(tokens):
            tok = tokens[k]
            if tok.i in covered:
                k += 1
                continue
            end = k
            if tok.text.isascii() and tok.is_alpha and not _hyphen_bound(tokens, k):
                end = k
                while end < len(tokens) and tokens[end].i not in covered and tokens[end].text.isascii() and (
                        tokens[end].is_alpha and (tokens[end].is_cap or tokens[end].lower in LATIN_STOP)):
                    end += 1
                while end > k and tokens[end - 1].lower in LATIN_STOP:
                    end -= 1
                after_outlet_verb = k > 0 and bool(tokens[k - 1].lemmas & OUTLET_VERBS)
                if end == k and after_outlet_verb:
                    end = k + 1
                if end > k and (len(tokens[k].text) > 1 or end - k > 1):
                    _add_organisation(ctx, tokens[k:end], "outlet" if after_outlet_verb else None,
                                      sentence.index, covered)
                    k = end
                    continue
            elif tok.is_upper and tok.is_alpha and 2 <= len(tok.text) <= 6 and not _hyphen_bound(tokens, k) \
                    and tok.text not in ACRONYM_STOP:
                _add_organisation(ctx, [tok], None, sentence.index, covered)
            elif tok.is_cap and (tok.lemmas & ORG_HEADS or (k + 1 < len(tokens) and tokens[k + 1].lemmas & ORG_HEADS
                                                            and tok.info.pos == "ADJF")):
                end = _org_phrase_end(tokens, k, covered)
                if end - k >= 2:
                    _add_organisation(ctx, tokens[k:end], None, sentence.index, covered)
                    k = end
                    continue
            k += 1


def _hyphen_bound(tokens: list[Token], k: int) -> bool:
    """The token is glued by a hyphen to a neighbour ("IT-фахівців")."""
    return (k + 1 < len(tokens) and tokens[k + 1].text == "-" and tokens[k].end == tokens[k + 1].start) or (
        k > 0 and tokens[k - 1].text == "-" and tokens[k - 1].end == tokens[k].start)


def _org_phrase_end(tokens: list[Token], k: int, covered: set[int]) -> int:
    end = k + 1
    while end < len(tokens):
        tok = tokens[end]
        if tok.i in covered:
            end += 1
            continue
        if tok.is_punct or not tok.is_alpha or tok.info.pos == "VERB" or tok.info.pos in ("PREP", "CONJ", "ADVB"):
            break
        if not ("gent" in tok.info.tags or tok.lemmas & ORG_HEADS or tok.info.pos == "ADJF"):
            break
        end += 1
    while end > k + 1 and tokens[end - 1].info.pos == "ADJF" and tokens[end - 1].i not in covered:
        end -= 1
    return end


def resolve_short_names(ctx: Context) -> None:
    """A capitalised family name or surname alone refers to the person named in full in the report."""
    keys: dict[str, set[str]] = {}
    for mention in ctx.mentions:
        if ctx.kind(mention.actor_id) != "Person" or mention.end - mention.start < 2 or mention.how not in (
                "label", "alias", "pattern"):
            continue
        words = [t for t in ctx.doc.tokens[mention.start:mention.end] if t.is_alpha]
        for tok in (words[0], words[-1]) if words else ():
            for key in tok.lemmas | {tok.lower}:
                keys.setdefault(key, set()).add(mention.actor_id)
    if not keys:
        return
    covered = _covered(ctx)
    for tok in ctx.doc.tokens:
        if tok.i in covered or not tok.is_cap or not tok.is_alpha or len(tok.text) < 2:
            continue
        ids = set().union(*(keys.get(k, set()) for k in tok.lemmas | {tok.lower}))
        if len(ids) == 1 and not re.match(r"^(The|A|An)$", tok.text):
            add_mention(ctx, Mention(tok.i, tok.i + 1, ids.pop(), "coref", tok.sent))


def extract_new_actors(ctx: Context) -> None:
    """Unknown people and organisations by pattern, then short-name coreference."""
    find_titled_people(ctx)
    find_organisations(ctx)
    resolve_short_names(ctx)
