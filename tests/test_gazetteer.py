"""The bundled domain gazetteer loads, is well-formed and consistent, and malformed entries are rejected."""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from importlib import resources

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

from ontology.gazetteer import (
    LANGUAGES,
    GazetteerEntry,
    GazetteerError,
    gazetteer_graph,
    load_gazetteer,
    parse_gazetteer,
)
from ontology.namespaces import WD

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
QID_PATTERN = re.compile(r"^Q[1-9][0-9]*$")
ROLES = frozenset({
    "outlet", "state_media", "intelligence", "military", "government", "ministry", "legislature",
    "international", "think_tank", "city", "capital", "region", "border", "lawmaker", "diplomat", "leader",
    "official",
})

#: Actor ids the gold annotations (../shared/gold) use, with their Wikidata ids where the gold gives one.
GOLD_ACTORS: dict[str, str | None] = {
    "north_korea": "Q423", "russia": "Q159", "ukraine": "Q212", "south_korea": "Q884", "united_states": "Q30",
    "kim_jong_un": "Q56226", "vladimir_putin": "Q7747", "xi_jinping": "Q15031",
    "volodymyr_zelenskyy": "Q3874799", "beijing": "Q956", "pyongyang": "Q18808", "moscow": "Q649",
    "seoul": "Q8684", "washington_dc": "Q61", "associated_press": "Q40469", "un_security_council": "Q37470",
    "nis": None, "euractiv": None, "lee_seong_kweon": None, "msmt": None, "russia_ukraine_border": None,
    "alexander_matsegora": None, "vadym_skibitskyi": None, "kcna": None, "hur": None,
    "ministry_of_defence_ukraine": None, "armed_forces_of_ukraine": None, "sbu": None, "suspilne": None,
    "kursk_oblast": None, "memorial_museum": None, "kyrylo_budanov": None,
    "ministry_of_national_defense_south_korea": None, "the_war_zone": None, "isw": None, "eastern_russia": None,
    "yonhap": None, "lex_fridman_podcast": None, "jeon_ha_kyu": None, "white_house": None,
    "us_national_security_council": None, "john_kirby": None, "armed_forces_of_russia": None,
    "report_az": None, "national_assembly_intelligence_committee": None, "park_sun_won": None,
}

METONYMS = {
    "seoul": "south_korea", "moscow": "russia", "kremlin": "russia", "pyongyang": "north_korea",
    "kyiv": "ukraine", "washington_dc": "united_states", "beijing": "china",
}

VALID_ENTRY = """
[[entity]]
id = "north_korea"
type = "Country"
en = "North Korea"
uk = "Північна Корея"
ru = "Северная Корея"
"""


@pytest.fixture(scope="module")
def gazetteer() -> dict[str, GazetteerEntry]:
    return load_gazetteer()


def raw_entities() -> list[dict[str, object]]:
    """The bundled file's `[[entity]]` tables as TOML parses them (before ids are merged into a dict)."""
    text = resources.files("ontology").joinpath("gazetteer.toml").read_text(encoding="utf-8")
    return list(tomllib.loads(text)["entity"])


def with_entry(body: str) -> str:
    """A small gazetteer: one valid country plus the given `[[entity]]` body."""
    return VALID_ENTRY + "\n[[entity]]\n" + body.strip() + "\n"


# ── the bundled gazetteer ──────────────────────────────────────────────────────


def test_bundled_gazetteer_loads_with_enough_entries(gazetteer: dict[str, GazetteerEntry]) -> None:
    assert len(gazetteer) >= 100
    kinds = Counter(entry.kind for entry in gazetteer.values())
    assert set(kinds) == {"Person", "Organization", "Country", "Place"}


def test_every_entry_has_labels_in_all_three_languages(gazetteer: dict[str, GazetteerEntry]) -> None:
    missing = [(entry.id, lang) for entry in gazetteer.values() for lang in LANGUAGES
               if not entry.labels.get(lang, "").strip()]
    assert not missing


def test_ids_are_unique_and_snake_case() -> None:
    ids = [str(raw["id"]) for raw in raw_entities()]
    duplicates = [entry_id for entry_id, count in Counter(ids).items() if count > 1]
    assert not duplicates
    assert [entry_id for entry_id in ids if not ID_PATTERN.match(entry_id)] == []


def test_wikidata_ids_are_well_formed_and_unique(gazetteer: dict[str, GazetteerEntry]) -> None:
    qids = [entry.wikidata for entry in gazetteer.values() if entry.wikidata is not None]
    assert qids, "no entry carries a Wikidata id"
    assert [qid for qid in qids if not QID_PATTERN.match(qid)] == []
    assert [qid for qid, count in Counter(qids).items() if count > 1] == []


def test_references_resolve_to_the_right_kinds(gazetteer: dict[str, GazetteerEntry]) -> None:
    for entry in gazetteer.values():
        if entry.metonym_of is not None:
            assert entry.kind == "Place", entry.id
            assert gazetteer[entry.metonym_of].kind == "Country", entry.id
        if entry.country is not None:
            assert gazetteer[entry.country].kind == "Country", entry.id
            assert entry.kind != "Country", entry.id


def test_seats_of_power_stand_for_their_governments(gazetteer: dict[str, GazetteerEntry]) -> None:
    for place, country in METONYMS.items():
        assert gazetteer[place].metonym_of == country
        assert gazetteer[place].kind == "Place"


