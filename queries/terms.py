"""RDF terms as plain values, converted once for the projection: IRIs as strings, literals as int, float, bool
or str (dates stay ISO strings), concept terms by their gold-schema names, Wikidata entities as Q-ids.

Accepts rdflib terms and pyoxigraph terms alike, so a selection streamed from Oxigraph is never turned into
rdflib objects on its way to a property graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib.namespace import XSD

from ontology.namespaces import PREFIXES, RG_IRI, WD

Value = str | int | float | bool

_WIKIDATA = str(WD)
#: Concept terms whose gold-schema names differ from their local names.
_CONCEPT_NAMES = {"exact_value": "exact", "otherMeasure": "other", "otherPopulation": "other", "OtherEvent": "Other"}
_INTEGER_TYPES = {str(XSD[n]) for n in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                        "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                        "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
_BOOLEAN = str(XSD.boolean)


class IRI(str):
    """An IRI (or a blank node as "_:id") as a plain string, told apart from literal strings."""

    __slots__ = ()


@dataclass(frozen=True)
class Lit:
    """A converted literal with its language tag."""

    value: Value
    lang: str | None = None


def convert_term(term: Any) -> IRI | Lit:
    """An rdflib or pyoxigraph term as an IRI string or a converted literal (an ill-typed number stays text)."""
    kind = type(term).__name__
    if kind in ("URIRef", "NamedNode"):
        return IRI(getattr(term, "value", term))
    if kind in ("BNode", "BlankNode"):
        return IRI("_:" + str(getattr(term, "value", term)))
    lexical = str(term) if isinstance(term, str) else str(getattr(term, "value", term))
    language = getattr(term, "language", None)
    if language:
        return Lit(lexical, str(language))
    datatype = getattr(term, "datatype", None)
    dtype = "" if datatype is None else str(getattr(datatype, "value", datatype))
    try:
        if dtype in _INTEGER_TYPES:
            return Lit(int(lexical))
        if dtype in _FLOAT_TYPES:
            return Lit(float(lexical))
    except ValueError:
        return Lit(lexical)
    if dtype == _BOOLEAN:
        return Lit(lexical.strip() in ("true", "1"))
    return Lit(lexical)


def plain_triples(triples: Iterable[Any]) -> Iterable[tuple[IRI | Lit, str, IRI | Lit]]:
    """(subject, predicate, object) converted, from rdflib tuples or pyoxigraph Triple/Quad objects."""
    shared: dict[str, Any] = {}  # one string object per distinct IRI and predicate: a large selection repeats them
    for triple in triples:
        if hasattr(triple, "subject"):
            s, p, o = triple.subject, triple.predicate, triple.object
        else:
            s, p, o = triple[0], triple[1], triple[2]
        subject, obj = convert_term(s), convert_term(o)
        predicate = str(getattr(p, "value", p))
        yield (shared.setdefault(subject, subject) if isinstance(subject, IRI) else subject,
               shared.setdefault(predicate, predicate),
               shared.setdefault(obj, obj) if isinstance(obj, IRI) else obj)


def concept_name(iri: str) -> str:
    """A value IRI as an attribute string: rg concepts by their gold-schema name, Wikidata entities as Q-ids,
    anything else as the IRI."""
    if iri.startswith(RG_IRI):
        local = iri[len(RG_IRI):]
        return _CONCEPT_NAMES.get(local, local)
    if iri.startswith(_WIKIDATA):
        return iri[len(_WIKIDATA):]
    return str(iri)


def curie(iri: str) -> str:
    """A prefixed name for a known namespace ("schema:Country"), else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
