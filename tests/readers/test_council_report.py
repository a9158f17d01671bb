"""The council-report reader against the Leeds Executive Board paper of 11 June 2008.

Expected values were read off the paper itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.model import Document, Review
from jargraph.readers.council import read_council_report
from jargraph.readers.text import ReaderError
from jargraph.resources import data_dir

LEEDS = data_dir() / "reports" / "leeds-executive-board-jar-2008.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_council_report(LEEDS)


@pytest.fixture(scope="module")
def jar(doc: Document) -> Review:
    return next(r for r in doc.reviews if r.kind == "jar")


@pytest.fixture(scope="module")
def ca(doc: Document) -> Review:
    return next(r for r in doc.reviews if r.kind == "corporate-assessment")


def _grades(review: Review) -> dict[str, int]:
    return {j.area_key: j.grade for j in review.judgements}


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


def test_jar_review(jar: Review) -> None:
    assert (jar.area, jar.year, jar.methodology, jar.fieldwork) == (
        "Leeds", 2008, "2007", "2007-11/2007-12")
    assert jar.source.paragraph == "1.0"


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


def test_investigations_and_their_grades(jar: Review) -> None:
    by_category = {i.category: i for i in jar.investigations}
    assert set(by_category) == {"camhs", "14-19-strategy"}
    camhs, strategy = by_category["camhs"], by_category["14-19-strategy"]
    assert camhs.title == "Child and Adolescent Mental health Services (CAMHS)"
    assert strategy.title == (
        "The impact of the 14\u201319 strategy in improving outcomes for young people")
    graded = {j.area_key: (j.grade, j.wording) for j in jar.judgements if j.wording}
    assert graded == {camhs.key: (3, "Good"), strategy.key: (2, "Adequate")}
    assert len({i.key for i in jar.investigations}) == 2


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


def test_strengths_and_weaknesses_per_table(jar: Review) -> None:
    keys = {i.category: i.key for i in jar.investigations}
    counts: dict[tuple[str | None, str], int] = {}
    for finding in jar.findings:
        key = (finding.area_key, finding.kind)
        counts[key] = counts.get(key, 0) + 1
    assert counts == {
        ("safeguarding", "strength"): 5, ("safeguarding", "weakness"): 3,
        ("looked-after-children", "strength"): 5, ("looked-after-children", "weakness"): 3,
        ("learning-difficulties-and-disabilities", "strength"): 5,
        ("learning-difficulties-and-disabilities", "weakness"): 2,
        (keys["camhs"], "strength"): 4, (keys["camhs"], "weakness"): 1,
        (keys["14-19-strategy"], "strength"): 6, (keys["14-19-strategy"], "weakness"): 4,
        ("service-management", "strength"): 4, ("service-management", "weakness"): 2,
    }


def test_finding_texts(jar: Review) -> None:
    texts = {(f.kind, f.text) for f in jar.findings}
    assert ("strength", "Effective single point of contact for social care enquiries and "
            "referrals \u2013 Contact Leeds.") in texts
    assert ("weakness", "The computer system does not ensure a secure audit trail of "
            "entries made.") in texts
    assert ("weakness", "No plan in place to address the changing needs caused by "
            "demographic change.") in texts
    assert ("weakness", "Not all initial child protection conferences happen on time and not "
            "all core assessments are of good quality") in texts


def test_cell_continued_after_page_break(jar: Review) -> None:
    strategy = next(i.key for i in jar.investigations if i.category == "14-19-strategy")
    strengths = [f for f in jar.findings if f.area_key == strategy and f.kind == "strength"]
    assert strengths[-1].text == (
        "Good and some outstanding support for learners as identified in Ofsted inspections.")
    assert not any(f.text.startswith("for learners") for f in jar.findings)


def test_recommendations(jar: Review) -> None:
    by_time: dict[str | None, list[str]] = {}
    for rec in jar.recommendations:
        by_time.setdefault(rec.timeframe, []).append(rec.text)
        assert rec.addressees == ["The local partnership"]
    assert {k: len(v) for k, v in by_time.items()} == {
        "immediate": 3, "within-six-months": 5, "longer-term": 2}
    assert by_time["immediate"][2] == (
        "reduce the number of fixed-term exclusions for looked after children.")
    assert by_time["within-six-months"][0] == (
        "ensure the electronic case record system (ESCR) provides a fixed and permanent "
        "audit trail of entries made")
    assert by_time["longer-term"][1] == (
        "ensure there is sufficient good quality education and training for young people "
        "who offend.")


def test_board_recommendations_are_passages_only(doc: Document, jar: Review) -> None:
    assert not any("Note the outcome" in r.text for r in jar.recommendations)
    assert not doc.recommendations
    board = {p.paragraph: p.text for p in doc.passages}
    assert "It is recommended that Executive Board:" in board["2.0"]
    assert "Receive the JAR Action Plan" in board["9.0"]


def test_grade_words(doc: Document) -> None:
    words = {(g.grade, g.label) for g in doc.grade_descriptors}
    assert words == {(1, "inadequate"), (2, "adequate"), (3, "good"), (4, "excellent")}
    assert all(g.source.paragraph == "2.3" for g in doc.grade_descriptors)


def test_numbered_paragraphs_are_passages(doc: Document) -> None:
    numbers = [p.paragraph for p in doc.passages]
    assert numbers == [
        "1.0", "2.0", "1.1", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1", "5.1",
        "6.1", "7.1", "7.2", "7.3", "7.4", "7.5", "8.1", "8.2", "9.0"]
    sections = {p.paragraph: p.section for p in doc.passages}
    assert sections["3.1"] == "Outcome of the inspection"
    assert sections["7.4"] == "Legal And Resource Implications"
    text = {p.paragraph: p.text for p in doc.passages}
    assert text["7.5"] == (
        "The actions arising from the recommendations should not incur significant additional "
        "costs. Most of the actions are already factored in to ongoing work, as they address "
        "priority areas which are already highlighted within existing strategic plans.")


# --- variants -------------------------------------------------------------------------------


def _variant(tmp_path: Path, old: str, new: str, name: str = "leeds-variant.txt") -> Path:
    text = LEEDS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_crlf_reads_the_same(tmp_path: Path, doc: Document) -> None:
    path = tmp_path / "leeds-crlf.txt"
    path.write_bytes(LEEDS.read_bytes().replace(b"\n", b"\r\n"))
    crlf = read_council_report(path)
    assert crlf.warnings == []
    assert [(j.area_key, j.grade) for r in crlf.reviews for j in r.judgements] == [
        (j.area_key, j.grade) for r in doc.reviews for j in r.judgements]
    assert [f.text for f in crlf.reviews[0].findings] == [f.text for f in doc.reviews[0].findings]
    assert [p.text for p in crlf.passages] == [p.text for p in doc.passages]


def test_garbled_grades_row_warns(tmp_path: Path) -> None:
    path = _variant(tmp_path, "Safeguarding\t2\n", "Safeguarding two-ish\n")
    doc = read_council_report(path)
    jar = doc.reviews[0]
    assert "safeguarding" not in {j.area_key for j in jar.judgements if j.wording is None}
    messages = [w.message for w in doc.warnings]
    assert any("grades row not understood" in m and "Safeguarding two-ish" in m
               for m in messages)
    assert any("no grade read for core area(s): safeguarding" in m for m in messages)
    assert all(w.file == str(path) for w in doc.warnings)


def test_unknown_grade_word_warns(tmp_path: Path) -> None:
    path = _variant(tmp_path, "- Stay Safe \u2013 Adequate", "- Stay Safe \u2013 Middling")
    doc = read_council_report(path)
    ca = doc.reviews[1]
    assert "staying-safe" not in {j.area_key for j in ca.judgements}
    assert [w.line for w in doc.warnings] == [88]


def test_missing_continuation_row_is_no_loss(tmp_path: Path) -> None:
    path = _variant(tmp_path, "for learners as identified in Ofsted inspections.\t\n", "")
    jar = read_council_report(path).reviews[0]
    assert "Good and some outstanding support" in {f.text for f in jar.findings}


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
    assert _grades(jar) == {
        "safeguarding": 3, "looked-after-children": 3,
        "learning-difficulties-and-disabilities": 2, "service-management": 3,
        "capacity-to-improve": 4}
    assert [(r.timeframe, r.addressees) for r in jar.recommendations] == [
        ("immediate", ["The local partnership"]), ("longer-term", ["The local partnership"])]
    assert [r.kind for r in doc.reviews] == ["jar"]
