"""Draft encodings of the seed reports and of variants made from them: each validates, and
its grades and recommendation timeframes are the report's.

The expected grades and timeframes below were read off the reports by a person (the
grades tables, the main findings, the annexes' tables and the recommendation headings
"For immediate action", "For action over the next six months", "For action in the
longer term"); a variant's expectations are the seed's with the variant's edits.
Recommendations are recognised by a phrase of their words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from jargraph.draft import draft_file, draft_from_text
from jargraph.readers import UnknownDocument
from jargraph.readers.text import ReaderError
from jargraph.resources import data_dir
from jargraph.validate import validate_file
from jargraph.vocab import ID, JAR

REPORTS = data_dir() / "reports"
SOUTHAMPTON = REPORTS / "jar-southampton-2007.txt"
LEICESTERSHIRE = REPORTS / "jar-leicestershire-2008.txt"
LEEDS = REPORTS / "leeds-executive-board-jar-2008.txt"

SCHOOLS = ("The contribution of local services to support and challenge schools in raising "
           "attainment")
NEET = ("The impact of local services in reducing the number of young people not in "
        "employment, education and training")
SOUTHAMPTON_GRADES = {
    "jar-southampton-2007": {
        "safeguarding": "adequate", "looked-after-children": "adequate",
        "learning-difficulties-and-disabilities": "good", "service-management": "good",
        "capacity-to-improve": "good", SCHOOLS: "good", NEET: "adequate"},
    "apa-southampton-2006": {
        "council-overall-contribution": "good", "council-capacity-to-improve": "good",
        "making-a-positive-contribution": "outstanding"},  # printed "excellent"
}
SOUTHAMPTON_TIMEFRAMES = {
    "disseminate the findings": "immediate", "independent visiting scheme": "immediate",
    "social care quality assurance": "within-six-months",
    "permanence plans": "within-six-months",
    "effective transition to post-16": "within-six-months",
    "clear framework identifying": "within-six-months",
    "development of 14-19 education": "within-six-months",
    "anti-bullying strategy": "within-six-months",
    "more deprived communities": "within-six-months",
    "strengthen scrutiny": "within-six-months",
    "appropriate housing": "longer-term", "engagement of employers": "longer-term",
}
KS3_4 = "The enjoyment and achievement of children and young people between Key Stages 3 and 4"
LEICESTERSHIRE_GRADES = {
    "jar-leicestershire-2008": {
        "safeguarding": "good", "looked-after-children": "good",
        "learning-difficulties-and-disabilities": "good", "service-management": "outstanding",
        "capacity-to-improve": "outstanding", KS3_4: "good"},
    "apa-leicestershire-2007": {
        "council-overall-contribution": "good", "being-healthy": "good",
        "staying-safe": "good", "enjoying-and-achieving": "good",
        "achieving-economic-well-being": "good", "making-a-positive-contribution": "outstanding",
        "council-capacity-to-improve": "outstanding"},
    "eyi-leicestershire-2008": {
        "youth-standards-of-achievement": "good", "youth-work-practice": "good",
        "youth-curriculum-and-resources": "outstanding",
        "youth-leadership-and-management": "good"},
    "ca-leicestershire-2008": {
        "outcomes-for-children-and-young-people": "good", "service-management": "outstanding",
        "being-healthy": "good", "staying-safe": "good", "enjoying-and-achieving": "good",
        "making-a-positive-contribution": "good", "achieving-economic-well-being": "good",
        "council-capacity-to-improve": "outstanding"},
}
LEICESTERSHIRE_TIMEFRAMES = {
    "disseminate the findings": "immediate", "unauthorised absence": "immediate",
    "reduce exclusions of older": "immediate",
    "challenging behaviour": "within-six-months", "waiting times": "within-six-months",
    "younger looked after children": "within-six-months",
    "accommodation for care leavers": "longer-term", "well-being, including CAMHS": "longer-term",
}
LEEDS_GRADES = {
    "jar-leeds-2008": {
        "safeguarding": "adequate", "looked-after-children": "adequate",
        "learning-difficulties-and-disabilities": "good", "service-management": "good",
        "capacity-to-improve": "good",
        "Child and Adolescent Mental health Services (CAMHS)": "good",
        "The impact of the 14-19 strategy in improving outcomes for young people": "adequate"},
    "ca-leeds-2008": {
        "outcomes-for-children-and-young-people": "good", "being-healthy": "good",
        "staying-safe": "adequate", "enjoying-and-achieving": "good",
        "making-a-positive-contribution": "good", "achieving-economic-well-being": "adequate",
        "service-management": "good", "capacity-to-improve": "good"},
}
LEEDS_TIMEFRAMES = {
    "dissemination of the findings": "immediate", "child protection conferences": "immediate",
    "fixed-term exclusions": "immediate",
    "electronic case record": "within-six-months", "at age 16 and 17": "within-six-months",
    "no qualifications": "within-six-months", "low-performing secondary": "within-six-months",
    "mental health needs": "within-six-months",
    "review of 14": "longer-term", "young people who offend": "longer-term",
}


def variant(tmp_path: Path, original: Path, edits: list[tuple[str, str]], name: str,
            change: Callable[[str], str] = lambda text: text, newline: str = "\n") -> Path:
    """A copy of ``original`` with each (old, new) edit applied everywhere (old must be
    there), then ``change`` applied to the whole text, saved with ``newline``."""
    text = original.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"edit target not in {original.name}: {old[:60]!r}"
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_bytes(change(text).replace("\n", newline).encode("utf-8"))
    return path


def curly(text: str) -> str:
    """Quotes as a word processor types them: ‘opening’ and ’closing or apostrophe’,
    “double” likewise."""
    text = re.sub(r"(^|[\s(\[])'", "\\1\u2018", text, flags=re.M).replace("'", "\u2019")
    return re.sub(r'(^|[\s(\[])"', "\\1\u201c", text, flags=re.M).replace('"', "\u201d")


def drafted(tmp_path: Path, report: Path) -> tuple[Graph, list[str], Path]:
    """The draft of ``report`` written to a file, validated, and parsed back."""
    draft = draft_file(report)
    out = tmp_path / f"{report.stem}.ttl"
    out.write_text(draft.turtle, encoding="utf-8")
    result = validate_file(out)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    graph = Graph().parse(out, format="turtle")
    return graph, draft.checks, out


def local(node: object) -> str:
    return str(node).rsplit("/", 1)[-1]


def grades(graph: Graph) -> dict[str, dict[str, str]]:
    """Review -> judgement area (an investigation by its title) -> grade."""
    found: dict[str, dict[str, str]] = {}
    for judgement in graph.subjects(RDF.type, JAR.Judgement):
        review, area = graph.value(judgement, JAR.review), graph.value(judgement, JAR.judgementArea)
        title = graph.value(area, DCTERMS.title)
        key = " ".join(str(title).replace("\u2013", "-").split()) if title else local(area)
        found.setdefault(local(review), {})[key] = local(graph.value(judgement, JAR.grade))
    return found


def timeframes(graph: Graph, phrases: dict[str, str]) -> dict[str, str]:
    """Phrase -> the timeframe of the one recommendation whose words hold it."""
    found: dict[str, str] = {}
    recommendations = list(graph.subjects(RDF.type, JAR.Recommendation))
    for rec in recommendations:
        text = str(graph.value(rec, JAR.text)).replace("\u2013", "-").replace("\u2019", "'")
        matching = [p for p in phrases if p in text]
        assert len(matching) == 1, f"{text!r} matches {matching}"
        found[matching[0]] = local(graph.value(rec, JAR.timeframe))
    assert len(recommendations) == len(found)
    return found


def expect(graph: Graph, expected_grades: dict[str, dict[str, str]],
           expected_timeframes: dict[str, str]) -> None:
    found = grades(graph)
    for review, expected in expected_grades.items():
        assert found.get(review) == expected, review
    assert timeframes(graph, expected_timeframes) == expected_timeframes


# ---------------------------------------------------------------- the seed reports


@pytest.mark.parametrize(("report", "expected_grades", "expected_timeframes"), [
    (SOUTHAMPTON, SOUTHAMPTON_GRADES, SOUTHAMPTON_TIMEFRAMES),
    (LEICESTERSHIRE, LEICESTERSHIRE_GRADES, LEICESTERSHIRE_TIMEFRAMES),
    (LEEDS, LEEDS_GRADES, LEEDS_TIMEFRAMES),
], ids=["southampton", "leicestershire", "leeds"])
def test_seed_report_drafts(tmp_path: Path, report: Path, expected_grades: dict,
                            expected_timeframes: dict) -> None:
    graph, checks, _ = drafted(tmp_path, report)
    assert checks == []
    expect(graph, expected_grades, expected_timeframes)


@pytest.mark.parametrize("report", ["jar-2007-08-report-on-outcomes.txt",
                                    "narrowing-the-gap-2007.txt"])
def test_national_report_drafts_validate(tmp_path: Path, report: str) -> None:
    graph, checks, _ = drafted(tmp_path, REPORTS / report)
    assert checks == []
    assert (URIRef(f"{ID}document/{Path(report).stem}"), RDF.type, JAR.NationalReport) in graph


def test_the_draft_is_laid_out_like_the_template(tmp_path: Path) -> None:
    _, _, out = drafted(tmp_path, SOUTHAMPTON)
    text = out.read_text(encoding="utf-8")
    for declaration in ("@base <https://w3id.org/jargraph/id/> .",
                        "@prefix jar:     <https://w3id.org/jargraph/def#> .",
                        "@prefix dcterms: <http://purl.org/dc/terms/> ."):
        assert declaration in text
    headings = ["# The document", "# Passages:", "# Areas,", "# Joint area review: Southampton",
                "# Judgements", "# Additional investigations", "# Findings",
                "# Recommendations", "# Annual performance assessment: Southampton, 2006",
                "# Context figures"]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    # each block says where it was read: the safeguarding grade from the Grades table
    block = text[text.index("<review/jar-southampton-2007/judgement/safeguarding>") - 300:]
    assert 'section "Grades", line 106' in block.split("\n<review/")[0]
    area = text[text.index("\n<area/southampton>\n"):].split("\n\n")[0]
    for statement in ('jar:dfeCode "852"', 'jar:gssCode "E06000045"', 'jar:region "South East"',
                      "owl:sameAs <http://statistics.data.gov.uk/id/statistical-geography/"
                      "E06000045>"):
        assert statement in area


# ---------------------------------------------------------------- variants


def other_grades(tmp_path: Path) -> Path:
    """Southampton with safeguarding inadequate, capacity to improve outstanding and the
    NEET investigation good, in the table, the main findings and the sections alike."""
    return variant(tmp_path, SOUTHAMPTON, [
        ("Safeguarding\t2", "Safeguarding\t1"),
        ("safeguarding children and young people are adequate",
         "safeguarding children and young people are inadequate"),
        ("requiring safeguarding is adequate.", "requiring safeguarding is inadequate."),
        ("Capacity to improve\t3", "Capacity to improve\t4"),
        ("The capacity to improve further is also good", "The capacity to improve further is "
         "outstanding"),
        ("Capacity to improve further is good.", "Capacity to improve further is outstanding."),
        ("employment, education or training is adequate.", "employment, education or training "
         "is good."),
        ("employment, education and training is adequate.", "employment, education and "
         "training is good."),
    ], "other-grades.txt")


OTHER_GRADES = {"jar-southampton-2007": {
    **SOUTHAMPTON_GRADES["jar-southampton-2007"], "safeguarding": "inadequate",
    "capacity-to-improve": "outstanding", NEET: "good"}}


def test_other_area_from_its_text_whatever_the_file_is_called(tmp_path: Path) -> None:
    report = variant(tmp_path, SOUTHAMPTON, [("Southampton", "Portsmouth"),
                                             ("Reference no: 852", "Reference no: 851")],
                     "somewhere_851.txt", change=curly)
    graph, checks, out = drafted(tmp_path, report)
    assert checks == []
    expect(graph, {"jar-portsmouth-2007": SOUTHAMPTON_GRADES["jar-southampton-2007"]},
           SOUTHAMPTON_TIMEFRAMES)
    text = out.read_text(encoding="utf-8")
    assert "<document/jar-portsmouth-2007>" in text and "somewhere" not in text.split("\n", 1)[1]
    assert 'jar:dfeCode "851"' in text and 'jar:gssCode "E06000044"' in text


def test_other_grades(tmp_path: Path) -> None:
    graph, checks, _ = drafted(tmp_path, other_grades(tmp_path))
    assert checks == []
    expect(graph, OTHER_GRADES, SOUTHAMPTON_TIMEFRAMES)


@pytest.mark.parametrize(("original", "expected_grades", "expected_timeframes"), [
    (SOUTHAMPTON, SOUTHAMPTON_GRADES, SOUTHAMPTON_TIMEFRAMES),
    (LEICESTERSHIRE, LEICESTERSHIRE_GRADES, LEICESTERSHIRE_TIMEFRAMES),
    (LEEDS, LEEDS_GRADES, LEEDS_TIMEFRAMES),
], ids=["southampton", "leicestershire", "leeds"])
@pytest.mark.parametrize("form", ["curly-quotes-crlf", "cr", "tabs-to-8", "tabs-as-4-spaces"])
def test_the_same_report_saved_otherwise(tmp_path: Path, original: Path, expected_grades: dict,
                                         expected_timeframes: dict, form: str) -> None:
    change, newline = {
        "curly-quotes-crlf": (curly, "\r\n"),
        "cr": (lambda text: text, "\r"),
        "tabs-to-8": (lambda text: text.expandtabs(8), "\n"),
        "tabs-as-4-spaces": (lambda text: text.replace("\t", "    "), "\n"),
    }[form]
    report = variant(tmp_path, original, [], f"{form}.TXT", change=change, newline=newline)
    graph, checks, _ = drafted(tmp_path, report)
    if form.startswith("tabs"):  # the tables were read from runs of spaces: say so
        assert any("the file has no tabs" in check for check in checks)
    else:
        assert checks == []
    expect(graph, expected_grades, expected_timeframes)


def test_missing_sections(tmp_path: Path) -> None:
    """No grades table, no context, no equality and diversity section, no annexes: the
    grades come from the main findings and the sections' own words."""
    text = SOUTHAMPTON.read_text(encoding="utf-8")
    start, end = text.index("\nGrades\n\n4: outstanding"), text.index("\nRecommendations\n\nFor")
    text = text[:start] + text[end:]
    start, end = text.index("\nContext\n\n4."), text.index("\nMain findings\n")
    text = text[:start] + text[end:]
    start, end = text.index("\nEquality and diversity\n"), text.index("\nSafeguarding\n")
    text = text[:start] + text[end:]
    text = text[:text.index("\nAnnex A\n")] + "\n"
    report = tmp_path / "missing-sections.txt"
    report.write_text(text, encoding="utf-8")
    graph, checks, _ = drafted(tmp_path, report)
    expect(graph, {"jar-southampton-2007": SOUTHAMPTON_GRADES["jar-southampton-2007"]},
           SOUTHAMPTON_TIMEFRAMES)
    assert not list(graph.subjects(RDF.type, JAR.ContextFigure))
    assert any("Grades" in check for check in checks), checks


