"""Reading a whole council paper: the Leeds paper without a warning, the same in CRLF,
another paper of the family, and files that cannot be read at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.model import Document
from jargraph.readers.council import read_council_report
from jargraph.readers.text import ReaderError

from .conftest import LEEDS, grades


def test_document_facts(doc: Document) -> None:
    assert doc.id == "leeds-executive-board-jar-2008"
    assert doc.family == "council-report"
    assert doc.title == "Leeds Joint Area Review"
    assert doc.published == "2008-06-11"
    assert doc.publisher == "Leeds City Council"
    assert doc.area == "Leeds"
    assert [r.kind for r in doc.reviews] == ["jar", "corporate-assessment"]


def test_no_warnings(doc: Document) -> None:
    assert doc.warnings == []


def test_sources_point_at_numbered_paragraphs(doc: Document) -> None:
    numbers = {p.paragraph for p in doc.passages}
    sources = [r.source for r in doc.reviews]
    for review in doc.reviews:
        sources += [s for j in review.judgements for s in j.sources]
        sources += [f.source for f in review.findings]
        sources += [r.source for r in review.recommendations]
        sources += [i.source for i in review.investigations]
    sources += [g.source for g in doc.grade_descriptors]
    assert all(s.paragraph in numbers for s in sources)


def test_crlf_reads_the_same(tmp_path: Path, doc: Document) -> None:
    path = tmp_path / "leeds-crlf.txt"
    path.write_bytes(LEEDS.read_bytes().replace(b"\n", b"\r\n"))
    crlf = read_council_report(path)
    assert crlf.warnings == []
    assert [(j.area_key, j.grade) for r in crlf.reviews for j in r.judgements] == [
        (j.area_key, j.grade) for r in doc.reviews for j in r.judgements]
    assert [f.text for f in crlf.reviews[0].findings] == [f.text for f in doc.reviews[0].findings]
    assert [p.text for p in crlf.passages] == [p.text for p in doc.passages]


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(ReaderError, match="empty.txt.*empty"):
        read_council_report(path)


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"%PDF-1.4\x00\x01\x02")
    with pytest.raises(ReaderError, match="binary.txt.*binary"):
        read_council_report(path)


def test_non_utf8_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Subject: Caf\u00e9 Joint Area Review\n".encode("latin-1"))
    with pytest.raises(ReaderError, match="latin1.txt.*UTF-8"):
        read_council_report(path)


OTHER_PAPER = """\
Report of the Director of Children's Services

Executive Board

Date: 3rd September 2008

Subject: Kirklees Joint Area Review

EXECUTIVE SUMMARY

- 1.0 This report sets out the outcome of the Joint Area Review (JAR) which took place in\
 March 2008. The report was published on 14th July 2008.

1.0 Purpose Of This Report

1.1 To inform members of Kirklees Council of the outcome of the inspection.

3.0 Outcome of the inspection

3.1 The grades awarded in the JAR were as follows:-

\tLocal services overall
Safeguarding\t3
Looked after children\t3
Learning difficulties and/or disabilities\t2
Service management\t3
Capacity to improve\t4

4.0 Inspection recommendations

4.1 The formal recommendations arising from the inspection were as follows:-

For immediate action

The local partnership should:

- ensure that all looked after children have an allocated social worker.

For action in the longer term

The local partnership should:

- improve the range of short breaks for disabled children.
"""


def test_another_paper_of_the_family(tmp_path: Path) -> None:
    path = tmp_path / "kirklees-cabinet-jar-2008.txt"
    path.write_text(OTHER_PAPER, encoding="utf-8")
    doc = read_council_report(path)
    assert doc.warnings == []
    assert (doc.title, doc.published, doc.area, doc.publisher) == (
        "Kirklees Joint Area Review", "2008-09-03", "Kirklees", "Kirklees Council")
    jar = doc.reviews[0]
    assert (jar.year, jar.fieldwork, jar.methodology) == (2008, "2008-03", "2007")
    assert grades(jar) == {
        "safeguarding": 3, "looked-after-children": 3,
        "learning-difficulties-and-disabilities": 2, "service-management": 3,
        "capacity-to-improve": 4}
    assert [(r.timeframe, r.addressees) for r in jar.recommendations] == [
        ("immediate", ["The local partnership"]), ("longer-term", ["The local partnership"])]
    assert [r.kind for r in doc.reviews] == ["jar"]
