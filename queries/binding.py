"""Binding named-query parameters safely: values become RDF terms, never query text.

Each value is checked against its parameter's type and turned into a pyoxigraph term; the terms are written
into a VALUES block by pyoxigraph's own N-Triples serialiser (IRIs validated, literals escaped), placed at the
start of the query's WHERE group. A value cannot break out of its term: a bad IRI or number is rejected with the
accepted forms, and any string is a literal whatever it contains.

Types: iri (absolute IRI or a prefixed name such as rg:killed), actor (a gazetteer id such as kim_jong_un, a
slug, or an IRI), vocab (a term of the project vocabulary: killed, Deployment, or rg:…), string, integer,
decimal, date (YYYY, YYYY-MM or YYYY-MM-DD, typed xsd:gYear / xsd:gYearMonth / xsd:date), boolean, lang (a
language tag such as en, uk).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pyoxigraph as ox

from ontology.iris import actor_iri
from ontology.namespaces import PREFIXES, RG, RG_IRI
from queries.catalog import NamedQuery, Parameter
from store.sparql_text import where_group_start

XSD = "http://www.w3.org/2001/XMLSchema#"
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)$")


class BindingError(ValueError):
    """A parameter value is missing, unknown or not of its type; the message says what is accepted."""


def _iri(value: str) -> ox.NamedNode:
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise BindingError(f"{value!r} is not an absolute IRI ({exc}); give an IRI such as "
                           f"https://… or a prefixed name with one of: {', '.join(sorted(PREFIXES))}") from exc


def _actor(value: str) -> ox.NamedNode:
    if value.startswith(("http://", "https://", "urn:")):
        return _iri(value)
    if not _SLUG.match(value):
        raise BindingError(f"{value!r} is not an actor id; give a gazetteer id (kim_jong_un), a slug "
                           "(kim-jong-un) or an actor IRI")
    return ox.NamedNode(str(actor_iri(value)))


def _vocab(value: str) -> ox.NamedNode:
    local = value[len(RG_IRI):] if value.startswith(RG_IRI) else value.removeprefix("rg:")
    if local == "exact":
        local = "exact_value"
    try:
        return ox.NamedNode(str(RG[local]))
    except (AttributeError, KeyError) as exc:
        raise BindingError(f"{value!r} is not a term of the reportgraph vocabulary ({RG_IRI}); e.g. killed, "
                           "deployed, soldiers, at_least, Deployment, Meeting") from exc


def _typed(pattern: re.Pattern[str], datatype: str, what: str) -> Callable[[str], ox.Literal]:
    def convert(value: str) -> ox.Literal:
        if not pattern.match(value):
            raise BindingError(f"{value!r} is not {what}")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
    return convert


def _date(value: str) -> ox.Literal:
    match = _DATE.match(value)
    if match is None:
        raise BindingError(f"{value!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")
    datatype = "date" if match.group(2) else "gYearMonth" if match.group(1) else "gYear"
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def _boolean(value: str) -> ox.Literal:
    if value.lower() not in ("true", "false", "1", "0"):
        raise BindingError(f"{value!r} is not a boolean; give true or false")
    return ox.Literal("true" if value.lower() in ("true", "1") else "false", datatype=ox.NamedNode(XSD + "boolean"))


def _lang(value: str) -> ox.Literal:
    if not _LANG.match(value):
        raise BindingError(f"{value!r} is not a language tag; give e.g. en, uk, ru")
    return ox.Literal(value.lower())


#: Parameter types: name -> converter from the raw string to an RDF term.
TYPES: dict[str, Callable[[str], ox.NamedNode | ox.Literal]] = {
    "iri": _iri,
    "actor": _actor,
    "vocab": _vocab,
    "string": ox.Literal,
    "integer": _typed(_INTEGER, "integer", "a whole number"),
    "decimal": _typed(_DECIMAL, "decimal", "a decimal number"),
    "date": _date,
    "boolean": _boolean,
    "lang": _lang,
}


def term_for(parameter: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term for one parameter value; BindingError names the parameter and what it accepts."""
    try:
        return TYPES[parameter.type](value)
    except BindingError as exc:
        raise BindingError(f"parameter {parameter.name!r} ({parameter.type}): {exc}") from exc


def bindings(query: NamedQuery, values: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Terms for the query's parameters from `values` (defaults filled in); raises BindingError for an unknown
    name, a missing required parameter or a value of the wrong type."""
    unknown = sorted(set(values) - {p.name for p in query.parameters})
    if unknown:
        accepted = ", ".join(p.name for p in query.parameters) or "none"
        raise BindingError(f"unknown parameter(s) {', '.join(unknown)} for {query.name}; parameters: {accepted}")
    terms: dict[str, ox.NamedNode | ox.Literal] = {}
    for parameter in query.parameters:
        raw = values.get(parameter.name)
        if raw is None or raw == "":
            raw = parameter.default
        if raw is None:
            if parameter.required:
                raise BindingError(f"{query.name} needs the parameter {parameter.name!r} ({parameter.type}): "
                                   f"{parameter.description}")
            continue
        terms[parameter.name] = term_for(parameter, raw)
    return terms


def values_block(terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """A one-row VALUES block binding each variable to its term (terms serialised by pyoxigraph)."""
    names = " ".join(f"?{name}" for name in terms)
    row = " ".join(str(term) for term in terms.values())
    return f" VALUES ({names}) {{ ({row}) }} "


def bind(query: NamedQuery, values: Mapping[str, str]) -> str:
    """The query text with its parameters bound by a VALUES block at the start of the WHERE group."""
    terms = bindings(query, values)
    if not terms:
        return query.text
    position = where_group_start(query.text)
    return query.text[:position] + values_block(terms) + query.text[position:]