def test_a_missing_recommendations_heading_is_read_as_printed(tmp_path: Path) -> None:
    """Without "For action in the longer term" its two recommendations sit under the
    six-months heading, and that is what a person reading the variant sees too."""
    report = variant(tmp_path, SOUTHAMPTON, [("For action in the longer term\n\n", "")],
                     "no-longer-term.txt")
    graph, _, _ = drafted(tmp_path, report)
    expected = {phrase: "within-six-months" if timeframe == "longer-term" else timeframe
                for phrase, timeframe in SOUTHAMPTON_TIMEFRAMES.items()}
    assert timeframes(graph, expected) == expected


# ---------------------------------------------------------------- CHECK comments


def test_warnings_become_check_comments_at_their_block(tmp_path: Path) -> None:
    """A grade the table gives but the main findings contradict, an area the reference
    table does not know: each is a CHECK comment on the block it concerns."""
    report = variant(tmp_path, SOUTHAMPTON, [
        ("Looked after children\t2", "Looked after children\t3"),
        ("Southampton Children's Services", "Somewhere Children's Services"),
    ], "checks.txt")
    draft = draft_file(report)
    blocks = draft.turtle.split("\n\n")
    lac = next(b for b in blocks if "\n<review/jar-somewhere-2007/judgement/looked-after-" in
               "\n" + b)
    for line in (95, 195):  # the main findings and the section say adequate, the table good
        assert f"# CHECK: line {line}: looked-after-children is adequate (2) here but good " \
               "(3) in 'Grades' line 107" in lac
    area = next(b for b in blocks if "\n<area/somewhere>" in "\n" + b)
    assert "# CHECK: line 3: unknown area 'Somewhere'" in area
    assert len(draft.checks) == draft.turtle.count("# CHECK:")
    assert f"{len(draft.checks)} places where the reader was unsure" in draft.turtle


def test_pasted_text_drafts_the_same(tmp_path: Path) -> None:
    pasted = draft_from_text(LEEDS.read_text(encoding="utf-8"), "pasted")
    assert pasted.turtle.split("\n", 1)[1] == draft_file(LEEDS).turtle.split("\n", 1)[1]


def test_what_cannot_be_drafted(tmp_path: Path) -> None:
    with pytest.raises(UnknownDocument, match=r"^pasted:1: error: not a report"):
        draft_from_text("Minutes of the meeting\n\nApologies were received.\n")
    with pytest.raises(ReaderError, match="no text"):
        draft_from_text("  \n")
    no_area = variant(tmp_path, SOUTHAMPTON, [("Southampton Children's Services Authority "
                                               "Area\n", "")], "no-area.txt")
    with pytest.raises(ReaderError, match=r"no-area\.txt:3: error: the title page names no "
                                          r"area"):
        draft_file(no_area)
