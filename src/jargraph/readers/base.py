"""What every reader shares: the document being built, where warnings go, how sources
are made, how a document is identified, and the cover-page fields the reports print alike.

Each reader used to carry its own copy of these; one copy keeps the warnings and
provenance of every family in the same form.

A document's identifier comes from its own text (the area and year its cover
prints, or its title), never from the name of its file: a report saved as
``somewhere_851.txt`` is the same document as ``jar-southampton-2007.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import Document, Finding, ReaderWarning, Source
from ..uris import slug
from .markup import Note, Section, bullet_items, clean, field_value, month_iso
from .text import Line, ReaderError


@dataclass
class Reading:
    """One reading under way: the document it fills and the warnings it has met."""

    doc: Document

    def warn(self, line: int, message: str) -> None:
        self.doc.warnings.append(ReaderWarning(self.doc.path, line, message))

    def source(self, line: Line | int, section: str | None, text: str | None = None,
               paragraph: str | None = None) -> Source:
        number = line.number if isinstance(line, Line) else line
        return Source(self.doc.id, number, paragraph=paragraph, section=section, text=text)


def new_document(path: str | Path, family: str) -> Document:
    """An empty document of ``family`` read from ``path``; the reader fills the rest,
    its identifier first (:func:`document_id`, from the cover)."""
    return Document(id="", family=family, path=str(path), title="", published="")


_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                             "`": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"',
                             "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                             "\u2014": "-", "\u2015": "-", "\u2212": "-", "\t": " "})


def plain(text: str) -> str:
    """Text with its typography made plain: curly quotes straight, dashes hyphens, runs
    of spaces and tabs one space. Names and titles compare and slug alike however the
    file was typed or converted."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


def document_id(*parts: str | int) -> str:
    """A document identifier from what its text says (``jar``, the area, the year):
    the parts' words in lower case joined by hyphens, ``jar-southampton-2007``."""
    return slug(" ".join(plain(str(part)) for part in parts), max_length=100)


def cover_year(lines: list[Line], published: str) -> int | None:
    """The year a document is of: its publication date's, else the year of its
    ``© Crown copyright 2007`` line."""
    if re.match(r"\d{4}", published):
        return int(published[:4])
    for line in lines:
        match = re.search(r"copyright\s+(\d{4})\b", line.text, re.I)
        if match:
            return int(match.group(1))
    return None


def unidentified(reading: Reading, line: int, what: str) -> ReaderError:
    """The error for a document whose cover does not say what the document is: it is
    left out of a build until its text says it (the file name is never used)."""
    return ReaderError(reading.doc.path, line, f"{what}; the document cannot be identified "
                       "without it (its file name is not used): add it to the text")


def cover_date(reading: Reading, lines: list[Line], name: str,
               parse: Callable[[str], str | None], missing: str) -> None:
    """The document's date from a cover field (``Published: April 2009``); a warning
    at the field, or at line 1 when there is none, if it gives no date."""
    found = field_value(lines, name)
    value = parse(found[0]) if found else None
    if value:
        reading.doc.published = value
    else:
        reading.warn(found[1].number if found else 1, missing)


def ofsted_cover(reading: Reading, lines: list[Line], example: str) -> None:
    """Publication month, reference number and publisher of an Ofsted national report."""
    cover_date(reading, lines, "Published", month_iso,
               f"no publication month ('Published: {example}')")
    reference = field_value(lines, "Reference no")
    reading.doc.reference = reference[0] if reference else None
    if any("ofsted.gov.uk" in line.text.lower() or "(Ofsted)" in line.text for line in lines):
        reading.doc.publisher = "Ofsted"


def key_findings(reading: Reading, section: Section) -> None:
    """Each top-level bullet of a "Key findings" section is one national key finding."""
    for line, text in bullet_items(section.body):
        reading.doc.findings.append(Finding(
            kind="key-finding", text=clean(text),
            source=reading.source(line, section.title, clean(text)),
        ))


def footnote_passages(reading: Reading, notes: list[Note]) -> None:
    """Each footnote is a passage of its own, named ``Footnote <mark>``."""
    for note in notes:
        reading.doc.passages.append(reading.source(note.line, f"Footnote {note.mark}", note.text))
