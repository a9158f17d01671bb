"""Matching names and codes to authorities: every spelling the reference table knows,
real-world variants of the names in the national report's Annex B, and names that are
like an authority's but are not one.

Expected values are read from the reference table and the report here, not from the
module under test.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from jargraph.matching import best_match, match_area

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "jargraph" / "data" / "reference" / "local-authorities.csv"
REPORT = ROOT / "src" / "jargraph" / "data" / "reports" / "jar-2007-08-report-on-outcomes.txt"

with TABLE.open(newline="", encoding="utf-8") as _handle:
    ROWS = list(csv.DictReader(_handle))


def _also_written(notes: str) -> list[str]:
    found = re.search(r"Also written:\s*(.*?)(?:\.\s+[A-Z(]|\.?$|\s+\()", notes)
    return [s.strip() for s in found.group(1).split(";")] if found else []


SPELLINGS = [(row["name"], row["name"]) for row in ROWS] + [
    (spelling, row["name"]) for row in ROWS for spelling in _also_written(row["notes"])]
CODES = [(row["dfe_la_code"], row["name"]) for row in ROWS] + [
    (row["gss_code"], row["name"]) for row in ROWS if row["gss_code"]] + [
    (code, row["name"]) for row in ROWS
    for code in re.findall(r"GSS (?:code changed to )?(E\d{8})", row["notes"])]


def annex_b() -> list[str]:
    """The 73 area names of Annex B, two columns per line."""
    text = REPORT.read_text(encoding="utf-8")
    block = text.split("### Full list of joint area reviews conducted since April 2007")[1]
    names = [cell.strip() for line in block.splitlines() for cell in line.split("\t")]
    return [n for n in names if n and not n.startswith("#") and not n.startswith("<")][:73]


def test_annex_b_has_73_names() -> None:
    assert len(annex_b()) == 73


# The Annex B name, as a council or a data file writes it, and the table's official name.
REAL_WORLD = [
    ("Bath & NE Somerset", "Bath and North East Somerset"),
    ("Bath and North East Somerset Council", "Bath and North East Somerset"),
    ("Blackburn with Darwen Borough Council", "Blackburn with Darwen"),
    ("Bolton Metropolitan Borough Council", "Bolton"),
    ("Bracknell Forest Council", "Bracknell Forest"),
    ("City of Bradford Metropolitan District Council", "Bradford"),
    ("London Borough of Camden", "Camden"),
    ("City of London Corporation", "City of London"),
    ("City of York Council", "York"),
    ("York, City of", "York"),
    ("Cornwall Council", "Cornwall"),
    ("London Borough of Croydon", "Croydon"),
    ("Derby City Council", "Derby"),
    ("DERBYSHIRE", "Derbyshire"),
    ("Durham County Council", "County Durham"),
    ("Durham, County", "County Durham"),
    ("East Riding of Yorkshire Council", "East Riding of Yorkshire"),
    ("Hammersmith & Fulham", "Hammersmith and Fulham"),
    ("London Borough of Hammersmith and Fulham", "Hammersmith and Fulham"),
    ("Hampshire County Council", "Hampshire"),
    ("Kirklees Council", "Kirklees"),
    ("Leicester City Council", "Leicester"),
    ("Leicester, City of", "Leicester"),
    ("Middlesbrough Council", "Middlesbrough"),
    ("Nottinghamshire County Council", "Nottinghamshire"),
    ("Borough of Poole", "Poole"),
    ("Portsmouth City Council", "Portsmouth"),
    ("Redcar & Cleveland", "Redcar and Cleveland"),
    ("Richmond upon Thames", "Richmond upon Thames"),
    ("Richmond on Thames", "Richmond upon Thames"),
    ("London Borough of Richmond upon Thames", "Richmond upon Thames"),
    ("Southampton City Council", "Southampton"),
    ("Southend on Sea", "Southend-on-Sea"),
    ("Southend-on-Sea Borough Council", "Southend-on-Sea"),
    ("St. Helens Council", "St. Helens"),
    ("Saint Helens", "St. Helens"),
    ("st helens", "St. Helens"),
    ("Stockton-on-Tees Borough Council", "Stockton-on-Tees"),
    ("Stockton on Tees", "Stockton-on-Tees"),
    ("Stoke on Trent", "Stoke-on-Trent"),
    ("Stoke-on-Trent City Council", "Stoke-on-Trent"),
    ("Stoke upon Trent", "Stoke-on-Trent"),
    ("Telford & Wrekin", "Telford and Wrekin"),
    ("Telford and Wrekin Council", "Telford and Wrekin"),
    ("London Borough of Tower Hamlets", "Tower Hamlets"),
    ("Walsall Metropolitan Borough Council", "Walsall"),
    ("Wandsworth Borough Council", "Wandsworth"),
    ("Westminster City Council", "Westminster"),
    ("City of Westminster", "Westminster"),
    ("Wiltshire Council", "Wiltshire"),
    ("Wokingham Borough Council", "Wokingham"),
]

NOT_AUTHORITIES = [
    "Newcastle-under-Lyme",  # a district of Staffordshire, not Newcastle upon Tyne
    "Kingston",  # Kingston upon Hull or Kingston upon Thames: not certain
    "Cambridge City Council",  # a district, not Cambridgeshire
    "Greater Manchester",
    "Yorkshire",
    "East Riding",
    "Scotland",
    "Southamptn",
    "Northampton",
    "Christchurch",
    "Bournemouth, Christchurch and Poole",
    "North Northamptonshire",
    "Cumberland",
    "Wales",
    "999",
    "E06000999",
    "E07000008",
    "area/atlantis",
]


@pytest.mark.parametrize(("text", "official"), SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_every_spelling_the_table_knows_matches(text: str, official: str) -> None:
    found = match_area(text)
    assert found[0].match and found[0].authority.name == official
    assert [c.match for c in found].count(True) == 1


@pytest.mark.parametrize(("code", "official"), CODES, ids=[c for c, _ in CODES])
def test_every_code_the_table_holds_matches(code: str, official: str) -> None:
    candidate = best_match(code)
    assert candidate is not None and candidate.authority.name == official
    assert candidate.features["code"] is True


@pytest.mark.parametrize("name", annex_b())
def test_every_annex_b_name_matches_one_authority(name: str) -> None:
    found = match_area(name)
    assert found[0].match, (name, found[0].reason)
    assert sum(c.match for c in found) == 1


@pytest.mark.parametrize(("text", "official"), REAL_WORLD, ids=[t for t, _ in REAL_WORLD])
def test_real_world_variants_match(text: str, official: str) -> None:
    candidate = best_match(text)
    assert candidate is not None, match_area(text)[0].reason
    assert candidate.authority.name == official


@pytest.mark.parametrize("text", NOT_AUTHORITIES)
def test_names_that_are_not_authorities_get_no_match(text: str) -> None:
    found = match_area(text)
    assert not any(c.match for c in found)
    assert all(c.score < 90 for c in found)
    for candidate in found:
        assert "not a name or code the reference table knows" in candidate.reason


def test_a_low_score_says_why_and_what_to_do() -> None:
    top = match_area("Southamptn")[0]
    assert top.authority.name == "Southampton" and not top.match
    assert "95% alike" in top.reason and "Also written" in top.reason


def test_variants_say_what_was_read_differently() -> None:
    candidate = best_match("Newcastle on Tyne")
    assert candidate is not None and candidate.authority.name == "Newcastle upon Tyne"
    assert "'on' read as 'upon'" in candidate.reason and candidate.score < 100


def test_a_constraint_that_disagrees_withdraws_the_match() -> None:
    leeds = match_area("Leeds", constraints={"region": "London"})[0]
    assert leeds.authority.name == "Leeds" and not leeds.match
    assert "Yorkshire and The Humber" in leeds.reason
    agreed = best_match("Leeds", {"region": "Yorkshire and The Humber"})
    assert agreed is not None and agreed.features["constraints"] is True


def test_ons_uri_and_jargraph_identifier() -> None:
    ons = "http://statistics.data.gov.uk/id/statistical-geography/E06000045"
    for text in (ons, "area/southampton", "https://w3id.org/jargraph/id/area/southampton"):
        candidate = best_match(text)
        assert candidate is not None and candidate.authority.slug == "southampton"


def test_empty_text_has_no_candidates() -> None:
    assert match_area("") == [] and match_area("   ") == []


def test_unknown_constraint_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot constrain colour"):
        match_area("Leeds", constraints={"colour": "red"})
