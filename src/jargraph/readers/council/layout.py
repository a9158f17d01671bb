"""A council paper cut into its cover lines and numbered paragraphs.

The paper numbers its paragraphs ``1.0``, ``2.1`` ... under capitalised or
numbered headings; every step after this one reads a paragraph at a time, and
each paragraph is kept whole as a passage that sources point at.

The cover identifies the paper: the area its subject line names, the body it
goes to and the year of the meeting (``leeds-executive-board-jar-2008``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Source
from ..base import Reading, cover_date, cover_year, document_id, plain, unidentified
from ..markup import (
    Line,
    cells,
    clean,
    date_iso,
    field_value,
    is_blank,
    is_rule,
    join_text,
    number_value,
    paragraph_cells,
    starts_lower,
)

_NUMBERED = re.compile(r"^\s*(?:[-•]\s+)?(\d{1,2}\.\d{1,2})\s+(\S.*?)\s*$")
_CAPS_HEADING = re.compile(r"^[A-Z][A-Z &'’,/-]{2,60}$")
_MEETING = re.compile(r"^(?:[A-Z][\w'&-]*\s+){0,4}(?:Board|Committee|Cabinet|Panel)$")
"""The body a paper goes to, as its cover prints it alone on a line ("Executive Board")."""


@dataclass
class Para:
    """A numbered paragraph (or the unnumbered text under a heading) with its lines."""

    number: str | None
    section: str | None
    start: Line
    lines: list[Line] = field(default_factory=list)


def para_source(reader: Reading, para: Para | None, line: Line | int,
                text: str | None = None, section: str | None = None) -> Source:
    """A source in a numbered paragraph, under its section unless another is named."""
    return reader.source(line, section or (para.section if para else None), text,
                         para.number if para else None)


def split(reader: Reading, lines: list[Line]) -> tuple[list[Line], list[Para]]:
    """Cut the file into front matter and paragraphs, tracking the section headings."""
    front: list[Line] = []
    paras: list[Para] = []
    section: str | None = None
    current: Para | None = None
    for line in lines:
        text = line.text.strip()
        numbered = _NUMBERED.match(line.text)
        if numbered and _is_numbered_heading(line.text, numbered.group(2)):
            section = clean(numbered.group(2))
            current = Para(numbered.group(1), section, line)
            paras.append(current)
        elif numbered:
            first = Line(line.number, numbered.group(2))
            current = Para(numbered.group(1), section, line, [first])
            paras.append(current)
        elif _CAPS_HEADING.match(text) and len(text.split()) <= 6:
            section = text
            current = Para(None, section, line)
            paras.append(current)
        elif current is None:
            front.append(line)
        else:
            current.lines.append(line)
    kept: list[Para] = []
    seen: set[str] = set()
    for para in paras:
        if not any(not is_blank(line.text) for line in para.lines):
            continue
        if para.number is not None and para.number in seen:
            reader.warn(para.start.number, f"paragraph number {para.number} is used twice")
            para.number = None
        if para.number is not None:
            seen.add(para.number)
        kept.append(para)
    return front, kept


def _is_numbered_heading(raw: str, text: str) -> bool:
    """``4.0 Inspection recommendations`` is a heading; ``2.0 It is recommended ...:`` is not."""
    return (
        not re.match(r"^\s*[-•]", raw)
        and not re.search(r"[.:;?!-]$", text)
        and len(text.split()) <= 10
        and text[:1].isupper()
    )


def read_front(reader: Reading, front: list[Line]) -> str:
    """Title, meeting date, area and identifier from the cover lines."""
    doc = reader.doc
    subject = field_value(front, "Subject")
    if subject is None:
        raise unidentified(reader, 1, "no 'Subject:' line naming the area's review "
                           "('Subject: Leeds Joint Area Review')")
    doc.title = subject[0]
    match = re.match(r"^(.*?)\s+Joint Area Review\b", subject[0], re.I)
    if match is None or not plain(match.group(1)):
        raise unidentified(reader, subject[1].number, "the subject line does not name the "
                           "area's Joint Area Review ('Subject: Leeds Joint Area Review')")
    area = plain(match.group(1))
    cover_date(reader, front, "Date", date_iso, "no meeting date ('Date: 11th June 2008')")
    year = cover_year(front, doc.published)
    if year is None:
        raise unidentified(reader, subject[1].number, "no meeting date ('Date: 11th June "
                           "2008'), so no year")
    meeting = next((plain(line.text) for line in front if _MEETING.match(plain(line.text))),
                   "council")
    doc.id = document_id(area, meeting, "jar", year)
    doc.area = area
    return area


def publisher(lines: list[Line], area: str | None) -> str | None:
    """The council: as the paper names it ("Kirklees Council"), else built from the area.

    A Director of Children's Services reports to the area's own council. The
    Leeds paper never prints its council's name, only "the Council", so the
    fallback names the area's city council.
    """
    if not area:
        return None
    kinds = r"(?:(?:City|County|Borough|Metropolitan Borough|District) )?"
    for line in lines:
        match = re.search(rf"\b({re.escape(area)} {kinds}Council)\b", line.text)
        if match:
            return match.group(1)
    if any("Director of Children" in line.text for line in lines):
        return f"{area} City Council"
    return None


def stated_count(paras: list[Para], noun: str) -> int | None:
    """A count the paper states, e.g. "the ten recommendations" -> 10."""
    for para in paras:
        for line in para.lines:
            match = re.search(rf"\bthe (\w+(?:-\w+)?) {noun}\b", line.text)
            if match and number_value(match.group(1)) is not None:
                return number_value(match.group(1))
    return None


def passage(reader: Reading, para: Para) -> None:
    """Keep the paragraph's full text as a passage: prose as sentences join, a table row
    as a line (a space between its cells), and a strengths table (a header row, then rows
    of ``<p>`` cells) read column by column, each heading then its items a line each, as
    its findings are read."""
    chunks: list[str] = []
    prose: list[str] = []
    table: list[list[str]] | None = None
    """The columns of the strengths table being read: each its heading, then its items."""
    pending: Line | None = None
    """A row that may be the header of a strengths table."""

    def close() -> None:
        nonlocal table, pending
        if table is not None:
            chunks.extend(line for column in table for line in column if line)
        if pending is not None:
            chunks.append(" ".join(cell for cell in cells(pending.text) if cell))
        table, pending = None, None

    for line in para.lines:
        text = line.text
        if is_rule(text) or (table is not None and is_blank(text)):
            continue  # a page break inside a table
        continued = table is not None and starts_lower(text)  # a cell's rest, its tab lost
        if "\t" not in text and "<p>" not in text and not continued:
            close()
            prose.append(clean(text))
            continue
        chunks.append(join_text(prose))
        prose = []
        if "<p>" in text:
            if table is None:
                table = [[heading] for heading in (cells(pending.text) if pending else [])]
                pending = None
            for k, part in enumerate(text.split("\t")):
                while len(table) <= k:
                    table.append([""])
                table[k].extend(paragraph_cells(part))
        elif table is not None:  # a row without <p>: a page break cut the cells above
            for k, part in enumerate(text.split("\t")):
                if clean(part) and k < len(table) and len(table[k]) > 1:
                    table[k][-1] = f"{table[k][-1]} {clean(part)}"
        else:
            close()
            pending = line
    close()
    chunks.append(join_text(prose))
    text = "\n".join(chunk for chunk in chunks if chunk)
    reader.doc.passages.append(para_source(reader, para, para.start, text))
