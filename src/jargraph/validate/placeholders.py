"""The template's placeholders left in an encoding, every one until it is filled.

The placeholders are read from the template itself (``data/encodings/template.ttl``),
so a placeholder added there is checked at once: every word in capitals its
statements use (``TITLE``, ``AREA-SLUG``, ``GRADE-LDD-AS-PRINTED``), with the
description its header gives. A placeholder of one word (``TITLE``, ``YEAR``)
counts in a text only when it is the whole text, since real headings are
sometimes written in capitals; one joined by hyphens counts anywhere, and
either counts anywhere in an IRI. Each term that holds placeholders is
reported once, where it is first written; the other problems a placeholder
causes (a date that is not one, a grade not on the scale) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from rdflib import Literal, URIRef
from rdflib.term import Node

from .. import resources
from .report import Finding
from .statements import Statements

_RUN = re.compile(r"(?<![A-Za-z])[A-Z]+(?:-[A-Z]+)*(?![A-Za-z])")
_HEADER_ENTRY = re.compile(r"#   (\S+)\s+(.*)")
_CONTINUED = re.compile(r"#\s{6,}(\S.*)")


@cache
def placeholders() -> dict[str, str]:
    """Every placeholder the template's statements use -> what to write in its place."""
    text = (resources.encodings_dir() / "template.ttl").read_text(encoding="utf-8")
    lines = text.splitlines()
    statements = "\n".join(line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
                           for line in lines)
    described = _descriptions(lines)
    named = {n for n in described if "…" not in n}
    names = {part for run in _RUN.findall(statements) for part in _split(run, named)}
    return {name: _description(name, described) for name in sorted(names)}


def _split(run: str, named: set[str]) -> list[str]:
    """A run of capitals as the placeholders it is made of (``AREA-SLUG-YEAR`` is
    ``AREA-SLUG`` and ``YEAR``), longest first; the run itself if it is not made of them."""
    words = run.split("-")
    for cut in range(len(words), 0, -1):
        head = "-".join(words[:cut])
        if head in named:
            rest = "-".join(words[cut:])
            tail = _split(rest, named) if rest else []
            if not rest or all(t in named for t in tail):
                return [head, *tail]
    return [run]


def _descriptions(lines: list[str]) -> dict[str, str]:
    """The header's list: ``NAME  what it is`` entries, continued on indented lines."""
    found: dict[str, str] = {}
    current = None
    inside = False
    for line in lines:
        if line.strip() == "# Placeholders":
            inside = True
            continue
        if not inside:
            continue
        if not line.startswith("#") or line.strip() == "#":
            if found:
                break
            continue
        entry, more = _HEADER_ENTRY.fullmatch(line), _CONTINUED.fullmatch(line)
        if more and current:
            found[current] += " " + more.group(1)
        elif entry:
            current = entry.group(1)
            found[current] = entry.group(2)
    return found


def _description(name: str, described: dict[str, str]) -> str:
    """A placeholder's own entry, else the entry of its family (``GRADE-…``, ``…-TEXT``)."""
    if name in described:
        return described[name]
    families = sorted((e for e in described if "…" in e),
                      key=lambda e: (len(e.replace("…", "")), e.startswith("…")), reverse=True)
    for entry in families:
        if re.fullmatch(re.escape(entry).replace("…", "[A-Z-]+"), name):
            return described[entry]
    return "what the report prints"


def found_in(text: str, whole: bool) -> list[str]:
    """The placeholders in a text (``whole``: a one-word placeholder only as the whole text)."""
    known = placeholders()
    named = set(known)
    found = []
    for run in dict.fromkeys(_RUN.findall(text)):
        parts = [p for p in _split(run, named) if p in known]
        if parts and (not whole or "-" in run or run == text.strip()):
            found += parts
    return list(dict.fromkeys(found))


@cache
def _any() -> re.Pattern[str]:
    """One pattern for every placeholder, to pass over the terms that hold none quickly."""
    return re.compile("|".join(re.escape(n) for n in sorted(placeholders(), key=len,
                                                             reverse=True)))


def placeholder_findings(statements: Statements) -> Iterator[Finding]:
    """A finding for each term (IRI or text) that still holds a placeholder."""
    seen: set[Node] = set()
    quick = _any()
    for s, p, o in statements.triples:
        for term in (s, p, o):
            if term in seen or not isinstance(term, (URIRef, Literal)):
                continue
            seen.add(term)
            if not quick.search(term):
                continue
            names = found_in(str(term), whole=isinstance(term, Literal))
            if not names:
                continue
            what = "; ".join(f"{n}: {placeholders()[n]}" for n in names)
            plural = "placeholders" if len(names) > 1 else "placeholder"
            yield Finding(
                "Placeholder", s, p, term,
                f"{' and '.join(names)} {'are' if len(names) > 1 else 'is a'} {plural} of the "
                f"template still to fill in ({what}).",
                first_use=str(term) if isinstance(term, URIRef) else None,
            )
