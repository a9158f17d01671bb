"""Area names as the documents print them resolve to one authority each."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from jargraph import links
from jargraph.vocab import JAR

ANNEX_B = [
    # Annex B of the 2007-08 report on outcomes, left column then right, as printed.
    "Bath and North East Somerset", "Blackburn with Darwen", "Bolton", "Bracknell Forest",
    "Bradford", "Bury", "Camden", "City of London", "City of York", "Cornwall", "Croydon",
    "Darlington", "Derby City", "Derbyshire", "Dorset", "Durham", "East Riding of Yorkshire",
    "East Sussex", "Essex", "Gloucestershire", "Halton", "Hammersmith and Fulham", "Hampshire",
    "Hertfordshire", "Kent", "Kirklees", "Knowsley", "Lambeth", "Lancashire", "Leeds",
    "Leicester City", "Leicestershire", "Lewisham", "Liverpool", "Luton", "Middlesbrough",
    "Norfolk",
    "North Lincolnshire", "Northumberland", "Nottinghamshire", "Oldham", "Oxfordshire", "Poole",
    "Portsmouth", "Reading", "Redcar and Cleveland", "Richmond-upon-Thames", "Shropshire",
    "Solihull", "South Gloucestershire", "South Tyneside", "Southampton", "Southend-on-Sea",
    "Southwark", "St Helens", "Stockton", "Stoke-on-Trent", "Suffolk", "Surrey", "Sutton",
    "Tameside", "Telford and Wrekin", "Tower Hamlets", "Walsall", "Waltham Forest",
    "Wandsworth", "Warrington", "Warwickshire", "West Berkshire", "Westminster", "Wiltshire",
    "Wokingham", "Worcestershire",
]

NARROWING_THE_GAP_EXAMPLES = {
    # "Examples of practice in local areas", as the headings print them.
    "Camden": "Camden",
    "Bournemouth": "Bournemouth",
    "Shropshire": "Shropshire",
    "York": "York",
    "Stockton-on-Tees": "Stockton-on-Tees",
    "St Helens": "St. Helens",
    "St. Helens": "St. Helens",
    "Norfolk": "Norfolk",
    "Bracknell Forest": "Bracknell Forest",
    "Derby": "Derby",
    "Rotherham": "Rotherham",
}


def test_annex_b_lists_73_areas_each_a_different_authority():
    assert len(ANNEX_B) == 73
    found = [links.resolve_area(name) for name in ANNEX_B]
    assert len({a.dfe_code for a in found}) == 73


@pytest.mark.parametrize(
    ("printed", "official"),
    [
        ("City of York", "York"),
        ("Derby City", "Derby"),
        ("Durham", "County Durham"),
        ("Leicester City", "Leicester"),
        ("Richmond-upon-Thames", "Richmond upon Thames"),
        ("St Helens", "St. Helens"),
        ("Stockton", "Stockton-on-Tees"),
        ("City of London", "City of London"),
        ("Southampton", "Southampton"),
    ],
)
def test_annex_b_variants(printed, official):
    assert links.resolve_area(printed).name == official


@pytest.mark.parametrize(("printed", "official"), NARROWING_THE_GAP_EXAMPLES.items())
def test_practice_examples_resolve(printed, official):
    assert links.resolve_area(printed).name == official


@pytest.mark.parametrize(
    ("name", "dfe", "gss", "slug"),
    [
        ("Southampton", "852", "E06000045", "southampton"),
        ("Leicestershire", "855", "E10000018", "leicestershire"),
        ("Leeds", "383", "E08000035", "leeds"),
        ("Durham", "840", "E06000047", "county-durham"),
        ("Stockton", "808", "E06000004", "stockton-on-tees"),
        ("St Helens", "342", "E08000013", "st-helens"),
        ("Derby City", "831", "E06000015", "derby"),
        ("Camden", "202", "E09000007", "camden"),
        ("Bournemouth", "837", "E06000028", "bournemouth"),
    ],
)
def test_codes_and_slugs(name, dfe, gss, slug):
    authority = links.resolve_area(name)
    assert (authority.dfe_code, authority.gss_code, authority.slug) == (dfe, gss, slug)
    assert authority.uri == URIRef(f"https://w3id.org/jargraph/id/area/{slug}")


@pytest.mark.parametrize(
    ("official", "slug"),
    [
        ("Bristol, City of", "bristol"),
        ("Kingston upon Hull, City of", "kingston-upon-hull"),
        ("Herefordshire, County of", "herefordshire"),
        ("County Durham", "county-durham"),
        ("City of London", "city-of-london"),
        ("St. Helens", "st-helens"),
    ],
)
def test_slug_is_short_official_name(official, slug):
    assert links.resolve_area(official).slug == slug


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("Southampton City Council", "Southampton"),
        ("Leicestershire County Council", "Leicestershire"),
        ("Leeds City Council", "Leeds"),
        ("Durham County Council", "County Durham"),
        ("London Borough of Camden", "Camden"),
        ("Stockton-on-Tees Borough Council", "Stockton-on-Tees"),
        ("City of London Corporation", "City of London"),
        ("ST. HELENS", "St. Helens"),
        ("saint helens", "St. Helens"),
        ("Brighton & Hove", "Brighton and Hove"),
        ("Hull", "Kingston upon Hull, City of"),
        ("City of Bristol", "Bristol, City of"),
        ("  Richmond   upon Thames ", "Richmond upon Thames"),
    ],
)
def test_council_style_names(written, official):
    assert links.resolve_area(written).name == official


def test_table_has_154_authorities_with_unique_codes():
    table = links.authorities()
    assert len(table) == 154
    assert len({a.slug for a in table}) == 154
    assert sum(1 for a in table if a.start_year == 2005) == 150


def test_later_and_earlier_codes_come_from_notes():
    assert links.resolve_area("Northumberland").later_gss_codes == ("E06000057",)
    assert links.resolve_area("Northumberland").earlier_gss_codes == ("E10000022",)
    assert links.resolve_area("Sheffield").later_gss_codes == ("E08000039",)
    assert links.resolve_area("Cheshire").end_year == 2009


def test_unknown_name_names_the_place_and_candidates():
    with pytest.raises(links.LinkError) as info:
        links.resolve_area("Southamptn", file="data/reports/x.txt", line=12)
    message = str(info.value)
    assert "data/reports/x.txt:12" in message
    assert "'Southamptn'" in message
    assert "Southampton" in message
    assert "Also written" in message


def test_reference_graph_covers_every_authority():
    g = links.reference_graph()
    assert len(set(g.subjects(JAR.dfeCode, None))) == 154


def test_bad_row_names_file_line_and_column(tmp_path: Path):
    bad = tmp_path / "las.csv"
    bad.write_text(
        "name,dfe_la_code,gss_code,authority_type,region,in_service,notes\n"
        "Southampton,852,E06000045,unitary,South East,2005-,\n"
        "Leeds,38,E08000035,metropolitan district,Yorkshire and The Humber,2005-,\n"
    )
    with pytest.raises(links.LinkError, match=r"las.csv:3: column 'dfe_la_code'"):
        links.load_authorities(bad)


def test_shared_spelling_is_an_error(tmp_path: Path):
    bad = tmp_path / "las.csv"
    bad.write_text(
        "name,dfe_la_code,gss_code,authority_type,region,in_service,notes\n"
        "Southampton,852,E06000045,unitary,South East,2005-,Also written: Soton.\n"
        "Portsmouth,851,E06000044,unitary,South East,2005-,Also written: Soton.\n"
    )
    with pytest.raises(links.LinkError, match="fits both Southampton"):
        links.build_index(links.load_authorities(bad), bad)


def test_reference_graph_states_codes_and_links_for_each_area():
    southampton = links.area_uri("Southampton")
    g = links.reference_graph()
    assert (southampton, SKOS.prefLabel, Literal("Southampton", "en")) in g
    assert (southampton, JAR.dfeCode, Literal("852")) in g
    assert (southampton, JAR.gssCode, Literal("E06000045")) in g
    ons = URIRef("http://statistics.data.gov.uk/id/statistical-geography/E06000045")
    assert (southampton, OWL.sameAs, ons) in g
    assert (southampton, DCTERMS.source, links.REFERENCE_DATASET) in g
    assert (links.REFERENCE_DATASET, DCTERMS.title, None) in g
    assert len(set(g.subjects(JAR.dfeCode, None))) == 154