def test_roles_come_from_the_vocabulary(gazetteer: dict[str, GazetteerEntry]) -> None:
    unknown = {(entry.id, role) for entry in gazetteer.values() for role in entry.roles if role not in ROLES}
    assert not unknown


def test_only_persons_carry_titles(gazetteer: dict[str, GazetteerEntry]) -> None:
    assert [entry.id for entry in gazetteer.values() if entry.titles and entry.kind != "Person"] == []


def test_surface_forms_are_clean_and_name_one_entry(gazetteer: dict[str, GazetteerEntry]) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in gazetteer.values():
        for lang in LANGUAGES:
            forms = [form for form, _how in entry.surface_forms(lang)]
            assert all(form and form == form.strip() and "  " not in form for form in forms), entry.id
            folded = [form.casefold() for form in forms]
            assert len(folded) == len(set(folded)), f"{entry.id}: a {lang} form is repeated"
            for form in folded:
                owners[(lang, form)].add(entry.id)
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_ambiguous_short_forms_are_not_aliases(gazetteer: dict[str, GazetteerEntry]) -> None:
    forms = {form for entry in gazetteer.values() for form, _how in entry.surface_forms()}
    assert not forms & {"Кім", "Kim", "Ким", "Лі", "Lee", "Ли", "Пак", "Park"}


def test_gold_actors_are_known_with_matching_wikidata(gazetteer: dict[str, GazetteerEntry]) -> None:
    for actor_id, qid in GOLD_ACTORS.items():
        assert actor_id in gazetteer, actor_id
        if qid is not None:
            assert gazetteer[actor_id].wikidata == qid, actor_id


def test_graph_has_one_exact_match_per_wikidata_id(gazetteer: dict[str, GazetteerEntry]) -> None:
    graph = gazetteer_graph(gazetteer)
    links = set(graph.subject_objects(SKOS.exactMatch))
    expected = {(entry.iri, WD[entry.wikidata]) for entry in gazetteer.values() if entry.wikidata}
    assert links == expected
    assert len(list(graph.triples((None, SKOS.exactMatch, None)))) == len(expected)


# ── malformed entries ──────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param('id = "bad_entry"\ntype = "Place"\nen = "X"\nuk = "Х"\nnickname = "x"', "nickname",
                     id="unknown-field"),
        pytest.param('id = "bad_entry"\ntype = "Place"\nen = "X"', "uk", id="missing-uk-label"),
        pytest.param('id = "bad_entry"\ntype = "Place"\nuk = "Х"', "en", id="missing-en-label"),
        pytest.param('id = "bad_entry"\ntype = "City"\nen = "X"\nuk = "Х"', "type", id="bad-type"),
        pytest.param('id = "bad_entry"\ntype = "Place"\nen = "X"\nuk = "Х"\nwikidata = "Q12x"', "wikidata",
                     id="bad-qid"),
        pytest.param('id = "bad_entry"\ntype = "Place"\nen = "X"\nuk = "Х"\nwikidata = "12"', "wikidata",
                     id="qid-without-q"),
        pytest.param('id = "bad_entry"\ntype = "Place"\nen = "X"\nuk = "Х"\naliases_en = [1, 2]', "aliases_en",
                     id="aliases-not-strings"),
    ],
)
def test_malformed_entry_names_entry_and_field(body: str, field: str) -> None:
    with pytest.raises(GazetteerError) as caught:
        parse_gazetteer(with_entry(body))
    message = str(caught.value)
    assert "bad_entry" in message
    assert field in message


def test_duplicate_id_is_rejected() -> None:
    with pytest.raises(GazetteerError, match=r"duplicate.*\bid\b.*'north_korea'"):
        parse_gazetteer(VALID_ENTRY + VALID_ENTRY)


@pytest.mark.parametrize("field", ["metonym_of", "country"])
def test_dangling_reference_is_rejected(field: str) -> None:
    body = f'id = "bad_entry"\ntype = "Place"\nen = "X"\nuk = "Х"\n{field} = "atlantis"'
    with pytest.raises(GazetteerError, match=r"bad_entry.*'atlantis'"):
        parse_gazetteer(with_entry(body))


def test_invalid_toml_is_a_gazetteer_error() -> None:
    with pytest.raises(GazetteerError, match="not valid TOML"):
        parse_gazetteer("[[entity]\nid = ")


def test_valid_small_gazetteer_parses() -> None:
    entries = parse_gazetteer(with_entry(
        'id = "pyongyang"\ntype = "Place"\nen = "Pyongyang"\nuk = "Пхеньян"\nwikidata = "Q18808"\n'
        'metonym_of = "north_korea"\ncountry = "north_korea"\nroles = ["city", "capital"]'
    ))
    assert set(entries) == {"north_korea", "pyongyang"}
    assert entries["pyongyang"].metonym_of == "north_korea"
    assert entries["pyongyang"].roles == ("city", "capital")


def test_graph_keeps_aliases_and_titles_of_the_same_language() -> None:
    entries = parse_gazetteer(
        '[[entity]]\nid = "p"\ntype = "Person"\nen = "P"\nuk = "П"\n'
        'aliases_uk = ["Псевдо"]\ntitles_uk = ["очільник"]\n')
    graph = gazetteer_graph(entries)
    alt = set(graph.objects(None, SKOS.altLabel))
    assert {Literal("Псевдо", lang="uk"), Literal("очільник", lang="uk")} <= alt
