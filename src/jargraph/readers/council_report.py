"""Reader for a council's own report on its joint area review (family ``council-report``).

Such a paper (e.g. a report of the Director of Children's Services to the
council's Executive Board) restates the JAR's grades, its additional
investigations, the corporate-assessment ratings the JAR fed, the strengths and
weaknesses tables and the inspection recommendations, in numbered paragraphs
(``1.0``, ``2.1`` ...). The board's own recommendations ("It is recommended that
Executive Board: Note ...") are the council's, not the inspectors', and are kept
as passages only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import (
    Document,
    Finding,
    GradeDescriptor,
    Investigation,
    Judgement,
    Recommendation,
    Review,
    Source,
)
from ..uris import slug
from ..vocab import CORE_AREAS, GRADE_WORDS
from .base import Reading, cover_date, new_document
from .markup import (
    Line,
    area_key,
    bullet,
    cells,
    clean,
    date_iso,
    field_value,
    investigation_category,
    is_blank,
    is_rule,
    join_text,
    norm,
    number_value,
    paragraph_cells,
    sentences,
    starts_lower,
)
from .text import MONTHS, guarded_read

FAMILY = "council-report"

_NUMBERED = re.compile(r"^\s*(?:[-•]\s+)?(\d{1,2}\.\d{1,2})\s+(\S.*?)\s*$")
_CAPS_HEADING = re.compile(r"^[A-Z][A-Z &'’,/-]{2,60}$")
_TIMEFRAMES = (
    (re.compile(r"^for immediate action\b", re.I), "immediate"),
    (re.compile(r"^for action (?:over|within|in) the next six months\b", re.I),
     "within-six-months"),
    (re.compile(r"^for action in the long(?:er)? term\b", re.I), "longer-term"),
)
_COLUMN_KINDS = {
    "major strengths": "strength",
    "key strengths": "strength",
    "important weaknesses": "weakness",
    "key weaknesses": "weakness",
    "areas for development": "area-for-development",
    "areas for improvement": "area-for-development",
}


@dataclass
class _Para:
    """A numbered paragraph (or the unnumbered text under a heading) with its lines."""

    number: str | None
    section: str | None
    start: Line
    lines: list[Line] = field(default_factory=list)


def _source(reader: Reading, para: _Para | None, line: Line | int, text: str | None = None,
            section: str | None = None) -> Source:
    """A source in a numbered paragraph, under its section unless another is named."""
    return reader.source(line, section or (para.section if para else None), text,
                         para.number if para else None)


def read_council_report(path: str | Path) -> Document:
    """Read a council's report on its JAR into a `Document` with the JAR and CA reviews."""
    return guarded_read(path, "a council report", lambda lines: _read(path, lines))


def _read(path: str | Path, lines: list[Line]) -> Document:
    doc = new_document(path, FAMILY)
    reader = Reading(doc)
    front, paras = _split(reader, lines)
    area = _read_front(reader, front)
    doc.publisher = _publisher(front + [ln for para in paras for ln in para.lines], area)
    jar = _jar_review(reader, paras, area)
    doc.reviews.append(jar)
    ca: Review | None = None
    stated_recommendations = _stated_count(paras, "recommendations")
    for para in paras:
        _passage(reader, para)
        consumed: set[int] = set()
        _grades_table(reader, para, jar, consumed)
        _investigations(reader, para, jar, consumed)
        _graded_lines(reader, para, jar)
        ca = _corporate_assessment(reader, para, area, jar.year, ca, consumed)
        _grade_words(reader, para)
        _strength_tables(reader, para, jar, consumed)
        _recommendations(reader, para, jar, consumed)
        for line in para.lines:
            if "\t" in line.text and line.number not in consumed and not is_rule(line.text):
                reader.warn(line.number, f"table row not understood: {clean(line.text)!r}")
    _check_core_grades(reader, jar)
    if stated_recommendations is not None and stated_recommendations != len(jar.recommendations):
        reader.warn(jar.source.line, f"the report speaks of {stated_recommendations} "
                    f"recommendations but {len(jar.recommendations)} were read")
    if ca is not None:
        doc.reviews.append(ca)
    return doc


# --- structure -------------------------------------------------------------------------------


