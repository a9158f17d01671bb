"""The JAR's recommendations, with their timeframe and addressees.

Reports print them in two layouts: '- The council should ...' sentences, and
'The local partnership should:' followed by items; both sit under 'For
immediate action' / 'For action over the next six months' / 'For action in the
longer term' headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Recommendation, Source
from ..text import (
    Line,
    bullet,
    ends_sentence,
    has_words,
    join_fragments,
    squash,
    starts_mid_sentence,
    strip_emphasis,
)
from .layout import JarReading, Section, first
from .wording import PROTECTED_NAMES, TIMEFRAMES


def recommendations(reader: JarReading, sections: list[Section]) -> list[Recommendation]:
    """The recommendations of the 'Recommendations' section, line by line."""
    sec = first(sections, "recommendations")
    if sec is None:
        reader.warn(1, "no 'Recommendations' section")
        return []
    state = _Recommendations(reader, sec)
    for ln in sec.lines:
        state.feed(ln)
    if not state.recommendations:
        reader.warn(sec.line, "'Recommendations' section has no recommendations")
    return state.recommendations


@dataclass
class _Recommendations:
    """Where the reading of the section has got to: timeframe, stem, the last item."""

    reader: JarReading
    sec: Section
    timeframe: str | None = None
    heading_seen: bool = False
    stem: str | None = None
    recommendations: list[Recommendation] = field(default_factory=list)
    last_item: str | None = None

    def feed(self, ln: Line) -> None:
        text = ln.text.strip()
        if not text or not has_words(text):
            return
        if re.match(r"^for (?:immediate )?action\b", text, re.I) and not ends_sentence(text):
            self._timeframe(ln, text)
            return
        if (m := re.match(r"^(.*?)\s+should\s*:\s*$", strip_emphasis(text))) and not bullet(text):
            self.stem, self.last_item = m.group(1), None
            return
        item = bullet(ln.text)
        if item is None and ln.text[:1].isspace():
            item = text  # an indented item whose bullet glyph was lost
        if item is not None:
            self._add(ln, item)
        elif self.last_item is not None and (starts_mid_sentence(text)
                                             or not ends_sentence(self.last_item)):
            self._continue(text)  # the item went on after a page break
        elif self.stem is None and re.search(r"\bshould\b", text):
            self._add(ln, text)
        else:
            self.reader.warn(ln.number, f"text in 'Recommendations' read as neither an item nor "
                                        f"a heading: {text[:60]!r}")

    def _timeframe(self, ln: Line, text: str) -> None:
        self.timeframe = next((key for pattern, key in TIMEFRAMES if pattern.search(text)), None)
        self.stem, self.last_item, self.heading_seen = None, None, True
        if self.timeframe is None:
            self.reader.warn(ln.number, f"recommendations heading {text!r} names no known "
                                        "timeframe")

    def _add(self, ln: Line, item: str) -> None:
        item = strip_emphasis(item)
        subject = re.match(r"^(.+?)\s+should\b\s*(.*)$", item)
        if subject and subject.group(1)[:1].isupper():
            addressees, text = split_addressees(subject.group(1)), item
        elif self.stem is not None:
            addressees, text = split_addressees(self.stem), f"{self.stem} should {item}"
        else:
            self.reader.warn(ln.number, f"recommendation with no addressee: {item[:60]!r}")
            addressees, text = [], item
        if not self.heading_seen:
            self.reader.warn(ln.number, "recommendation before any 'For ... action' heading: no "
                                        "timeframe")
            self.heading_seen = True  # said once is enough
        source = self.reader.source(ln.number, self.sec.heading, text=item)
        self.recommendations.append(Recommendation(text, source, self.timeframe, addressees))
        self.last_item = item

    def _continue(self, text: str) -> None:
        rec = self.recommendations[-1]
        rec.text = join_fragments(rec.text, strip_emphasis(text))
        self.last_item = join_fragments(self.last_item or "", strip_emphasis(text))
        old = rec.source
        rec.source = Source(old.document, old.line, old.paragraph, old.section, self.last_item)


def split_addressees(subject: str) -> list[str]:
    """'The council, Local Learning and Skills Council and Connexions' -> three addressees.

    Names that contain 'and' themselves are protected; 'X and its partners' stays whole;
    'X, in partnership with Y' addresses both.
    """
    subject = squash(subject.strip(" -"))
    subject = re.sub(r",?\s+in partnership with\s+", ", ", subject, flags=re.I)
    guarded = subject
    for k, name in enumerate(PROTECTED_NAMES):
        guarded = guarded.replace(name, f"\x00{k}\x00")
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", guarded) if p.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and re.fullmatch(r"(?:its|their|other) partners|partners", part, re.I):
            merged[-1] = f"{merged[-1]} and {part}"
        else:
            merged.append(part)
    return [re.sub(r"\x00(\d+)\x00", lambda m: PROTECTED_NAMES[int(m.group(1))], p)
            for p in merged]
