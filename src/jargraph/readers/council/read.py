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

from pathlib import Path

from ...model import Document, Review
from ..base import Reading, new_document
from ..markup import Line, clean, is_rule
from ..text import guarded_read
from .judgements import (
    check_core_grades,
    corporate_assessment,
    grade_words,
    graded_lines,
    grades_table,
)
from .layout import passage, publisher, read_front, split, stated_count
from .recommendations import recommendations
from .review import investigations, jar_review
from .strengths import strength_tables

FAMILY = "council-report"
KIND = "a council report"


def read_council_report(path: str | Path) -> Document:
    """Read a council's report on its JAR into a `Document` with the JAR and CA reviews."""
    return guarded_read(path, KIND, lambda lines: from_lines(path, lines))


def cover(path: str | Path, lines: list[Line]) -> Document:
    """The document as its cover identifies it (area, meeting, year), unread."""
    reader = Reading(new_document(path, FAMILY))
    front, paras = split(reader, lines)
    read_front(reader, front)
    if not paras:
        reader.warn(lines[-1].number if lines else 1, "no numbered paragraph after the cover")
    return reader.doc


def from_lines(path: str | Path, lines: list[Line]) -> Document:
    """Read a council report from its cleaned lines (:func:`read_council_report` reads
    the file)."""
    doc = new_document(path, FAMILY)
    reader = Reading(doc)
    front, paras = split(reader, lines)
    area = read_front(reader, front)
    doc.publisher = publisher(front + [ln for para in paras for ln in para.lines], area)
    jar = jar_review(reader, paras, area)
    doc.reviews.append(jar)
    ca: Review | None = None
    stated_recommendations = stated_count(paras, "recommendations")
    for para in paras:
        passage(reader, para)
        consumed: set[int] = set()
        grades_table(reader, para, jar, consumed)
        investigations(reader, para, jar, consumed)
        graded_lines(reader, para, jar)
        ca = corporate_assessment(reader, para, area, jar.year, ca, consumed)
        grade_words(reader, para)
        strength_tables(reader, para, jar, consumed)
        recommendations(reader, para, jar, consumed)
        for line in para.lines:
            if "\t" in line.text and line.number not in consumed and not is_rule(line.text):
                reader.warn(line.number, f"table row not understood: {clean(line.text)!r}")
    check_core_grades(reader, jar)
    if stated_recommendations is not None and stated_recommendations != len(jar.recommendations):
        reader.warn(jar.source.line, f"the report speaks of {stated_recommendations} "
                    f"recommendations but {len(jar.recommendations)} were read")
    if ca is not None:
        doc.reviews.append(ca)
    return doc
