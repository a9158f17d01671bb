"""The JAR's own grades: the grades table, the sentences that state them, the main findings.

A grade is read wherever the report states it (the table, the bold sentence
opening each judgement section, the main-findings bullet) and each statement
becomes one more source of the same judgement; statements that disagree are
named in a warning, and the first one read is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Judgement, Review, Source
from ...vocab import CORE_AREAS, GRADE_WORDS, GRADES, OUTCOME_AREAS
from ..tables import cells, row_text
from ..text import Item, Line, Paragraph, split_sentences, strip_emphasis
from .layout import JarReading, Section, first, paragraph_id
from .strengths import table_findings
from .wording import CORE_PHRASES, CORE_ROLES, GRADE, GRADE_LABELS, SECTION_NAMES, STOP

# -- the grades table ---------------------------------------------------------------


def grades_table(reader: JarReading, sections: list[Section]) -> dict[str, Judgement]:
    """The grades table's judgements, by ``area@scope``; empty when there is no table."""
    judgements: dict[str, Judgement] = {}
    sec = first(sections, "grades")
    if sec is None:
        reader.warn(1, "no 'Grades' section: the JAR grades are read from the prose only")
        return judgements
    scopes: dict[int, str] = {}
    for row in sec.rows:
        cs = cells(row.text)
        if not any(grade_value(c) for c in cs[1:]):
            scopes = _scope_columns(cs) or scopes
            continue
        _grade_row(reader, row, cs, scopes or {1: "local-services-overall"}, sec, judgements)
    if not judgements:
        reader.warn(sec.line, "'Grades' section has no grade rows")
    return judgements


def _grade_row(reader: JarReading, row: Line, cs: list[str], scopes: dict[int, str],
               sec: Section, judgements: dict[str, Judgement]) -> None:
    key = _label_key(cs[0], GRADE_LABELS)
    if key is None:
        reader.warn(row.number, f"grades table row {cs[0]!r} names no known judgement area")
        return
    for col, value in enumerate(cs[1:], start=1):
        if not value:
            continue
        grade = grade_value(value)
        scope = scopes.get(col)
        if grade is None or scope is None:
            reader.warn(row.number, f"grades table cell {value!r} in column {col} is not a "
                                    "grade under a known scope heading")
            continue
        source = reader.source(row.number, sec.heading, text=row_text(row.text))
        judgements[f"{key}@{scope}"] = Judgement(key, grade, [source], scope)


def missing_rows(reader: JarReading, sections: list[Section], judgements: dict[str, Judgement],
                 in_table: set[str]) -> None:
    """A core area graded in its section but absent from a grades table that exists."""
    grades_sec = first(sections, "grades")
    if grades_sec is None or not in_table:
        return
    for key in CORE_AREAS:
        slot = f"{key}@local-services-overall"
        if slot in judgements and slot not in in_table:
            reader.warn(grades_sec.line, f"the grades table has no row for {key}; its grade "
                                         "is taken from the section's own sentence")


def methodology(judgements: dict[str, Judgement]) -> str | None:
    """``2007`` for a table of the five core judgements (a damaged one may lack a row),
    ``2005`` for one that grades the outcome areas."""
    keys = {j.area_key for j in judgements.values()}
    if keys & set(OUTCOME_AREAS):
        return "2005"
    if len(keys) >= 3 and keys <= set(CORE_AREAS):
        return "2007"
    return None


# -- the core judgement sections -------------------------------------------------------


def core_sections(reader: JarReading, sections: list[Section],
                  judgements: dict[str, Judgement], review: Review) -> None:
    """Each core section's grade sentence and strengths and weaknesses; a missing one named."""
    found: set[str] = set()
    for sec in sections:
        keys = _core_keys(sec.role)
        if not keys:
            continue
        found.update(keys)
        prose_grades(reader, sec, keys, judgements)
        for table in sec.tables:
            review.findings.extend(table_findings(reader, table, sec, keys[0]))
    for key in CORE_AREAS:
        if key not in found:
            _missing_section(reader, key, judgements, sections)