def _split(reader: Reading, lines: list[Line]) -> tuple[list[Line], list[_Para]]:
    """Cut the file into front matter and paragraphs, tracking the section headings."""
    front: list[Line] = []
    paras: list[_Para] = []
    section: str | None = None
    current: _Para | None = None
    for line in lines:
        text = line.text.strip()
        numbered = _NUMBERED.match(line.text)
        if numbered and _is_numbered_heading(line.text, numbered.group(2)):
            section = clean(numbered.group(2))
            current = _Para(numbered.group(1), section, line)
            paras.append(current)
        elif numbered:
            first = Line(line.number, numbered.group(2))
            current = _Para(numbered.group(1), section, line, [first])
            paras.append(current)
        elif _CAPS_HEADING.match(text) and len(text.split()) <= 6:
            section = text
            current = _Para(None, section, line)
            paras.append(current)
        elif current is None:
            front.append(line)
        else:
            current.lines.append(line)
    kept: list[_Para] = []
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


def _read_front(reader: Reading, front: list[Line]) -> str | None:
    """Title, meeting date, area and publisher from the cover lines."""
    doc = reader.doc
    subject = field_value(front, "Subject")
    area: str | None = None
    if subject:
        doc.title = subject[0]
        match = re.match(r"^(.*?)\s+Joint Area Review\b", subject[0], re.I)
        if match:
            area = match.group(1).strip()
        else:
            reader.warn(subject[1].number,
                        "subject line does not name the area's Joint Area Review")
    else:
        doc.title = doc.id
        reader.warn(1, "no 'Subject:' line, so no title or area")
    cover_date(reader, front, "Date", date_iso, "no meeting date ('Date: 11th June 2008')")
    doc.area = area
    return area


def _publisher(lines: list[Line], area: str | None) -> str | None:
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


def _stated_count(paras: list[_Para], noun: str) -> int | None:
    """A count the paper states, e.g. "the ten recommendations" -> 10."""
    for para in paras:
        for line in para.lines:
            match = re.search(rf"\bthe (\w+(?:-\w+)?) {noun}\b", line.text)
            if match and number_value(match.group(1)) is not None:
                return number_value(match.group(1))
    return None


def _passage(reader: Reading, para: _Para) -> None:
    """Keep the paragraph's full text, table cells one per line, as a passage."""
    chunks: list[str] = []
    prose: list[str] = []
    for line in para.lines:
        if is_rule(line.text):
            continue
        if "\t" not in line.text and "<p>" not in line.text:
            prose.append(clean(line.text))
            continue
        chunks.append(join_text(prose))
        prose = []
        if "<p>" in line.text:
            chunks.extend(f"- {item}" for column in line.text.split("\t")
                          for item in paragraph_cells(column))
        else:
            chunks.append(" | ".join(cell for cell in cells(line.text) if cell))
    chunks.append(join_text(prose))
    text = "\n".join(chunk for chunk in chunks if chunk)
    reader.doc.passages.append(_source(reader, para, para.start, text))


# --- the JAR ----------------------------------------------------------------------------------


def _jar_review(reader: Reading, paras: list[_Para], area: str | None) -> Review:
    """The JAR itself: publication year, fieldwork months and methodology as the paper states."""
    year: int | None = None
    fieldwork: str | None = None
    where: tuple[_Para, Line, str] | None = None
    for para in paras:
        for line in para.lines:
            for sentence in sentences(clean(line.text)):
                published = re.search(r"report was published on ([^.]*?\d{4})", sentence)
                if published and year is None:
                    year = int(published.group(1)[-4:])
                took = _fieldwork(sentence)
                if took and fieldwork is None:
                    fieldwork = took
                    where = (para, line, sentence)
    if year is None:
        year = int(reader.doc.published[:4]) if reader.doc.published else 0
        reader.warn(1, "the paper does not say when the JAR report was published; "
                    "using the meeting year")
    if fieldwork is None:
        reader.warn(1, "the paper does not say when the JAR fieldwork took place")
    methodology = None
    if fieldwork:
        methodology = "2007" if fieldwork[:7] >= "2007-04" else "2005"
    if where:
        source = _source(reader, where[0], where[1], where[2])
    else:
        first = paras[0] if paras else None
        source = _source(reader, first, first.start if first else 1)
    return Review(kind="jar", area=area or "", year=year, source=source,
                  methodology=methodology, fieldwork=fieldwork)


