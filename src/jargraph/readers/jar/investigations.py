"""The additional investigations: one section each, graded like a core area.

Each review chose its own investigations, so their titles vary; a key is made
from the title's own words and a category from keyword rules, and the count is
checked against the list the introduction gives.
"""

from __future__ import annotations

import re

from ...model import Investigation, Judgement, Review
from ...uris import slug
from ...vocab import CORE_AREAS
from .judgements import grade_sentences, prose_grades
from .layout import JarReading, Section, first
from .strengths import table_findings
from .wording import GRADE, INVESTIGATION_RULES, KEY_FILLER


def investigations(reader: JarReading, sections: list[Section],
                   judgements: dict[str, Judgement], review: Review) -> None:
    """Each investigation section: the investigation, its grade and its findings."""
    for sec in sections:
        if sec.role == "investigations" and sec.numbered():
            _untitled_investigation(reader, sec)
        if sec.role != "investigation":
            continue
        title = sec.title or sec.heading
        key = _investigation_key(title, review)
        source = reader.source(sec.line, sec.heading, text=sec.printed or title)
        review.investigations.append(Investigation(key, title, investigation_category(title),
                                                   source))
        prose_grades(reader, sec, (key,), judgements)
        for table in sec.tables:
            review.findings.extend(table_findings(reader, table, sec, key))


def _untitled_investigation(reader: JarReading, sec: Section) -> None:
    """Paragraphs straight under 'Other issues...': title them from the grade sentence."""
    stated = grade_sentences(sec.numbered()[0])
    if not stated:
        reader.warn(sec.line, "paragraphs under the additional-investigations heading with no "
                              "investigation heading or grade sentence")
        return
    subject = re.split(r"\s+(?:is|are)\s+(?:also\s+)?" + GRADE, stated[0][0], flags=re.I)[0]
    sec.role, sec.title = "investigation", subject  # the heading stays, for provenance


def _investigation_key(title: str, review: Review) -> str:
    short = re.sub(r"^(?:the )?(?:(?:contribution|impact) of (?:all )?(?:local )?services "
                   r"(?:to|in|on)\s+)?(?:the\s+)?", "", title, flags=re.I)
    words = [w for w in re.findall(r"[\w'’]+", short.lower()) if w not in KEY_FILLER]
    key = slug(" ".join(words))
    taken = {inv.key for inv in review.investigations}
    if key in taken or key in CORE_AREAS:
        key = slug(title)
    return key


def check_intro_investigations(reader: JarReading, sections: list[Section],
                               review: Review) -> None:
    """Warn when the introduction lists another number of investigations than were found."""
    sec = first(sections, "introduction")
    if sec is None:
        return
    for para in sec.numbered():
        if re.search(r"investigat", para.text, re.I) and para.text.rstrip().endswith(":"):
            if len(para.items) != len(review.investigations):
                reader.warn(para.line, f"the introduction lists {len(para.items)} additional "
                                       f"investigation(s) but {len(review.investigations)} "
                                       "investigation section(s) were found")


def investigation_category(title: str) -> str:
    """The investigation-category key for a title, by the first keyword rule that fits."""
    for pattern, key in INVESTIGATION_RULES:
        if pattern.search(title):
            return key
    return "other-investigation"
