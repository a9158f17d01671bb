"""The body of a JAR report cut into sections, tables and paragraphs.

The body runs from the Introduction to the last annex under the headings
`wording.HEADINGS` knows; sub-headings are recognised by how they look (short,
stand-alone, capitalised), strengths and weaknesses tables by their header row.
Every section's paragraphs become passages, numbered ones under their own
number, so provenance can point at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..base import Reading
from ..tables import cells, columns_text, quoted_row, row_text, table_columns
from ..text import (
    Line,
    Paragraph,
    ReaderError,
    assemble_paragraphs,
    bullet,
    ends_sentence,
    has_words,
    numbered,
    restore_lost_numbers,
    squash,
    strip_emphasis,
)
from .wording import HEADINGS, ROW_READERS


@dataclass
class JarReading(Reading):
    """A reading of one JAR report: its lines, and the title line sources point back to."""

    lines: list[Line] = field(default_factory=list)
    title_line: int = 1


@dataclass
class Table:
    header: Line
    rows: list[Line]


@dataclass
class Section:
    role: str
    heading: str
    line: int
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    rows: list[Line] = field(default_factory=list)
    annex: str | None = None
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    printed: str = ""
    """The heading line as printed, to recognise it when repeated as a page header."""

    def has_content(self) -> bool:
        return bool(self.tables or self.rows or any(ln.text.strip() for ln in self.lines))

    def numbered(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "numbered"]


def body_start(reader: JarReading) -> int:
    """Index of the body's first heading: the Introduction that numbered paragraphs
    follow (a contents list may name it too), else the first known heading."""
    roles = [(i, role) for i, ln in enumerate(reader.lines) if (role := heading_role(ln.text))]
    intro = [i for i, role in roles if role == "introduction"]
    for i in intro:
        if next_is_numbered(reader.lines, i):
            return i
    if intro:
        return intro[-1]
    if roles:
        return roles[0][0]
    raise ReaderError(reader.doc.path, 1, "no 'Introduction' or other JAR section heading found;"
                                          " not a joint area review report")


# -- sections -----------------------------------------------------------------


def segment(reader: JarReading, start: int, page_headers: set[str]) -> list[Section]:
    """Cut the body into sections at headings; pull tables out as they come."""
    lines = reader.lines
    sections: list[Section] = []
    zone = "body"
    i = start
    while i < len(lines):
        ln = lines[i]
        text = heading_text(ln.text)
        sec = sections[-1] if sections else None
        role = heading_role(ln.text)
        if zone == "annex" and role != "annex":
            role = None
        if text.lower() in page_headers:
            i += 1
            continue
        if role is not None:
            zone = _open_section(sections, role, text, ln, zone)
        elif text and (_is_grade_box(ln.text) or not has_words(text)):
            pass  # grade-scale boxes and stray marks of the page layout
        elif _is_strengths_header(ln.text):
            table, i = _read_table(reader, i)
            if sec is not None:
                sec.tables.append(table)
            continue
        elif sec is not None and _is_subheading(lines, i, sec, zone):
            _open_subsection(reader, sections, sec, text, ln, zone)
        elif sec is not None and "\t" in ln.text.strip():
            sec.rows.append(ln)
            if sec.role not in ROW_READERS:
                reader.warn(ln.number, f"tab-separated row outside any table this reader "
                                       f"knows, kept as text only: {quoted_row(ln.text)[:60]!r}")
        elif sec is not None:
            sec.lines.append(ln)
        i += 1
    return sections


def _open_section(sections: list[Section], role: str, text: str, ln: Line, zone: str) -> str:
    sec = sections[-1] if sections else None
    if (sec is not None and role == sec.role and role != "annex" and sec.has_content()
            and text.lower() in (sec.printed.lower(), sec.heading.lower())):
        return zone  # the heading repeated as a page header
    if (sec is not None and role == "capacity-to-improve" and sec.role == "service-management"
            and not sec.has_content()):
        sec.role = "service-management-and-capacity"
        sec.heading = f"{sec.heading} / {text}"
        return zone
    if role == "annex":
        letter, title = _annex_heading(text)
        sections.append(Section("annex", f"Annex {letter}", ln.number, annex=letter,
                                title=title))
        return "annex"
    if role == "investigation":
        sections.append(Section("investigation", _investigation_title(text), ln.number,
                                printed=text))
        return "investigations"
    sections.append(Section(role, text, ln.number, printed=text))
    return "investigations" if role == "investigations" else "body"


def _open_subsection(reader: JarReading, sections: list[Section], sec: Section, text: str,
                     ln: Line, zone: str) -> None:
    if zone == "investigations":
        sections.append(Section("investigation", _investigation_title(text), ln.number))
    elif zone == "body":
        reader.warn(ln.number, f"heading {text!r} is not one this reader knows: what is under "
                               "it is kept as passages only")
        sections.append(Section("other", text, ln.number, printed=text))
    elif sec.role == "annex" and sec.title is None and not sec.has_content():
        sec.title = text
    else:
        sections.append(Section("annex-part", f"Annex {sec.annex}: {text}", ln.number,
                                annex=sec.annex, title=text))


def _is_subheading(lines: list[Line], i: int, sec: Section, zone: str) -> bool:
    """A short stand-alone line that reads as a heading, in a zone that has them."""
    text = heading_text(lines[i].text)
    if not _looks_like_heading(text, lines[i].text):
        return False
    if i > 0 and lines[i - 1].text.strip():
        return False
    if zone in ("investigations", "body"):
        last = next((ln.text for ln in reversed(sec.lines) if ln.text.strip()), "")
        return (not last or ends_sentence(last)) and next_is_numbered(lines, i)
    return True


def next_is_numbered(lines: list[Line], i: int) -> bool:
    """Whether the first line with words after line ``i`` opens a numbered paragraph."""
    for ln in lines[i + 1 :]:
        if ln.text.strip() and has_words(ln.text) and not _is_grade_box(ln.text):
            return numbered(ln.text) is not None
    return False


def _read_table(reader: JarReading, i: int) -> tuple[Table, int]:
    """A strengths/weaknesses table: its rows, across page breaks and repeated headers."""
    lines = reader.lines
    table = Table(lines[i], [])
    j, after_blank = i + 1, False
    while j < len(lines):
        text = lines[j].text
        if not text.strip() or not has_words(text):
            after_blank, j = True, j + 1
            continue
        if _is_strengths_header(text):
            after_blank, j = False, j + 1
            continue
        is_row = "\t" in text or "<p>" in text
        if (numbered(text) or _known_role(heading_text(text)) or _is_grade_box(text)
                or (after_blank and not is_row)):
            break
        table.rows.append(lines[j])
        after_blank, j = False, j + 1
    if not table.rows:
        reader.warn(table.header.number, "strengths and weaknesses table has no rows")
    return table, j


# -- paragraphs and passages ------------------------------------------------------


def assemble(reader: JarReading, sections: list[Section]) -> None:
    """Paragraphs for every section, lost numbers restored per numbering run."""
    runs: dict[str, list[Paragraph]] = {}
    for sec in sections:
        sec.paragraphs = assemble_paragraphs(sec.lines)
        runs.setdefault(sec.annex or "", []).extend(sec.paragraphs)
    for paragraphs in runs.values():
        for line, message in restore_lost_numbers(paragraphs):
            reader.warn(line, message)
    seen: set[str] = set()
    for sec in sections:
        _section_passages(reader, sec, seen)


def _section_passages(reader: JarReading, sec: Section, seen: set[str]) -> None:
    """Each numbered paragraph a passage; the rest of the section (its heading, tables and
    unnumbered text) one passage, in the order a reader meets it. A row of a table is a
    line, its cells apart by a space; a strengths table is read column by column, each
    cell's item a line, as its findings are read."""
    loose: list[tuple[int, str]] = [(r.number, t) for r in sec.rows if (t := row_text(r.text))]
    for table in sec.tables:
        columns, _ = table_columns(table.header.text, table.rows)
        loose.append((table.header.number, "\n".join(columns_text(columns))))
    for para in sec.paragraphs:
        number = paragraph_id(sec, para)
        if number is not None and number in seen:
            reader.warn(para.line, f"paragraph number {number} printed twice; the second is "
                                   "kept with its section")
            number = None
        if number is None:
            loose.append((para.line, strip_emphasis(para.full_text())))
            continue
        seen.add(number)
        reader.doc.passages.append(reader.source(para.line, sec.heading,
                                                 text=strip_emphasis(para.full_text()),
                                                 paragraph=number))
    heading = sec.heading if sec.title is None or sec.role == "annex-part" else (
        f"{sec.heading}: {sec.title}")
    text = "\n".join([heading, *(t for _, t in sorted(loose, key=lambda part: part[0]))])
    reader.doc.passages.append(reader.source(sec.line, sec.heading, text=text))


