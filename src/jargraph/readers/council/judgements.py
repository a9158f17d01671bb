"""Grades the paper restates: the JAR's grades table and graded lines, the ratings it
fed into the corporate assessment, and the grade scale the paper explains.

A line that does not read as the form expected is named in a warning, never guessed.
"""

from __future__ import annotations

import re

from ...model import GradeDescriptor, Judgement, Review
from ...vocab import CORE_AREAS, GRADE_WORDS
from ..base import Reading
from ..markup import Line, area_key, bullet, cells, clean, is_blank, norm, sentences
from .layout import Para, para_source
from .review import subject_key


def grades_table(reader: Reading, para: Para, jar: Review, consumed: set[int]) -> None:
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


def _grade_row(reader: Reading, para: Para, jar: Review, row: Line) -> None:
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
            sources=[para_source(reader, para, row, clean(row.text.replace("\t", " ")))],
        ))


def _grade_value(value: str) -> tuple[int | None, str | None]:
    """``"3"`` -> (3, None); ``"Good"`` -> (3, "Good"); otherwise (None, None)."""
    value = value.strip().strip("'‘’\".")
    if value in {"1", "2", "3", "4"}:
        return int(value), None
    grade = GRADE_WORDS.get(value.lower())
    return (grade, value) if grade else (None, None)


def graded_lines(reader: Reading, para: Para, jar: Review) -> None:
    """``CAMHS Services were graded as 'Good'`` -> a judgement on that investigation."""
    for line in para.lines:
        match = re.search(r"^(?:[-•]\s+)?(.+?)\s+(?:was|were)\s+graded\s+as\s+['‘\"]?(\w+)",
                          clean(line.text))
        if not match:
            continue
        subject, word = match.groups()
        grade = GRADE_WORDS.get(word.lower())
        key = subject_key(jar, subject)
        if grade is None:
            reader.warn(line.number, f"grade word not recognised: {word!r}")
        elif key is None:
            reader.warn(line.number, f"graded subject matches no area or investigation: "
                        f"{subject!r}")
        else:
            jar.judgements.append(Judgement(
                area_key=key, grade=grade, wording=word,
                sources=[para_source(reader, para, line, clean(line.text).lstrip("-• "))],
            ))


def check_core_grades(reader: Reading, jar: Review) -> None:
    """A 2007-methodology JAR grades all five core areas; say which the paper lacks."""
    if jar.methodology != "2007":
        return
    graded = {judgement.area_key for judgement in jar.judgements}
    missing = [key for key in CORE_AREAS if key not in graded]
    if missing:
        reader.warn(jar.source.line, "no grade read for core area(s): " + ", ".join(missing))


def corporate_assessment(reader: Reading, para: Para, area: str | None, year: int,
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
                        source=para_source(reader, para, para.start, clean(para.lines[0].text)))
        ca.judgements.append(Judgement(
            area_key=key, grade=grade, scope="council", wording=word,
            sources=[para_source(reader, para, line, clean(item[1]))],
        ))
        consumed.add(line.number)
    return ca


def grade_words(reader: Reading, para: Para) -> None:
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
                    source=para_source(reader, para, line, sentence),
                ))