def _fieldwork(sentence: str) -> str | None:
    """``took place in November and December 2007`` -> ``2007-11/2007-12``."""
    month = "(" + "|".join(name.capitalize() for name in MONTHS) + ")"
    match = re.search(
        rf"took place (?:in|during|between) {month}(?: (\d{{4}}))?"
        rf"(?:,? (?:and|to) {month})? (\d{{4}})",
        sentence,
    )
    if not match:
        match = re.search(rf"took place (?:in|during) {month} (\d{{4}})", sentence)
        if not match:
            return None
        return f"{match.group(2)}-{MONTHS[match.group(1).lower()]:02d}"
    first, first_year, last, last_year = match.groups()
    start = f"{first_year or last_year}-{MONTHS[first.lower()]:02d}"
    if not last:
        return start
    return f"{start}/{last_year}-{MONTHS[last.lower()]:02d}"


def _grades_table(reader: Reading, para: _Para, jar: Review, consumed: set[int]) -> None:
    """The grades table: a header ``\\tLocal services overall`` then ``Area\\tgrade`` rows."""
    lines = para.lines
    for index, line in enumerate(lines):
        if "\t" not in line.text or "local services overall" not in norm(line.text):
            continue
        consumed.add(line.number)
        for row in lines[index + 1:]:
            if is_blank(row.text):
                break
            consumed.add(row.number)
            _grade_row(reader, para, jar, row)


def _grade_row(reader: Reading, para: _Para, jar: Review, row: Line) -> None:
    """One ``Safeguarding\\t2`` row; anything else is a warning, never a guess."""
    parts = [cell for cell in cells(row.text) if cell]
    if len(parts) != 2:
        reader.warn(row.number, f"grades row not understood (expected 'area<TAB>grade'): "
                    f"{clean(row.text)!r}")
        return
    label, value = parts
    key = area_key(label)
    grade, wording = _grade_value(value)
    if key is None:
        reader.warn(row.number, f"unknown judgement area in grades table: {label!r}")
    elif grade is None:
        reader.warn(row.number, f"grade for {label!r} not understood: {value!r}")
    else:
        jar.judgements.append(Judgement(
            area_key=key, grade=grade, wording=wording,
            sources=[_source(reader, para, row, clean(row.text.replace("\t", " ")))],
        ))


def _grade_value(value: str) -> tuple[int | None, str | None]:
    """``"3"`` -> (3, None); ``"Good"`` -> (3, "Good"); otherwise (None, None)."""
    value = value.strip().strip("'‘’\".")
    if value in {"1", "2", "3", "4"}:
        return int(value), None
    grade = GRADE_WORDS.get(value.lower())
    return (grade, value) if grade else (None, None)


def _investigations(reader: Reading, para: _Para, jar: Review, consumed: set[int]) -> None:
    """The additional investigations, listed after "additional areas of investigation ..."."""
    text = " ".join(clean(line.text) for line in para.lines)
    if not re.search(r"\badditional (?:areas? of )?investigations?\b", text, re.I):
        return
    items = [(line, bullet(line.text)) for line in para.lines]
    titles = [(line, clean(item[1])) for line, item in items if item]
    if not titles:
        return
    stated = re.search(r"\b(\w+) areas were added\b", text)
    if stated and number_value(stated.group(1)) not in (None, len(titles)):
        reader.warn(para.start.number, f"the paper says {stated.group(1)} investigations were "
                    f"added but lists {len(titles)}")
    for line, title in titles:
        category = investigation_category(title)
        if category is None:
            reader.warn(line.number, f"investigation category not recognised: {title!r}")
        jar.investigations.append(Investigation(
            key=slug(re.sub(r"[–—]", "-", title)), title=title, category=category,
            source=_source(reader, para, line, title),
        ))
        consumed.add(line.number)


