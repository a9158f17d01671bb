"""The inspection recommendations the paper restates, with timeframe and addressees.

The board's own recommendations ("It is recommended that Executive Board: ...")
are the council's, not the inspectors', and stay passages only: only lines under
a timeframe heading are read here.
"""

from __future__ import annotations

import re

from ...model import Recommendation, Review
from ..base import Reading
from ..markup import bullet, clean, is_rule
from .layout import Para, para_source

_TIMEFRAMES = (
    (re.compile(r"^for immediate action\b", re.I), "immediate"),
    (re.compile(r"^for action (?:over|within|in) the next six months\b", re.I),
     "within-six-months"),
    (re.compile(r"^for action in the long(?:er)? term\b", re.I), "longer-term"),
)


def recommendations(reader: Reading, para: Para, jar: Review, consumed: set[int]) -> None:
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
                source=para_source(reader, para, line, rec_text, section=heading),
            ))
            consumed.add(line.number)
        elif text and not is_rule(line.text):
            reader.warn(line.number, f"text among the recommendations not understood: {text!r}")