# -- small pure helpers ---------------------------------------------------------------


def first(sections: list[Section], role: str) -> Section | None:
    """The first section of a role, or None."""
    return next((s for s in sections if s.role == role), None)


def paragraph_id(sec: Section, para: Paragraph) -> str | None:
    """A numbered paragraph's id, unique in the document: annexes number their own ("B.2")."""
    if para.kind != "numbered" or para.number is None:
        return None
    return f"{sec.annex}.{para.number}" if sec.annex else para.number


def heading_text(text: str) -> str:
    """A line as a heading reads: no emphasis, no ``#`` marks, no closing full stop."""
    return squash(strip_emphasis(text)).strip(" #").rstrip(".")


def heading_role(raw: str) -> str | None:
    """The role of a body line that is a known heading; None for any other line."""
    text = heading_text(raw)
    if "\t" in raw.strip() or len(text) > 250 or numbered(raw) or bullet(raw):
        return None
    role = _known_role(text)
    if role == "investigation" and ends_sentence(raw):
        return None  # a sentence that happens to start "An investigation into ..."
    return role


def _known_role(text: str) -> str | None:
    for pattern, role in HEADINGS:
        if pattern.fullmatch(text):
            return role
    return None


def _looks_like_heading(text: str, raw: str) -> bool:
    """Short, stand-alone, capitalised, no closing punctuation: how sub-headings look."""
    return (bool(text) and has_words(text) and "\t" not in raw.strip() and len(text) <= 150
            and not text[0].islower() and not ends_sentence(raw) and ";" not in text
            and not re.search(r"\d:", text) and not is_url(text)
            and numbered(raw) is None and bullet(raw) is None)


