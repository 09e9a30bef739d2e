"""The catalog of named queries: the `.rq` files of this package (and of an optional extra folder).

Each file starts with a comment header, then the query:

    # title: Figures for a measure
    # description: Every figure for one measure, with its claimant, …
    #   (an indented comment line continues the field above)
    # param: measure vocab = killed -- what the figure measures
    # param: population vocab? -- whom it counts; any when left out

`param: NAME TYPE[?] [= DEFAULT] [-- DOCUMENTATION]`: the query variable ?NAME is bound to the value (see
`queries.binding` for the types); `?` marks an optional parameter (left unbound: it then matches anything), a
default makes it optional with that value. The file name (without .rq) is the query's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from store.sparql_text import SparqlTextError, query_form, variables, where_group_start

_FIELD = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)(?P<optional>\?)?"
                    r"(?:\s*=\s*(?P<default>\S+))?\s*(?:--\s*(?P<doc>.*))?$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class CatalogError(ValueError):
    """A named query file is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Parameter:
    """A parameter of a named query: bound to the query variable of the same name."""

    name: str
    type: str
    required: bool
    default: str | None = None
    description: str = ""

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready description."""
        return {"name": self.name, "type": self.type, "required": self.required, "default": self.default,
                "description": self.description}


@dataclass(frozen=True)
class NamedQuery:
    """One named query: its name, header fields, parameters and SPARQL text."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    form: str

    def parameter(self, name: str) -> Parameter | None:
        """The parameter called `name`, if any."""
        return next((p for p in self.parameters if p.name == name), None)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready description (without the text)."""
        return {"name": self.name, "title": self.title, "description": self.description, "form": self.form,
                "parameters": [p.as_dict() for p in self.parameters]}


def parse_named_query(name: str, text: str, types: frozenset[str] | None = None) -> NamedQuery:
    """Parse one `.rq` file's text; raises CatalogError naming the problem."""
    from queries.binding import TYPES

    known = types or frozenset(TYPES)
    if not _NAME.match(name):
        raise CatalogError(f"{name}.rq: a query name is lower case letters, digits and hyphens")
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": []}
    last: str | None = None
    for line in text.splitlines():
        match = _FIELD.match(line)
        if match:
            last = match.group(1)
            fields[last].append(match.group(2).strip())
            continue
        more = _CONTINUATION.match(line)
        if more and last is not None:
            fields[last][-1] += " " + more.group(1).strip()
            continue
        if line.strip() and not line.startswith("#"):
            break
    if len(fields["title"]) != 1 or not fields["title"][0]:
        raise CatalogError(f"{name}.rq: the header needs exactly one '# title: …' line")
    parameters = tuple(_parameter(name, raw, known) for raw in fields["param"])
    try:
        form = query_form(text)
        mentioned = variables(text)
        if parameters:
            where_group_start(text)
    except SparqlTextError as exc:
        raise CatalogError(f"{name}.rq: {exc}") from exc
    if form is None:
        raise CatalogError(f"{name}.rq: no SELECT, ASK, CONSTRUCT or DESCRIBE query after the header")
    for parameter in parameters:
        if parameter.name not in mentioned:
            raise CatalogError(f"{name}.rq: parameter {parameter.name!r} is not a variable of the query")
    if len({p.name for p in parameters}) != len(parameters):
        raise CatalogError(f"{name}.rq: a parameter is declared twice")
    return NamedQuery(name, fields["title"][0], " ".join(fields["description"]), parameters, text, form)


def _parameter(query: str, raw: str, types: frozenset[str]) -> Parameter:
    match = _PARAM.match(raw)
    if match is None:
        raise CatalogError(f"{query}.rq: bad parameter line {raw!r}; expected 'NAME TYPE[?] [= DEFAULT] [-- doc]'")
    if match.group("type") not in types:
        raise CatalogError(f"{query}.rq: parameter {match.group('name')!r} has unknown type {match.group('type')!r}; "
                           f"types: {', '.join(sorted(types))}")
    default = match.group("default")
    return Parameter(match.group("name"), match.group("type"), not match.group("optional") and default is None,
                     default, (match.group("doc") or "").strip())


def _read_folder(folder: Path) -> dict[str, NamedQuery]:
    return {path.stem: parse_named_query(path.stem, path.read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.rq"))}


@lru_cache(maxsize=1)
def bundled_queries() -> dict[str, NamedQuery]:
    """The named queries shipped in this package."""
    return _read_folder(Path(str(resources.files("queries"))))


def load_catalog(extra_folder: str | None = None) -> dict[str, NamedQuery]:
    """The bundled named queries, plus (overriding by name) those of `extra_folder`."""
    catalog = dict(bundled_queries())
    if extra_folder:
        folder = Path(extra_folder)
        if not folder.is_dir():
            raise CatalogError(f"the named-query folder {extra_folder} does not exist")
        catalog.update(_read_folder(folder))
    return catalog
