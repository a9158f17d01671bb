"""Reader for joint area review reports (document family ``jar-report``).

A JAR report has a title page, a contents list, numbered paragraphs under a
fixed run of headings (Introduction, Context, Main findings, Grades,
Recommendations, Equality and diversity, the three core judgement sections,
the additional investigations, Service management / Capacity to improve), and
annexes (the APA letter, the corporate assessment, sometimes an enhanced youth
inspection, the summary of arrangements). The reader follows that structure and
the phrasing JARs share; it never relies on one report's line numbers.

Whatever it meets but cannot place becomes a `ReaderWarning`; a file it cannot
read at all, or whose title page does not say which area and year it is about,
raises `ReaderError`.
"""

from __future__ import annotations

from pathlib import Path

from ...model import Document, Review
from ..base import cover_year, new_document
from ..text import Line, guarded_read
from .annexes import annex_reviews
from .dates import fieldwork_period
from .figures import context_figures
from .investigations import check_intro_investigations, investigations
from .judgements import (
    core_sections,
    grades_table,
    main_findings,
    main_findings_text,
    methodology,
    missing_rows,
)
from .layout import JarReading, Section, assemble, body_start, next_is_numbered, segment
from .recommendations import recommendations
from .title_page import contents, page_headers, title_page

FAMILY = "jar-report"
KIND = "a JAR report"


def read_jar_report(path: Path) -> Document:
    """Read one JAR report into a `Document` with its JAR review and annex reviews."""
    return guarded_read(path, KIND, lambda lines: from_lines(path, lines))


def cover(path: str | Path, lines: list[Line]) -> Document:
    """The document as its title page identifies it (area, year, reference), unread; a
    warning when ``lines`` (the start of a file) may not hold the whole title page."""
    reader = JarReading(new_document(path, FAMILY), lines)
    start = body_start(reader)
    title_page(reader, lines[:start])
    if not next_is_numbered(lines, start):
        reader.warn(lines[start].number, "the body's first numbered paragraph is not here")
    return reader.doc


def from_lines(path: str | Path, lines: list[Line]) -> Document:
    """Read a JAR report from its cleaned lines (:func:`read_jar_report` reads the file)."""
    reader = JarReading(new_document(path, FAMILY), lines)
    doc = reader.doc
    start = body_start(reader)
    front = lines[:start]
    title_page(reader, front)
    contents(reader, front)
    sections = segment(reader, start, page_headers(front))
    assemble(reader, sections)
    year = cover_year(front, doc.published) or 0  # the title page has given one
    doc.reviews.append(_jar_review(reader, sections, year))
    doc.figures.extend(context_figures(reader, sections))
    doc.reviews.extend(annex_reviews(reader, sections, doc, year))
    return doc


def _jar_review(reader: JarReading, sections: list[Section], year: int) -> Review:
    """The review itself: grades from table, sections and main findings, and the rest."""
    doc = reader.doc
    review = Review(kind="jar", area=doc.area or "", year=year,
                    source=reader.source(reader.title_line, "Title page", text=doc.title))
    judgements = grades_table(reader, sections)
    review.methodology = methodology(judgements)
    in_table = set(judgements)
    core_sections(reader, sections, judgements, review)
    missing_rows(reader, sections, judgements, in_table)
    investigations(reader, sections, judgements, review)
    main_findings(reader, sections, judgements, review)
    check_intro_investigations(reader, sections, review)
    review.judgements = list(judgements.values())
    review.recommendations = recommendations(reader, sections)
    review.summary = main_findings_text(sections)
    review.fieldwork = _fieldwork(sections)
    return review


def _fieldwork(sections: list[Section]) -> str | None:
    """When the fieldwork took place, from the first paragraph that says."""
    for sec in sections:
        for para in sec.paragraphs:
            if (period := fieldwork_period(para.full_text())) is not None:
                return period
    return None
