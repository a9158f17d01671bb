"""Reader for Ofsted's national report on a year of JARs (family ``national-outcomes``).

"Joint area reviews 2007–08: Report on outcomes" states how many areas got each
grade in prose ("safeguarding was judged to be outstanding in six, good in 42
..."), tabulates the core grades in Annex A and lists the areas reviewed in
Annex B. Only counts the text states become counts: a grade the prose does not
mention is left out, never assumed to be zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import AreaMention, Document, GradeDistribution, Recommendation, Source
from ..vocab import CORE_AREAS, GRADE_WORDS
from .base import (
    Reading,
    cover_year,
    document_id,
    footnote_passages,
    key_findings,
    new_document,
    ofsted_cover,
    plain,
    unidentified,
)
from .markup import (
    NUMBER,
    Line,
    Note,
    Section,
    area_key,
    block_text,
    bullet,
    bullet_items,
    cells,
    clean,
    investigation_category,
    is_blank,
    join_text,
    month_iso,
    norm,
    number_value,
    sentences,
    split_sections,
)
from .text import guarded_read

FAMILY = "national-outcomes"

_GRADE = r"(outstanding|good|adequate|inadequate)"
_NOT_AFTER_PREPOSITION = "".join(
    rf"(?<!\b{word} )" for word in ("in", "of", "to", "at", "for", "with", "on", "by", "from")
)
"""A count opens its clause: "in one placement was good" is not a count of placements."""
_COUNT_PATTERNS = (
    re.compile(rf"\b{_GRADE}\s+in\s+({NUMBER})\b(?!\s*(?:%|per\s*cent))", re.I),
    re.compile(rf"{_NOT_AFTER_PREPOSITION}\b({NUMBER})\s+(?:of\s+(?:which|these|them)\s+)?"
               rf"(?:[a-z]+\s+)?(?:was|were)\s+(?:judged\s+|found\s+)?"
               rf"(?:to\s+be\s+)?(?:making\s+)?{_GRADE}\b", re.I),
    re.compile(rf"\bIn\s+(?:the\s+other\s+)?({NUMBER})\b[^.;]*?\b(?:it|the\s+\w+)\s+was\s+"
               rf"(?:judged\s+(?:to\s+be\s+)?)?{_GRADE}\b", re.I),
)
_TOTAL = re.compile(
    rf"\b(?:of|in|across)\s+(?:all\s+)?(?:the\s+)?({NUMBER})\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:reviews|investigations)\b|\bthere\s+were\s+({NUMBER})\s+(?:[\w-]+\s+){{0,2}}?"
    rf"investigations\b",
    re.I,
)
_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")


@dataclass
class _Para:
    """A numbered paragraph with the lines that continue it."""

    number: str
    section: Section
    lines: list[Line]

    @property
    def start(self) -> Line:
        return self.lines[0]

    def text(self) -> str:
        return join_text([clean(line.text) if not is_blank(line.text) else ""
                          for line in self.lines])


KIND = "a national outcomes report"


def read_national_outcomes(path: str | Path) -> Document:
    """Read the national report on outcomes into distributions, findings and area lists."""
    return guarded_read(path, KIND, lambda lines: from_lines(path, lines))


def cover(path: str | Path, lines: list[Line]) -> Document:
    """The document as its cover identifies it (title, year, reference), unread."""
    reader = Reading(new_document(path, FAMILY))
    _cover(reader, lines, split_sections(lines)[1])
    return reader.doc


def from_lines(path: str | Path, lines: list[Line]) -> Document:
    """Read the report from its cleaned lines (:func:`read_national_outcomes` reads the
    file)."""
    doc = new_document(path, FAMILY)
    reader = Reading(doc)
    front, sections, notes = split_sections(lines)
    _cover(reader, lines, sections)
    reviews_total, period = _scope(lines)
    in_annex: set[int] = set()
    for index, section in enumerate(sections):
        title = norm(section.title)
        if index in in_annex:
            continue
        if title == "key findings":
            key_findings(reader, section)
        elif title == "recommendations":
            _recommendations(reader, section)
        elif re.match(r"annex [a-z]\b", title):
            parts = _with_subsections(sections, index)
            in_annex.update(range(index, index + len(parts)))
            if title.startswith("annex a"):
                _annex_a(reader, parts, reviews_total, period)
            elif title.startswith("annex b"):
                _annex_b(reader, parts, reviews_total)
            _annex_passage(reader, parts)
            continue
        _section_passages(reader, section)
    if not any(re.match(r"annex a\b", norm(s.title)) for s in sections):
        reader.warn(lines[-1].number, "no 'Annex A' section: the table of grades awarded "
                    "(annex-a distribution) is missing")
    _prose_distributions(reader, _paragraphs(sections), reviews_total, period)
    _notes(reader, notes)
    return doc


def _with_subsections(sections: list[Section], index: int) -> list[Section]:
    """A section and the deeper sections under it (an annex and its titled table)."""
    level = sections[index].level
    out = [sections[index]]
    for section in sections[index + 1:]:
        if section.level <= level:
            break
        out.append(section)
    return out


# --- cover, scope, passages -----------------------------------------------------------------


def _cover(reader: Reading, lines: list[Line], sections: list[Section]) -> None:
    """Title (heading plus subtitle), publication month, reference and publisher; the
    title identifies the report ("Joint area reviews 2007–08: Report on outcomes" is
    ``jar-2007-08-report-on-outcomes``)."""
    doc = reader.doc
    first = next((s for s in sections if s.level == 1), sections[0] if sections else None)
    if first is None:
        raise unidentified(reader, 1, "no title heading ('# Joint area reviews 2007–08')")
    doc.title = first.title
    subtitle = next((ln for ln in first.body if not is_blank(ln.text)), None)
    if subtitle and _is_subtitle(subtitle.text):
        doc.title = f"{first.title}: {clean(subtitle.text)}"
    ofsted_cover(reader, lines, "April 2009")
    title = re.sub(r"^joint area reviews?\b", "jar", plain(doc.title), flags=re.I)
    if not re.search(r"\d{4}", title):
        year = cover_year(lines, doc.published)
        if year is None:
            raise unidentified(reader, first.line.number, "neither the title nor a "
                               "'Published: April 2009' line gives the report's year")
        title = f"{title} {year}"
    doc.id = document_id(title)


def _is_subtitle(text: str) -> bool:
    """A short plain line under the title ("Report on outcomes"), not a field or sentence."""
    plain = clean(text)
    return ":" not in plain and not re.search(r"[.!?]$", plain) and len(plain.split()) <= 8


def _scope(lines: list[Line]) -> tuple[int | None, str | None]:
    """How many reviews the report covers and their period, from its opening sentence."""
    text = " ".join(clean(line.text) for line in lines)
    total = re.search(rf"\bconducted in ({NUMBER}) (?:local authority )?areas\b", text, re.I)
    months = r"([A-Z][a-z]+ \d{4})"
    span = re.search(rf"\bfrom {months} to {months}", text)
    period = None
    if span and month_iso(span.group(1)) and month_iso(span.group(2)):
        period = f"{month_iso(span.group(1))}/{month_iso(span.group(2))}"
    return (number_value(total.group(1)) if total else None), period


def _paragraphs(sections: list[Section]) -> list[_Para]:
    """Numbered paragraphs; text after one (lists, page-broken rest) belongs to it."""
    paras: list[_Para] = []
    for section in sections:
        current: _Para | None = None
        for line in section.body:
            match = _NUMBERED.match(line.text)
            if match:
                current = _Para(match.group(1), section, [Line(line.number, match.group(2))])
                paras.append(current)
            elif current is not None:
                current.lines.append(line)
    return paras


def _section_passages(reader: Reading, section: Section) -> None:
    """Numbered paragraphs as passages, and the section's unnumbered text as one passage."""
    lead: list[Line] = []
    for line in section.body:
        if _NUMBERED.match(line.text):
            break
        lead.append(line)
    text = block_text(lead)
    if text:
        start = next(line for line in lead if not is_blank(line.text))
        reader.doc.passages.append(reader.source(start, section.title, text))
    for para in _paragraphs([section]):
        reader.doc.passages.append(
            reader.source(para.start, section.title, para.text(), paragraph=para.number))


