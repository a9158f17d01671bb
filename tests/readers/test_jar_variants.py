"""The JAR report reader on variants of the real reports, made by editing their text.

Each variant stands for a class of report among the 150 or so JARs: other line
endings, other investigations and grades, a section lost, a damaged table, a
file that is not text at all. The reader must either read the variant or say
precisely (file and line) what it could not place; it must never crash.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from jargraph.model import Document, Review
from jargraph.readers.jar import investigation_category, read_jar_report, split_addressees
from jargraph.readers.text import (
    Line,
    ReaderError,
    assemble_paragraphs,
    cell_items,
    p_items,
    read_lines,
    rejoin_split_words,
    restore_lost_numbers,
)

REPORTS = Path(__file__).resolve().parents[2] / "src" / "jargraph" / "data" / "reports"
SOUTHAMPTON = REPORTS / "jar-southampton-2007.txt"
LEICESTERSHIRE = REPORTS / "jar-leicestershire-2008.txt"


def variant(tmp_path: Path, original: Path, edits: list[tuple[str, str]],
            name: str | None = None) -> Path:
    """A copy of `original` with each (old, new) edit applied once; old must be present."""
    text = original.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"edit target not in {original.name}: {old[:60]!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / (name or original.name)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def jar(doc: Document) -> Review:
    return next(r for r in doc.reviews if r.kind == "jar")


def grades(r: Review) -> dict[str, int]:
    return {j.area_key: j.grade for j in r.judgements}


def summary(doc: Document) -> tuple[object, ...]:
    """What a variant in form only must keep: grades, counts, texts, paragraph sources."""
    r = jar(doc)
    return (
        grades(r),
        Counter((f.area_key, f.kind) for f in r.findings),
        [f.text for f in r.findings],
        [(rec.timeframe, rec.text, tuple(rec.addressees)) for rec in r.recommendations],
        [[s.paragraph for s in j.sources] for j in r.judgements],
        [(i.title, i.category) for i in r.investigations],
        [(f.measure, f.value) for f in doc.figures],
        [(p.paragraph, p.section) for p in doc.passages],
        [(x.kind, x.year, grades(x)) for x in doc.reviews],
    )


# --- line endings and invisible characters -----------------------------------------


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
@pytest.mark.parametrize("original", [SOUTHAMPTON, LEICESTERSHIRE])
def test_other_line_endings_read_the_same(tmp_path: Path, original: Path, ending: str) -> None:
    text = original.read_text(encoding="utf-8").replace("\n", ending)
    path = tmp_path / original.name
    path.write_bytes(text.encode("utf-8"))
    doc = read_jar_report(path)
    assert doc.warnings == []
    assert summary(doc) == summary(read_jar_report(original))
    # line numbers are still those an editor shows
    safeguarding = next(j for j in jar(doc).judgements if j.area_key == "safeguarding")
    assert [s.line for s in safeguarding.sources] == [
        s.line for s in next(j for j in jar(read_jar_report(original)).judgements
                             if j.area_key == "safeguarding").sources]


def test_non_breaking_spaces_and_byte_order_mark(tmp_path: Path) -> None:
    text = SOUTHAMPTON.read_text(encoding="utf-8")
    text = "\ufeff" + text.replace("Safeguarding\t2", "Safeguarding\u00a0\t2").replace(
        "170 foster carers", "170\u00a0foster carers")
    path = tmp_path / SOUTHAMPTON.name
    path.write_text(text, encoding="utf-8")
    doc = read_jar_report(path)
    assert doc.warnings == []
    assert summary(doc) == summary(read_jar_report(SOUTHAMPTON))


# --- other investigations, other grades ------------------------------------------------


def test_other_investigation_title_and_grade(tmp_path: Path) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("- The contribution of services to the enjoyment and achievement of children and young "
         "people between Key Stages 3 and is good.",
         "- The contribution of local services to reducing teenage conceptions and improving "
         "sexual health is inadequate."),
        ("The enjoyment and achievement of children and young people between Key Stages 3 and 4"
         "\n\n57.",
         "Teenage conceptions and sexual health\n\n57."),
        ("57. The contribution of services to the enjoyment and achievement of children and young "
         "people between Key Stage 3 and Key Stage 4 is good.",
         "57. The contribution of local services to reducing teenage conceptions and improving "
         "sexual health is inadequate."),
        ("- 2. The results of the 2006 APA and other sources of evidence led to the following "
         "investigation being carried out:\n - the contribution of services to the enjoyment and "
         "achievement of children and young people between Key Stage 3 and Key Stage 4.",
         "- 2. The results of the 2006 APA and other sources of evidence led to the following "
         "investigation being carried out:\n - teenage conceptions and sexual health."),
    ])
    doc = read_jar_report(path)
    assert doc.warnings == []
    [inv] = jar(doc).investigations
    assert inv.title == "Teenage conceptions and sexual health"
    assert inv.category == "teenage-conceptions-and-sexual-health"
    assert inv.key == "teenage-conceptions-sexual-health"
    j = next(j for j in jar(doc).judgements if j.area_key == inv.key)
    assert (j.grade, j.wording) == (1, "inadequate")
    assert [s.paragraph for s in j.sources] == ["57", "11"]
    assert Counter(f.kind for f in jar(doc).findings if f.area_key == inv.key) == {
        "strength": 4, "weakness": 1}


def test_third_investigation_under_an_investigation_into_heading(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [
        ("Service management\n",
         "An investigation into the contribution of local services to improving child and "
         "adolescent mental health services (CAMHS)\n\n"
         "90. **The contribution of local services to improving child and adolescent mental health "
         "services is outstanding.** Waiting times are short.\n\n"
         "Major strengths\tImportant weaknesses\n"
         "<p>Short waiting times.</p>\t<p>Transition to adult services.</p>\n"
         "\nService management\n"),
    ])
    doc = read_jar_report(path)
    titles = {i.title: i for i in jar(doc).investigations}
    camhs = titles["The contribution of local services to improving child and adolescent mental "
                   "health services (CAMHS)"]
    assert camhs.category == "camhs"
    assert grades(jar(doc))[camhs.key] == 4
    assert {(f.kind, f.text) for f in jar(doc).findings if f.area_key == camhs.key} == {
        ("strength", "Short waiting times."), ("weakness", "Transition to adult services.")}
    # the introduction names two investigations only: the reader says so
    messages = [w.message for w in doc.warnings]
    assert any("introduction lists 2 additional investigation(s) but 3" in m for m in messages)
    assert len(doc.warnings) == 1


def test_other_grades_in_table_and_prose(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [
        ("Safeguarding\t2", "Safeguarding\t1"),
        ("requiring safeguarding is adequate.**", "requiring safeguarding is inadequate.**"),
        ("- the arrangements for safeguarding children and young people are adequate.",
         "- the arrangements for safeguarding children and young people are inadequate."),
        ("Capacity to improve\t3", "Capacity to improve\t4"),
        ("Capacity to improve further is good.**", "Capacity to improve further is outstanding.**"),
        ("The capacity to improve further is also good.",
         "The capacity to improve further is outstanding."),
    ])
    doc = read_jar_report(path)
    assert doc.warnings == []
    got = grades(jar(doc))
    assert (got["safeguarding"], got["capacity-to-improve"]) == (1, 4)
    wording = {j.area_key: j.wording for j in jar(doc).judgements}
    assert wording["safeguarding"] == "inadequate"


def test_table_and_prose_disagree(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [("Looked after children\t2",
                                            "Looked after children\t3")])
    doc = read_jar_report(path)
    assert grades(jar(doc))["looked-after-children"] == 3  # the table's grade is kept
    lines = sorted((w.line, w.file) for w in doc.warnings)
    assert lines == [(95, str(path)), (195, str(path))]  # main-findings bullet, paragraph 27
    assert "adequate (2) here but good (3) in 'Grades' line 107" in doc.warnings[0].message


# --- sections and tables lost or damaged -------------------------------------------


def test_grades_table_row_missing(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [("Safeguarding\t2\n", "")])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (101, "the grades table has no row for safeguarding; its grade is taken from the "
              "section's own sentence")]
    safeguarding = next(j for j in jar(doc).judgements if j.area_key == "safeguarding")
    assert [s.paragraph for s in safeguarding.sources] == ["15", "13"]
    assert safeguarding.grade == 2
    assert jar(doc).methodology == "2007"


def test_missing_looked_after_children_section(tmp_path: Path) -> None:
    text = SOUTHAMPTON.read_text(encoding="utf-8")
    start = text.index("Looked after children and young people\n\n\n\n27.")
    end = text.index("Children and young people with learning difficulties and/or disabilities\n\n"
                     "Inadequate")
    path = tmp_path / SOUTHAMPTON.name
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    doc = read_jar_report(path)
    assert [(w.file, w.line) for w in doc.warnings] == [(str(path), 107)]
    assert "no 'Looked after children and young people' section" in doc.warnings[0].message
    assert str(doc.warnings[0]).startswith(f"{path}:107: warning: ")
    # what there is is still read
    assert grades(jar(doc))["looked-after-children"] == 2
    assert not [f for f in jar(doc).findings if f.area_key == "looked-after-children"]


def test_section_without_grade_sentence(tmp_path: Path) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("14. The contribution of local services to improving outcomes for children and young "
         "people at risk, or requiring safeguarding is good.",
         "14. Local services work together to safeguard children and young people.")])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (143, "section 'Safeguarding' has no sentence stating the grade for safeguarding")]
    assert grades(jar(doc))["safeguarding"] == 3


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


def test_unknown_heading_and_stray_row(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [
        ("\n21. The Local Safeguarding", "\nThe work of the LSCB\n\n21. The Local Safeguarding"),
        ("\n23. There has been slow", "\nReferrals\t2006\t2007\n\n23. There has been slow"),
    ])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (174, "heading 'The work of the LSCB' is not one this reader knows: what is under it is "
              "kept as passages only"),
        (180, "tab-separated row outside any table this reader knows, kept as text only: "
              "'Referrals | 2006 | 2007'"),
    ]
    lscb = next(p for p in doc.passages if p.paragraph == "21")
    assert lscb.section == "The work of the LSCB"
    # the safeguarding table, now under the unknown heading, is not attributed to it
    assert grades(jar(doc))["safeguarding"] == 2
    assert not [f for f in jar(doc).findings if f.area_key == "safeguarding"]


def test_table_split_across_a_page(tmp_path: Path) -> None:
    """A page break in a table: blank lines, and the header printed again."""
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("Well developed permanency planning including adoption and within in the wider family."
         "\tLimited opportunities for younger children to contribute to service planning.\n",
         "Well developed permanency planning including adoption and within in the wider family."
         "\tLimited opportunities for younger children to contribute\n\n\n"
         "Major strengths\tImportant weaknesses\n"
         "\tto service planning.\n"),
    ])
    doc = read_jar_report(path)
    assert doc.warnings == []
    weaknesses = [f.text for f in jar(doc).findings
                  if f.area_key == "looked-after-children" and f.kind == "weakness"]
    assert weaknesses[-1] == ("Limited opportunities for younger children to contribute to "
                              "service planning.")
    assert summary(doc)[1] == summary(read_jar_report(LEICESTERSHIRE))[1]


def test_page_headers_are_dropped(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [
        ("\n17. Thresholds", "\nJoint area review\n\nSafeguarding\n\n17. Thresholds"),
        ("\n50. Support", "\nSouthampton Children's Services Authority Area\n\n50. Support"),
    ])
    doc = read_jar_report(path)
    assert doc.warnings == []
    assert summary(doc) == summary(read_jar_report(SOUTHAMPTON))


def test_recommendation_cut_by_a_page_break_in_stem_layout(tmp_path: Path) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("- reduce waiting times for some specialist services, including CAMHS and therapies\n",
         "- reduce waiting times for some specialist services, including\n\n"
         "CAMHS and therapies\n"),
    ])
    doc = read_jar_report(path)
    assert doc.warnings == []
    recs = jar(doc).recommendations
    assert len(recs) == 8
    assert recs[4].text == ("The local partnership should reduce waiting times for some "
                            "specialist services, including CAMHS and therapies")


def test_unknown_timeframe_heading(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [("For action in the longer term",
                                            "For action when resources allow")])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (133, "recommendations heading 'For action when resources allow' names no known "
              "timeframe")]
    assert [r.timeframe for r in jar(doc).recommendations][-2:] == [None, None]


def test_lost_paragraph_number_that_cannot_be_restored(tmp_path: Path) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [("\n27. Performance management of staff",
                                               "\n29. Performance management of staff")])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (168, "paragraph without a number between 25 and 29; kept unnumbered")]
    assert not [p for p in doc.passages if p.paragraph == "26"]


def test_missing_grades_section(tmp_path: Path) -> None:
    text = SOUTHAMPTON.read_text(encoding="utf-8")
    start, end = text.index("Grades\n\n4: outstanding"), text.index("Recommendations\n\nFor")
    path = tmp_path / SOUTHAMPTON.name
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    doc = read_jar_report(path)
    assert [w.message for w in doc.warnings][:1] == [
        "no 'Grades' section: the JAR grades are read from the prose only"]
    assert grades(jar(doc))["safeguarding"] == 2
    assert jar(doc).methodology is None


@pytest.mark.parametrize("sentence, period", [
    ("The fieldwork took place between 5 and 16 November 2007.", "2007-11"),
    ("The fieldwork ran from 26 November to 7 December 2007.", "2007-11/2007-12"),
])
def test_fieldwork_period_when_stated(tmp_path: Path, sentence: str, period: str) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("a two week fieldwork stage", f"a two week fieldwork stage. {sentence} It had")])
    doc = read_jar_report(path)
    assert doc.warnings == []
    assert jar(doc).fieldwork == period
    assert jar(read_jar_report(LEICESTERSHIRE)).fieldwork is None


# --- files that cannot be read at all --------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(ReaderError, match=r"empty\.txt:1: error: file is empty") as info:
        read_jar_report(path)
    assert (info.value.file, info.value.line) == (str(path), 1)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf.txt"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02")
    with pytest.raises(ReaderError, match=r"report\.pdf\.txt:3: error: file is binary"):
        read_jar_report(path)


def test_non_utf8_file(tmp_path: Path) -> None:
    text = SOUTHAMPTON.read_text(encoding="utf-8").replace("Published: 16", "Published: \u00e916")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    with pytest.raises(ReaderError, match=r"latin1\.txt:19: error: not UTF-8 text \(byte 0xe9\)"):
        read_jar_report(path)


def test_text_that_is_not_a_jar_report(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes of the meeting\n\nApologies were received.\n", encoding="utf-8")
    with pytest.raises(ReaderError, match=r"minutes\.txt:1: error: .*not a joint area review"):
        read_jar_report(path)


# --- the shared text helpers, on the classes of damage they mend --------------------


def lines(*texts: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(texts, start=1)]


def test_split_contents_words_rejoined() -> None:
    words = {"introduction", "main", "findings", "recommendations", "for", "area", "assessment"}
    assert rejoin_split_words("Introdu\tction", words) == "Introduction"
    assert rejoin_split_words("Main fir\tndings", words) == "Main findings"
    assert rejoin_split_words("Recomr\tnendations", words) == "Recommendations"
    assert rejoin_split_words("Areas fo\tor investigation", words) == "Areas for investigation"
    assert rejoin_split_words("assessn\tnent report", words) == "assessment report"
    assert rejoin_split_words("Annex A\tA: The APA letter", words) == "Annex A: The APA letter"
    assert rejoin_split_words("Annex (C: Children", words) == "Annex C: Children"


def test_p_cells_and_wrapped_cells() -> None:
    assert p_items("<p>One.</p> <p>Two</p>") == (["One.", "Two"], "")
    assert p_items("<p>One.</p> junk <p>Two") == (["One.", "Two"], "junk")
    items = cell_items([("Thresholds for services, including CAMHS", 1),
                        ("and therapies. Inconsistent support for young people", 2),
                        ("with more challenging behaviour.", 3), ("Another weakness.", 4)])
    assert [(i.text, i.line) for i in items] == [
        ("Thresholds for services, including CAMHS and therapies.", 1),
        ("Inconsistent support for young people with more challenging behaviour.", 2),
        ("Another weakness.", 4)]


def test_paragraph_assembly() -> None:
    paras = assemble_paragraphs(lines(
        "5. Provision comprises:", "", "- 62 first schools", " - five special schools",
        "6. Referrals rose by", "", "20% in the year.", "- The board is good.", "8. Last."))
    problems = restore_lost_numbers(paras)
    assert problems == []
    assert [(p.number, p.kind) for p in paras] == [("5", "numbered"), ("6", "numbered"),
                                                  ("7", "numbered"), ("8", "numbered")]
    assert [i.text for i in paras[0].items] == ["62 first schools", "five special schools"]
    assert paras[1].text == "Referrals rose by 20% in the year."
    assert paras[2].restored


def test_read_lines_normalises(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("a\u00a0b\r\n\uf0b7 item\rlast  \n".encode())
    assert read_lines(path) == [Line(1, "a b"), Line(2, "- item"), Line(3, "last"), Line(4, "")]


@pytest.mark.parametrize("title, category", [
    ("The contribution of local services to support and challenge schools in raising attainment",
     "school-improvement"),
    ("The impact of local services in reducing the number of young people not in employment, "
     "education and training", "not-in-education-employment-or-training"),
    ("The enjoyment and achievement of children and young people between Key Stages 3 and 4",
     "standards-and-achievement"),
    ("Child and adolescent mental health services", "camhs"),
    ("The effectiveness of the 14–19 strategy", "14-19-strategy"),
    ("Reducing substance misuse by young people", "substance-misuse"),
    ("Outcomes for young carers", "vulnerable-groups"),
    ("Reducing childhood obesity", "health-investigation"),
    ("Community cohesion", "other-investigation"),
])
def test_investigation_categories(title: str, category: str) -> None:
    assert investigation_category(title) == category


def test_addressees() -> None:
    assert split_addressees("The council, Local Learning and Skills Council and Connexions") == [
        "The council", "Local Learning and Skills Council", "Connexions"]
    assert split_addressees("The council and its partners") == ["The council and its partners"]
    assert split_addressees("The council and the primary care trust") == [
        "The council", "the primary care trust"]
