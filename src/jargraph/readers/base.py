"""What every reader shares: the document being built, where warnings go, how sources
are made, and the cover-page fields the reports print alike.

Each reader used to carry its own copy of these; one copy keeps the warnings and
provenance of every family in the same form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import Document, Finding, ReaderWarning, Source
from .markup import Note, Section, bullet_items, clean, field_value, month_iso
from .text import Line


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
    """An empty document of ``family`` named after its file; the reader fills the rest."""
    return Document(id=Path(path).stem, family=family, path=str(path), title="", published="")


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
