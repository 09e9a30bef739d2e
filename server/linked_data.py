"""Linked data: every IRI under the instance base resolves, as HTML for a browser or RDF for RDF clients.

A request for `/<kind>/<key>` on any host answers for the IRI `<KG_BASE_IRI><kind>/<key>`: the statements about
it (a concise bounded description: its own triples and those of its evidence nodes) and the statements that
point at it, with labels for a readable page.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, render_template, request

from ontology.iris import base_iri
from server.errors import ApiError
from server.negotiation import GRAPH_FORMATS, OutputFormat, choose_format

blueprint = Blueprint("linked_data", __name__, template_folder="templates")

HTML = OutputFormat("html", "text/html", ox.RdfFormat.TURTLE, ("application/xhtml+xml",))

DESCRIBE = """
CONSTRUCT {{ <{iri}> ?p ?o . ?o ?p2 ?o2 . ?s ?in <{iri}> . }}
WHERE {{
  {{ <{iri}> ?p ?o . OPTIONAL {{ ?o ?p2 ?o2 . FILTER(STRSTARTS(STR(?o), "{iri}/")) }} }}
  UNION {{ ?s ?in <{iri}> . FILTER(?in != <https://schema.org/mentions>) }}
}}
"""

FIGURES = """
PREFIX rg: <https://w3id.org/reportgraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?figure ?quantity ?qualifier ?measure ?population ?asOf ?claimant ?report WHERE {{
  ?figure a rg:Figure ; rg:measure ?m ; rg:population ?p ; rg:qualifier ?q ; prov:wasDerivedFrom ?report .
  {{ ?figure prov:wasAttributedTo <{iri}> }} UNION {{ ?figure rg:concerns <{iri}> }}
  UNION {{ ?figure rg:place <{iri}> }}
  ?m skos:prefLabel ?measure . FILTER(LANG(?measure) = "en")
  ?p skos:prefLabel ?population . FILTER(LANG(?population) = "en")
  ?q skos:prefLabel ?qualifier . FILTER(LANG(?qualifier) = "en")
  OPTIONAL {{ ?figure rg:quantity ?quantity }}
  OPTIONAL {{ ?figure rg:asOf ?asOf }}
  OPTIONAL {{ ?figure prov:wasAttributedTo ?claimant }}
}} ORDER BY ?measure ?asOf
"""

LABEL = """
SELECT ?term (SAMPLE(?l) AS ?label) WHERE {{
  VALUES ?term {{ {terms} }}
  ?term <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel> ?l .
  FILTER(LANG(?l) = "" || LANGMATCHES(LANG(?l), "en"))
}} GROUP BY ?term
"""


def _labels(store: object, terms: set[str]) -> dict[str, str]:
    iris = [t for t in terms if t.startswith(("http://", "https://", "urn:"))]
    if not iris:
        return {}
    result = store.query(LABEL.format(terms=" ".join(f"<{t}>" for t in iris)))  # type: ignore[attr-defined]
    return {row["term"].value: row["label"].value for row in result}


@blueprint.route("/<any(actor, report, figure, event, graph):kind>/<path:key>", methods=["GET", "HEAD"])
def resource(kind: str, key: str) -> Response:
    """Describe one resource by content negotiation: HTML, Turtle, N-Triples, JSON-LD, RDF/XML."""
    iri = f"{base_iri()}{kind}/{key}"
    if any(c in iri for c in '<>"{}|\\^` '):
        raise ApiError(400, f"not a valid IRI path: {kind}/{key!r}")
    store = current_app.extensions["reportgraph.store"]
    triples = list(store.query(DESCRIBE.format(iri=iri)))
    if not triples:
        abort(404, description=f"nothing is known about <{iri}>")
    fmt = choose_format(request, (HTML, *GRAPH_FORMATS))
    if fmt is not HTML:
        data = ox.serialize(triples, format=fmt.writer)  # type: ignore[arg-type]
        return Response(data, mimetype=fmt.media_type, headers={"Vary": "Accept"})
    outgoing = sorted(((t.predicate.value, t.object) for t in triples if t.subject.value == iri),
                      key=lambda pair: (pair[0], pair[1].value))
    incoming = [(t.subject.value, t.predicate.value) for t in triples if t.object.value == iri]
    figures = [{name: row[name].value if row[name] is not None else "" for name in
                ("figure", "quantity", "qualifier", "measure", "population", "asOf", "claimant", "report")}
               for row in store.query(FIGURES.format(iri=iri))]
    labels = _labels(store, {iri} | {p for p, _ in outgoing} | {o.value for _, o in outgoing
                                                               if isinstance(o, ox.NamedNode)}
                     | {s for s, _ in incoming} | {f["claimant"] for f in figures})
    return Response(render_template("resource.html", iri=iri, label=labels.get(iri, key), outgoing=outgoing,
                                    incoming=incoming, figures=figures, labels=labels, base=base_iri()),
                    mimetype="text/html", headers={"Vary": "Accept"})