def is_url(text: str) -> bool:
    """A line that is a web address (an annex prints the APA letter's)."""
    return bool(re.match(r"^\s*(?:https?://|www\.)", text))


def _is_grade_box(text: str) -> bool:
    """The grade-scale boxes printed under a judgement heading ("Inadequate Adequate Good X")."""
    words = [w for w in re.split(r"[\t ]+", text.strip()) if w]
    grade_words = [w for w in words if w.lower() in ("inadequate", "adequate", "good",
                                                     "outstanding")]
    return bool(grade_words) and all(w in grade_words or len(w) <= 2 for w in words)


def _is_strengths_header(text: str) -> bool:
    """The header row of a 'Major strengths / Important weaknesses' table."""
    return any(re.fullmatch(r"major strengths?|important weakness(?:es)?", c.lower())
               for c in cells(text) if c)


def _annex_heading(text: str) -> tuple[str, str | None]:
    m = re.match(r"annex\s+([a-z])\b\s*[:.\-–]?\s*(.*)$", text, re.I)
    if m is None:
        return "?", text
    return m.group(1).upper(), (m.group(2).strip() or None)


def _investigation_title(text: str) -> str:
    title = re.sub(r"^an investigation into\s+", "", text, flags=re.I).strip()
    return title[:1].upper() + title[1:]
