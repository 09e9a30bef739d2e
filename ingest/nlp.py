"""The NLP layer: paragraphs, sentences and tokens with lemmas over the normalised report text.

Offsets are character offsets into the text given (normalisation keeps them valid into `Report.text`). Tokens
come from spaCy's blank tokenizer for the language (no model weights), lemmas and tags from `ingest.morph`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import spacy

from ingest.morph import WordInfo, analyse, fold
from ingest.normalize import normalize

#: Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(re.findall(
    r"\S+",
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr gen lt col sgt st no vs etc inc corp jr sr "
    "тис тыс млн млрд р рр ст ім див т.зв ген проф ін інш см г гг ул вул пл тов им т.е т.д т.п",
))

_BOUNDARY = re.compile(r"""[.!?]+["')\]]*(?=\s+["(\[]?[A-ZА-ЯІЇЄҐЁ0-9"(\[-])|[.!?]+(?=[A-ZА-ЯІЇЄҐЁ][a-zа-яіїєґё])""")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Token:
    """A token with its offsets into the text and its morphology."""

    i: int  # index in the document
    text: str  # the normalised token text
    start: int
    end: int
    info: WordInfo
    sent: int  # sentence index
    space_after: bool
    lower: str = ""  # lower case with ё folded to е (set by `make_token`)

    @property
    def lemma(self) -> str:
        """The most likely lemma."""
        return self.info.lemma

    @property
    def lemmas(self) -> frozenset[str]:
        """Every possible lemma and the lower-cased form."""
        return self.info.lemmas

    @property
    def is_cap(self) -> bool:
        """Starts with an upper-case letter."""
        return self.text[:1].isupper()

    @property
    def is_upper(self) -> bool:
        """All letters upper case (an acronym such as КНДР or NIS)."""
        return self.text.isupper() and len(self.text) > 1

    @property
    def is_alpha(self) -> bool:
        """Letters only (apostrophes allowed inside)."""
        return self.text.replace("'", "").isalpha()

    @property
    def is_punct(self) -> bool:
        """Punctuation only."""
        return not any(ch.isalnum() for ch in self.text)


@dataclass
class Sentence:
    """A sentence: a range of tokens, its paragraph, and whether it is a heading line."""

    index: int
    start: int
    end: int
    tokens: list[Token]
    paragraph: int
    first_in_paragraph: bool
    heading: bool = False
    headline: bool = False  # the report's title line


@dataclass
class Doc:
    """An analysed text."""

    text: str  # the text as given
    norm: str  # the normalised text, same length
    lang: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def span_text(self, start: int, end: int) -> str:
        """The original text between two offsets."""
        return self.text[start:end]


@lru_cache(maxsize=4)
def tokenizer(lang: str) -> Any:
    """spaCy's rule-based tokenizer for 'uk', 'ru' or 'en' (a blank pipeline, no model)."""
    return spacy.blank(lang if lang in ("uk", "ru", "en") else "xx").tokenizer


def split_paragraphs(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line."""
    out = []
    for match in re.finditer(r"[^\n]+", norm):
        text = match.group(0)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            out.append((match.start() + lead, match.start() + len(text.rstrip())))
    return out


def split_sentences(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets inside one paragraph, by punctuation, capitals and an abbreviation list."""
    spans = []
    cursor = start
    chunk = norm[start:end]
    for match in _BOUNDARY.finditer(chunk):
        stop = start + match.end()
        before = _WORD_BEFORE.search(norm[cursor:start + match.start()])
        word = before.group(1).lower().strip(".") if before else ""
        if word in ABBREVIATIONS or re.fullmatch(r"(\w\.)*\w", word) and len(word) <= 3 and "." in word:
            continue
        if before and len(before.group(1)) == 1 and before.group(1).isupper() and match.group(0) == ".":
            continue  # an initial: "В. Зеленський"
        spans.append((cursor, stop))
        cursor = stop
        while cursor < end and norm[cursor].isspace():
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if norm[s:e].strip()]


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    if not stripped or len(stripped) >= 120:
        return False
    if stripped.endswith(":"):
        return True
    return stripped[-1] not in '.!?"' and ": " not in stripped


def analyse_text(text: str, lang: str) -> Doc:
    """Normalise, split and tokenise `text`; every token gets its (cached) morphology."""
    norm = normalize(text)
    doc = Doc(text=text, norm=norm, lang=lang)
    tok = tokenizer(lang)
    for p_index, (p_start, p_end) in enumerate(split_paragraphs(norm)):
        sentence_spans = split_sentences(norm, p_start, p_end)
        for k, (s_start, s_end) in enumerate(sentence_spans):
            s_index = len(doc.sentences)
            tokens: list[Token] = []
            for t in tok(norm[s_start:s_end]):
                if t.is_space:
                    continue
                start = s_start + t.idx
                tokens.append(Token(i=len(doc.tokens) + len(tokens), text=t.text, start=start,
                                    end=start + len(t.text), info=analyse(t.text, lang), sent=s_index,
                                    space_after=bool(t.whitespace_), lower=fold(t.text)))
            if not tokens:
                continue
            doc.tokens.extend(tokens)
            heading = p_index > 0 and len(sentence_spans) == 1 and _is_heading(norm[s_start:s_end])
            headline = p_index == 0 and len(sentence_spans) == 1 and norm[s_end - 1] not in ".!?"
            doc.sentences.append(Sentence(index=s_index, start=s_start, end=s_end, tokens=tokens,
                                          paragraph=p_index, first_in_paragraph=k == 0, heading=heading,
                                          headline=headline))
    return doc


def phrase_lemma(text: str, lang: str) -> str:
    """A phrase with every word in its most likely lemma: "Курській області" -> "курський область",
    "Кім Чен Ином" -> "кім чен ин" (for comparing names whatever their case)."""
    return " ".join(analyse(t.text, lang).lemma for t in tokenizer(lang)(normalize(text)) if not t.is_space)
