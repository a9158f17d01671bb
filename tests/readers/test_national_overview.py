"""The national-overview reader against "Narrowing the gap" (Ofsted, April 2007).

Expected values were read off the report itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.model import Document
from jargraph.readers.national_overview import read_national_overview
from jargraph.readers.text import ReaderError
from jargraph.resources import data_dir

REPORT = data_dir() / "reports" / "narrowing-the-gap-2007.txt"

EARLIER_GRADES = [
    "overall contribution of the council's services to outcomes for children and young people "
    "(as for the annual performance assessment)",
    "council's capacity to improve services for children and young people "
    "(as for the annual performance assessment)",
    "contribution of the council's education services to outcomes for children and young people",
    "contribution of the council's social care services to outcomes for children and young "
    "people",
    "health service for children and young people",
    "contribution of local services overall to being healthy",
    "contribution of local services overall to staying safe",
    "contribution of local services overall to enjoying and achieving",
    "contribution of local services overall to making a positive contribution",
    "contribution of local services overall to achieving economic well-being",
    "service management",
    "capacity for improvement of services for children and young people in the local area",
    "capacity for improvement of services for children and young people in the council",
]

EXAMPLES = [  # area as printed in its heading, title, outcome area of its "Read about" link
    ("Camden", "teenage pregnancy strategy", "being-healthy"),
    ("Bournemouth", "no child left unallocated", "staying-safe"),
    ("Shropshire", "intervening early to improve outcomes", "staying-safe"),
    ("York", "linking the five outcomes through out-of-school hours learning opportunities",
     "enjoying-and-achieving"),
    ("Stockton-on-Tees", "early support for those with complex needs", "enjoying-and-achieving"),
    ("St Helens", "elected members working with young people", "making-a-positive-contribution"),
    ("Norfolk", "ensuring all young people's views are heard", "making-a-positive-contribution"),
    ("Bracknell Forest", "joint working between children's services and housing services",
     "achieving-economic-well-being"),
    # linked from "Capacity to improve, including service management"
    ("Derby", "reducing social work vacancies", "capacity-to-improve"),
    ("Rotherham", "involving children and young people in performance management",
     "capacity-to-improve"),
]
EXPECTED_WARNINGS: list[tuple[int, str]] = []


def _unexpected(doc: Document) -> list[str]:
    return [w.message for w in doc.warnings if (w.line, w.message) not in EXPECTED_WARNINGS]

FINDING_COUNTS = {
    ("being-healthy", "strength"): 6, ("being-healthy", "weakness"): 6,
    ("staying-safe", "strength"): 12, ("staying-safe", "weakness"): 8,
    ("enjoying-and-achieving", "strength"): 12, ("enjoying-and-achieving", "weakness"): 5,
    ("making-a-positive-contribution", "strength"): 10,
    ("making-a-positive-contribution", "weakness"): 6,
    ("achieving-economic-well-being", "strength"): 13,
    ("achieving-economic-well-being", "weakness"): 6,
    ("capacity-to-improve", "strength"): 12, ("capacity-to-improve", "weakness"): 11,
}


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_national_overview(REPORT)


def test_document_facts(doc: Document) -> None:
    assert doc.family == "national-overview"
    assert doc.title == "Narrowing the gap: the inspection of children's services"
    assert doc.published == "2007-04"
    assert doc.reference == "070041"
    assert doc.publisher == "Ofsted"


def test_only_the_expected_warnings(doc: Document) -> None:
    assert [(w.line, w.message) for w in doc.warnings] == EXPECTED_WARNINGS


def test_key_findings(doc: Document) -> None:
    findings = [f for f in doc.findings if f.kind == "key-finding"]
    assert len(findings) == 4
    # the second runs on over a page break
    assert findings[1].text.endswith("multi-agency family support delivered through "
                                     "children's centres.")
    assert "across all outcomes. The quality" in findings[1].text


def test_recommendations(doc: Document) -> None:
    recs = doc.recommendations
    assert len(recs) == 6
    assert [r.addressees for r in recs] == [
        ["Councils and their partners"], ["Councils and their partners"], [], [], [],
        ["Councils and their partners"]]
    assert recs[3].text == (
        "Steps should be taken to improve multi-disciplinary identification and assessment of "
        "need, including better collection, presentation and sharing of data in order to "
        "target resources most effectively.")


def test_grade_descriptors(doc: Document) -> None:
    descriptors = {g.grade: g for g in doc.grade_descriptors}
    assert sorted(descriptors) == [1, 2, 3, 4]
    assert descriptors[4].label == (
        "A service that delivers well above minimum requirements for users")
    assert descriptors[4].descriptor == (
        "A service that delivers well above minimum requirements for children and young people, "
        "is innovative and cost-effective and fully contributes to raising expectations and the "
        "achievement of wider outcomes for the community.")
    assert descriptors[3].label == (
        "A service that consistently delivers above minimum requirements for users")
    assert descriptors[2].label == "A service that delivers only minimum requirements for users"
    assert descriptors[1].label == "A service that does not deliver minimum requirements for users"
    assert descriptors[1].descriptor.endswith("little or no contribution to wider outcomes for "
                                              "the community.")


def test_thirteen_earlier_grades_in_order(doc: Document) -> None:
    assert [text for text, _ in doc.earlier_grades] == EARLIER_GRADES
    assert all(source.section == "Notes / Joint area reviews" for _, source in doc.earlier_grades)


def test_finding_sources_name_their_passage(doc: Document) -> None:
    passages = {p.section for p in doc.passages}
    assert all(f.source.section in passages for f in doc.findings)
    assert all(g.source.section in passages for g in doc.grade_descriptors)
    assert all(e.source.section in passages for e in doc.examples)
    weakness = next(f for f in doc.findings if f.kind == "weakness")
    assert weakness.source.section == (
        "Evaluation of outcome areas / Being healthy / Areas for improvement and barriers to "
        "improvement")


def test_findings_per_outcome_area(doc: Document) -> None:
    counts: dict[tuple[str | None, str], int] = {}
    for finding in doc.findings:
        if finding.kind != "key-finding":
            counts[(finding.area_key, finding.kind)] = counts.get(
                (finding.area_key, finding.kind), 0) + 1
    assert counts == FINDING_COUNTS


def test_finding_texts(doc: Document) -> None:
    texts = {(f.area_key, f.kind, f.text) for f in doc.findings}
    assert ("staying-safe", "strength", "strong safeguarding arrangements for children most at "
            "risk") in texts
    assert ("being-healthy", "weakness", "low immunisation rates.") in texts
    # a bold heading split by a page break (the rest printed as a heading) is one finding
    assert ("being-healthy", "weakness", "slow and inconsistent progress in tackling areas of "
            "weakness and wide differences in provision between areas and between different "
            "groups of children and young people, with the more vulnerable too frequently "
            "faring less well") in texts
    assert ("enjoying-and-achieving", "weakness", "ineffective strategies to tackle poor levels "
            "of school attendance generally and high levels of unauthorised absence") in texts
    assert ("capacity-to-improve", "weakness", "inadequate needs analysis to inform service "
            "provision and improvements") in texts


def test_examples_of_practice(doc: Document) -> None:
    assert [(e.area, e.title, e.outcome_area) for e in doc.examples] == EXAMPLES
    camden = doc.examples[0]
    assert camden.text is not None
    assert camden.text.startswith("Excellent engagement from senior strategic partners")
    assert "teens and toddlers programme" in camden.text
    shropshire = doc.examples[2]
    assert shropshire.text is not None and "Case study" in shropshire.text
    st_helens = doc.examples[5]
    assert st_helens.text is not None and "Consultation with young people" in st_helens.text


def test_example_areas_mentioned(doc: Document) -> None:
    mentioned = [(m.name, m.role) for m in doc.areas_mentioned]
    assert mentioned == [(area, "example") for area, _, _ in EXAMPLES]


def test_passages(doc: Document) -> None:
    sections = [p.section for p in doc.passages]
    for name in ("Executive summary", "Key findings", "Recommendations",
                 "Notes / Annual performance assessment", "Notes / Joint area reviews",
                 "Executive summary / Being healthy", "Further information / Being healthy",
                 "Evaluation of outcome areas / Being healthy / Areas for improvement and "
                 "barriers to improvement",
                 "Derby: reducing social work vacancies", "Footnote 3"):
        assert name in sections
    # each passage has its own name: "Being healthy" recurs in three parts of the report
    assert len(sections) == len(set(sections))
    assert all(p.text for p in doc.passages)
    assert not any("<sup>" in (p.text or "") or "**" in (p.text or "") for p in doc.passages)


# --- variants -------------------------------------------------------------------------------


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = REPORT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "overview-variant.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_crlf_reads_the_same(tmp_path: Path, doc: Document) -> None:
    path = tmp_path / "overview-crlf.txt"
    path.write_bytes(REPORT.read_bytes().replace(b"\n", b"\r\n"))
    crlf = read_national_overview(path)
    assert [(w.line, w.message) for w in crlf.warnings] == EXPECTED_WARNINGS
    assert [(f.kind, f.area_key, f.text) for f in crlf.findings] == [
        (f.kind, f.area_key, f.text) for f in doc.findings]
    assert [(e.area, e.outcome_area) for e in crlf.examples] == [
        (e.area, e.outcome_area) for e in doc.examples]
    assert [(t, s.line) for t, s in crlf.earlier_grades] == [
        (t, s.line) for t, s in doc.earlier_grades]


def test_missing_read_about_link_warns(tmp_path: Path) -> None:
    path = _variant(tmp_path, "[Derby: reducing social work vacancies](#)", "")
    doc = read_national_overview(path)
    derby = next(e for e in doc.examples if e.area == "Derby")
    assert derby.outcome_area is None
    messages = [w.message for w in doc.warnings]
    assert "'Read about' without an '[Area: title](#)' link after it" in messages
    assert "example 'Derby' has no 'Read about' link, so its outcome area is unknown" in messages


def test_short_grade_list_warns(tmp_path: Path) -> None:
    path = _variant(tmp_path, "- service management\n", "")
    doc = read_national_overview(path)
    assert len(doc.earlier_grades) == 12
    assert _unexpected(doc) == ["the report says thirteen grades but lists 12"]


def test_garbled_descriptor_row_warns(tmp_path: Path) -> None:
    path = _variant(tmp_path, "<b>Grade 2:</b>", "<b>Grade two:</b>")
    doc = read_national_overview(path)
    assert sorted(g.grade for g in doc.grade_descriptors) == [1, 3, 4]
    assert len(_unexpected(doc)) == 1
    assert _unexpected(doc)[0].startswith("grade descriptor row not understood")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="empty"):
        read_national_overview(path)


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)))
    with pytest.raises(ReaderError, match="binary.txt"):
        read_national_overview(path)
