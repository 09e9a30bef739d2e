"""Language routing: tell Ukrainian, Russian and English text apart by their letters."""

from __future__ import annotations

import re

UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
CYRILLIC = re.compile(r"[а-яА-Я]")
LATIN = re.compile(r"[a-zA-Z]")


def detect_language(text: str) -> str:
    """'uk', 'ru' or 'en' from letter statistics (letters unique to Ukrainian or Russian decide)."""
    cyrillic = len(CYRILLIC.findall(text))
    latin = len(LATIN.findall(text))
    if latin > cyrillic:
        return "en"
    uk = len(UKRAINIAN_ONLY.findall(text))
    ru = len(RUSSIAN_ONLY.findall(text))
    return "ru" if ru > uk else "uk"