def _annex_passage(reader: Reading, parts: list[Section]) -> None:
    """An annex is one passage: its sub-headings and tables under the annex's own name."""
    lines: list[Line] = []
    for part in parts:
        if part is not parts[0]:
            lines.append(Line(part.line.number, part.title))
        lines.extend(part.body)
    reader.doc.passages.append(reader.source(parts[0].line, parts[0].title, block_text(lines)))


def _notes(reader: Reading, notes: list[Note]) -> None:
    """Footnotes as passages; an area named for a special review is a mention."""
    footnote_passages(reader, notes)
    for note in notes:
        section = f"Footnote {note.mark}"
        for match in re.finditer(
            r"\bjoint area review of ((?:[A-Z][\w.'’-]*)(?:\s+(?:and|upon|on|[A-Z][\w.'’-]*))*)",
            note.text,
        ):
            reader.doc.areas_mentioned.append(AreaMention(
                name=match.group(1), role="mentioned",
                source=reader.source(note.line, section, note.text),
            ))


# --- recommendations ------------------------------------------------------------------------


def _recommendations(reader: Reading, section: Section) -> None:
    """``LSCBs should:`` then bullets; each bullet is one recommendation to that addressee."""
    addressee: str | None = None
    items = {line.number: text for line, text in bullet_items(section.body)}
    for line in section.body:
        should = re.match(r"^(.+?)\s+should:\s*$", clean(line.text))
        if should:
            addressee = should.group(1)
        elif line.number in items:
            text = clean(items[line.number])
            reader.doc.recommendations.append(Recommendation(
                text=text, addressees=[addressee] if addressee else [],
                source=reader.source(line, section.title, text),
            ))
            if addressee is None:
                reader.warn(line.number, "recommendation without an 'X should:' line before it")


