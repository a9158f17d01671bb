"""The national-outcomes reader against "Joint area reviews 2007–08: Report on outcomes".

Expected values were read off the report itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.model import Document, GradeDistribution
from jargraph.readers.national_outcomes import read_national_outcomes
from jargraph.readers.text import ReaderError
from jargraph.resources import data_dir

REPORT = data_dir() / "reports" / "jar-2007-08-report-on-outcomes.txt"

ANNEX_B = [
    "Bath and North East Somerset", "Blackburn with Darwen", "Bolton", "Bracknell Forest",
    "Bradford", "Bury", "Camden", "City of London", "City of York", "Cornwall", "Croydon",
    "Darlington", "Derby City", "Derbyshire", "Dorset", "Durham", "East Riding of Yorkshire",
    "East Sussex", "Essex", "Gloucestershire", "Halton", "Hammersmith and Fulham", "Hampshire",
    "Hertfordshire", "Kent", "Kirklees", "Knowsley", "Lambeth", "Lancashire", "Leeds",
    "Leicester City", "Leicestershire", "Lewisham", "Liverpool", "Luton", "Middlesbrough",
    "Norfolk", "North Lincolnshire", "Northumberland", "Nottinghamshire", "Oldham",
    "Oxfordshire", "Poole", "Portsmouth", "Reading", "Redcar and Cleveland",
    "Richmond-upon-Thames", "Shropshire", "Solihull", "South Gloucestershire", "South Tyneside",
    "Southampton", "Southend-on-Sea", "Southwark", "St Helens", "Stockton", "Stoke-on-Trent",
    "Suffolk", "Surrey", "Sutton", "Tameside", "Telford and Wrekin", "Tower Hamlets", "Walsall",
    "Waltham Forest", "Wandsworth", "Warrington", "Warwickshire", "West Berkshire",
    "Westminster", "Wiltshire", "Wokingham", "Worcestershire",
]

CORE = ("safeguarding", "looked-after-children", "learning-difficulties-and-disabilities",
        "service-management", "capacity-to-improve")
ANNEX_A = {  # grade -> counts in the order of CORE
    4: (6, 6, 6, 7, 16),
    3: (42, 48, 47, 50, 43),
    2: (20, 17, 19, 16, 13),
    1: (5, 2, 1, 0, 1),
}

# key -> (total, {grade: count}) exactly as the prose states them; grades it does not
# mention are absent, not zero.
PROSE = {
    "safeguarding": (73, {4: 6, 3: 42, 2: 20, 1: 5}),
    "looked-after-children": (73, {4: 6, 3: 48, 2: 17, 1: 2}),
    "learning-difficulties-and-disabilities": (73, {4: 6, 3: 47, 2: 19, 1: 1}),
    "additional-investigation": (111, {4: 3, 3: 59, 2: 43, 1: 6}),
    "camhs": (19, {4: 1, 3: 10, 2: 7, 1: 1}),
    "teenage-conceptions-and-sexual-health": (18, {3: 6, 2: 9, 1: 3}),
    "substance-misuse": (7, {3: 5, 2: 2}),
    "14-19-strategy": (28, {3: 14, 2: 12, 1: 2}),
    "standards-and-achievement": (10, {3: 6, 2: 4}),
    "school-improvement": (4, {4: 1, 3: 2, 2: 1}),
    "other-investigation": (14, {3: 7, 2: 7}),
    "service-management": (73, {4: 7, 3: 50, 2: 16, 1: 0}),
    "capacity-to-improve": (73, {4: 16, 3: 43, 2: 13, 1: 1}),
}


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_national_outcomes(REPORT)


def _dist(doc: Document, key: str) -> GradeDistribution:
    return next(d for d in doc.distributions if d.key == key)


def test_document_facts(doc: Document) -> None:
    assert doc.family == "national-outcomes"
    assert doc.title == "Joint area reviews 2007\u201308: Report on outcomes"
    assert doc.published == "2009-04"
    assert doc.reference == "080139"
    assert doc.publisher == "Ofsted"


def test_no_warnings(doc: Document) -> None:
    assert doc.warnings == []


def test_key_findings(doc: Document) -> None:
    findings = [f for f in doc.findings if f.kind == "key-finding"]
    assert len(findings) == 12
    assert findings[0].text == (
        "Establishment of more effective multi-agency working was a key feature in a large "
        "majority of the 73 local authority areas visited.")
    assert findings[-1].source.section == "Key findings"


def test_recommendations(doc: Document) -> None:
    recs = doc.recommendations
    assert len(recs) == 6
    assert recs[0].addressees == ["LSCBs"]
    assert recs[0].text == (
        "develop effective systems to monitor the impact of their work and to identify and "
        "learn lessons from serious case reviews.")
    assert all(r.addressees == ["Local authorities and their partners"] for r in recs[1:])
    assert all(r.timeframe is None for r in recs)


def test_annex_a_every_cell(doc: Document) -> None:
    annex = _dist(doc, "annex-a")
    assert annex.total == 73
    assert annex.period == "2007-04/2008-07"
    expected = {(key, grade): counts[i] for grade, counts in ANNEX_A.items()
                for i, key in enumerate(CORE)}
    assert annex.counts == expected
    assert annex.title == (
        "Overview of JAR grades awarded since April 2007 under the new methodology")


@pytest.mark.parametrize("key", sorted(PROSE))
def test_prose_distribution(doc: Document, key: str) -> None:
    total, counts = PROSE[key]
    dist = _dist(doc, key)
    assert dist.total == total
    assert dist.counts == {(key, grade): n for grade, n in counts.items()}
    assert dist.period == "2007-04/2008-07"


def test_only_stated_distributions(doc: Document) -> None:
    assert sorted(d.key for d in doc.distributions) == sorted([*PROSE, "annex-a"])


def test_distribution_sources(doc: Document) -> None:
    assert _dist(doc, "safeguarding").source.paragraph == "8"
    assert _dist(doc, "camhs").source.paragraph == "66"
    assert _dist(doc, "capacity-to-improve").source.paragraph == "83"


def test_annex_b_names(doc: Document) -> None:
    reviewed = [m for m in doc.areas_mentioned if m.role == "reviewed"]
    assert [m.name for m in reviewed] == ANNEX_B
    assert len(reviewed) == 73
    assert all(m.source.section == "Annex B" for m in reviewed)


def test_haringey_mentioned(doc: Document) -> None:
    mentioned = [m for m in doc.areas_mentioned if m.role == "mentioned"]
    assert [m.name for m in mentioned] == ["Haringey"]
    assert mentioned[0].source.section == "Footnote 1"


def test_passages(doc: Document) -> None:
    numbered = [p for p in doc.passages if p.paragraph]
    assert [p.paragraph for p in numbered] == [str(n) for n in range(1, 102)]
    by_number = {p.paragraph: p for p in numbered}
    assert by_number["8"].section == "Safeguarding"
    assert by_number["16"].section == "Local safeguarding children boards"
    # a paragraph cut by a page break and its footnote reads on
    assert "made effective use of the common assessment framework" in by_number["11"].text
    assert "Provision of Child and Adolescent Mental Health Services" in by_number["46"].text
    assert "<sup>" not in by_number["11"].text
    unnumbered = [p.section for p in doc.passages if not p.paragraph]
    assert {"Executive summary", "Key findings", "Recommendations", "Contents", "Annex A",
            "Annex B", "Footnote 1"} <= set(unnumbered)
    assert len(unnumbered) == len(set(unnumbered))
    annex_b = next(p for p in doc.passages if p.section == "Annex B")
    # the list is printed in two columns, read down each in turn: alphabetical order
    assert annex_b.text is not None and "Middlesbrough\nNorfolk\nNorth Lincolnshire" in (
        annex_b.text)


def test_sources_name_their_passage(doc: Document) -> None:
    names = {(p.paragraph, p.section if not p.paragraph else None) for p in doc.passages}
    sources = [f.source for f in doc.findings] + [r.source for r in doc.recommendations]
    sources += [d.source for d in doc.distributions] + [m.source for m in doc.areas_mentioned]
    for source in sources:
        key = (source.paragraph, None) if source.paragraph else (None, source.section)
        assert key in names, source


# --- variants -------------------------------------------------------------------------------


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = REPORT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "outcomes-variant.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_crlf_reads_the_same(tmp_path: Path, doc: Document) -> None:
    path = tmp_path / "outcomes-crlf.txt"
    path.write_bytes(REPORT.read_bytes().replace(b"\n", b"\r\n"))
    crlf = read_national_outcomes(path)
    assert crlf.warnings == []
    assert [(d.key, d.total, d.counts) for d in crlf.distributions] == [
        (d.key, d.total, d.counts) for d in doc.distributions]
    assert [m.name for m in crlf.areas_mentioned] == [m.name for m in doc.areas_mentioned]


def test_missing_annex_a_warns(tmp_path: Path) -> None:
    text = REPORT.read_text(encoding="utf-8")
    start, end = text.index("## Annex A"), text.index("## Annex B")
    path = tmp_path / "no-annex-a.txt"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    doc = read_national_outcomes(path)
    assert "annex-a" not in {d.key for d in doc.distributions}
    assert [w.message for w in doc.warnings] == [
        "no 'Annex A' section: the table of grades awarded (annex-a distribution) is missing"]


def test_garbled_annex_a_row_warns(tmp_path: Path) -> None:
    path = _variant(tmp_path, "Good\t42\t48\t47\t50\t43", "Good\t42\t48\tforty\t50\t43")
    doc = read_national_outcomes(path)
    annex = next(d for d in doc.distributions if d.key == "annex-a")
    assert ("learning-difficulties-and-disabilities", 3) not in annex.counts
    assert ("safeguarding", 3) in annex.counts
    messages = [w.message for w in doc.warnings]
    assert ("Annex A cell for learning-difficulties-and-disabilities not a number: 'forty'"
            in messages)


def test_conflicting_prose_count_warns(tmp_path: Path) -> None:
    path = _variant(tmp_path, "It was inadequate in none.", "It was inadequate in none. "
                    "It was inadequate in two.")
    doc = read_national_outcomes(path)
    sm = next(d for d in doc.distributions if d.key == "service-management")
    assert sm.counts[("service-management", 1)] == 0
    assert any("service-management: grade 1 counted as 0 and as 2" in w.message
               for w in doc.warnings)


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReaderError, match="empty.txt.*empty"):
        read_national_outcomes(path)


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(ReaderError, match="binary.txt.*binary"):
        read_national_outcomes(path)
