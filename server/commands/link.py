"""`reportgraph link`: link actors and places without a curated link to Wikidata (or any Wikidata-shaped
SPARQL endpoint), list candidates for review, and record accept/reject decisions."""

from __future__ import annotations

from pathlib import Path

import click

from ingest.linking.cache import default_cache_dir
from ingest.linking.client import WIKIDATA_ENDPOINT, ClientSettings, EndpointError, default_user_agent
from ingest.linking.decisions import DecisionError, parse_pair, record, review_list
from ingest.linking.run import LinkOptions, NotCached, link_store, recorded_endpoint
from ingest.linking.scoring import ACCEPTED, CLOSE, EXACT, NONE, REVIEW, Thresholds
from ingest.pipeline import stderr_progress
from server.commands.options import open_or_fail, store_option
from store import StoreError


def _print_review(store: object) -> int:
    rows = review_list(store)  # type: ignore[arg-type]
    for row in rows:
        click.echo("\t".join([row.actor, row.name, row.item, f"{row.score:.3f}", row.label, row.description,
                              row.reason]))
    return len(rows)


@click.command("link")
@click.option("--endpoint", envvar="KG_LINK_ENDPOINT",
              help=f"Wikidata-shaped SPARQL endpoint (default: the last one used, else {WIKIDATA_ENDPOINT}). "
                   "Env KG_LINK_ENDPOINT.")
@click.option("--cache-dir", envvar="KG_LINK_CACHE", type=click.Path(file_okay=False),
              help=f"Folder of cached answers (default {default_cache_dir()}). Env KG_LINK_CACHE.")
@click.option("--batch-size", envvar="KG_LINK_BATCH_SIZE", type=click.IntRange(1, 1000), default=50,
              show_default=True, help="Names per VALUES batch. Env KG_LINK_BATCH_SIZE.")
@click.option("--timeout", envvar="KG_LINK_TIMEOUT", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds per request. Env KG_LINK_TIMEOUT.")
@click.option("--retries", envvar="KG_LINK_RETRIES", type=click.IntRange(0, 50), default=4, show_default=True,
              help="Retries after a 429/503 (honouring Retry-After), a timeout or a gateway error. "
                   "Env KG_LINK_RETRIES.")
@click.option("--max-retry-wait", envvar="KG_LINK_MAX_RETRY_WAIT", type=click.FloatRange(min=0), default=300.0,
              show_default=True,
              help="Longest Retry-After honoured, in seconds; longer fails. Env KG_LINK_MAX_RETRY_WAIT.")
@click.option("--user-agent", envvar="KG_LINK_USER_AGENT", help="User-Agent header (default: reportgraph/VERSION "
              "(project URL; contact) SPARQLWrapper/VERSION). Env KG_LINK_USER_AGENT.")
@click.option("--contact", envvar="KG_LINK_CONTACT",
              help="E-mail or URL put in the default User-Agent (Wikimedia asks for one). Env KG_LINK_CONTACT.")
@click.option("--accept-score", type=click.FloatRange(0, 1), default=Thresholds.accept, show_default=True,
              help="Lowest score linked without review.")
@click.option("--margin", type=click.FloatRange(0, 1), default=Thresholds.margin, show_default=True,
              help="How far the best candidate must lead the next to be linked without review.")
@click.option("--offline", is_flag=True,
              help="Answer from the cache only and send no request; stop (writing nothing) if an answer is missing.")
@click.option("--review", "show_review", is_flag=True, help="List the candidates waiting for review and exit.")
@click.option("--accept", "accepts", multiple=True, metavar="ACTOR=QID",
              help="Accept a candidate (recorded, then written as skos:exactMatch). Repeatable.")
@click.option("--reject", "rejects", multiple=True, metavar="ACTOR=QID",
              help="Reject a candidate (recorded; never proposed again). Repeatable.")
@click.option("--by", envvar="USER", default="", help="Who decides (recorded with --accept/--reject).")
@store_option
def link_command(endpoint: str | None, cache_dir: str | None, batch_size: int, timeout: float, retries: int,
                 max_retry_wait: float, user_agent: str | None, contact: str | None, accept_score: float,
                 margin: float, offline: bool, show_review: bool, accepts: tuple[str, ...], rejects: tuple[str, ...],
                 by: str, store_location: str) -> None:
    """Link actors and places without a curated link to Wikidata (or --endpoint): candidates by label in uk, en
    and ru with the expected type; clear matches become skos:closeMatch (skos:exactMatch when a strong key agrees)
    in <base>graph/links with provenance; ambiguous ones are listed on stdout for review (tab-separated)."""
    store = open_or_fail(store_location)
    try:
        if show_review:
            count = _print_review(store)
            click.echo(f"{count} candidates waiting for review", err=True)
            return
        try:
            pairs = [(*parse_pair(store, text), True) for text in accepts]
            pairs += [(*parse_pair(store, text), False) for text in rejects]
        except DecisionError as exc:
            raise click.ClickException(str(exc)) from exc
        if pairs:
            made = record(store, pairs, by=by)
            click.echo(f"recorded {len(made)} decision(s)", err=True)
        chosen = endpoint or recorded_endpoint(store) or WIKIDATA_ENDPOINT
        options = LinkOptions(
            client=ClientSettings(endpoint=chosen, user_agent=user_agent or default_user_agent(contact),
                                  timeout=timeout, retries=retries, max_wait=max_retry_wait),
            cache_dir=Path(cache_dir) if cache_dir else default_cache_dir(),
            batch_size=batch_size, thresholds=Thresholds(accept_score, margin), offline=offline)
        try:
            report = link_store(store, options, progress=stderr_progress)
        except (EndpointError, NotCached, StoreError) as exc:
            raise click.ClickException(f"{exc}; nothing was written (answers so far are cached)") from exc
        _print_review(store)
        click.echo(
            f"{len(report.outcomes)} actors and places without a curated link at {chosen}: "
            f"{report.count(EXACT)} exact, {report.count(CLOSE)} close, {report.count(ACCEPTED)} accepted, "
            f"{report.count(REVIEW)} to review, {report.count(NONE)} without candidates; "
            f"{report.requests} requests, {report.asked} asked, {report.from_cache} from the cache", err=True)
    finally:
        store.close()
