"""Grades the paper restates: the grades table, the corporate assessment, the grade scale."""

from __future__ import annotations

from pathlib import Path

from jargraph.model import Document, Review
from jargraph.readers.council import read_council_report

from .conftest import variant


def test_core_grades(jar: Review) -> None:
    core = {j.area_key: j for j in jar.judgements if j.wording is None}
    assert {k: j.grade for k, j in core.items()} == {
        "safeguarding": 2,
        "looked-after-children": 2,
        "learning-difficulties-and-disabilities": 3,
        "service-management": 3,
        "capacity-to-improve": 3,
    }
    assert all(j.scope == "local-services-overall" for j in core.values())
    assert core["safeguarding"].sources[0].paragraph == "3.1"


def test_corporate_assessment(ca: Review) -> None:
    assert (ca.area, ca.year) == ("Leeds", 2008)
    ratings = {j.area_key: (j.grade, j.wording, j.scope) for j in ca.judgements}
    assert ratings == {
        "outcomes-for-children-and-young-people": (3, "Good", "council"),
        "being-healthy": (3, "Good", "council"),
        "staying-safe": (2, "Adequate", "council"),
        "enjoying-and-achieving": (3, "Good", "council"),
        "making-a-positive-contribution": (3, "Good", "council"),
        "achieving-economic-well-being": (2, "Adequate", "council"),
        "service-management": (3, "Good", "council"),
        "capacity-to-improve": (3, "Good", "council"),
    }


def test_grade_words(doc: Document) -> None:
    words = {(g.grade, g.label) for g in doc.grade_descriptors}
    assert words == {(1, "inadequate"), (2, "adequate"), (3, "good"), (4, "excellent")}
    assert all(g.source.paragraph == "2.3" for g in doc.grade_descriptors)


def test_garbled_grades_row_warns(tmp_path: Path) -> None:
    path = variant(tmp_path, "Safeguarding\t2\n", "Safeguarding two-ish\n")
    doc = read_council_report(path)
    jar = doc.reviews[0]
    assert "safeguarding" not in {j.area_key for j in jar.judgements if j.wording is None}
    messages = [w.message for w in doc.warnings]
    assert any("grades row not understood" in m and "Safeguarding two-ish" in m
               for m in messages)
    assert any("no grade read for core area(s): safeguarding" in m for m in messages)
    assert all(w.file == str(path) for w in doc.warnings)


def test_unknown_grade_word_warns(tmp_path: Path) -> None:
    path = variant(tmp_path, "- Stay Safe \u2013 Adequate", "- Stay Safe \u2013 Middling")
    doc = read_council_report(path)
    ca = doc.reviews[1]
    assert "staying-safe" not in {j.area_key for j in ca.judgements}
    assert [w.line for w in doc.warnings] == [88]
