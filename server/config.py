"""Service configuration from KG_* environment variables (CLI options of the same names override them)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ontology.iris import DEFAULT_BASE_IRI


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw not in _TRUE + _FALSE:
        raise ValueError(f"{name} must be one of {', '.join(_TRUE + _FALSE)}, got {raw!r}")
    return raw in _TRUE


@dataclass(frozen=True)
class Settings:
    """Every setting of the service; `from_env()` reads KG_<NAME> for each field."""

    store: str = "./data"
    host: str = "127.0.0.1"
    port: int = 5000
    base_iri: str = DEFAULT_BASE_IRI
    workers: int = 1
    threads: int = 8
    query_timeout: float = 30.0  # seconds
    max_rows: int = 100_000
    max_body_bytes: int = 10 * 1024 * 1024
    max_concurrent_queries: int = 4
    update_token: str | None = None
    cors_origins: tuple[str, ...] = field(default_factory=lambda: ("*",))
    service_allowlist: tuple[str, ...] = ()
    query_mode: str = "auto"  # auto | process | thread: where read queries run (see store/executor.py)
    query_queue_timeout: float = 5.0  # seconds a query may wait for a free slot before 503
    queries_dir: str | None = None  # an extra folder of named queries (*.rq) beside the bundled ones
    access_log: bool = True  # gunicorn's access log on stderr (KG_ACCESS_LOG=0 turns it off)
    preload_workers: bool = False  # start the query workers with the app (set by `serve`), not on the first query
    export_max_triples: int = 5_000_000  # triples one HTTP export may select; 0: no cap
    reconcile_max_queries: int = 100  # queries in one reconciliation batch
    reconcile_max_limit: int = 50  # candidates per reconciliation query and suggestions per page

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Settings from the environment, then explicit non-None overrides."""
        token = os.environ.get("KG_UPDATE_TOKEN") or None
        token_file = os.environ.get("KG_UPDATE_TOKEN_FILE")
        if token is None and token_file:
            with open(token_file, encoding="utf-8") as handle:
                token = handle.read().strip() or None
        settings = cls(
            store=os.environ.get("KG_STORE", cls.store),
            host=os.environ.get("KG_HOST", cls.host),
            port=_env_int("KG_PORT", cls.port),
            base_iri=os.environ.get("KG_BASE_IRI", DEFAULT_BASE_IRI),
            workers=_env_int("KG_WORKERS", cls.workers),
            threads=_env_int("KG_THREADS", cls.threads),
            query_timeout=_env_float("KG_QUERY_TIMEOUT", cls.query_timeout),
            max_rows=_env_int("KG_MAX_ROWS", cls.max_rows),
            max_body_bytes=_env_int("KG_MAX_BODY_BYTES", cls.max_body_bytes),
            max_concurrent_queries=_env_int("KG_MAX_CONCURRENT_QUERIES", cls.max_concurrent_queries),
            update_token=token,
            cors_origins=tuple(o.strip() for o in os.environ.get("KG_CORS_ORIGINS", "*").split(",") if o.strip()),
            service_allowlist=tuple(u.strip() for u in os.environ.get("KG_SERVICE_ALLOWLIST", "").split(",")
                                    if u.strip()),
            query_mode=os.environ.get("KG_QUERY_MODE", cls.query_mode),
            query_queue_timeout=_env_float("KG_QUERY_QUEUE_TIMEOUT", cls.query_queue_timeout),
            queries_dir=os.environ.get("KG_QUERIES_DIR") or None,
            access_log=_env_bool("KG_ACCESS_LOG", cls.access_log),
            export_max_triples=_env_int("KG_EXPORT_MAX_TRIPLES", cls.export_max_triples),
            reconcile_max_queries=_env_int("KG_RECONCILE_MAX_QUERIES", cls.reconcile_max_queries),
            reconcile_max_limit=_env_int("KG_RECONCILE_MAX_LIMIT", cls.reconcile_max_limit),
        )
        known = {f.name for f in fields(cls)}
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None and k in known})
