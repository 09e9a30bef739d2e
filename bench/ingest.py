"""Benchmark: extraction speed and memory on a synthetic corpus, and extraction + store when available.

    .venv/bin/python bench/ingest.py [--reports 2000] [--source DIR ...] [--seed 7] [--no-store] [--json]

The corpus recombines sentences of the sample reports (`../shared/reports` when present, else the reports in
`tests/data/extraction` and `ingest/samples`): each synthetic report takes a headline and 4-12 sentences of one
language, with every amount replaced by a random one (same digit grouping), person names swapped for other
names of the gazetteer, month names shifted and a random report date. It prints reports/s and words/s of
`ingest.extraction.extract` alone (one process, one core; per wall second and per CPU second, which differ on a
busy machine), the peak RSS of the process and the peak of Python allocations (tracemalloc, measured on a
separate sample because tracing slows everything down), then the same
for `ingest.pipeline.ingest_reports` into `store.open_store("memory")` when those exist.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.extraction import extract  # noqa: E402
from ingest.nlp import analyse_text  # noqa: E402
from ingest.readers import make_report, read_paths  # noqa: E402
from ingest.records import Report  # noqa: E402
from ontology.gazetteer import load_gazetteer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = (ROOT.parent / "shared" / "reports", ROOT / "tests" / "data" / "extraction" / "reports",
                   ROOT / "ingest" / "samples")
MONTHS = {
    "uk": ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
           "листопада", "грудня"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
NUMBER = re.compile(r"\d{1,3}(?:[ ,]\d{3})+|\d+(?:[.,]\d+)?")


def sentence_pool(sources: list[Path]) -> dict[str, list[str]]:
    """Sentences of every readable report under `sources`, by language (headlines kept apart as 'head:')."""
    pool: dict[str, list[str]] = {}
    for source in sources:
        if not source.exists():
            continue
        for report in read_paths([source]):
            doc = analyse_text(report.text, report.language)
            for sentence in doc.sentences:
                text = report.text[sentence.start:sentence.end].strip()
                if len(text) > 20:
                    key = f"head:{report.language}" if sentence.headline else report.language
                    pool.setdefault(key, []).append(text)
    return pool


def person_names() -> dict[str, list[str]]:
    """Person labels of the gazetteer per language (the names swapped in and out)."""
    names: dict[str, list[str]] = {"uk": [], "ru": [], "en": []}
    for entry in load_gazetteer().values():
        if entry.kind == "Person":
            for lang, label in entry.labels.items():
                names.setdefault(lang, []).append(label)
    return names


def vary(text: str, lang: str, rng: random.Random, names: dict[str, list[str]]) -> str:
    """The sentence with new amounts, other people and other months."""
    def _number(match: re.Match[str]) -> str:
        old = match.group(0)
        digits = re.sub(r"\D", "", old)
        if len(digits) == 4 and digits.startswith("20"):
            return rng.choice(["2024", "2025"])
        new = str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 1, 10 ** len(digits) - 1))
        if " " in old or "," in old and lang == "en":
            sep = " " if " " in old else ","
            new = f"{int(new):,}".replace(",", sep)
        elif "," in old or "." in old:
            new = f"{new[:-1] or '1'}{old[-2]}{new[-1]}"
        return new

    text = NUMBER.sub(_number, text)
    for name in names.get(lang, []):
        if name in text and rng.random() < 0.7:
            text = text.replace(name, rng.choice(names[lang]))
    months = MONTHS.get(lang, [])
    for month in months:
        if month in text and rng.random() < 0.5:
            text = text.replace(month, rng.choice(months))
    return text


def build_corpus(count: int, sources: list[Path], seed: int) -> list[Report]:
    """`count` synthetic reports recombined from the sentences of the sample reports."""
    rng = random.Random(seed)
    pool = sentence_pool(sources)
    languages = [lang for lang in ("uk", "ru", "en") if pool.get(lang)]
    if not languages:
        raise SystemExit(f"no sample reports found in {', '.join(map(str, sources))}")
    weights = [len(pool[lang]) + (40 if lang == "uk" else 0) for lang in languages]
    names = person_names()
    start = dt.date(2024, 6, 1)
    corpus = []
    for i in range(count):
        lang = rng.choices(languages, weights)[0]
        heads = pool.get(f"head:{lang}") or pool[lang]
        body = [vary(s, lang, rng, names) for s in rng.sample(pool[lang], min(len(pool[lang]), rng.randint(4, 12)))]
        paragraphs = [vary(rng.choice(heads), lang, rng, names)]
        while body:
            take = rng.randint(1, 3)
            paragraphs.append(" ".join(body[:take]))
            body = body[take:]
        date = (start + dt.timedelta(days=rng.randint(0, 560))).isoformat()
        corpus.append(make_report("\n\n".join(paragraphs), date, where=f"synthetic-{i}", language=lang))
    return corpus


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, reports: list[Report], run: Callable[[list[Report]], Any]) -> dict[str, Any]:
    """Run once over the corpus: wall and CPU seconds, rates, peak RSS."""
    words = sum(len(r.text.split()) for r in reports)
    wall, cpu = time.perf_counter(), time.process_time()
    run(reports)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"stage": label, "reports": len(reports), "words": words, "seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2), "reports_per_s": round(len(reports) / wall, 1),
            "reports_per_cpu_s": round(len(reports) / cpu, 1),
            "words_per_s": round(words / wall), "peak_rss_mb": round(peak_rss_mb(), 1)}


def traced_peak_mb(reports: list[Report]) -> float:
    """Peak of Python allocations while extracting `reports` (tracemalloc)."""
    tracemalloc.start()
    for report in reports:
        extract(report)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 2**20, 1)


def store_stage(reports: list[Report]) -> dict[str, Any] | None:
    """Extraction + mapping + writing into an in-memory store, when the pipeline and store exist."""
    try:
        from ingest.pipeline import ingest_reports
        from store import open_store
    except ImportError:
        return None
    store = open_store("memory")
    try:
        result = timed("extract+store", reports, lambda rs: ingest_reports(rs, store))
        result["quads"] = store.count() if hasattr(store, "count") else None
    finally:
        store.close()
    return result


def main(argv: list[str] | None = None) -> None:
    """Parse options, build the corpus, run the stages and print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000, help="size of the synthetic corpus (default 2000)")
    parser.add_argument("--source", type=Path, action="append", help="folder of sample reports (repeatable)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-store", action="store_true", help="only time extraction")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    corpus = build_corpus(args.reports, args.source or list(DEFAULT_SOURCES), args.seed)
    extract(corpus[0])  # load the dictionaries and the gazetteer index before timing
    results = [timed("extract", corpus, lambda rs: [extract(r) for r in rs])]
    results[0]["tracemalloc_peak_mb"] = traced_peak_mb(corpus[:200])
    if not args.no_store:
        stage = store_stage(corpus)
        if stage is not None:
            results.append(stage)
    if args.json:
        print(json.dumps(results, indent=1))
        return
    languages = {lang: sum(r.language == lang for r in corpus) for lang in ("uk", "ru", "en")}
    print(f"corpus: {len(corpus)} reports ({', '.join(f'{k} {v}' for k, v in languages.items())}), "
          f"{sum(len(r.text.split()) for r in corpus)} words")
    print(f"{'stage':14} {'reports':>8} {'seconds':>8} {'cpu s':>8} {'reports/s':>10} {'per cpu s':>10} "
          f"{'words/s':>9} {'peak RSS MB':>12}")
    for r in results:
        print(f"{r['stage']:14} {r['reports']:8d} {r['seconds']:8.2f} {r['cpu_seconds']:8.2f} "
              f"{r['reports_per_s']:10.1f} {r['reports_per_cpu_s']:10.1f} {r['words_per_s']:9d} "
              f"{r['peak_rss_mb']:12.1f}")
    print(f"tracemalloc: peak of new Python allocations while extracting 200 reports (dictionaries and gazetteer "
          f"index already loaded): {results[0]['tracemalloc_peak_mb']} MB")


if __name__ == "__main__":
    main()
