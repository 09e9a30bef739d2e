"""Character-for-character normalisation: apostrophes, quotes, dashes, spaces and Latin look-alikes in Cyrillic
words are unified without changing the length of the text, so every offset into the normalised text is also an
offset into `Report.text`.
"""

from __future__ import annotations

import re

#: One character for one character: the normalised text has exactly the length of the original.
CHAR_MAP = str.maketrans({
    # apostrophes and single quotes used as apostrophes
    "\u2019": "'", "\u02bc": "'", "\u2018": "'", "\u0060": "'", "\u00b4": "'", "\u2032": "'", "\u02b9": "'",
    "\uff07": "'", "\u201b": "'",
    # double quotes and guillemets
    "\u00ab": '"', "\u00bb": '"', "\u201e": '"', "\u201c": '"', "\u201d": '"', "\u2033": '"', "\u201f": '"',
    # dashes and minus signs
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-",
    # spaces
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ", "\u200a": " ",
    "\t": " ",
    # ellipsis as one full stop
    "\u2026": ".",
})

#: Latin letters that look like Cyrillic ones, replaced only inside words that mix both scripts.
LOOKALIKES = str.maketrans({
    "a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х", "y": "у",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х",
})
_MIXED_WORD = re.compile(r"\b(?=\w*[а-яіїєґё])(?=\w*[a-z])\w+\b", re.IGNORECASE)


def _fix_mixed(match: re.Match[str]) -> str:
    return match.group(0).translate(LOOKALIKES)


def normalize(text: str) -> str:
    """Unify apostrophes (’ ʼ ‘ → '), quotes (« » “ ” → "), dashes (– — → -), exotic spaces and Latin
    look-alike letters inside Cyrillic words. The result has the same length as `text`."""
    out = text.translate(CHAR_MAP)
    if _MIXED_WORD.search(out):
        out = _MIXED_WORD.sub(_fix_mixed, out)
    assert len(out) == len(text)
    return out
