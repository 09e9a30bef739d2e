"""The question analysts ask first, over the live endpoint: every figure for North Korean soldiers killed, with
quantity, qualifier, claimant, as-of date and report. Both seed figures must be there (at least 600 per Seoul/NIS
as of 2025-11, about 2,000 per NIS)."""

from __future__ import annotations

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from tests.conftest import LiveServer

KILLED = """
PREFIX rg: <https://w3id.org/reportgraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?figure ?quantity ?qualifier ?claimant ?asOf ?report ?published WHERE {
  ?figure a rg:Figure ; rg:measure rg:killed ; rg:population rg:soldiers ;
          rg:concerns <https://w3id.org/reportgraph/id/actor/north-korea> ;
          rg:qualifier ?qualifier ; prov:wasDerivedFrom ?report .
  ?report schema:datePublished ?published .
  OPTIONAL { ?figure rg:quantity ?quantity }
  OPTIONAL { ?figure rg:asOf ?asOf }
  OPTIONAL { ?figure prov:wasAttributedTo ?claimant }
} ORDER BY ?published ?quantity
"""
RG = "https://w3id.org/reportgraph/ontology#"
ACTOR = "https://w3id.org/reportgraph/id/actor/"


@pytest.mark.network
def test_killed_figures_of_both_seed_reports(live_server: LiveServer) -> None:
    client = SPARQLWrapper(live_server.sparql)
    client.setQuery(KILLED)
    client.setReturnFormat(JSON)
    rows = [{k: v["value"] for k, v in b.items()}
            for b in client.query().convert()["results"]["bindings"]]  # type: ignore[index, call-overload]
    by_quantity: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_quantity.setdefault(row.get("quantity", ""), []).append(row)
    assert {"600", "2000"} <= set(by_quantity)
    six_hundred = by_quantity["600"]
    assert {r["qualifier"] for r in six_hundred} == {RG + "at_least"}
    assert {r["claimant"] for r in six_hundred} & {ACTOR + "south-korea", ACTOR + "nis"}
    assert {r["asOf"][:7] for r in six_hundred} == {"2025-11"}
    assert {r["published"] for r in six_hundred} == {"2025-11-04"}
    two_thousand = by_quantity["2000"]
    assert {r["qualifier"] for r in two_thousand} == {RG + "approximately"}
    assert ACTOR + "nis" in {r["claimant"] for r in two_thousand}
    assert {r["published"] for r in two_thousand} == {"2025-10-24"}
