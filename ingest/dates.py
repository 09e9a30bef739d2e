"""The date grammar: dates in Ukrainian, Russian and English text resolved against the report date.

"4 листопада", "11 січня 2025 року", "у жовтні 2024 року", "станом на серпень 2025 року", "від вересня",
"з жовтня минулого року", "минулого року", "у минулому місяці", "у п'ятницю", "влітку 2024 року",
"наприкінці грудня", "Dec. 27", "June 18", "in October 2024", "last month", "on Monday", "в прошлом году" …
A date without a year takes the year that puts it on or before the report date. Each match also says its role:
a point in time, the start of a period ("від", "since"), its end ("до", "until") or an explicit as-of date
("станом на", "as of").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.morph import fold
from ingest.nlp import Token
from ingest.records import DateValue

MONTHS: dict[str, int] = {}
for _n, _names in enumerate((
    "січень январь january jan", "лютий февраль february feb", "березень март march mar",
    "квітень апрель april apr", "травень май may", "червень июнь june jun", "липень июль july jul",
    "серпень август august aug", "вересень сентябрь september sep sept", "жовтень октябрь october oct",
    "листопад ноябрь november nov", "грудень декабрь december dec",
), start=1):
    for _name in _names.split():
        MONTHS[_name] = _n
ENGLISH_MONTH_WORDS = frozenset(k for k in MONTHS if k.isascii())
WEEKDAYS: dict[str, int] = {}
for _n, _names in enumerate((
    "понеділок понедельник monday", "вівторок вторник tuesday", "середа среда wednesday",
    "четвер четверг thursday", "п'ятниця пятница friday", "субота суббота saturday",
    "неділя воскресенье sunday",
)):
    for _name in _names.split():
        WEEKDAYS[_name] = _n
SEASONS = {"влітку": 6, "літом": 6, "летом": 6, "summer": 6, "восени": 9, "осенью": 9, "autumn": 9, "fall": 9,
           "взимку": 12, "зимою": 12, "зимой": 12, "winter": 12, "навесні": 3, "весною": 3, "весной": 3,
           "spring": 3, "літо": 6, "осінь": 9, "зима": 12, "весна": 3, "лето": 6, "осень": 9}
YEAR_WORDS = frozenset({"року", "рік", "році", "роком", "р", "р.", "рр", "году", "года", "год", "г", "г.", "гг"})
PREPOSITIONS = frozenset({"у", "в", "во", "in", "on", "of", "since", "from", "з", "із", "від", "с", "со", "до",
                          "by", "until", "за", "на", "starting", "through", "after", "before", "early", "late",
                          "mid", ","})
MODIFIERS = ("на початку", "наприкінці", "в кінці", "у кінці", "в середині", "у середині", "з середини",
             "з початку", "від початку", "до кінця", "в начале", "в конце", "в середине", "с начала", "до конца",
             "с середины", "early", "late", "mid", "the end of", "the beginning of", "the middle of", "end of",
             "beginning of", "in late", "in early", "in mid")
ROLE_WORDS: dict[tuple[str, ...], str] = {
    ("станом", "на"): "as_of", ("по", "состоянию", "на"): "as_of", ("as", "of"): "as_of",
    ("на", "момент"): "as_of",
    ("від",): "since", ("з",): "since", ("із",): "since", ("since",): "since", ("from",): "since",
    ("с",): "since", ("со",): "since", ("starting",): "since", ("починаючи", "з"): "since",
    ("начиная", "с"): "since", ("з", "середини"): "since", ("з", "початку"): "since", ("с", "начала"): "since",
    ("до",): "until", ("until",): "until", ("till",): "until", ("by",): "until", ("до", "кінця"): "until",
}
LAST = frozenset({"минулого", "минулому", "минулий", "прошлого", "прошлом", "прошлый", "last", "past",
                  "попереднього"})
THIS = frozenset({"цього", "цьому", "этого", "этом", "this", "поточного", "текущего"})
YEAR_NOUNS = frozenset({"рік", "року", "році", "год", "году", "года", "year"})
MONTH_NOUNS = frozenset({"місяця", "місяці", "місяць", "месяца", "месяце", "месяц", "month"})
WEEK_NOUNS = frozenset({"тижня", "тижні", "тиждень", "недели", "неделе", "неделю", "week"})
SINGLE_WORDS = {"торік": ("year", -1), "вчора": ("day", -1), "yesterday": ("day", -1), "вчера": ("day", -1),
                "позавчора": ("day", -2), "позавчера": ("day", -2), "сьогодні": ("day", 0), "today": ("day", 0),
                "сегодня": ("day", 0), "цьогоріч": ("year", 0)}
#: Words a date expression can start with (a quick filter before the grammar).
STARTERS = frozenset(MONTHS) | frozenset(SEASONS) | frozenset(SINGLE_WORDS) | frozenset(
    {"минулого", "минулому", "минулий", "прошлого", "прошлом", "прошлый", "last", "past", "попереднього", "цього",
     "цьому", "этого", "этом", "this", "поточного", "текущего", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.",
     "aug.", "sep.", "sept.", "oct.", "nov.", "dec."})
LEMMA_STARTERS = frozenset(MONTHS) | frozenset(WEEKDAYS)
YEAR_RE = re.compile(r"(19[5-9]\d|20[0-4]\d)")


@dataclass(frozen=True)
class DateMatch:
    """A date found in a token sequence; positions index that sequence, `end` is exclusive."""

    start: int
    end: int
    value: DateValue
    role: str  # point, since, until, as_of


def _w(tok: Token) -> str:
    return fold(tok.text)


def _month(tok: Token, lang: str) -> int | None:
    word = _w(tok).rstrip(".")
    if word in ENGLISH_MONTH_WORDS:
        if not tok.is_cap or (word in ("may", "march") and lang == "en" and not tok.text[0].isupper()):
            return None
        return MONTHS[word]
    for lemma in tok.lemmas:
        if lemma in MONTHS and not lemma.isascii():
            return MONTHS[lemma]
    return None


def _year(tokens: Sequence[Token], k: int) -> tuple[int, int] | None:
    """(year, end) when tokens[k] is a year, with an optional 'року'/'р.'/'года' after it."""
    if k >= len(tokens) or not YEAR_RE.fullmatch(tokens[k].text):
        return None
    end = k + 1
    if end < len(tokens) and _w(tokens[end]).rstrip(".") in {w.rstrip(".") for w in YEAR_WORDS}:
        end += 1
        if end < len(tokens) and tokens[end].text == "." and tokens[end - 1].text in ("р", "г"):
            end += 1
    return int(tokens[k].text), end


def _day(tok: Token) -> int | None:
    if re.fullmatch(r"\d{1,2}", tok.text) and 1 <= int(tok.text) <= 31:
        return int(tok.text)
    return None


def resolve(report: dt.date, month: int, day: int | None = None, year: int | None = None) -> DateValue:
    """A (day,) month (, year) as a DateValue; a missing year puts the date on or before the report date."""
    if year is None:
        year = report.year if (month, day or 1) <= (report.month, report.day) else report.year - 1
    if day is None:
        return DateValue(f"{year:04d}-{month:02d}", "month")
    try:
        return DateValue(dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return DateValue(f"{year:04d}-{month:02d}", "month")


def _shift_month(report: dt.date, months: int) -> DateValue:
    total = report.year * 12 + report.month - 1 + months
    return DateValue(f"{total // 12:04d}-{total % 12 + 1:02d}", "month")


def _relative_year(tokens: Sequence[Token], k: int, report: dt.date) -> tuple[int, int] | None:
    """'минулого року', 'в прошлом году', 'last year', 'цього року' at k: (year, end)."""
    if k + 1 < len(tokens) and _w(tokens[k]) in LAST | THIS and _w(tokens[k + 1]) in YEAR_NOUNS:
        return report.year - (1 if _w(tokens[k]) in LAST else 0), k + 2
    return None


def _match_at(tokens: Sequence[Token], k: int, lang: str, report: dt.date,
              context_year: int | None) -> tuple[DateValue, int] | None:
    tok = tokens[k]
    word = _w(tok)
    # day month [year] | day month relative-year
    day = _day(tok)
    if day is not None and k + 1 < len(tokens) and (month := _month(tokens[k + 1], lang)) is not None:
        year = _year(tokens, k + 2) or _relative_year(tokens, k + 2, report)
        return resolve(report, month, day, year[0] if year else None), (year[1] if year else k + 2)
    month = _month(tok, lang)
    if month is not None:
        nxt = k + 1
        if nxt < len(tokens) and tokens[nxt].text == "." and tok.text.isascii():
            nxt += 1
        day = _day(tokens[nxt]) if nxt < len(tokens) else None
        if day is not None and lang == "en":
            end = nxt + 1
            if end + 1 < len(tokens) and tokens[end].text == "," and _year(tokens, end + 1):
                year = _year(tokens, end + 1)
                assert year is not None
                return resolve(report, month, day, year[0]), year[1]
            if year := _year(tokens, end):
                return resolve(report, month, day, year[0]), year[1]
            return resolve(report, month, day), end
        year = _year(tokens, nxt) or _relative_year(tokens, nxt, report)
        if year:
            return resolve(report, month, None, year[0]), year[1]
        bare = lang == "en" and k > 0 and _w(tokens[k - 1]) not in PREPOSITIONS and not tok.text.isupper()
        if bare and (month in (5, 3) or _w(tokens[k - 1]) not in ("the", "of", "and")):
            return None
        return resolve(report, month), k + 1
    if word in SEASONS and (lang != "en" or (k > 0 and _w(tokens[k - 1]) in ("the", "in", "of", "this", "last"))):
        k2 = k + 1
        if lang == "en" and k2 + 1 < len(tokens) and _w(tokens[k2]) == "of" and _year(tokens, k2 + 1):
            k2 += 1
        year = _year(tokens, k2) or _relative_year(tokens, k2, report)
        if year:
            return DateValue(f"{year[0]:04d}", "year"), year[1]
        if context_year is not None:
            return DateValue(f"{context_year:04d}", "year"), k + 1
        start = SEASONS[word]
        return DateValue(f"{report.year if start <= report.month else report.year - 1:04d}", "year"), k + 1
    if word in SINGLE_WORDS:
        unit, delta = SINGLE_WORDS[word]
        if unit == "year":
            return DateValue(f"{report.year + delta:04d}", "year"), k + 1
        return DateValue((report + dt.timedelta(days=delta)).isoformat(), "day"), k + 1
    if word in LAST | THIS and k + 1 < len(tokens):
        noun = _w(tokens[k + 1])
        sign = -1 if word in LAST else 0
        if noun in YEAR_NOUNS:
            return DateValue(f"{report.year + sign:04d}", "year"), k + 2
        if noun in MONTH_NOUNS:
            return _shift_month(report, sign), k + 2
        if noun in WEEK_NOUNS:
            return _shift_month(report - dt.timedelta(days=7 * -sign), 0) if sign else \
                DateValue(f"{report.year:04d}-{report.month:02d}", "month"), k + 2
    weekday = next((WEEKDAYS[lemma] for lemma in tok.lemmas if lemma in WEEKDAYS), None)
    if weekday is not None and (tok.is_cap if lang == "en" else k > 0 and _w(tokens[k - 1]) in ("у", "в", "во")):
        back = (report.weekday() - weekday) % 7
        return DateValue((report - dt.timedelta(days=back)).isoformat(), "day"), k + 1
    if (year := _year(tokens, k)) is not None:
        has_word = year[1] > k + 1
        prev = _w(tokens[k - 1]) if k > 0 else ""
        if has_word or prev in PREPOSITIONS:
            return DateValue(f"{year[0]:04d}", "year"), year[1]
    return None


def _role_before(tokens: Sequence[Token], k: int) -> tuple[str, int]:
    for size in (3, 2, 1):
        if k - size >= 0:
            words = tuple(_w(t) for t in tokens[k - size:k])
            if words in ROLE_WORDS:
                return ROLE_WORDS[words], k - size
    return "point", k


def _modifier_before(tokens: Sequence[Token], k: int) -> int:
    for phrase in MODIFIERS:
        words = phrase.split()
        if k - len(words) >= 0 and [_w(t) for t in tokens[k - len(words):k]] == words:
            return k - len(words)
    return k


def find_dates(tokens: Sequence[Token], lang: str, report_date: str,
               context_year: int | None = None) -> list[DateMatch]:
    """Every date expression in `tokens` (a sentence) resolved against `report_date` (YYYY-MM-DD).
    `context_year` is the year of the narrative so far (for a season named without a year)."""
    report = dt.date.fromisoformat(report_date)
    out: list[DateMatch] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if not (tok.text[:1].isdigit() or tok.lower in STARTERS or tok.lemmas & LEMMA_STARTERS):
            k += 1
            continue
        found = _match_at(tokens, k, lang, report, context_year)
        if found is None:
            k += 1
            continue
        value, end = found
        start = _modifier_before(tokens, k)
        role, role_start = _role_before(tokens, start)
        if role == "point":
            role2, role_start2 = _role_before(tokens, k)
            if role2 != "point":
                role, role_start = role2, role_start2
        if start < k and role == "point" and _w(tokens[start]) in ("з", "с", "from"):
            role = "since"
        out.append(DateMatch(start=min(start, role_start), end=end, value=value, role=role))
        k = end
    return out


def in_participle_phrase(tokens: Sequence[Token], match: DateMatch) -> bool:
    """The date belongs to a participle phrase ("договір, підписаний 19 червня", "захоплених у січні") and
    dates that phrase, not the sentence's main event."""
    return any(t.info.pos in ("PRTF", "PRTS") or {"pssv", "PRTF"} & t.info.best_tags
               for t in tokens[max(match.start - 2, 0):match.start])