def _graded_lines(reader: Reading, para: _Para, jar: Review) -> None:
    """``CAMHS Services were graded as 'Good'`` -> a judgement on that investigation."""
    for line in para.lines:
        match = re.search(r"^(?:[-•]\s+)?(.+?)\s+(?:was|were)\s+graded\s+as\s+['‘\"]?(\w+)",
                          clean(line.text))
        if not match:
            continue
        subject, word = match.groups()
        grade = GRADE_WORDS.get(word.lower())
        key = _subject_key(jar, subject)
        if grade is None:
            reader.warn(line.number, f"grade word not recognised: {word!r}")
        elif key is None:
            reader.warn(line.number, f"graded subject matches no area or investigation: "
                        f"{subject!r}")
        else:
            jar.judgements.append(Judgement(
                area_key=key, grade=grade, wording=word,
                sources=[_source(reader, para, line, clean(line.text).lstrip("-• "))],
            ))


def _subject_key(jar: Review, subject: str) -> str | None:
    """The judgement area or investigation key a short subject ("14-19", "CAMHS") names."""
    key = area_key(subject)
    if key:
        return key
    category = investigation_category(subject)
    for investigation in jar.investigations:
        if category and investigation.category == category:
            return investigation.key
        if norm(investigation.title) == norm(subject):
            return investigation.key
    return None


def _check_core_grades(reader: Reading, jar: Review) -> None:
    """A 2007-methodology JAR grades all five core areas; say which the paper lacks."""
    if jar.methodology != "2007":
        return
    graded = {judgement.area_key for judgement in jar.judgements}
    missing = [key for key in CORE_AREAS if key not in graded]
    if missing:
        reader.warn(jar.source.line, "no grade read for core area(s): " + ", ".join(missing))


# --- the corporate assessment and the grade scale ---------------------------------------------


def _corporate_assessment(reader: Reading, para: _Para, area: str | None, year: int,
                          ca: Review | None, consumed: set[int]) -> Review | None:
    """Ratings the JAR fed into the Corporate Assessment: ``Be Healthy – Good`` bullets."""
    if not para.lines or "corporate assessment" not in norm(para.lines[0].text):
        return ca
    for line in para.lines:
        item = bullet(line.text)
        if not item:
            continue
        match = re.match(r"^(.*?)\s+[-–—]\s+(\w+)\.?$", clean(item[1]))
        if not match:
            reader.warn(line.number, f"rating not understood (expected 'area – grade'): "
                        f"{clean(item[1])!r}")
            continue
        label, word = match.groups()
        key = area_key(label)
        grade = GRADE_WORDS.get(word.lower())
        if key is None or grade is None:
            reader.warn(line.number, f"rating not understood: {label!r} – {word!r}")
            continue
        if ca is None:
            ca = Review(kind="corporate-assessment", area=area or "", year=year,
                        source=_source(reader, para, para.start, clean(para.lines[0].text)))
        ca.judgements.append(Judgement(
            area_key=key, grade=grade, scope="council", wording=word,
            sources=[_source(reader, para, line, clean(item[1]))],
        ))
        consumed.add(line.number)
    return ca


def _grade_words(reader: Reading, para: _Para) -> None:
    """``where 1 is inadequate, 2 is adequate ...`` -> one descriptor per grade."""
    for line in para.lines:
        for sentence in sentences(clean(line.text)):
            found = re.findall(r"\b([1-4]) is (?:an? )?([a-z]+(?: [a-z]+)?)\b", sentence)
            found = [(n, w) for n, w in found if w in GRADE_WORDS or w.split()[0] in GRADE_WORDS]
            if len(found) < 2:
                continue
            for number, word in found:
                word = word if word in GRADE_WORDS else word.split()[0]
                if GRADE_WORDS[word] != int(number):
                    reader.warn(line.number, f"grade {number} is called {word!r}, "
                                "which elsewhere means another grade")
                reader.doc.grade_descriptors.append(GradeDescriptor(
                    grade=int(number), label=word, descriptor=f"{number} is {word}",
                    source=_source(reader, para, line, sentence),
                ))


# --- strengths and weaknesses -----------------------------------------------------------------


