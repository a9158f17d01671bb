"""Dates as JAR reports print them, in words, read into ISO form."""

from __future__ import annotations

import re
from datetime import date

from ..text import MONTHS


def iso_date(text: str) -> str | None:
    """``16 October 2007`` -> ``2007-10-16``; ``October 2007`` -> ``2007-10``."""
    m = re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]+)\s+(\d{4})", text.strip())
    if m is None or m.group(2).lower() not in MONTHS:
        return None
    month = MONTHS[m.group(2).lower()]
    if m.group(1) is None:
        return f"{m.group(3)}-{month:02d}"
    try:
        return date(int(m.group(3)), month, int(m.group(1))).isoformat()
    except ValueError:
        return None


def fieldwork_period(text: str) -> str | None:
    """``fieldwork ... 5 to 16 November 2007`` -> ``2007-11``; two months -> an interval."""
    m = re.search(r"fieldwork[^.]*?\b(?:\d{1,2}\s+)?([A-Z][a-z]+)(?:\s+(\d{4}))?"
                  r"(?:\s*(?:to|and|until|-|–)\s*(?:\d{1,2}\s+)?([A-Z][a-z]+))?\s+(\d{4})",
                  text)
    if m is None or m.group(1).lower() not in MONTHS:
        return None
    end_month = m.group(3) or m.group(1)
    if end_month.lower() not in MONTHS:
        return None
    first = f"{m.group(2) or m.group(4)}-{MONTHS[m.group(1).lower()]:02d}"
    last = f"{m.group(4)}-{MONTHS[end_month.lower()]:02d}"
    return first if first == last else f"{first}/{last}"
