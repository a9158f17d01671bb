"""Strengths and weaknesses tables: both cell layouts, wrapped cells, damaged tables."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from jargraph.model import Document
from jargraph.readers.jar import read_jar_report

from .conftest import LEICESTERSHIRE, SOUTHAMPTON, finding_counts, jar, review, variant


def test_strengths_and_weaknesses_southampton(southampton: Document) -> None:
    jar = review(southampton, "jar")
    school, neet = (i.key for i in jar.investigations)
    assert finding_counts(jar) == {
        ("safeguarding", "strength"): 5, ("safeguarding", "weakness"): 5,
        ("looked-after-children", "strength"): 6, ("looked-after-children", "weakness"): 6,
        ("learning-difficulties-and-disabilities", "strength"): 8,
        ("learning-difficulties-and-disabilities", "weakness"): 3,
        (school, "strength"): 7, (school, "weakness"): 3,
        (neet, "strength"): 4, (neet, "weakness"): 3,
        ("service-management", "strength"): 4, ("service-management", "weakness"): 3,
    }
    texts = {(f.area_key, f.text) for f in jar.findings}
    assert ("looked-after-children", "Services to support young people leaving care") in texts
    assert ("safeguarding", "Tracking of children missing from care and education.") in texts
    assert (school, "Support for developing the 14–19 curriculum.") in texts
    assert ("service-management", "Lack of a strategic approach to workforce planning.") in texts


def test_strengths_and_weaknesses_leicestershire(leicestershire: Document) -> None:
    jar = review(leicestershire, "jar")
    [inv] = jar.investigations
    assert finding_counts(jar) == {
        ("safeguarding", "strength"): 4, ("safeguarding", "weakness"): 1,
        ("looked-after-children", "strength"): 6, ("looked-after-children", "weakness"): 3,
        ("learning-difficulties-and-disabilities", "strength"): 6,
        ("learning-difficulties-and-disabilities", "weakness"): 2,
        (inv.key, "strength"): 4, (inv.key, "weakness"): 1,
        ("service-management", "strength"): 6,
    }


def test_wrapped_cells_leicestershire(leicestershire: Document) -> None:
    """Three lines of the weaknesses column hold two weaknesses."""
    jar = review(leicestershire, "jar")
    weaknesses = [f for f in jar.findings if f.kind == "weakness"
                  and f.area_key == "learning-difficulties-and-disabilities"]
    assert [w.text for w in weaknesses] == [
        "Thresholds and waiting lists for some specialist services, including CAMHS and "
        "therapies.",
        "Inconsistent support for young people with more challenging behaviour.",
    ]
    assert [w.source.line for w in weaknesses] == [213, 214]
    assert weaknesses[0].source.section == (
        "Children and young people with learning difficulties and/or disabilities")
    strengths = [f.text for f in jar.findings if f.kind == "strength"
                 and f.area_key == "learning-difficulties-and-disabilities"]
    assert strengths[-1] == "Provision for children with disabilities."


def test_strengths_table_with_unknown_column(tmp_path: Path) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("Major strengths\tImportant weaknesses\nA robust strategy",
         "Major strengths\tImportant weaknesses\tInspectors' notes\nA robust strategy"),
        ("Poor school attendance and high exclusions of older looked after children.",
         "Poor school attendance and high exclusions of older looked after children.\tSee 38."),
    ])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (178, "unknown column \"Inspectors' notes\" in strengths and weaknesses table: its cells "
              "are not read"),
        (179, "table cell in column 3, which has no known heading, not read: 'See 38.'"),
    ]
    assert Counter(f.kind for f in jar(doc).findings
                   if f.area_key == "looked-after-children") == {"strength": 6, "weakness": 3}


def test_garbled_table_rows(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [
        ("<p>Safe recruitment practices.</p>\t",
         "<p>Safe recruitment practices.</p> stray text\t"),
        ("<p>Waiting times for tier 3 child and adolescent mental health services.</p>",
         "<p>Waiting times for tier 3 child and adolescent mental health services.</p>"
         "\t<p>Overflow cell.</p>"),
    ])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (189, "garbled table cell: text outside <p>...</p> not read: 'stray text'"),
        (254, "table cell in column 3, which has no known heading, not read: "
              "'<p>Overflow cell.</p>'"),
    ]
    counts = Counter((f.area_key, f.kind) for f in jar(doc).findings)
    assert counts[("safeguarding", "strength")] == 5
    assert counts[("learning-difficulties-and-disabilities", "weakness")] == 3
