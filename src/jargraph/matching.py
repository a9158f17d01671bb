"""Matching a name or code someone wrote to the authority it means, with a score and a reason.

The reconciliation service (``/reconcile``) and ``jargraph join`` both ask
here. An answer is a ranked list of :class:`Candidate`; a candidate is a
*match* only when the text is certain to mean it:

* a code the reference table holds: the DfE number ("852"), the GSS code of
  April 2009 ("E06000045"), a later or earlier ONS code from the table's notes
  ("E08000037" for Gateshead), the ONS statistical-geography URI, or the
  area's jargraph IRI or short name (``area/southampton``);
* a name :mod:`jargraph.links` resolves: the official name, every spelling
  the table lists after "Also written:", the ", City of" forms, and the
  name with council words taken off ("Southampton City Council"), compared
  after :func:`jargraph.links.normalise` (case, punctuation, "&" as "and",
  "St." as "St", "Saint" as "St");
* the same after a common variant the table need not list: "upon" written
  "on" or the other way round ("Newcastle on Tyne"), a trailing ", City of"
  or ", Borough of" put in front ("Leeds, City of"), "NE" for "North East".

Anything else gets the closest names by spelling, scored below every match
and never a match, with a reason that says why the score is low: a name that
is merely like an authority's ("Newcastle-under-Lyme") must not be taken
for it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from . import links
from .links import Authority, Index, LinkError, normalise
from .vocab import ID, ONS_GEOGRAPHY

MATCH = 100.0
"""The score of a certain match."""
VARIANT = 98.0
"""The score of a match through a common variant the table does not list."""
CLOSE_CAP = 89.0
"""Candidates found by spelling alone score at most this, below every match."""
CONFLICT_FACTOR = 0.5
"""A candidate whose facts contradict a property constraint keeps this share of its score."""

_GSS = re.compile(r"E\d{8}")
_DFE = re.compile(r"\d{3}")
_AREA_BASE = str(ID) + "area/"
_TRAILING_KIND = re.compile(r"^(.*?),\s*(city|county|borough|royal borough|london borough)"
                            r"\s+of\s*$", re.I)

CONSTRAINTS = {
    "region": "region",
    "gss_code": "gss_code",
    "dfe_code": "dfe_code",
    "authority_type": "authority_type",
}
"""Facts a query may constrain (the key), and the :class:`Authority` field each is."""


@dataclass(frozen=True)
class Candidate:
    """One authority a text may mean."""

    authority: Authority
    score: float
    """0-100: 100 for a certain match, at most :data:`CLOSE_CAP` by spelling alone."""
    match: bool
    """True when the text is certain to mean this authority."""
    reason: str
    """Why this score, in words a person checking the match can act on."""
    features: dict[str, float | bool] = field(default_factory=dict)
    """The parts of the score: ``name_exact``, ``code``, ``variant``, ``similarity``,
    ``constraints``."""


@cache
def index() -> Index:
    """Every spelling the reference table knows, normalised, to its authority."""
    return links.build_index(links.authorities())


@cache
def _codes() -> dict[str, tuple[Authority, str]]:
    """Code -> (authority, what kind of code it is)."""
    found: dict[str, tuple[Authority, str]] = {}
    for a in links.authorities():
        found[a.dfe_code] = (a, "DfE number")
        if a.gss_code:
            found[a.gss_code] = (a, "GSS code (April 2009)")
        for code in a.later_gss_codes:
            found.setdefault(code, (a, "later GSS code, after a re-coding"))
        for code in a.earlier_gss_codes:
            found.setdefault(code, (a, "ONS county code used before April 2009"))
    return found


@cache
def _slugs() -> dict[str, Authority]:
    return {a.slug: a for a in links.authorities()}


def _by_code(text: str) -> Candidate | None:
    """A certain match on a code, an ONS URI, a jargraph IRI or an area short name."""
    value = text.strip()
    if value.startswith(ONS_GEOGRAPHY):
        value = value[len(ONS_GEOGRAPHY):]
    code = value.upper()
    if _GSS.fullmatch(code) or _DFE.fullmatch(code):
        found = _codes().get(code)
        if found is None:
            return None
        authority, kind = found
        return Candidate(authority, MATCH, True, f"{kind} {code}",
                         {"code": True, "name_exact": False, "similarity": 1.0})
    for prefix in (_AREA_BASE, "area/", "jarid:area/"):
        if value.startswith(prefix):
            named = _slugs().get(value[len(prefix):])
            if named is not None:
                return Candidate(named, MATCH, True, "its jargraph identifier",
                                 {"code": True, "name_exact": False, "similarity": 1.0})
    return None


def _by_name(text: str) -> Candidate | None:
    """A certain match on a name the reference table knows, as written."""
    try:
        authority = index().resolve(text)
    except LinkError:
        return None
    key = normalise(text)
    if key == normalise(authority.name):
        reason = "its official name"
    elif key in {normalise(s) for s in (authority.short_name, *authority.also_written)}:
        reason = "a spelling the reference table lists"
    elif key in index().by_key:
        reason = f"another form of {authority.name!r} (', City of' moved)"
    else:
        reason = f"{authority.name!r} with council words taken off"
    return Candidate(authority, MATCH, True, reason,
                     {"code": False, "name_exact": True, "similarity": 1.0})


def variants(text: str) -> list[tuple[str, str]]:
    """Common ways of writing a name that the table need not list: (spelling, what changed)."""
    found: list[tuple[str, str]] = []
    if re.search(r"\bupon\b", text, re.I):
        found.append((re.sub(r"\bupon\b", "on", text, flags=re.I), "'upon' read as 'on'"))
    if re.search(r"\bon\b", text, re.I):
        found.append((re.sub(r"\bon\b", "upon", text, flags=re.I), "'on' read as 'upon'"))
    trailing = _TRAILING_KIND.match(text.strip())
    if trailing:
        found.append((f"{trailing.group(2)} of {trailing.group(1)}",
                      f"', {trailing.group(2)} of' read in front"))
    if re.search(r"\bNE\b", text):
        found.append((re.sub(r"\bNE\b", "North East", text), "'NE' read as 'North East'"))
    return found


def _by_variant(text: str) -> Candidate | None:
    for spelling, change in variants(text):
        exact = _by_name(spelling)
        if exact is not None:
            return Candidate(exact.authority, VARIANT, True,
                             f"{exact.reason}, with {change}",
                             {**exact.features, "name_exact": False, "variant": True})
    return None


def _folded(key: str) -> str:
    return " ".join("on" if w == "upon" else w for w in key.split())


@cache
def _fold_keys() -> tuple[tuple[str, Authority], ...]:
    return tuple((_folded(key), a) for key, a in index().by_key.items())


def _close(text: str, limit: int) -> list[Candidate]:
    """The authorities whose spellings are most like the text, none of them a match."""
    forms = {_folded(k) for k in links.stripped(normalise(text)) if k}
    if not forms:
        return []
    best: dict[str, tuple[float, str, Authority]] = {}
    for key, authority in _fold_keys():
        for form in forms:
            matcher = difflib.SequenceMatcher(None, form, key, autojunk=False)
            if matcher.real_quick_ratio() < 0.4:
                continue
            ratio = matcher.ratio()
            contained = f" {form} " in f" {key} " or f" {key} " in f" {form} "
            if contained:
                ratio = max(ratio, 0.8)
            held = best.get(authority.slug)
            if held is None or ratio > held[0]:
                best[authority.slug] = (ratio, key, authority)
    ranked = sorted(best.values(), key=lambda item: (-item[0], item[2].name))[:limit]
    return [
        Candidate(authority, round(min(CLOSE_CAP, 100 * ratio * 0.9), 1), False,
                  _close_reason(text, authority, ratio),
                  {"code": False, "name_exact": False, "similarity": round(ratio, 3)})
        for ratio, _key, authority in ranked if ratio >= 0.5
    ]


def _close_reason(text: str, authority: Authority, ratio: float) -> str:
    return (f"{text.strip()!r} is not a name or code the reference table knows; its spelling "
            f"is {round(100 * ratio)}% alike to that of {authority.name!r}, so it is only a "
            "suggestion. If it means this authority, add the spelling after 'Also written:' "
            "in the notes of the reference table")


def _check(candidate: Candidate, constraints: Mapping[str, str]) -> Candidate:
    """The candidate with its score cut and its match withdrawn where a fact disagrees."""
    wrong = []
    for key, wanted in constraints.items():
        have = getattr(candidate.authority, CONSTRAINTS[key]) or ""
        if normalise(str(have)) != normalise(str(wanted)):
            wrong.append(f"its {key.replace('_', ' ')} is {have or 'not known'!r}, "
                         f"not {wanted!r}")
    if not wrong:
        return candidate if not constraints else Candidate(
            candidate.authority, candidate.score, candidate.match, candidate.reason,
            {**candidate.features, "constraints": True})
    return Candidate(candidate.authority, round(candidate.score * CONFLICT_FACTOR, 1), False,
                     f"{candidate.reason}; but {'; '.join(wrong)}",
                     {**candidate.features, "constraints": False})


def match_area(text: str, limit: int = 5,
               constraints: Mapping[str, str] | None = None) -> list[Candidate]:
    """The authorities ``text`` may mean, best first: at most one match, then the closest
    others. ``constraints`` (keys of :data:`CONSTRAINTS`) must agree for a match."""
    constraints = dict(constraints or {})
    unknown = set(constraints) - set(CONSTRAINTS)
    if unknown:
        raise ValueError(f"cannot constrain {', '.join(sorted(unknown))}; "
                         f"use {', '.join(CONSTRAINTS)}")
    if not text or not text.strip() or limit < 1:
        return []
    certain = _by_code(text) or _by_name(text) or _by_variant(text)
    found = [certain] if certain else []
    for other in _close(text, limit + 1):
        if not found or other.authority.slug != found[0].authority.slug:
            found.append(other)
    checked = [_check(c, constraints) for c in found]
    checked.sort(key=lambda c: (-c.score, c.authority.name))
    return checked[:limit]


def best_match(text: str, constraints: Mapping[str, str] | None = None) -> Candidate | None:
    """The one authority ``text`` certainly means, or None."""
    found = match_area(text, 1, constraints)
    return found[0] if found and found[0].match else None


def closest_names(candidates: Iterable[Candidate]) -> str:
    """The candidates as a short list for messages: "Bristol, City of (81), Bath ... (60)"."""
    return ", ".join(f"{c.authority.name} ({c.score:g})" for c in candidates) or "none close"


__all__ = ["CONSTRAINTS", "Candidate", "best_match", "closest_names", "index", "match_area",
           "variants"]
