"""The template's placeholders, read from the template itself."""

from __future__ import annotations

from jargraph.validate.placeholders import found_in, placeholder_findings, placeholders
from jargraph.validate.statements import Statements

from .conftest import parsed


def test_the_placeholders_and_their_descriptions_come_from_the_template() -> None:
    known = placeholders()
    assert {"TITLE", "AREA-SLUG", "YEAR", "GRADE-LDD-AS-PRINTED", "STRENGTH-TEXT"} <= set(known)
    assert known["YEAR"].startswith("the year of publication")
    assert known["STRENGTH-TEXT"].startswith("the item's words")  # the …-TEXT family
    assert known["GRADE-LDD-AS-PRINTED"].startswith("the grade as the report prints it")


def test_runs_of_capitals_are_split_into_placeholders() -> None:
    assert found_in("review/jar-AREA-SLUG-YEAR", whole=False) == ["AREA-SLUG", "YEAR"]
    assert found_in("review/jar-southampton-YEAR", whole=False) == ["YEAR"]


def test_a_one_word_placeholder_counts_in_a_text_only_as_the_whole_text() -> None:
    assert found_in("PUPIL REFERRAL UNIT", whole=True) == []
    assert found_in("UNIT", whole=True) == ["UNIT"]
    assert found_in("The STRENGTH-TEXT here", whole=True) == ["STRENGTH-TEXT"]


def test_each_term_is_reported_once() -> None:
    graph = parsed('<area/AREA-SLUG> a jar:Area ; skos:prefLabel "AREA-NAME"@en .\n'
                   '<review/x> jar:area <area/AREA-SLUG> .')
    found = list(placeholder_findings(Statements.of(graph)))
    assert sorted(f.message.split(" ")[0] for f in found) == ["AREA-NAME", "AREA-SLUG"]
