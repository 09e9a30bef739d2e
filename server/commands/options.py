"""Options shared by every subcommand (the store location) and the one-line failure helper."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from store import GraphStore, StoreError, open_store

F = TypeVar("F", bound=Callable[..., Any])


def store_option(func: F) -> F:
    """`--store`: a folder for the embedded store, 'memory', or a remote store URL (env KG_STORE)."""
    return click.option("--store", "store_location", envvar="KG_STORE", default="./data", show_default=True,
                        help="Store: a folder for the embedded Oxigraph store, or 'memory'. Env KG_STORE.")(func)


def open_or_fail(location: str) -> GraphStore:
    """Open the store, turning failure into a one-line CLI error."""
    try:
        return open_store(location)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
