"""The reader base every family shares: warnings, sources and the cover-page fields."""

from __future__ import annotations

from pathlib import Path

from jargraph.model import ReaderWarning, Source
from jargraph.readers.base import (
    Reading,
    cover_date,
    footnote_passages,
    key_findings,
    new_document,
    ofsted_cover,
)
from jargraph.readers.markup import date_iso, split_sections
from jargraph.readers.text import Line


def lines(*texts: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(texts, start=1)]


def reading() -> Reading:
    return Reading(new_document(Path("reports") / "some-report-2008.txt", "national-outcomes"))


def test_new_document_is_named_after_its_file() -> None:
    doc = new_document(Path("reports") / "some-report-2008.txt", "council-report")
    assert (doc.id, doc.family, doc.path) == (
        "some-report-2008", "council-report", str(Path("reports") / "some-report-2008.txt"))
    assert (doc.title, doc.published, doc.warnings, doc.passages) == ("", "", [], [])


def test_warnings_name_the_file_and_line() -> None:
    r = reading()
    r.warn(7, "something odd")
    assert r.doc.warnings == [ReaderWarning(r.doc.path, 7, "something odd")]


def test_sources_take_a_line_or_its_number() -> None:
    r = reading()
    assert r.source(Line(4, "text"), "Key findings", "a finding") == Source(
        "some-report-2008", 4, None, "Key findings", "a finding")
    assert r.source(9, "Annex A", paragraph="A.2") == Source(
        "some-report-2008", 9, "A.2", "Annex A", None)


def test_cover_date_read_or_warned_where_it_should_be() -> None:
    r = reading()
    cover_date(r, lines("Subject: Leeds Joint Area Review", "Date: 11th June 2008"), "Date",
               date_iso, "no meeting date")
    assert (r.doc.published, r.doc.warnings) == ("2008-06-11", [])
    r = reading()
    cover_date(r, lines("Subject: x", "Date: soon"), "Date", date_iso, "no meeting date")
    assert (r.doc.published, [(w.line, w.message) for w in r.doc.warnings]) == (
        "", [(2, "no meeting date")])
    r = reading()
    cover_date(r, lines("Subject: x"), "Date", date_iso, "no meeting date")
    assert [(w.line, w.message) for w in r.doc.warnings] == [(1, "no meeting date")]


def test_ofsted_cover() -> None:
    r = reading()
    ofsted_cover(r, lines("**Published:** April 2009", "Reference no: 080139",
                          "www.ofsted.gov.uk"), "April 2009")
    assert (r.doc.published, r.doc.reference, r.doc.publisher) == ("2009-04", "080139", "Ofsted")
    assert r.doc.warnings == []
    r = reading()
    ofsted_cover(r, lines("A report"), "April 2007")
    assert (r.doc.published, r.doc.reference, r.doc.publisher) == ("", None, None)
    assert [(w.line, w.message) for w in r.doc.warnings] == [
        (1, "no publication month ('Published: April 2007')")]


def test_key_findings_and_footnotes() -> None:
    r = reading()
    _, sections, notes = split_sections(lines(
        "## Key findings", "", "- **Most areas** are good.", "  - a detail, not a finding",
        "- Few are inadequate.", "---", "<sup>1</sup> A footnote."))
    key_findings(r, sections[0])
    footnote_passages(r, notes)
    assert [(f.kind, f.text, f.source.line, f.source.section) for f in r.doc.findings] == [
        ("key-finding", "Most areas are good.", 3, "Key findings"),
        ("key-finding", "Few are inadequate.", 5, "Key findings")]
    assert [(p.line, p.section, p.text) for p in r.doc.passages] == [
        (7, "Footnote 1", "A footnote.")]