def _strength_tables(reader: Reading, para: _Para, jar: Review, consumed: set[int]) -> None:
    """Each titled ``Major strengths\\tImportant weaknesses`` table, page breaks joined."""
    lines = para.lines
    index = 0
    while index < len(lines):
        kinds = _column_kinds(lines[index].text)
        if kinds is None:
            index += 1
            continue
        consumed.add(lines[index].number)
        title_line = _title_before(lines, index)
        title = clean(title_line.text) if title_line else None
        key = _table_key(reader, jar, title, title_line or lines[index])
        index = _table_rows(reader, para, jar, lines, index + 1, kinds, title, key, consumed)


def _column_kinds(text: str) -> list[str] | None:
    """The finding kind of each column of a strengths table header, or None."""
    if "\t" not in text:
        return None
    labels = [norm(cell) for cell in cells(text)]
    if not labels or any(label not in _COLUMN_KINDS for label in labels):
        return None
    return [_COLUMN_KINDS[label] for label in labels]


def _title_before(lines: list[Line], index: int) -> Line | None:
    """The table's title: the last plain text line before its header."""
    for line in reversed(lines[:index]):
        if is_blank(line.text) or is_rule(line.text):
            continue
        return None if "\t" in line.text or bullet(line.text) else line
    return None


def _table_key(reader: Reading, jar: Review, title: str | None, line: Line) -> str | None:
    """The judgement area or investigation a table's title names."""
    key = _subject_key(jar, title) if title else None
    if key is None:
        reader.warn(line.number, f"strengths table title names no judgement area or "
                    f"investigation: {title!r}")
    return key


def _table_rows(reader: Reading, para: _Para, jar: Review, lines: list[Line], index: int,
                kinds: list[str], title: str | None, key: str | None,
                consumed: set[int]) -> int:
    """Read rows up to the next table; a row without ``<p>`` continues the last cells."""
    columns: list[list[tuple[str, Line]]] = [[] for _ in kinds]
    while index < len(lines):
        line = lines[index]
        text = line.text
        if is_blank(text) or is_rule(text):
            consumed.add(line.number)
            index += 1
            continue
        if "\t" not in text and "<p>" not in text:
            following = next((ln for ln in lines[index + 1:] if not is_blank(ln.text)), None)
            if following is not None and _column_kinds(following.text) is not None:
                break
            if not starts_lower(text):
                break
        if _column_kinds(text) is not None:
            break
        consumed.add(line.number)
        parts = text.split("\t")
        if len(parts) > len(kinds) and any(clean(p) for p in parts[len(kinds):]):
            reader.warn(line.number, f"table row has more cells than the header ({len(kinds)})")
        for column, part in zip(columns, parts, strict=False):
            if "<p>" in part:
                column.extend((item, line) for item in paragraph_cells(part))
            elif clean(part):
                if column:
                    previous, first_line = column[-1]
                    column[-1] = (f"{previous} {clean(part)}", first_line)
                else:
                    reader.warn(line.number, f"text before the first cell of the table: "
                                f"{clean(part)!r}")
        index += 1
    for kind, column in zip(kinds, columns, strict=True):
        for text, line in column:
            jar.findings.append(Finding(
                kind=kind, text=text, area_key=key,
                source=_source(reader, para, line, text, section=title),
            ))
    return index


# --- recommendations ----------------------------------------------------------------------------


def _recommendations(reader: Reading, para: _Para, jar: Review, consumed: set[int]) -> None:
    """Inspection recommendations: timeframe line, ``X should:`` line, then bullets."""
    timeframe: str | None = None
    heading: str | None = None
    addressees: list[str] = []
    for line in para.lines:
        text = clean(line.text)
        found = next((key for pattern, key in _TIMEFRAMES if pattern.match(text)), None)
        if found:
            timeframe, heading, addressees = found, text, []
            consumed.add(line.number)
            continue
        if timeframe is None:
            continue
        should = re.match(r"^(.+?)\s+should:?$", text)
        if should:
            addressees = [should.group(1)]
            continue
        item = bullet(line.text)
        if item:
            rec_text = clean(item[1])
            jar.recommendations.append(Recommendation(
                text=rec_text, timeframe=timeframe, addressees=list(addressees),
                source=_source(reader, para, line, rec_text, section=heading),
            ))
            consumed.add(line.number)
        elif text and not is_rule(line.text):
            reader.warn(line.number, f"text among the recommendations not understood: {text!r}")
