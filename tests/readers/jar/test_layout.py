"""Sections, tables and paragraphs: page breaks mended, lost numbers restored, every
numbered paragraph one passage."""

from __future__ import annotations

from pathlib import Path

from jargraph.model import Document
from jargraph.readers.jar import read_jar_report

from .conftest import LEICESTERSHIRE, SOUTHAMPTON, grades, jar, passage, summary, variant


def test_numbered_paragraphs_are_unique_passages(southampton: Document,
                                                 leicestershire: Document) -> None:
    for doc in (southampton, leicestershire):
        numbers = [p.paragraph for p in doc.passages if p.paragraph]
        assert len(numbers) == len(set(numbers))
        sections = [p.section for p in doc.passages if not p.paragraph]
        assert len(sections) == len(set(sections))
    assert [p for p in southampton.passages if p.paragraph and p.paragraph.startswith("C.")][
        -1].paragraph == "C.4"


def test_paragraphs_mended_across_page_breaks(southampton: Document) -> None:
    assert passage(southampton, "67").endswith("integration of service delivery.")
    assert "expenditure on staff training is above average." in passage(southampton, "67")
    # paragraph 43 runs on after a footnote at the foot of its page
    assert passage(southampton, "43").endswith("for those who require special transport.")


def test_lost_paragraph_numbers_restored(leicestershire: Document) -> None:
    assert passage(leicestershire, "26").startswith("The LSCB is outstanding.")
    assert passage(leicestershire, "37").startswith("Increasing attainment was identified")
    assert passage(leicestershire, "B.2").startswith("Strong partnership working with the "
                                                     "voluntary and community sector")
    lscb = next(p for p in leicestershire.passages if p.paragraph == "26")
    assert (lscb.section, lscb.line) == ("Safeguarding", 168)


def test_lost_paragraph_number_that_cannot_be_restored(tmp_path: Path) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [("\n27. Performance management of staff",
                                               "\n29. Performance management of staff")])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (168, "paragraph without a number between 25 and 29; kept unnumbered")]
    assert not [p for p in doc.passages if p.paragraph == "26"]


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
