"""Commands that show and score the extraction: `extract` (a report in the gold schema) and `eval` (scores
against gold annotations)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ingest.evaluate import evaluate_dir, format_table
from ingest.extraction import extract
from ingest.gold import to_gold
from ingest.readers import InputError, parse_text, read_paths


def format_text(doc: dict[str, Any]) -> str:
    """A gold-schema document as readable lines: actors, figures, events."""
    lines = [f"{doc.get('report') or 'report'} ({doc['date']}, {doc['language']})", "", "actors:"]
    for a in doc["actors"]:
        known = "" if a.get("known", True) else " (new)"
        lines.append(f"  {a['id']:36} {a['type']:12} {a['name']}{known}  <- {', '.join(a['mentions'][:4])}")
    lines += ["", "figures:"]
    for f in doc["figures"]:
        amount = "vague" if f["quantity"] is None else f"{f['quantity']:,}"
        via = f" via {f['via']}" if f.get("via") else ""
        lines.append(f"  {amount:>10} {f['qualifier']:13} {f['measure']:10} {f['population']:19} "
                     f"as of {f['as_of'] or '-':10} place {f['place'] or '-':12} "
                     f"source {', '.join(f['source']) or '-'}{via}")
    lines += ["", "events:"]
    for e in doc["events"]:
        lines.append(f"  {e['type']:17} {e['date'] or '-':10} {e['place'] or '-':14} "
                     f"{', '.join(e['participants'])}  [{e['source'] or '-'}]")
    return "\n".join(lines)


@click.command("extract")
@click.argument("file")
@click.option("--format", "out_format", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="Output: the gold-schema JSON, or a readable summary.")
@click.option("--date", help="Date (YYYY-MM-DD) for plain-text input without a ' date ' header.")
@click.option("--language", type=click.Choice(["uk", "en", "ru"]), help="Language (default: detected).")
def extract_command(file: str, out_format: str, date: str | None, language: str | None) -> None:
    """Print what is extracted from FILE (a report file, a folder, JSON/JSONL, or '-' for stdin) in the gold
    annotation schema."""
    try:
        if file == "-":
            reports = parse_text(sys.stdin.read(), "stdin", date=date, language=language)
        else:
            reports = read_paths([file], date=date, language=language)
    except InputError as exc:
        raise click.ClickException(str(exc)) from exc
    if not reports:
        raise click.ClickException(f"no reports found in {file} (looked for .txt, .json, .jsonl)")
    docs = [to_gold(report, extract(report)) for report in reports]
    if out_format == "text":
        click.echo("\n\n".join(format_text(doc) for doc in docs))
    else:
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=1))


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--reports", "reports_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the reports (default: the reports folder beside the gold folder, same layout).")
@click.option("--pattern", default="*.gold.json", show_default=True,
              help="Which gold files of GOLD_DIR to score, e.g. '*_uk.gold.json'.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(gold_dir: Path, reports_dir: Path | None, pattern: str, as_json: bool) -> None:
    """Score the extractor against the gold annotations in GOLD_DIR: precision, recall and F1 of actors,
    figures and events, and the accuracy of each figure's qualifier, measure, source and as-of date."""
    try:
        total, rows = evaluate_dir(gold_dir, reports_dir, pattern)
    except (FileNotFoundError, InputError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if total.reports == 0:
        raise click.ClickException(f"no gold files matching {pattern!r} in {gold_dir}")
    if as_json:
        out = total.as_dict()
        out["per_report"] = {name: s.as_dict() for name, s in rows}
        click.echo(json.dumps(out, indent=1))
    else:
        click.echo(format_table(total, rows))
