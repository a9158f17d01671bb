"""The JAR as the paper restates it: when it was published and done, what it investigated."""

from __future__ import annotations

import re

from ...model import Investigation, Review
from ...uris import slug
from ..base import Reading
from ..markup import (
    Line,
    area_key,
    bullet,
    clean,
    investigation_category,
    norm,
    number_value,
    sentences,
)
from ..text import MONTHS
from .layout import Para, para_source


def jar_review(reader: Reading, paras: list[Para], area: str | None) -> Review:
    """The JAR itself: publication year, fieldwork months and methodology as the paper states."""
    year: int | None = None
    fieldwork: str | None = None
    where: tuple[Para, Line, str] | None = None
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
        source = para_source(reader, where[0], where[1], where[2])
    else:
        first = paras[0] if paras else None
        source = para_source(reader, first, first.start if first else 1)
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


def investigations(reader: Reading, para: Para, jar: Review, consumed: set[int]) -> None:
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
            source=para_source(reader, para, line, title),
        ))
        consumed.add(line.number)


def subject_key(jar: Review, subject: str) -> str | None:
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
