"""What ``jargraph.readers`` does before any family's reader: identify a document from its
text (never its file's name) however it was saved, read text held in memory, and put
back the tabs an editor turned into spaces.

The identities expected were read off the reports' covers: the area and date of
publication on a JAR's title page, the subject, body and date of a council paper, the
title and date of a national report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.readers import (
    Identity,
    UnknownDocument,
    identify,
    read_document,
    read_text,
    restore_tabs,
)
from jargraph.readers.text import Line, ReaderError
from jargraph.resources import data_dir

REPORTS = data_dir() / "reports"
SOUTHAMPTON = REPORTS / "jar-southampton-2007.txt"


def copy(tmp_path: Path, original: Path, name: str, edits: list[tuple[str, str]] = (),
         newline: str = "\n") -> Path:
    text = original.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


@pytest.mark.parametrize(("name", "expected"), [
    ("jar-southampton-2007.txt",
     ("jar-southampton-2007", "jar-report", "Southampton", 2007, "852")),
    ("jar-leicestershire-2008.txt",
     ("jar-leicestershire-2008", "jar-report", "Leicestershire", 2008, "855")),
    ("leeds-executive-board-jar-2008.txt",
     ("leeds-executive-board-jar-2008", "council-report", "Leeds", 2008, None)),
    ("jar-2007-08-report-on-outcomes.txt",
     ("jar-2007-08-report-on-outcomes", "national-outcomes", None, 2009, "080139")),
    ("narrowing-the-gap-2007.txt",
     ("narrowing-the-gap-2007", "national-overview", None, 2007, "070041")),
])
def test_seed_documents_identified_from_their_covers(tmp_path: Path, name: str,
                                                     expected: tuple) -> None:
    # under a name that says nothing, the identity is the same
    renamed = copy(tmp_path, REPORTS / name, "download (3).TXT")
    for path in (REPORTS / name, renamed):
        found = identify(path)
        assert (found.id, found.family, found.area, found.year, found.reference) == expected
        assert found.path == str(path)
        assert read_document(path).id == expected[0]


@pytest.mark.parametrize(("name", "edits", "newline"), [
    ("curly-apostrophe.txt", [("Children's Services Authority Area",
                               "Children\u2019s Services Authority Area")], "\n"),
    ("crlf.txt", [], "\r\n"),
    ("cr.txt", [], "\r"),
    ("no-apostrophe-and-tabs.txt", [("Southampton Children's Services Authority Area",
                                     "Southampton\tChildrens  Services   Authority Area")], "\n"),
    ("somewhere_851.txt", [("Southampton Children's Services Authority Area",
                            "SOUTHAMPTON CHILDREN\u2019S SERVICES AUTHORITY AREA")], "\r\n"),
])
def test_the_title_page_however_it_is_typed(tmp_path: Path, name: str, edits: list,
                                            newline: str) -> None:
    path = copy(tmp_path, SOUTHAMPTON, name, edits, newline)
    found = identify(path)
    assert found.id == "jar-southampton-2007"
    assert found.area.lower() == "southampton"
    doc = read_document(path)
    assert {p.document for p in doc.passages} == {"jar-southampton-2007"}
    assert not [w for w in doc.warnings if "title page" in w.message]


def test_other_areas_and_dashes(tmp_path: Path) -> None:
    path = copy(tmp_path, SOUTHAMPTON, "x.txt", [
        ("Southampton Children's Services Authority Area",
         "Stockton\u2013on\u2013Tees Children\u2019s Services Authority Area"),
        ("Published: 16 October 2007", "Published: 3 March 2009")])
    found = identify(path)
    assert (found.id, found.area, found.year) == ("jar-stockton-on-tees-2009",
                                                  "Stockton-on-Tees", 2009)


def test_a_year_from_the_copyright_line_when_the_date_is_unreadable(tmp_path: Path) -> None:
    path = copy(tmp_path, SOUTHAMPTON, "x.txt", [("Published: 16 October 2007",
                                                  "Published: autumn")])
    doc = read_document(path)
    assert doc.id == "jar-southampton-2007"
    assert any("copyright year 2007" in w.message for w in doc.warnings)


@pytest.mark.parametrize(("edits", "line", "message"), [
    ([("Southampton Children's Services Authority Area\n", "")], 3,
     "the title page names no area"),
    ([("Published: 16 October 2007", "Published: soon"),
      ("\u00a9 Crown copyright 2007", "\u00a9 Crown copyright")], 3,
     "the title page gives no year"),
])
def test_a_report_that_does_not_say_what_it_is(tmp_path: Path, edits: list, line: int,
                                               message: str) -> None:
    path = copy(tmp_path, SOUTHAMPTON, "jar-southampton-2007.txt", edits)
    for read in (identify, read_document):
        with pytest.raises(ReaderError) as info:
            read(path)
        assert (info.value.file, info.value.line) == (str(path), line)
        assert message in info.value.message
        assert "file name is not used" in info.value.message


def test_a_council_paper_without_its_subject(tmp_path: Path) -> None:
    path = copy(tmp_path, REPORTS / "leeds-executive-board-jar-2008.txt", "paper.txt",
                [("Subject: Leeds Joint Area Review", "Subject: Joint Area Review")])
    with pytest.raises(ReaderError, match=r"paper\.txt:\d+: error: the subject line does not "
                                          "name the area"):
        identify(path)


def test_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes of the meeting\n\nApologies.\n", encoding="utf-8")
    with pytest.raises(UnknownDocument, match=r"minutes\.txt:1: error: not a report jargraph "
                                              r"can read: it should be a joint area review"):
        identify(path)


def test_read_text_reads_as_from_a_file() -> None:
    text = SOUTHAMPTON.read_text(encoding="utf-8")
    pasted = read_text("\ufeff" + text.replace("\n", "\r\n"), "pasted")
    from_file = read_document(SOUTHAMPTON)
    assert (pasted.id, pasted.path) == (from_file.id, "pasted")
    assert [(p.paragraph, p.line) for p in pasted.passages] == [
        (p.paragraph, p.line) for p in from_file.passages]
    with pytest.raises(ReaderError, match="pasted:1: error: no text"):
        read_text(" \n\n")
    with pytest.raises(ReaderError, match="binary"):
        read_text("Joint area review\x00\n")


def test_identity_of_a_document() -> None:
    doc = read_document(SOUTHAMPTON)
    assert Identity.of(doc) == Identity("jar-southampton-2007", "jar-report", doc.title,
                                        "Southampton", 2007, "852", str(SOUTHAMPTON))


def lines(*texts: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(texts, start=1)]


def test_restore_tabs() -> None:
    restored, first = restore_tabs(lines(
        "Grades",
        "",
        "        Local services overall",
        "Safeguarding    2",
        "Context 2",
        "Major strengths Important weaknesses",
        "<p>One.</p> <p>Two.</p>    <p>Three.</p>",
        "A sentence.  Another sentence typed with two spaces.",
        "A cell.   The next cell.",
        "  - a list item, indented",
    ))
    assert first == 3
    assert [ln.text for ln in restored] == [
        "Grades",
        "",
        "\tLocal services overall",
        "Safeguarding\t2",
        "Context\t2",  # a single space before a number, among rows that end in one
        "Major strengths\tImportant weaknesses",
        "<p>One.</p> <p>Two.</p>\t<p>Three.</p>",
        "A sentence.  Another sentence typed with two spaces.",
        "A cell.\tThe next cell.",
        "  - a list item, indented",
    ]


def test_a_file_with_tabs_is_left_alone() -> None:
    original = lines("Safeguarding\t2", "Two  spaces  here")
    assert restore_tabs(original) == (original, 0)


def test_a_cover_that_runs_on_is_read_whole(tmp_path: Path) -> None:
    """The first lines of a file identify it when they hold the cover and the start of the
    body; a contents list that runs on past them sends the reading to the whole file."""
    contents = "".join(f"Annex {n}: part {n}\t{n}\n" for n in range(150))
    path = copy(tmp_path, SOUTHAMPTON, "long-contents.txt", [
        ("Contents\n\n", "Contents\n\n" + contents),
        ("Published: 16 October 2007\n", ""),
        ("\u00a9 Crown copyright 2007", "\u00a9 Crown copyright 2006")])
    found = identify(path)
    assert (found.id, found.year) == ("jar-southampton-2006", 2006)
    assert read_document(path).id == found.id


def test_a_council_paper_of_another_area_and_body(tmp_path: Path) -> None:
    leeds = REPORTS / "leeds-executive-board-jar-2008.txt"
    path = copy(tmp_path, leeds, "agenda item 7.txt", [
        ("Subject: Leeds Joint Area Review", "Subject: Kirklees Joint Area Review"),
        ("Executive Board\n", "Cabinet\n"), ("Date: 11th June 2008", "Date: 2nd July 2008")])
    assert identify(path).id == "kirklees-cabinet-jar-2008"
    path = copy(tmp_path, leeds, "paper.txt", [("Executive Board\n", "\n")])
    assert identify(path).id == "leeds-council-jar-2008"
