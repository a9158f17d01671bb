"""Reader for Ofsted's overview of children's services inspection (family ``national-overview``).

"Narrowing the gap: the inspection of children's services" (2007) evaluates each
Every Child Matters outcome area: under each, "Key strengths and features of
higher performing ..." and "Areas for improvement and barriers to improvement"
list bulleted findings, and "Read about [Area: title](#)" links point to the
examples of practice printed at the end. The notes give the APA's four-point
scale and the thirteen grades of the first JAR methodology.

The converted file's heading levels are unreliable (an outcome area may be
``##`` or ``###``), so the reader follows heading wording, not levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import (
    AreaMention,
    Document,
    Finding,
    GradeDescriptor,
    PracticeExample,
    Recommendation,
)
from ..vocab import OUTCOME_AREAS
from .base import Reading, footnote_passages, key_findings, new_document, ofsted_cover
from .markup import (
    Line,
    Section,
    area_key,
    block_text,
    bold_lead,
    bullet,
    bullet_items,
    cells,
    clean,
    heading,
    is_blank,
    is_bold_line,
    join_text,
    link,
    norm,
    number_value,
    split_sections,
)
from .text import guarded_read

FAMILY = "national-overview"

_PARTS = {
    "contents", "executive summary", "key findings", "recommendations",
    "evaluation of outcome areas", "notes", "further information",
    "examples of practice in local areas", "references",
}
"""Headings that open a part of the report, whatever their level."""
_EXAMPLES = "examples of practice in local areas"
_STRENGTHS = re.compile(r"^key strengths and features of (?:higher|high)[ -]performing\b")
_WEAKNESSES = re.compile(r"^areas for improvement and barriers to improvement\b")
_SUMMARY = re.compile(r"^summary(?: of performance)?$")
_EXAMPLE_TITLE = re.compile(r"^([A-Z][\w.'’ -]{1,40}?):\s+(\S.*[^:])$")


@dataclass
class _Link:
    """A "Read about [Area: title](#)" link and the outcome section it sits in."""

    area: str
    title: str
    outcome: str | None
    line: Line


@dataclass
class _Example:
    area: str
    title: str
    line: Line
    lines: list[Line] = field(default_factory=list)


@dataclass
class _Reader(Reading):
    """A reading of the overview, with the links and examples it pairs at the end."""

    links: list[_Link] = field(default_factory=list)
    examples: list[_Example] = field(default_factory=list)


def read_national_overview(path: str | Path) -> Document:
    """Read the overview into findings by outcome area, grade scales and practice examples."""
    return guarded_read(path, "a national overview report", lambda lines: _read(path, lines))


def _read(path: str | Path, lines: list[Line]) -> Document:
    doc = new_document(path, FAMILY)
    reader = _Reader(doc)
    _front, sections, notes = split_sections(lines)
    _cover(reader, lines, sections)
    part: str | None = None
    outcome: str | None = None
    mode: str | None = None
    heading_path: list[str] = []
    used: set[str] = set()
    for section in sections:
        title = norm(section.title)
        if title in _PARTS:
            part, outcome, mode = title, None, None
            heading_path = [section.title]
        elif part == "evaluation of outcome areas":
            outcome, mode = _evaluation_heading(reader, section, outcome, mode)
            heading_path = heading_path[:1] + [section.title] if mode is None and _outcome_key(
                section.title) else heading_path[:2] + [section.title]
        else:
            heading_path = heading_path[:1] + [section.title]
        if part == _EXAMPLES:
            _collect_examples(reader, section)
            continue
        labelled = Section(_unique(" / ".join(heading_path), used), section.level, section.line,
                           section.body)
        _read_section(reader, labelled, part, outcome, mode)
        _passage(reader, labelled.line, labelled.title, labelled.body)
    footnote_passages(reader, notes)
    _examples(reader)
    return doc


def _unique(label: str, used: set[str]) -> str:
    """A section label unique in the document: "Being healthy" recurs in three parts.

    The label is the heading path ("Evaluation of outcome areas / Being healthy"),
    so each passage has its own name; a path that still recurs gets a number.
    """
    candidate, number = label, 1
    while candidate in used:
        number += 1
        candidate = f"{label} ({number})"
    used.add(candidate)
    return candidate


def _cover(reader: _Reader, lines: list[Line], sections: list[Section]) -> None:
    """Title, publication month, reference and publisher from the cover page."""
    doc = reader.doc
    first = next((s for s in sections if s.level == 1), None)
    doc.title = first.title if first else doc.id
    if first is None:
        reader.warn(1, "no title heading")
    ofsted_cover(reader, lines, "April 2007")


def _evaluation_heading(reader: _Reader, section: Section, outcome: str | None,
                        mode: str | None) -> tuple[str | None, str | None]:
    """An outcome-area heading sets the area; a sub-heading sets strengths or weaknesses."""
    title = norm(section.title)
    key = _outcome_key(section.title)
    if key:
        return key, None
    if _STRENGTHS.match(title):
        return outcome, "strength"
    if _WEAKNESSES.match(title):
        return outcome, "weakness"
    if _SUMMARY.match(title):
        return outcome, None
    reader.warn(section.line.number, f"heading among the outcome areas not understood: "
                f"{section.title!r}")
    return outcome, None


def _outcome_key(title: str) -> str | None:
    """The ECM outcome area a heading names; "Capacity to improve ..." is capacity-to-improve."""
    key = area_key(title)
    if key in OUTCOME_AREAS:
        return key
    if norm(title).startswith("capacity to improve"):
        return "capacity-to-improve"
    return None


def _passage(reader: _Reader, line: Line, title: str, body: list[Line]) -> None:
    text = block_text(body)
    if text:
        reader.doc.passages.append(reader.source(line, title, text))


# --- findings, recommendations, scales, links -----------------------------------------------


def _read_section(reader: _Reader, section: Section, part: str | None, outcome: str | None,
                  mode: str | None) -> None:
    """What a section holds, by the part of the report it is in."""
    title = norm(section.title)
    if part == "key findings" and title == "key findings":
        key_findings(reader, section)
    elif part == "recommendations" and title == "recommendations":
        _recommendations(reader, section)
    elif part == "evaluation of outcome areas" and mode and outcome:
        _findings(reader, section, outcome, mode)
    _descriptors(reader, section)
    _earlier_grades(reader, section)
    _links(reader, section, outcome if part == "evaluation of outcome areas" else None)


def _findings(reader: _Reader, section: Section, outcome: str, kind: str) -> None:
    """Each bullet is a finding; a bold lead is its text, the rest is detail."""
    for line, raw in bullet_items(section.body):
        lead = bold_lead(raw)
        text = lead[0] if lead else clean(raw)
        reader.doc.findings.append(Finding(
            kind=kind, text=text, area_key=outcome,
            source=reader.source(line, section.title, text)))


def _recommendations(reader: _Reader, section: Section) -> None:
    """Bulleted recommendations; "Councils and their partners should ..." names the addressee."""
    for line, raw in bullet_items(section.body):
        text = clean(raw)
        match = re.match(r"^([A-Z][^,.;]{2,60}?)\s+should\s+(?!be\b)", text)
        reader.doc.recommendations.append(Recommendation(
            text=text, addressees=[match.group(1)] if match else [],
            source=reader.source(line, section.title, text)))


def _descriptors(reader: _Reader, section: Section) -> None:
    """A ``Grade\\tDescriptor`` table: ``Grade 4: short label`` and the long descriptor."""
    rows = [line for line in section.body if "\t" in line.text]
    if not rows or [norm(c) for c in cells(rows[0].text)] != ["grade", "descriptor"]:
        return
    for row in rows[1:]:
        values = cells(row.text)
        match = re.match(r"^Grade\s+([1-4])\s*:?\s*(.*)$", values[0])
        if len(values) != 2 or not match:
            reader.warn(row.number, f"grade descriptor row not understood: {clean(row.text)!r}")
            continue
        reader.doc.grade_descriptors.append(GradeDescriptor(
            grade=int(match.group(1)), label=match.group(2), descriptor=values[1],
            source=reader.source(row, section.title, f"{values[0]} {values[1]}")))


def _earlier_grades(reader: _Reader, section: Section) -> None:
    """``Thirteen grades are reported in a joint area review:`` and the list after it."""
    for index, line in enumerate(section.body):
        match = re.match(r"^(\w+) grades are reported in a joint area review", clean(line.text))
        if not match:
            continue
        items: list[tuple[Line, str]] = []
        for item in section.body[index + 1:]:
            found = bullet(item.text)
            if found:
                items.append((item, clean(found[1]).rstrip(".;")))
            elif not is_blank(item.text):
                break
        for item, text in items:
            reader.doc.earlier_grades.append(
                (text, reader.source(item, section.title, text)))
        stated = number_value(match.group(1))
        if stated is not None and stated != len(items):
            reader.warn(line.number, f"the report says {match.group(1).lower()} grades "
                        f"but lists {len(items)}")


def _links(reader: _Reader, section: Section, outcome: str | None) -> None:
    """"Read about" followed by ``[Area: title](#)``, on the same or the next line."""
    body = section.body
    for index, line in enumerate(body):
        text = line.text.strip()
        inline = re.match(r"^Read about\s+(\[.*\]\(.*\))$", text)
        if not inline and norm(text) != "read about":
            continue
        target = Line(line.number, inline.group(1)) if inline else next(
            (ln for ln in body[index + 1:] if not is_blank(ln.text)), None)
        found = link(target.text) if target else None
        if not found or ": " not in found[0]:
            reader.warn(line.number, "'Read about' without an '[Area: title](#)' link after it")
            continue
        area, title = (part.strip() for part in found[0].split(": ", 1))
        reader.links.append(_Link(area, title, outcome, target or line))


# --- examples of practice -------------------------------------------------------------------


def _collect_examples(reader: _Reader, section: Section) -> None:
    """Examples start at an ``Area: title`` heading or bold line; the rest is their text."""
    if norm(section.title) != _EXAMPLES:
        match = _EXAMPLE_TITLE.match(section.title)
        if match and len(match.group(1).split()) <= 5:
            reader.examples.append(_Example(match.group(1), match.group(2), section.line))
        elif reader.examples:
            reader.examples[-1].lines.append(Line(section.line.number, section.title))
        else:
            reader.warn(section.line.number, f"text before the first example: "
                        f"{section.title!r}")
    for line in section.body:
        match = _EXAMPLE_TITLE.match(clean(line.text)) if is_bold_line(line.text) else None
        if match and len(match.group(1).split()) <= 5:
            reader.examples.append(_Example(match.group(1), match.group(2), line))
        elif reader.examples:
            reader.examples[-1].lines.append(line)
        elif not is_blank(line.text):
            reader.warn(line.number, f"text before the first example: {clean(line.text)!r}")


def _examples(reader: _Reader) -> None:
    """Each example with the outcome area of the "Read about" link that points at it."""
    linked: dict[int, _Link] = {}
    for found in reader.links:
        example = _match_example(reader.examples, found)
        if example is None:
            reader.warn(found.line.number, f"'Read about {found.area}: {found.title}' has no "
                        "entry under 'Examples of practice in local areas'")
            _add_example(reader, found.area, found.title, found.line,
                         _ecm_outcome(reader, found), None)
        elif id(example) in linked and linked[id(example)].outcome != found.outcome:
            reader.warn(found.line.number, f"example {example.area!r} is linked from two "
                        "outcome areas; keeping the first")
        else:
            linked.setdefault(id(example), found)
    for example in reader.examples:
        link = linked.get(id(example))
        if link is None:
            reader.warn(example.line.number, f"example {example.area!r} has no 'Read about' "
                        "link, so its outcome area is unknown")
        text = _example_text(example.lines)
        _add_example(reader, example.area, example.title, example.line,
                     _ecm_outcome(reader, link) if link else None, text)
        heading_text = f"{example.area}: {example.title}"
        reader.doc.passages.append(reader.source(example.line, heading_text, text or None))


def _ecm_outcome(reader: _Reader, found: _Link) -> str | None:
    """The judgement area of the section the example's "Read about" link sits in: one of
    the five outcome areas, or capacity to improve for the last section."""
    return found.outcome


def _match_example(examples: list[_Example], found: _Link) -> _Example | None:
    """The example for a link: same area (``St. Helens`` = ``St Helens``), then closest title."""
    same = [e for e in examples if _area_norm(e.area) == _area_norm(found.area)]
    if len(same) <= 1:
        return same[0] if same else None
    words = set(norm(found.title).split())
    return max(same, key=lambda e: len(words & set(norm(e.title).split())))


def _area_norm(name: str) -> str:
    return re.sub(r"[\s.-]+", " ", name.lower()).strip()


def _example_text(lines: list[Line]) -> str:
    """An example's text: sub-headings and paragraphs re-joined, list items one a line."""
    parts: list[str] = []
    for line in lines:
        head = heading(line.text)
        parts.append(head[1] if head else clean(line.text) if not is_blank(line.text) else "")
    return join_text(parts)


def _add_example(reader: _Reader, area: str, title: str, line: Line, outcome: str | None,
                 text: str | None) -> None:
    source = reader.source(line, f"{area}: {title}", f"{area}: {title}")
    reader.doc.examples.append(PracticeExample(
        area=area, title=title, source=source, outcome_area=outcome, text=text))
    reader.doc.areas_mentioned.append(AreaMention(name=area, source=source, role="example"))
