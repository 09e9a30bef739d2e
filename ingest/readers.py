"""Readers: files, folders, JSON / JSON lines and stdin become `Report` records.

Accepted inputs:
- the sample format: a file starting with ` date YYYY-MM-DD ` followed by the article text (headline first);
- plain text, with the date given by the caller (`--date`);
- JSON (one object or a list of objects) and JSON lines, each object with `text` and `date` and optionally
  `url`, `outlet`, `language`, `title`;
- a folder: every `*.txt`, `*.json` and `*.jsonl` file below it, in sorted order.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date as Date
from pathlib import Path

from ingest.language import detect_language
from ingest.records import LANGUAGES, Report

HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+", re.ASCII)
SUFFIXES = (".txt", ".json", ".jsonl", ".ndjson")

#: Whole lines that are page furniture, not article text.
FURNITURE_LINES = re.compile(
    r"^\s*(Реклама|Реклама\s*\d*|Advertisement|Реклама ↓|Читайте також.*|Read more.*|Фото:.*|Photo:.*)\s*$",
    re.IGNORECASE,
)
#: A photo credit that trails a headline: "Заголовок / © Associated Press".
CREDIT = re.compile(r"\s*/?\s*©\s*[^\n/]+$")


class InputError(ValueError):
    """Input that cannot be read as a report; the message says what was wrong and what is accepted."""


def parse_date(value: object, where: str) -> str:
    """Check a YYYY-MM-DD date and return it."""
    if not isinstance(value, str):
        raise InputError(f"{where}: 'date' must be a string YYYY-MM-DD, got {value!r}")
    try:
        return Date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise InputError(f"{where}: 'date' must be YYYY-MM-DD, got {value!r}") from exc


def clean_text(raw: str) -> tuple[str, str | None, tuple[str, ...]]:
    """NFC-normalise, drop page-furniture lines and a trailing photo credit on the headline.
    Returns (text, headline, noise)."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    noise: list[str] = []
    kept: list[str] = []
    for line in text.split("\n"):
        if FURNITURE_LINES.match(line):
            noise.append(line.strip())
            continue
        kept.append(line.rstrip())
    lines = kept
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    headline = None
    if first is not None:
        credit = CREDIT.search(lines[first])
        if credit:
            noise.append(credit.group(0).strip(" /"))
            lines[first] = lines[first][: credit.start()]
        headline = lines[first].strip() or None
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return cleaned, headline, tuple(noise)


def make_report(text: str, date: str, *, where: str, language: str | None = None, title: str | None = None,
                url: str | None = None, outlet: str | None = None) -> Report:
    """Build a Report from raw text and metadata, validating both."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: the report text is empty")
    iso = parse_date(date, where)
    cleaned, headline, noise = clean_text(text)
    if language is not None and language not in LANGUAGES:
        raise InputError(f"{where}: language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return Report(text=cleaned, date=iso, language=language or detect_language(cleaned),
                  title=title or headline, url=url, outlet=outlet, source=where, noise=noise)


def parse_sample(raw: str, where: str, date: str | None = None, language: str | None = None) -> Report:
    """A report in the sample format (` date YYYY-MM-DD ` header), or plain text with `date` given."""
    match = HEADER.match(raw)
    if match:
        return make_report(raw[match.end():], match.group(1), where=where, language=language)
    if date is None:
        raise InputError(f"{where}: no ' date YYYY-MM-DD ' header; give the date with --date, "
                         "or use JSON with a 'date' field")
    return make_report(raw, date, where=where, language=language)


def parse_json_object(obj: object, where: str) -> Report:
    """One JSON object with `text` and `date` (and optional url, outlet, language, title)."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object with 'text' and 'date', got {type(obj).__name__}")
    allowed = {"text", "date", "url", "outlet", "language", "title"}
    unknown = sorted(set(obj) - allowed - {"id", "source"})
    if unknown:
        raise InputError(f"{where}: unknown field(s) {unknown}; accepted: {sorted(allowed)}")
    for key in ("url", "outlet", "language", "title"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError(f"{where}: '{key}' must be a string")
    return make_report(obj.get("text", ""), obj.get("date"), where=where,  # type: ignore[arg-type]
                       language=obj.get("language"), title=obj.get("title"), url=obj.get("url"),
                       outlet=obj.get("outlet"))


def parse_json(raw: str, where: str) -> list[Report]:
    """A JSON document: one report object or a list of them."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc})") from exc
    items = data if isinstance(data, list) else [data]
    return [parse_json_object(item, f"{where}[{i}]" if isinstance(data, list) else where)
            for i, item in enumerate(items)]


def parse_json_lines(raw: str, where: str) -> list[Report]:
    """JSON lines: one report object per non-empty line."""
    reports = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}:{number}: not valid JSON ({exc})") from exc
        reports.append(parse_json_object(obj, f"{where}:{number}"))
    return reports


def parse_text(raw: str, where: str, *, fmt: str = "auto", date: str | None = None,
               language: str | None = None) -> list[Report]:
    """Parse text of a given format: auto, sample (also plain text with `date`), json or jsonl."""
    if fmt == "auto":
        stripped = raw.lstrip()
        if where.endswith((".jsonl", ".ndjson")):
            fmt = "jsonl"
        elif stripped.startswith(("{", "[")):
            first_line = stripped.split("\n", 1)[0].strip()
            fmt = "jsonl" if first_line.startswith("{") and first_line.endswith("}") and "\n{" in stripped \
                else "json"
        else:
            fmt = "sample"
    if fmt == "sample":
        return [parse_sample(raw, where, date=date, language=language)]
    if fmt == "json":
        return parse_json(raw, where)
    if fmt == "jsonl":
        return parse_json_lines(raw, where)
    raise InputError(f"unknown input format {fmt!r}; accepted: auto, sample, json, jsonl")


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to read: a file as given, a folder's report files recursively in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{path}: no such file or folder")


def read_paths(paths: Iterable[Path | str], *, fmt: str = "auto", date: str | None = None,
               language: str | None = None) -> list[Report]:
    """Read every report from files and folders; raises InputError before anything is stored."""
    reports: list[Report] = []
    for path in iter_files(Path(p) for p in paths):
        try:
            raw = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        reports.extend(parse_text(raw, str(path), fmt=fmt, date=date, language=language))
    return reports