# --- grade distributions from prose -----------------------------------------------------------


def _heading_keys(title: str) -> list[tuple[str, str]]:
    """(key, label) for each judgement area or investigation group a heading names.

    The whole heading must name it ("Safeguarding", "Substance misuse"), or each
    part of an "X and Y" heading must ("Service management and capacity to
    improve"); "Local safeguarding children boards" names none.
    """
    key = _label_key(title)
    if key:
        return [(key, title)]
    parts = re.split(r"\s+and\s+", clean(title))
    keys = [(_label_key(part), part) for part in parts]
    if len(parts) > 1 and all(k for k, _ in keys):
        return [(k, part[:1].upper() + part[1:]) for k, part in keys if k]
    return []


def _label_key(label: str) -> str | None:
    """A label that is exactly a judgement area or an investigation group."""
    key = area_key(label)
    if key:
        return key
    category = investigation_category(label)
    if category is None:
        return None
    folded = norm(label)
    words = [w for w in re.findall(r"[a-z0-9/]+", folded) if w not in {"and", "or", "the"}]
    return category if len(words) <= 5 else None


def _counts(sentence: str) -> list[tuple[int, int, int]]:
    """(grade, count, position) for each grade count the sentence states."""
    found: list[tuple[int, int, int, int]] = []
    for pattern in _COUNT_PATTERNS:
        for match in pattern.finditer(sentence):
            groups = match.groups()
            grade_word = next(g for g in groups if g and g.lower() in GRADE_WORDS)
            number = next(g for g in groups if g and number_value(g) is not None)
            span = (match.start(), match.end())
            if any(s < span[1] and span[0] < e for _, _, s, e in found):
                continue
            found.append((GRADE_WORDS[grade_word.lower()], number_value(number) or 0, *span))
    return [(grade, count, start) for grade, count, start, _ in sorted(found, key=lambda f: f[2])]


def _prose_distributions(reader: Reading, paras: list[_Para], reviews_total: int | None,
                         period: str | None) -> None:
    """One distribution per judgement area or investigation group whose counts the text gives."""
    found: dict[str, GradeDistribution] = {}
    for para in paras:
        keys = _heading_keys(para.section.title)
        text = para.text()
        subject: tuple[str, str] | None = keys[0] if len(keys) == 1 else None
        for sentence in sentences(text):
            counts = _counts(sentence)
            if len(keys) > 1:
                named = [k for k in keys if norm(k[1]) in norm(sentence)]
                subject = named[0] if named else subject
            if not counts:
                continue
            if subject is None:
                where = "names no judgement area" if not keys else "does not say which area"
                reader.warn(para.start.number, f"grade counts in paragraph {para.number} "
                            f"({para.section.title!r}) but the text {where}: {sentence!r}")
                continue
            _add_counts(reader, found, para, subject, counts, sentence, text, period)
    for dist in found.values():
        _settle_total(reader, dist, reviews_total)
        reader.doc.distributions.append(dist)


