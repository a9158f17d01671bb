"""Every literal against its datatype's lexical form, and every language tag's shape.

rdflib parses ``"20O8"^^xsd:gYear`` without complaint, and pySHACL's
``sh:datatype`` then passes it: neither checks the lexical forms of years,
months or most numbers. This module does, for every literal in the file
whatever property it sits on, by the rules of XML Schema 1.1 Part 2: the
date and time types (with real calendar days), ``integer`` and its bounded
subtypes, ``decimal``, ``double``, ``float`` and ``boolean``. A form with
spaces around it is refused too, since SPARQL compares it as written. A
language tag must have the shape BCP 47 gives it (a two- or three-letter
language, then optional script, region and variants). Where the mistake is a
common slip (the letter O for a zero, a date written day first, a thousands
comma), the problem says what to write.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterator

from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from .report import Finding
from .statements import Statements
from .style import quoted

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"-?(?:[1-9]\d{3,}|0\d{3})"
_TIME = r"(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?)"
_PATTERNS = {
    "gYear": rf"{_YEAR}{_TZ}",
    "gYearMonth": rf"{_YEAR}-(?:0[1-9]|1[0-2]){_TZ}",
    "date": rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]){_TZ}",
    "dateTime": rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T{_TIME}{_TZ}",
    "dateTimeStamp": rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T{_TIME}"
                     r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))",
    "time": rf"{_TIME}{_TZ}",
    "gMonth": rf"--(?:0[1-9]|1[0-2]){_TZ}",
    "gDay": rf"---(?:0[1-9]|[12]\d|3[01]){_TZ}",
    "gMonthDay": rf"--(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]){_TZ}",
    "decimal": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)",
    "double": r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF)|NaN",
    "float": r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF)|NaN",
    "boolean": r"true|false|1|0",
    "integer": r"[+-]?\d+",
}
_INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1), "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1), "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255),
}
_FREE = frozenset({
    "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
    "NMTOKENS", "ID", "IDREF", "IDREFS", "ENTITY", "ENTITIES", "anyURI", "QName", "NOTATION",
    "hexBinary", "base64Binary", "duration", "dayTimeDuration", "yearMonthDuration",
    "anyAtomicType", "anySimpleType",
})
KNOWN = frozenset(_PATTERNS) | frozenset(_INTEGER_RANGES) | _FREE
"""Every datatype of XML Schema 1.1 Part 2 that RDF uses (their local names)."""
_LANGUAGE_TAG = re.compile(
    r"[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+",
    re.IGNORECASE,
)
_WHAT = {
    "gYear": 'a year: four digits, "2008"',
    "gYearMonth": 'a year and month: "2007-11"',
    "date": 'a date: year, month and day, "2008-06-11"',
    "dateTime": 'a date and time: "2008-06-11T09:30:00"',
    "decimal": 'a decimal number: digits with an optional point, no commas, "222000" or "6.5"',
    "boolean": '"true" or "false"',
}


def fits(lexical: str, datatype: str) -> bool:
    """Whether a lexical form is one of the datatype's (an unknown datatype: any form)."""
    name = datatype.removeprefix(str(XSD))
    if name == datatype or name in _FREE:
        return True
    if name in _INTEGER_RANGES:
        if not re.fullmatch(_PATTERNS["integer"], lexical):
            return False
        low, high = _INTEGER_RANGES[name]
        number = int(lexical)
        return (low is None or number >= low) and (high is None or number <= high)
    pattern = _PATTERNS.get(name)
    if pattern is None:
        return True
    if not re.fullmatch(pattern, lexical):
        return False
    return _real_day(lexical) if name in ("date", "dateTime", "dateTimeStamp") else True


def _real_day(lexical: str) -> bool:
    """A date's day exists in its month (29 February only in a leap year)."""
    match = re.match(r"(-?\d+)-(\d\d)-(\d\d)", lexical)
    if not match:
        return False
    year, month, day = (int(g) for g in match.groups())
    return day <= calendar.monthrange(year if year > 0 else 2000, month)[1]


def repair(lexical: str, datatype: str) -> str | None:
    """The form a person most likely meant, when the slip is a common one."""
    candidates = [lexical.strip()]
    text = lexical.strip()
    candidates.append(re.sub(r"[oO]", "0", re.sub(r"[lI]", "1", text)))
    candidates.append(text.replace(",", "").replace(" ", ""))
    day_first = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if day_first:
        day, month, year = day_first.groups()
        candidates.append(f"{year}-{int(month):02d}-{int(day):02d}")
    parts = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if parts:
        year, month, day = parts.groups()
        candidates.append(f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else ""))
        name = datatype.removeprefix(str(XSD))
        if name == "gYearMonth":
            candidates.append(f"{year}-{int(month):02d}")
        if name == "gYear":
            candidates.append(year)
    return next((c for c in candidates if c != lexical and fits(c, datatype)), None)


def literal_findings(statements: Statements) -> Iterator[Finding]:
    """A finding for every literal whose form or language tag is not what its type allows."""
    for s, p, o in statements.triples:
        if isinstance(o, Literal) and (o.language is not None or o.datatype is not None):
            finding = _check(s, p, o)
            if finding is not None:
                yield finding


def _check(s: Node, p: Node, o: Literal) -> Finding | None:
    lexical = str(o)
    if o.language is not None and not _LANGUAGE_TAG.fullmatch(o.language):
        return Finding(
            "LanguageTag", s, p, o,
            f'"@{o.language}" is not a language tag: a tag is a two- or three-letter language '
            'code with optional region and variants, as BCP 47 gives them ("en", "en-GB"); '
            "English text is tagged @en.",
            fix=f"<{p}> {quoted(lexical)}@en",
        )
    if o.datatype is None:
        return None
    datatype = str(o.datatype)
    name = datatype.removeprefix(str(XSD))
    if name != datatype and name not in KNOWN:
        close = difflib.get_close_matches(name, sorted(KNOWN), n=1, cutoff=0.5) or [
            n for n in KNOWN if n.lower() == name.lower()]
        hint = f"; did you mean <{XSD}{close[0]}>?" if close else "."
        return Finding(
            "UnknownDatatype", s, p, o,
            f"<{datatype}> is not a datatype of XML Schema{hint}",
            fix=f"<{p}> {quoted(lexical)}^^<{XSD}{close[0]}>" if close else None,
        )
    if fits(lexical, datatype):
        return None
    what = _WHAT.get(name, f"a value of <{datatype}>")
    if name in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[name]
        what = "a whole number, digits only" + (
            f", at least {low}" if low is not None and high is None else "") + (
            f", from {low} to {high}" if low is not None and high is not None else "")
    fixed = repair(lexical, datatype)
    return Finding(
        "LexicalForm", s, p, o,
        f'{quoted(lexical)} is not {what}, as <{datatype}> requires'
        + (f'; write "{fixed}".' if fixed else "; correct it, or give it the datatype it has."),
        fix=f"<{p}> {quoted(fixed)}^^<{datatype}>" if fixed else None,
    )
