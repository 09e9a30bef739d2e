"""Matching the gazetteer on lemmas: every label, alias and title of every entry is tokenised and lemmatised
once, and a report's tokens are matched against them left to right, longest match first, so "Північній Кореї",
"Кім Чен Ином" and "Сеула" find their entries. Inner matches of a longer name ("Міністерства оборони України"
inside "Головного управління розвідки Міністерства оборони України") are reported as nested.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ingest.morph import analyse, fold
from ingest.nlp import Token, tokenizer
from ingest.normalize import normalize
from ontology.gazetteer import GazetteerEntry, load_gazetteer

HOW_RANK = {"label": 0, "alias": 1, "title": 2, "surname": 3}
FAMILY_NAME_FIRST = frozenset({"north_korea", "south_korea", "china"})


@dataclass(frozen=True)
class Pattern:
    """One tokenised surface form of an entry."""

    entry_id: str
    how: str  # label, alias, title or surname
    keys: tuple[frozenset[str], ...]  # per token: lemmas and the lower-cased form
    case: tuple[str, ...]  # per token: 'exact' (acronyms), 'cap' (capitalised) or 'any'
    texts: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class GazMatch:
    """A gazetteer match over tokens[start:end] (document token indices)."""

    start: int
    end: int
    entry_id: str
    how: str
    nested: bool = False


def _case(text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return "exact"
    if letters and text[0].isupper():
        return "cap"
    return "any"


def _script_ok(form: str, lang: str, form_lang: str) -> bool:
    if form_lang == lang:
        return True
    return form.isascii()  # Latin forms ("NIS", "KCNA", "Euractiv") are matched in every language


def _pattern(entry_id: str, how: str, form: str, form_lang: str) -> Pattern | None:
    words = [t.text for t in tokenizer(form_lang)(normalize(form)) if not t.is_space]
    if not words:
        return None
    keys = tuple(analyse(w, form_lang).lemmas | {fold(w)} for w in words)
    return Pattern(entry_id, how, keys, tuple(_case(w) for w in words), tuple(words))


def _surname(entry: GazetteerEntry, label: str) -> str | None:
    words = label.split()
    if len(words) < 2:
        return None
    word = words[0] if entry.country in FAMILY_NAME_FIRST else words[-1]
    return word if len(word) >= 3 else None


@lru_cache(maxsize=8)
def _index(lang: str, entries_id: int) -> dict[str, list[Pattern]]:
    entries = _entries_by_id[entries_id]
    index: dict[str, list[Pattern]] = {}
    surnames: dict[tuple[str, str], set[str]] = {}
    for entry in entries.values():
        for form_lang in ("uk", "ru", "en"):
            for form, how in entry.surface_forms(form_lang):
                if not _script_ok(form, lang, form_lang):
                    continue
                pattern = _pattern(entry.id, how, form, form_lang)
                if pattern is not None:
                    for key in pattern.keys[0]:
                        index.setdefault(key, []).append(pattern)
            if entry.kind == "Person" and form_lang in entry.labels and _script_ok(entry.labels[form_lang], lang,
                                                                                   form_lang):
                surname = _surname(entry, entry.labels[form_lang])
                if surname:
                    surnames.setdefault((surname, form_lang), set()).add(entry.id)
    for (surname, form_lang), ids in surnames.items():
        if len(ids) == 1:
            pattern = _pattern(next(iter(ids)), "surname", surname, form_lang)
            if pattern is not None:
                for key in pattern.keys[0]:
                    index.setdefault(key, []).append(pattern)
    return index


_entries_by_id: dict[int, dict[str, GazetteerEntry]] = {}


def index_for(lang: str, entries: dict[str, GazetteerEntry] | None = None) -> dict[str, list[Pattern]]:
    """The lemma index of the gazetteer for texts in `lang` (built once per gazetteer and language)."""
    entries = entries if entries is not None else load_gazetteer()
    _entries_by_id.setdefault(id(entries), entries)
    return _index(lang, id(entries))


def _token_ok(tok: Token, keys: frozenset[str], case: str, text: str) -> bool:
    if case == "exact":
        return tok.text == text or (tok.text.upper() == text and tok.text.isupper())
    if case == "cap" and not tok.text[:1].isupper():
        return False
    return bool(tok.lemmas & keys)


def _matches_at(tokens: Sequence[Token], i: int, limit: int, index: dict[str, list[Pattern]]) -> list[Pattern]:
    tok = tokens[i]
    seen: set[int] = set()
    found = []
    for key in tok.lemmas:
        for pattern in index.get(key, ()):
            if id(pattern) in seen or i + len(pattern) > limit:
                continue
            seen.add(id(pattern))
            if all(_token_ok(tokens[i + k], pattern.keys[k], pattern.case[k], pattern.texts[k])
                   for k in range(len(pattern))):
                if pattern.how == "surname" and i + 1 < limit and tokens[i + 1].is_cap and tokens[i + 1].is_alpha:
                    continue  # part of a longer name
                found.append(pattern)
    return found


def _best(patterns: list[Pattern]) -> Pattern:
    return min(patterns, key=lambda p: (-len(p), HOW_RANK.get(p.how, 9)))


def match_range(tokens: Sequence[Token], start: int, end: int, index: dict[str, list[Pattern]],
                exclude: tuple[int, int] | None = None) -> list[GazMatch]:
    """Greedy longest matches inside tokens[start:end] (never the span `exclude` itself)."""
    out = []
    i = start
    while i < end:
        found = [p for p in _matches_at(tokens, i, end, index)
                 if exclude is None or (i, i + len(p)) != exclude]
        if not found:
            i += 1
            continue
        best = _best(found)
        out.append(GazMatch(i, i + len(best), best.entry_id, best.how, nested=exclude is not None))
        i += len(best)
    return out


def match_gazetteer(tokens: Sequence[Token], sentences: Sequence[tuple[int, int]], lang: str,
                    entries: dict[str, GazetteerEntry] | None = None) -> list[GazMatch]:
    """Every gazetteer match in the document, sentence by sentence (`sentences` are token ranges), with the
    nested matches inside multi-word matches after their outer match."""
    index = index_for(lang, entries)
    out: list[GazMatch] = []
    for s_start, s_end in sentences:
        for match in match_range(tokens, s_start, s_end, index):
            out.append(match)
            out.extend(m for m in _nested(tokens, match, index, depth=2) if m.entry_id != match.entry_id)
    return out


def _nested(tokens: Sequence[Token], match: GazMatch, index: dict[str, list[Pattern]], depth: int) -> list[GazMatch]:
    """Matches inside a multi-word match, and inside those (to `depth` levels)."""
    if depth == 0 or match.end - match.start < 2:
        return []
    out = []
    for inner in match_range(tokens, match.start, match.end, index, exclude=(match.start, match.end)):
        out.append(inner)
        out.extend(_nested(tokens, inner, index, depth - 1))
    return out
