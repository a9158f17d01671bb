"""The reader base every family shares: warnings, sources and the cover-page fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.model import ReaderWarning, Source
from jargraph.readers.base import (
    Reading,
    cover_date,
    cover_year,
    document_id,
    footnote_passages,
    key_findings,
    new_document,
    ofsted_cover,
    plain,
    unidentified,
)
from jargraph.readers.markup import date_iso, split_sections
from jargraph.readers.text import Line, ReaderError


def lines(*texts: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(texts, start=1)]


def reading() -> Reading:
    r = Reading(new_document(Path("reports") / "some-report-2008.txt", "national-outcomes"))
    r.doc.id = "some-report-2008"
    return r


def test_new_document_is_not_named_after_its_file() -> None:
    doc = new_document(Path("reports") / "jar-southampton-2007.txt", "council-report")
    assert (doc.id, doc.family, doc.path) == (
        "", "council-report", str(Path("reports") / "jar-southampton-2007.txt"))
    assert (doc.title, doc.published, doc.warnings, doc.passages) == ("", "", [], [])


def test_plain_typography() -> None:
    assert plain("Children\u2019s\tServices  Authority") == "Children's Services Authority"
    assert plain("Stockton\u2013on\u2013Tees") == "Stockton-on-Tees"
    assert plain("\u201cquoted\u201d \u2018word\u2019") == '"quoted" \'word\''


@pytest.mark.parametrize(("parts", "expected"), [
    (("jar", "Southampton", 2007), "jar-southampton-2007"),
    (("jar", "Stockton\u2013on\u2013Tees", 2008), "jar-stockton-on-tees-2008"),
    (("jar", "Brighton and Hove", "2008"), "jar-brighton-and-hove-2008"),
    (("Leeds", "Executive Board", "jar", 2008), "leeds-executive-board-jar-2008"),
    (("jar 2007\u201308: Report on outcomes",), "jar-2007-08-report-on-outcomes"),
])
def test_document_id(parts: tuple, expected: str) -> None:
    assert document_id(*parts) == expected


def test_cover_year_from_the_date_or_the_copyright_line() -> None:
    assert cover_year([], "2007-10-16") == 2007
    assert cover_year(lines("A report", "\u00a9 Crown copyright 2008"), "") == 2008
    assert cover_year(lines("A report"), "") is None


def test_unidentified_names_the_file_line_and_fix() -> None:
    error = unidentified(reading(), 3, "no title heading")
    assert isinstance(error, ReaderError)
    assert (error.file, error.line) == (str(Path("reports") / "some-report-2008.txt"), 3)
    assert "no title heading" in error.message and "file name is not used" in error.message


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