def _add_counts(reader: Reading, found: dict[str, GradeDistribution], para: _Para,
                subject: tuple[str, str], counts: list[tuple[int, int, int]], sentence: str,
                text: str, period: str | None) -> None:
    key, label = subject
    dist = found.get(key)
    if dist is None:
        total = _TOTAL.search(text)
        stated = number_value(next(g for g in total.groups() if g)) if total else None
        dist = GradeDistribution(
            key=key, title=label, total=stated or 0, counts={}, period=period,
            source=reader.source(para.start, para.section.title, sentence,
                                 paragraph=para.number),
        )
        found[key] = dist
    elif dist.source.text and sentence not in dist.source.text:
        src = dist.source
        dist.source = Source(src.document, src.line, src.paragraph, src.section,
                             f"{src.text} {sentence}")
    for grade, count, _ in counts:
        previous = dist.counts.get((key, grade))
        if previous is not None and previous != count:
            reader.warn(para.start.number, f"{key}: grade {grade} counted as {previous} and "
                        f"as {count}; keeping {previous}")
            continue
        dist.counts[(key, grade)] = count


def _settle_total(reader: Reading, dist: GradeDistribution, reviews_total: int | None) -> None:
    """Total as stated; else the report's number of reviews for a core area; else the sum."""
    counted = sum(dist.counts.values())
    if not dist.total:
        if dist.key in CORE_AREAS and reviews_total:
            dist.total = reviews_total
        else:
            dist.total = counted
            if len(dist.counts) < 4:
                reader.warn(dist.source.line, f"{dist.key}: no total stated and not every "
                            f"grade counted; total taken as the {counted} counted")
    if counted > dist.total or len(dist.counts) == 4 and counted != dist.total:
        reader.warn(dist.source.line, f"{dist.key}: counts add up to {counted}, "
                    f"not the {dist.total} stated")


# --- annexes ----------------------------------------------------------------------------------


def _annex_a(reader: Reading, parts: list[Section], reviews_total: int | None,
             period: str | None) -> None:
    """The Annex A table: areas across, grades down -> one distribution of every cell."""
    title = parts[1].title if len(parts) > 1 else parts[0].title
    rows = [line for part in parts for line in part.body if "\t" in line.text]
    if not rows:
        reader.warn(parts[0].line.number, "Annex A has no table of grades")
        return
    header = cells(rows[0].text)
    keys = [area_key(label) for label in header[1:]]
    for label, key in zip(header[1:], keys, strict=True):
        if key is None:
            reader.warn(rows[0].number, f"Annex A column not a judgement area: {label!r}")
    counts: dict[tuple[str, int], int] = {}
    for row in rows[1:]:
        values = cells(row.text)
        grade = GRADE_WORDS.get(values[0].lower())
        if grade is None or len(values) != len(header):
            reader.warn(row.number, f"Annex A row not understood: {clean(row.text)!r}")
            continue
        for key, value in zip(keys, values[1:], strict=True):
            if key is None:
                continue
            if not value.isdigit():
                reader.warn(row.number, f"Annex A cell for {key} not a number: {value!r}")
                continue
            counts[(key, grade)] = int(value)
    sums = {key: sum(v for (k, _), v in counts.items() if k == key) for key in keys if key}
    total = reviews_total or max(sums.values(), default=0)
    for key, counted in sums.items():
        if counted != total:
            reader.warn(rows[0].number, f"Annex A column {key} adds up to {counted}, "
                        f"not {total}")
    reader.doc.distributions.append(GradeDistribution(
        key="annex-a", title=title, total=total, counts=counts, period=period,
        source=reader.source(parts[0].line, parts[0].title, title),
    ))


def _annex_b(reader: Reading, parts: list[Section], reviews_total: int | None) -> None:
    """Annex B's list of areas: two names a row, read down each column in turn."""
    columns: list[list[tuple[str, Line]]] = []
    for part in parts:
        for line in part.body:
            if is_blank(line.text) or bullet(line.text):
                continue
            names = cells(line.text)
            while len(columns) < len(names):
                columns.append([])
            for column, name in zip(columns, names, strict=False):
                if name:
                    column.append((name, line))
    mentions = [(name, line) for column in columns for name, line in column]
    for name, line in mentions:
        reader.doc.areas_mentioned.append(AreaMention(
            name=name, role="reviewed", source=reader.source(line, parts[0].title, name)))
    if reviews_total is not None and len(mentions) != reviews_total:
        reader.warn(parts[0].line.number, f"Annex B lists {len(mentions)} areas but the "
                    f"report says reviews were conducted in {reviews_total}")