def _missing_section(reader: JarReading, key: str, judgements: dict[str, Judgement],
                     sections: list[Section]) -> None:
    row = judgements.get(f"{key}@local-services-overall")
    line = row.sources[0].line if row else next(
        (s.line for s in sections if s.role in CORE_ROLES), 1)
    reader.warn(line, f"no '{SECTION_NAMES[key]}' section: the grade for {key} has no "
                      "supporting paragraph and its strengths and weaknesses are missing")


def prose_grades(reader: JarReading, sec: Section, keys: tuple[str, ...],
                 judgements: dict[str, Judgement]) -> None:
    """The opening (bold) sentence(s) that state the section's grade in words."""
    paras = sec.numbered()
    stated = grade_sentences(paras[0]) if paras else []
    for key in keys:
        match = next(((s, g, w) for s, g, w in stated
                      if _sentence_key(s, keys) == key), None)
        if match is None:
            reader.warn(sec.line, f"section '{sec.heading}' has no sentence stating the "
                                  f"grade for {key}")
            continue
        sentence, grade, word = match
        source = reader.source(paras[0].line, sec.heading, text=sentence,
                               paragraph=paragraph_id(sec, paras[0]))
        merge(reader, judgements, key, grade, source, "local-services-overall", word)


def merge(reader: JarReading, judgements: dict[str, Judgement], key: str, grade: int,
          source: Source, scope: str, word: str | None) -> None:
    """Add a source to a judgement, warning when it states a different grade."""
    slot = f"{key}@{scope}"
    judgement = judgements.get(slot)
    if judgement is None:
        judgements[slot] = Judgement(key, grade, [source], scope, word)
        return
    if judgement.grade != grade:
        first_source = judgement.sources[0]
        where = f"paragraph {first_source.paragraph}" if first_source.paragraph else (
            f"'{first_source.section}' line {first_source.line}")
        reader.warn(source.line, f"{key} is {GRADES[grade]} ({grade}) here but "
                                 f"{GRADES[judgement.grade]} ({judgement.grade}) in {where}")
    judgement.sources.append(source)
    if judgement.wording is None:
        judgement.wording = word


def grade_sentences(para: Paragraph) -> list[tuple[str, int, str]]:
    """(sentence, grade, word) for the sentences that open a judgement section.

    The bold run when there is one, else the first two sentences: JARs open each
    judgement section with "The contribution of local services ... is adequate."
    """
    bold = re.findall(r"\*\*(.+?)\*\*", para.text)
    candidates = split_sentences(" ".join(bold)) if bold else split_sentences(
        strip_emphasis(para.text))[:2]
    found = []
    for sentence in candidates:
        m = re.search(r"\b(?:is|are)\s+(?:also\s+)?" + GRADE + r"\s*[.!]?$", sentence, re.I)
        if m:
            found.append((sentence, GRADE_WORDS[m.group(1).lower()], m.group(1)))
    return found


# -- main findings ------------------------------------------------------------------------


def main_findings(reader: JarReading, sections: list[Section],
                  judgements: dict[str, Judgement], review: Review) -> None:
    """Each main-findings bullet that grades an area or investigation, as one more source."""
    sec = first(sections, "main-findings")
    if sec is None:
        reader.warn(1, "no 'Main findings' section")
        return
    used: set[str] = set()
    for number, item in _main_finding_bullets(sec):
        sentences = split_sentences(strip_emphasis(item.text))
        key = _bullet_key(sentences[0] if sentences else "", review, used)
        if key is None:
            reader.warn(item.line, f"main-findings bullet states no judgement this reader "
                                   f"can place: {item.text[:60]!r}")
            continue
        used.add(key)
        _bullet_sources(reader, sec, number, item, sentences, key, judgements)


