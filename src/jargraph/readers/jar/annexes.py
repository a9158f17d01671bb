"""The annexes of a JAR report, each read as a review of its own.

A JAR prints the council's latest annual performance assessment (the APA
letter), the children and young people section of the corporate assessment,
sometimes an enhanced youth inspection summary, and a summary of the area's
arrangements. The first three grade the council in their own voice; the
summary is kept as passages only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...model import Document, Finding, Judgement, Review
from ...vocab import GRADE_WORDS, GRADES
from ..tables import cells, quoted_row, row_text
from ..text import Line, Paragraph, split_sentences, strip_emphasis
from .judgements import grade_value, merge
from .layout import JarReading, Section, first, is_url, paragraph_id
from .wording import COUNCIL_SUBJECTS, EXCLUSIVE, GRADE, LSIF


def annex_reviews(reader: JarReading, sections: list[Section], doc: Document,
                  year: int) -> list[Review]:
    """A review for each annex of a kind this reader knows, in the order printed."""
    reviews: list[Review] = []
    for letter, parts in _annexes(sections).items():
        kind = _annex_kind(parts)
        area = doc.area or ""
        if kind == "apa":
            reviews.append(_Apa(reader, parts, area).review(sections))
        elif kind == "corporate-assessment":
            reviews.append(_corporate_assessment(reader, parts, area, year))
        elif kind == "enhanced-youth-inspection":
            reviews.append(_youth_inspection(reader, parts, area, year))
        elif kind is None:
            reader.warn(parts[0].line, f"annex {letter} ({parts[0].title!r}) is of no kind "
                                       "this reader knows: kept as passages only")
        if kind not in ("apa", "enhanced-youth-inspection"):
            for row in (row for sec in parts for row in sec.rows):
                reader.warn(row.number, f"table row in annex {letter} not read, kept as text "
                                        f"only: {quoted_row(row.text)[:60]!r}")
    return reviews


def _annexes(sections: list[Section]) -> dict[str, list[Section]]:
    annexes: dict[str, list[Section]] = {}
    for sec in sections:
        if sec.annex is not None:
            annexes.setdefault(sec.annex, []).append(sec)
    return annexes


def _annex_kind(parts: list[Section]) -> str | None:
    title = parts[0].title or ""
    if re.search(r"arrangements", title, re.I):
        return "arrangements"
    if re.search(r"corporate assessment", title, re.I):
        return "corporate-assessment"
    if re.search(r"youth", title, re.I):
        return "enhanced-youth-inspection"
    if re.search(r"annual performance assessment|\bAPA\b", title, re.I):
        return "apa"
    return None


def _annex_paragraphs(parts: list[Section]) -> Iterator[tuple[Section, Paragraph]]:
    for sec in parts:
        for para in sec.paragraphs:
            if para.kind in ("numbered", "text"):
                yield sec, para


# -- the corporate assessment ---------------------------------------------------------


def _corporate_assessment(reader: JarReading, parts: list[Section], area: str,
                          year: int) -> Review:
    """The children and young people section of the contemporaneous corporate assessment.

    Only sentences that grade an area in the assessment's own voice count. Sentences
    that report another review's judgement ("The 2006 annual performance assessment
    judged ... to be good", "The joint area review concluded ...") are left out: those
    grades belong to the APA or the JAR and are read from their own sections.
    """
    head = parts[0]
    review = Review(kind="corporate-assessment", area=area, year=year,
                    source=reader.source(head.line, head.heading, text=head.title))
    judgements: dict[str, Judgement] = {}
    for sec, para in _annex_paragraphs(parts):
        for sentence in split_sentences(strip_emphasis(para.text)):
            if re.search(r"annual performance assessment|\bAPA\b|joint area review|"
                         r"\bJAR\b|consistently delivers", sentence, re.I):
                continue
            for key, grade, word in council_sentence_grades(sentence):
                source = reader.source(para.line, sec.heading, text=sentence,
                                       paragraph=paragraph_id(sec, para))
                merge(reader, judgements, key, grade, source, "council", word)
    review.judgements = list(judgements.values())
    return review


# -- the enhanced youth inspection ------------------------------------------------------


def _youth_inspection(reader: JarReading, parts: list[Section], area: str,
                      year: int) -> Review:
    """The enhanced youth inspection summary: key-aspect grades and its two lists.

    The summary gives no date of its own, so the review takes the JAR's year.
    """
    head = parts[0]
    review = Review(kind="enhanced-youth-inspection", area=area, year=year,
                    source=reader.source(head.line, head.heading, text=head.title))
    for sec in parts:
        for row in sec.rows:
            _youth_row(reader, row, sec, review)
        kind = _list_kind(sec.title or "")
        for para in sec.paragraphs:
            if kind is not None and para.kind == "bullet":
                source = reader.source(para.line, sec.heading, text=para.text)
                review.findings.append(Finding(kind, para.text, source))
            elif kind is not None:
                reader.warn(para.line, f"text under '{sec.title}' that is not a list item: "
                                       f"{para.text[:60]!r}")
    if not review.judgements:
        reader.warn(head.line, "enhanced youth inspection summary has no key-aspect grades")
    return review


def _youth_row(reader: JarReading, row: Line, sec: Section, review: Review) -> None:
    cs = [c for c in cells(row.text) if c and not re.fullmatch(r"\d{1,2}\.?", c)]
    grade = grade_value(cells(row.text)[-1])
    if grade is None:
        if not any(re.search(r"grade", c, re.I) for c in cs):
            reader.warn(row.number, f"key-aspect row without a grade: {quoted_row(row.text)!r}")
        return
    key = _youth_key(" ".join(cs))
    if key is None:
        reader.warn(row.number, f"key aspect {quoted_row(row.text)!r} is not one of the four "
                                "youth inspection key aspects")
        return
    source = reader.source(row.number, sec.heading, text=row_text(row.text))
    review.judgements.append(Judgement(key, grade, [source], "council"))


def _youth_key(label: str) -> str | None:
    label = label.lower()
    if "standards" in label or "achievement" in label:
        return "youth-standards-of-achievement"
    if "practice" in label:
        return "youth-work-practice"
    if "curriculum" in label or "resources" in label:
        return "youth-curriculum-and-resources"
    if "leadership" in label or "management" in label:
        return "youth-leadership-and-management"
    return None


def _list_kind(title: str) -> str | None:
    if re.fullmatch(r"(?:key |main )?strengths", title.strip(), re.I):
        return "strength"
    if re.fullmatch(r"(?:key )?areas? for (?:development|improvement)", title.strip(), re.I):
        return "area-for-development"
    return None


# -- the APA letter ------------------------------------------------------------------------


@dataclass
class _Apa:
    """The APA letter annex: its year, address, table and the grades stated in words."""

    reader: JarReading
    parts: list[Section]
    area: str
    judgements: dict[str, Judgement] = field(default_factory=dict)

    def review(self, sections: list[Section]) -> Review:
        head = self.parts[0]
        url = self._url()
        year = self._year(url, sections)
        review = Review(kind="apa", area=self.area, year=year, url=url,
                        source=self.reader.source(head.line, head.heading, text=head.title))
        for sec in self.parts:
            for row in sec.rows:
                self._row(row, sec)
        for sec, para in _annex_paragraphs(self.parts):
            self._words(sec, para)
        self._introduction(sections, year)
        review.judgements = list(self.judgements.values())
        review.summary = "\n".join(strip_emphasis(p.text)
                                   for _, p in _annex_paragraphs(self.parts)) or None
        if not review.judgements:
            self.reader.warn(head.line, "APA annex states no grade this reader can read")
        return review

    def _url(self) -> str | None:
        """The address line (it may hold spaces: ``...\\APA\\apa 2007 855.pdf``)."""
        for sec in self.parts:
            for ln in sec.lines:
                if is_url(ln.text):
                    return ln.text.strip()
        return None

    def _year(self, url: str | None, sections: list[Section]) -> int:
        title = " ".join(p.title or "" for p in self.parts)
        if m := re.search(r"\b(20\d\d|19\d\d)\b", title):
            return int(m.group(1))
        if url and (m := re.search(r"apa(?:[\s_-]|%20)*(\d{4})", url, re.I)):
            return int(m.group(1))
        intro = first(sections, "introduction")
        for para in intro.numbered() if intro else []:
            if m := re.search(r"\b(\d{4}) (?:annual performance assessment|APA)\b", para.text):
                return int(m.group(1))
        self.reader.warn(self.parts[0].line, "APA annex gives no year; none found in its address "
                                             "or the introduction")
        return 0

    def _row(self, row: Line, sec: Section) -> None:
        cs = [c for c in cells(row.text) if c]
        grade = grade_value(cs[-1]) if cs else None
        if grade is None:
            if not re.search(r"grade", row.text, re.I):
                self.reader.warn(row.number, f"APA table row without a grade: "
                                             f"{quoted_row(row.text)!r}")
            return
        label = " ".join(cs[:-1])
        key = ("council-capacity-to-improve" if re.search(r"capacity", label, re.I)
               else "council-overall-contribution" if re.search(r"contribution|outcomes", label,
                                                                 re.I) else None)
        if key is None:
            self.reader.warn(row.number, f"APA table row names no known judgement: {label!r}")
            return
        source = self.reader.source(row.number, sec.heading, text=row_text(row.text))
        merge(self.reader, self.judgements, key, grade, source, "council", None)

    def _words(self, sec: Section, para: Paragraph) -> None:
        for sentence in split_sentences(strip_emphasis(para.text)):
            if re.search(r"joint area review", sentence, re.I):
                continue
            found = council_sentence_grades(sentence) + _lsif_grades(sentence)
            for key, grade, word in found:
                source = self.reader.source(para.line, sec.heading, text=sentence,
                                            paragraph=paragraph_id(sec, para))
                merge(self.reader, self.judgements, key, grade, source, "council", word)

    def _introduction(self, sections: list[Section], year: int) -> None:
        """'The 2006 annual performance assessment ... judged the council's children's
        services as good and its capacity to improve as good' names this APA's grades."""
        intro = first(sections, "introduction")
        if intro is None:
            return
        for para in intro.numbered():
            for sentence in split_sentences(strip_emphasis(para.text)):
                m = re.search(r"\b(?:(\d{4})|most recent) (?:annual performance assessment|APA)",
                              sentence, re.I)
                if m is None or (m.group(1) and int(m.group(1)) != year):
                    continue
                for key, grade, word in _judged_as(sentence):
                    source = self.reader.source(para.line, intro.heading, text=sentence,
                                                paragraph=paragraph_id(intro, para))
                    merge(self.reader, self.judgements, key, grade, source, "council", word)


# -- grades stated in words --------------------------------------------------------------


def council_sentence_grades(sentence: str) -> list[tuple[str, int, str]]:
    """Grades a sentence states about council-level areas: '<subject> is/are <grade>'."""
    m = re.search(r"^(?P<subject>.+?)\s+(?:is|are)\s+(?:also\s+|now\s+)?"
                  r"(?:judged\s+(?:to\s+be\s+)?)?" + GRADE + r"(?P<rest>.*)$", sentence, re.I)
    found: list[tuple[str, int, str]] = []
    if m is None or not re.match(r"^\s*(?:[.;,]|and\b|but\b|although\b|overall\b|$)",
                                 m.group("rest"), re.I):
        m = re.search(r"^(?P<subject>.*?)\bha(?:s|ve)\s+" + GRADE + r"\s+(?P<rest>capacity to "
                      r"improve.*)$", sentence, re.I)
        if m is None:
            return found
        subject = m.group("rest")
    else:
        subject = m.group("subject")
    word = m.group(2)
    for pattern, key in COUNCIL_SUBJECTS:
        if pattern.search(subject):
            found.append((key, GRADE_WORDS[word.lower()], word))
            if key in EXCLUSIVE:
                break
    return found


def _lsif_grades(sentence: str) -> list[tuple[str, int, str]]:
    """'The council consistently delivers services ... at a good level' -> overall grade."""
    for pattern, grade in LSIF:
        m = pattern.search(sentence)
        if m:
            word = m.group(1) if grade == 0 else GRADES[grade]
            return [("council-overall-contribution", grade or GRADE_WORDS[word.lower()], word)]
    return []


def _judged_as(sentence: str) -> list[tuple[str, int, str]]:
    """'judged the council's children's services as good and its capacity to improve as good'."""
    found = []
    m = re.search(r"children'?s services as " + GRADE, sentence, re.I)
    if m:
        found.append(("council-overall-contribution", GRADE_WORDS[m.group(1).lower()], m.group(1)))
    m = re.search(r"capacity to improve (?:\w+ )?as " + GRADE, sentence, re.I)
    if m:
        found.append(("council-capacity-to-improve", GRADE_WORDS[m.group(1).lower()], m.group(1)))
    return found
