"""The SPARQL client for external endpoints: SPARQLWrapper with a descriptive User-Agent, a timeout, and retries
that honour `429 Too Many Requests` / `503` with `Retry-After` (seconds or an HTTP date) and back off on
connection failures, timeouts and gateway errors. A bad query or a missing endpoint fails at once.
"""

from __future__ import annotations

import email.utils
import json
import math
import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
PROJECT_URL = "https://w3id.org/reportgraph"
RETRY_STATUSES = frozenset({429, 502, 503, 504})


class EndpointError(RuntimeError):
    """The endpoint could not answer; the message says why in one line."""


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def default_user_agent(contact: str | None = None) -> str:
    """A User-Agent in the form Wikimedia's policy asks for: tool/version (project URL; contact) library/version."""
    about = PROJECT_URL + (f"; {contact}" if contact else "")
    return f"reportgraph/{_version('reportgraph')} ({about}) SPARQLWrapper/{_version('SPARQLWrapper')}"


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None when absent or invalid."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass(frozen=True)
class ClientSettings:
    """How to talk to an endpoint; every limit is an option of `reportgraph link` (and a KG_LINK_* variable)."""

    endpoint: str = WIKIDATA_ENDPOINT
    user_agent: str = ""
    timeout: float = 60.0  # seconds per request
    retries: int = 4  # further attempts after the first
    max_wait: float = 300.0  # the longest Retry-After honoured; longer fails
    backoff: float = 2.0  # first back-off in seconds when no Retry-After is given; doubles each time


class SparqlClient:
    """SELECT queries over HTTP POST with JSON results; counts the requests it sends."""

    def __init__(self, settings: ClientSettings, *, sleep: Callable[[float], None] = time.sleep,
                 progress: Callable[[str], None] | None = None) -> None:
        self.settings = settings
        self.user_agent = settings.user_agent or default_user_agent()
        self.sleep = sleep
        self.progress = progress
        self.requests = 0

    def _once(self, query: str) -> dict[str, Any]:
        wrapper = SPARQLWrapper(self.settings.endpoint, agent=self.user_agent)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(max(1, math.ceil(self.settings.timeout)))
        wrapper.setQuery(query)
        self.requests += 1
        result = wrapper.queryAndConvert()
        if not isinstance(result, dict) or not isinstance(result.get("results", {}).get("bindings"), list):
            raise EndpointError(f"{self.settings.endpoint} did not answer with SPARQL JSON results")
        return result

    def _delay(self, exc: Exception, attempt: int) -> tuple[float, str]:
        """How long to wait before the next attempt, and why; raises when the failure is not worth retrying."""
        backoff = self.settings.backoff * (2 ** attempt)
        if isinstance(exc, urllib.error.HTTPError):
            if exc.code not in RETRY_STATUSES:
                raise EndpointError(f"{self.settings.endpoint} answered HTTP {exc.code} {exc.reason}") from exc
            asked = retry_after_seconds(exc.headers.get("Retry-After") if exc.headers else None)
            if asked is not None:
                if asked > self.settings.max_wait:
                    raise EndpointError(
                        f"{self.settings.endpoint} asks to retry after {asked:.0f} s (HTTP {exc.code}), longer "
                        f"than the allowed {self.settings.max_wait:.0f} s (--max-retry-wait)") from exc
                return asked, f"HTTP {exc.code}, Retry-After {asked:g} s"
            return min(backoff, self.settings.max_wait), f"HTTP {exc.code}"
        if isinstance(exc, EndPointInternalError):
            return min(backoff, self.settings.max_wait), "HTTP 500"
        if isinstance(exc, SPARQLWrapperException):
            raise EndpointError(f"{self.settings.endpoint} refused the query: {str(exc).splitlines()[0]}") from exc
        return min(backoff, self.settings.max_wait), f"{type(exc).__name__}: {exc}"

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """The bindings of a SELECT query, retrying as the settings allow."""
        attempt = 0
        while True:
            try:
                return list(self._once(query)["results"]["bindings"])
            except (urllib.error.URLError, SPARQLWrapperException, TimeoutError, ConnectionError,
                    json.JSONDecodeError) as exc:
                if isinstance(exc, json.JSONDecodeError):
                    raise EndpointError(f"{self.settings.endpoint} answered with invalid JSON: {exc}") from exc
                wait, why = self._delay(exc, attempt)
                if attempt >= self.settings.retries:
                    raise EndpointError(f"{self.settings.endpoint} failed after {attempt + 1} attempts ({why})") \
                        from exc
                if self.progress:
                    self.progress(f"{self.settings.endpoint}: {why}; retrying in {wait:g} s")
                self.sleep(wait)
                attempt += 1
