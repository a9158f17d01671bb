"""Figures the Context section states: population, rates, ranks and counts of provision.

Only figures in the report's own words become figures, each with the sentence
or list item it was read from; a sentence that gives none gives nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...model import ContextFigure
from ..text import parse_number, split_sentences, strip_emphasis
from .layout import JarReading, Section, first, paragraph_id


def context_figures(reader: JarReading, sections: list[Section]) -> list[ContextFigure]:
    """The figures of the Context section's numbered paragraphs and their list items."""
    sec = first(sections, "context")
    if sec is None:
        reader.warn(1, "no 'Context' section")
        return []
    figures: list[ContextFigure] = []
    for para in sec.numbered():
        number = paragraph_id(sec, para)
        for sentence in split_sentences(strip_emphasis(para.text)):
            for measure, value, unit in _sentence_figures(sentence):
                source = reader.source(para.line, sec.heading, text=sentence, paragraph=number)
                figures.append(ContextFigure(measure, value, source, unit))
        for item in para.items:
            for measure, value in _counted_phrases(strip_emphasis(item.text)):
                source = reader.source(item.line, sec.heading, text=item.text, paragraph=number)
                figures.append(ContextFigure(measure, value, source, "count"))
    return figures

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty", "thirty", "forty", "fifty"]) + r")"
_QUALIFIERS = r"(?:(?:approximately|about|around|some|over|just over|just under|nearly|almost)\s+)*"


def _sentence_figures(sentence: str) -> list[tuple[str, Decimal, str]]:
    """Figures stated in a context sentence: population, rates, ranks, 'There are N ...'."""
    found: list[tuple[str, Decimal, str]] = []
    if m := re.search(r"population of " + _QUALIFIERS + r"(\d{1,3}(?:,\d{3})+|\d+)", sentence,
                      re.I):
        found.append(("population", Decimal(m.group(1).replace(",", "")), "persons"))
    if m := re.search(r"(\d+(?:\.\d+)?)% aged (under|over) (\d+)", sentence):
        found.append((f"population aged {m.group(2)} {m.group(3)}", Decimal(m.group(1)),
                      "percent"))
    if m := (re.search(r"\b(?:at|of)\s+(\d+(?:\.\d+)?)%,?\s+the\s+unemployment rate", sentence,
                       re.I)
             or re.search(r"unemployment rate[^.%]*?\b(?:is|was|of|at)\s+(\d+(?:\.\d+)?)%",
                          sentence, re.I)):
        found.append(("unemployment rate", Decimal(m.group(1)), "percent"))
    if m := re.search(r"(\d+(?:\.\d+)?)% from ([a-z][a-z -]*?minority ethnic groups)", sentence):
        found.append((m.group(2), Decimal(m.group(1)), "percent"))
    if m := re.search(r"ranked (?:the )?(\d+)(?:st|nd|rd|th)?\b", sentence, re.I):
        measure = ("rank in the index of multiple deprivation"
                   if re.search(r"deprivation", sentence, re.I) else "rank")
        found.append((measure, Decimal(m.group(1)), "rank"))
    if m := re.match(r"^There (?:are|is) (.+?)\.?$", sentence):
        found.extend((p, v, "count") for p, v in _counted_phrases(m.group(1), articles=False))
    elif ":" in sentence:
        found.extend((p, v, "count") for p, v in _counted_phrases(sentence))
    return found


def _counted_phrases(text: str, articles: bool = True) -> list[tuple[str, Decimal]]:
    """'990 childminders, three children's centres and a pupil referral unit (PRU)'.

    Each piece of the list that starts with a number (digits or words; 'a'/'an' when
    ``articles``) gives the noun phrase after it; breakdowns in brackets are left out.
    """
    if ":" in text:
        text = text.split(":", 1)[1]
    text = re.sub(r"\s*\([^)]*\)", "", text)
    lead = r"(?:a|an|" + _NUM + r")" if articles else _NUM
    pieces = re.split(r",(?!\d{3})\s*|;\s*|\s+and\s+(?=" + lead + r"\s)", text, flags=re.I)
    found = []
    for piece in pieces:
        m = re.match(r"^(?:and\s+)?(?P<n>" + lead + r")\s+(?P<phrase>.+?)[.;]?$", piece.strip(),
                     re.I)
        if m is None:
            continue
        n = m.group("n").lower()
        value = Decimal(1) if n in ("a", "an") else parse_number(n)
        phrase = m.group("phrase").strip()
        if value is not None and re.match(r"[a-z]", phrase, re.I):
            found.append((phrase, value))
    return found
