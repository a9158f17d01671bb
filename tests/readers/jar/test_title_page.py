"""The title page, the contents list, and the title-page lines that recur as page headers."""

from __future__ import annotations

from pathlib import Path

from jargraph.model import Document
from jargraph.readers.jar import read_jar_report

from .conftest import SOUTHAMPTON, passage, summary, variant


def test_title_page_southampton(southampton: Document) -> None:
    assert southampton.id == "jar-southampton-2007"
    assert southampton.family == "jar-report"
    assert southampton.area == "Southampton"
    assert southampton.title == "Joint area review: Southampton Children's Services Authority Area"
    assert southampton.published == "2007-10-16"
    assert southampton.reference == "852"
    assert southampton.publisher == "Ofsted"
    assert southampton.inspectorates == [
        "Audit Commission", "Healthcare Commission", "HM Crown Prosecution Service Inspectorate",
        "HM Inspectorate of Constabulary", "HM Inspectorate of Prisons",
        "HM Inspectorate of Probation", "Ofsted",
    ]


def test_title_page_leicestershire(leicestershire: Document) -> None:
    assert leicestershire.area == "Leicestershire"
    assert leicestershire.published == "2008-02-19"
    assert leicestershire.reference == "855"
    assert len(leicestershire.inspectorates) == 7


def test_equality_and_contents_passages(southampton: Document,
                                        leicestershire: Document) -> None:
    assert passage(southampton, "14").startswith("Services and partners identify and prioritise")
    contents = next(p.text or "" for p in leicestershire.passages if p.section == "Contents")
    assert "Introduction (2)" in contents
    assert "Main findings (3)" in contents
    assert "Recommendations (4)" in contents
    assert "Areas for investigation through fieldwork during the joint area review" in contents
    assert ("Annex C: Children and young people's section of the corporate assessment report (25)"
            in contents)


def test_page_headers_are_dropped(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [
        ("\n17. Thresholds", "\nJoint area review\n\nSafeguarding\n\n17. Thresholds"),
        ("\n50. Support", "\nSouthampton Children's Services Authority Area\n\n50. Support"),
    ])
    doc = read_jar_report(path)
    assert doc.warnings == []
    assert summary(doc) == summary(read_jar_report(SOUTHAMPTON))