def main_findings_text(sections: list[Section]) -> str | None:
    """The main findings as the review's summary text."""
    sec = first(sections, "main-findings")
    if sec is None or not sec.paragraphs:
        return None
    return "\n".join(strip_emphasis(p.full_text()) for p in sec.paragraphs)


def _bullet_key(sentence: str, review: Review, used: set[str]) -> str | None:
    core = _label_key(sentence, CORE_PHRASES)
    best, score = None, 0.0
    for inv in review.investigations:
        overlap = _overlap(sentence, inv.title)
        if overlap > score:
            best, score = inv.key, overlap
    if best is not None and score >= 0.5 and (core is None or core in used):
        return best
    return core


def _bullet_sources(reader: JarReading, sec: Section, number: str | None, item: Item,
                    sentences: list[str], key: str,
                    judgements: dict[str, Judgement]) -> None:
    targets = [(key, sentences[0])]
    if key == "service-management":
        targets += [("capacity-to-improve", s) for s in sentences[1:]
                    if re.search(r"capacity", s, re.I)][:1]
    for target, sentence in targets:
        grade = _bullet_grade(sentence)
        source = reader.source(item.line, sec.heading, text=strip_emphasis(item.text),
                               paragraph=number)
        if grade is None:
            reader.warn(item.line, f"main-findings bullet for {target} states no grade")
            continue
        if f"{target}@local-services-overall" not in judgements:
            reader.warn(item.line, f"main-findings bullet grades {target}, which no grades "
                                   "table row or section grades")
        merge(reader, judgements, target, grade[0], source, "local-services-overall", grade[1])


def _main_finding_bullets(sec: Section) -> Iterator[tuple[str | None, Item]]:
    for para in sec.paragraphs:
        if para.kind == "numbered":
            for item in para.items:
                yield paragraph_id(sec, para), item
        elif para.kind == "bullet":
            yield None, Item(para.text, para.line)


def _bullet_grade(sentence: str) -> tuple[int, str] | None:
    for pattern in (r"\b(?:is|are)\s+(?:also\s+)?" + GRADE + r"\b",
                    r"\ban?\s+" + GRADE + r"\s+contribution\b"):
        m = re.search(pattern, sentence, re.I)
        if m:
            return GRADE_WORDS[m.group(1).lower()], m.group(1)
    return None


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {w for w in words if (len(w) >= 3 or w.isdigit()) and w not in STOP}


def _overlap(sentence: str, title: str) -> float:
    """Share of the title's content words that the sentence uses."""
    wanted = _content_words(title)
    return len(wanted & _content_words(sentence)) / len(wanted) if wanted else 0.0


# -- small pure helpers ---------------------------------------------------------------


def grade_value(text: str) -> int | None:
    """A table cell's grade: a digit 1-4 or a grade word; None for anything else."""
    text = text.strip().lower()
    if re.fullmatch(r"[1-4]", text):
        return int(text)
    return GRADE_WORDS.get(text)


def _scope_columns(cs: list[str]) -> dict[int, str]:
    scopes = {}
    for col, name in enumerate(cs):
        if re.search(r"local services", name, re.I):
            scopes[col] = "local-services-overall"
        elif re.search(r"council", name, re.I):
            scopes[col] = "council"
    return scopes


def _label_key(text: str, table: list[tuple[re.Pattern[str], str]]) -> str | None:
    return next((key for pattern, key in table if pattern.search(text)), None)


def _core_keys(role: str) -> tuple[str, ...]:
    if role == "service-management-and-capacity":
        return ("service-management", "capacity-to-improve")
    return (role,) if role in CORE_ROLES else ()


def _sentence_key(sentence: str, keys: tuple[str, ...]) -> str:
    if len(keys) == 1:
        return keys[0]
    return "capacity-to-improve" if re.search(r"capacity", sentence, re.I) else (
        "service-management")
