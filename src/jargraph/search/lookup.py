"""Searching the index: ranked hits with highlighted snippets, and counts per facet.

A search is words (read by :mod:`.words`) and facet filters: values of one
facet are alternatives (``kind=Weakness&kind=Recommendation``), facets
together narrow (``kind=Weakness&area=southampton``). Each facet's counts
are those of the search with every filter but its own, so a reader sees
what choosing another value would give. Words that all match no thing fall
back to things that match any of them (``match`` says which), so a question
typed as a sentence still finds something.

With no words the filters alone choose things (listed by kind and title);
with neither, only the facet counts of everything are given.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .collect import FACETS, shorten
from .words import SearchSyntaxError, parse

OPEN, CLOSE = "\ue000", "\ue001"
"""Marks around the matched words of a snippet (private-use characters, which the
index's texts never hold)."""
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000
FACET_VALUES = 25
"""Most values listed per facet (chosen values are always listed)."""
MAX_CHOSEN = 20
"""Most values one facet may be filtered by."""
FACET_NAMES = tuple(name for name, _ in FACETS)
HEADINGS = dict(FACETS)
SHOWN_WITH_HITS = ("area", "judgement_area", "year", "document")
_SNIPPET_TOKENS = 32
_MARKS = re.compile(f"([{OPEN}{CLOSE}])")


class SearchTimeout(Exception):
    """The search ran past its time limit."""


@dataclass(frozen=True)
class Search:
    """What to look for: words, facet filters, and which page of hits."""

    words: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    offset: int = 0
    limit: int = PAGE_SIZE


@dataclass
class FacetValue:
    key: str
    label: str
    count: int = 0
    iri: str | None = None
    chosen: bool = False


@dataclass
class Facet:
    name: str
    heading: str
    values: list[FacetValue]


@dataclass
class Hit:
    """One thing found, with what to show of it."""

    iri: str
    link: str
    title: str
    kind: str
    snippet: str
    """The matched text, the matched words between OPEN and CLOSE."""
    score: float | None
    passages: list[tuple[str, str]]
    """(link, label) of the passages it was read from."""
    about: dict[str, list[FacetValue]] = field(default_factory=dict)
    """Its area, judgement area, year and document."""

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, matched) pieces, for any way of showing it."""
        pieces: list[tuple[str, bool]] = []
        matched = False
        for piece in _MARKS.split(self.snippet):
            if piece in (OPEN, CLOSE):
                matched = piece == OPEN
            elif piece:
                pieces.append((piece, matched))
        return pieces

    def text(self, before: str = "[", after: str = "]") -> str:
        """The snippet as one line, the matched words between ``before`` and ``after``."""
        return " ".join("".join(f"{before}{t}{after}" if hit else t
                                for t, hit in self.parts()).split())


@dataclass
class Results:
    search: Search
    total: int
    hits: list[Hit]
    facets: list[Facet]
    match: str
    """``all`` (every word matched), ``any`` (no thing had them all), ``browse`` (no
    words: filters only) or ``none`` (nothing asked)."""
    ignored: list[str] = field(default_factory=list)
    """Common words of the search left out."""


def search(db: sqlite3.Connection, asked: Search, timeout: float | None = None) -> Results:
    """Run a search on an open index. Raises SearchSyntaxError for words or filters
    that cannot be read, SearchTimeout past ``timeout`` seconds."""
    parsed = parse(asked.words)
    filters = checked_filters(asked.filters)
    if not 0 <= asked.offset <= MAX_OFFSET:
        raise SearchSyntaxError(f"the offset must be between 0 and {MAX_OFFSET}")
    if not 1 <= asked.limit <= MAX_PAGE_SIZE:
        raise SearchSyntaxError(f"the number of hits must be between 1 and {MAX_PAGE_SIZE}")
    with _time_limit(db, timeout):
        match: str | None = None
        how = "browse"
        if parsed.terms:
            match, how = parsed.expression(), "all"
            _match(db, match)
            total = _count(db, filters)
            if not total and len(parsed.positive) > 1 and not parsed.has_or:
                wider = parsed.expression(any_word=True)
                _match(db, wider)
                total = _count(db, filters)
                if total:
                    match, how = wider, "any"
        else:
            _match(db, None)
            if not filters:
                return Results(asked, 0, [], _facets(db, {}), "none", parsed.ignored)
            total = _count(db, filters)
        hits = _hits(db, match, filters, asked.offset, asked.limit) if total else []
        return Results(asked, total, hits, _facets(db, filters), how, parsed.ignored)


def checked_filters(filters: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The filters with empty values dropped; SearchSyntaxError for an unknown facet or
    too many values."""
    out: dict[str, tuple[str, ...]] = {}
    for name, values in filters.items():
        if name not in HEADINGS:
            raise SearchSyntaxError(
                f"there is no facet {name!r}; the facets are {', '.join(FACET_NAMES)}")
        chosen = tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
        if len(chosen) > MAX_CHOSEN:
            raise SearchSyntaxError(
                f"{name} is given {len(chosen)} values; at most {MAX_CHOSEN} are allowed")
        if any(len(v) > 400 for v in chosen):
            raise SearchSyntaxError(f"a value of {name} is too long (over 400 characters)")
        if chosen:
            out[name] = chosen
    return out


@contextmanager
def _time_limit(db: sqlite3.Connection, seconds: float | None) -> Iterator[None]:
    """Stop SQLite past the time limit, and turn what FTS5 rejects into a syntax error
    (the words are quoted, so it should reject nothing)."""
    if seconds:
        end = time.monotonic() + seconds
        db.set_progress_handler(lambda: int(time.monotonic() > end), 2000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "interrupted" in message:
            raise SearchTimeout(f"the search took longer than {seconds:g} seconds") from None
        if message.startswith("fts5:"):
            raise SearchSyntaxError(f"the search cannot be read ({message})") from None
        raise
    finally:
        db.set_progress_handler(None, 0)


def _match(db: sqlite3.Connection, match: str | None) -> None:
    """Evaluate the words once into this connection's own temporary table of matches
    (every thing when there are no words); the counts, hits and facets read it."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS matched(id INTEGER PRIMARY KEY, rank REAL)")
    db.execute("DELETE FROM temp.matched")
    if match is None:
        db.execute("INSERT INTO temp.matched SELECT id, 0 FROM things")
    else:
        db.execute("INSERT INTO temp.matched SELECT rowid, rank FROM texts WHERE texts MATCH ?",
                   (match,))


def _narrowed(column: str, filters: dict[str, tuple[str, ...]],
              leave_out: str | None = None) -> tuple[str, list[str]]:
    """SQL conditions keeping the things (ids in ``column``) that have a chosen value of
    every facet filtered on, and their parameters."""
    sql, params = "", []
    for facet, keys in filters.items():
        if facet != leave_out:
            marks = ", ".join("?" * len(keys))
            sql += (f" AND {column} IN (SELECT thing FROM facets WHERE facet = ? "
                    f"AND key IN ({marks}))")
            params += [facet, *keys]
    return sql, params


def _count(db: sqlite3.Connection, filters: dict[str, tuple[str, ...]]) -> int:
    narrowed, params = _narrowed("m.id", filters)
    return db.execute(f"SELECT count(*) FROM temp.matched m WHERE 1{narrowed}",
                      params).fetchone()[0]


def _hits(db: sqlite3.Connection, match: str | None, filters: dict[str, tuple[str, ...]],
          offset: int, limit: int) -> list[Hit]:
    narrowed, params = _narrowed("m.id", filters)
    order = "m.rank, t.id" if match else "t.kind, t.title, t.id"
    rows = db.execute(
        f"""SELECT t.id, t.iri, t.link, t.title, t.kind, t.passages, m.rank
            FROM temp.matched m JOIN things t ON t.id = m.id
            WHERE 1{narrowed} ORDER BY {order} LIMIT ? OFFSET ?""",
        [*params, limit, offset]).fetchall()
    ids = [row[0] for row in rows]
    marks = ", ".join("?" * len(ids))
    if match is None:
        found = {rowid: shorten(next((t for t in texts if t), ""), 240)
                 for rowid, *texts in db.execute(
                     f"SELECT rowid, body, quoted, names FROM texts WHERE rowid IN ({marks})",
                     ids)}
    else:
        snippets = ", ".join(f"snippet(texts, {column}, '{OPEN}', '{CLOSE}', '…', "
                             f"{_SNIPPET_TOKENS})" for column in (1, 2, 0))
        found = {rowid: next((s for s in texts if OPEN in s), texts[0] or texts[2])
                 for rowid, *texts in db.execute(
                     f"SELECT rowid, {snippets} FROM texts WHERE texts MATCH ? "
                     f"AND rowid IN ({marks})", [match, *ids])}
    hits = [_hit(row, found.get(row[0], ""), match is not None) for row in rows]
    _add_about(db, hits, ids)
    return hits


def _hit(row: tuple, snippet: str, ranked: bool) -> Hit:
    _, iri, link, title, kind, passages, rank = row
    return Hit(iri=iri, link=link, title=title, kind=kind, snippet=snippet,
               score=-rank if ranked else None,
               passages=[(p[0], p[1]) for p in json.loads(passages)])


def _add_about(db: sqlite3.Connection, hits: list[Hit], ids: list[int]) -> None:
    if not ids:
        return
    by_id = dict(zip(ids, hits, strict=True))
    marks = ", ".join("?" * len(ids))
    shown = ", ".join("?" * len(SHOWN_WITH_HITS))
    rows = db.execute(
        f"SELECT thing, facet, key, label, iri FROM facets WHERE thing IN ({marks}) "
        f"AND facet IN ({shown}) ORDER BY thing, facet, label", [*ids, *SHOWN_WITH_HITS])
    for thing, facet, key, label, iri in rows:
        by_id[thing].about.setdefault(facet, []).append(FacetValue(key, label, iri=iri))


def _facets(db: sqlite3.Connection, filters: dict[str, tuple[str, ...]]) -> list[Facet]:
    """Each facet's values with their counts among the matches (CROSS JOIN: read the
    matches first and look their values up, as the planner knows nothing of the
    temporary table's size)."""
    facets = []
    for name in FACET_NAMES:
        narrowed, params = _narrowed("f.thing", filters, leave_out=name)
        order = "key DESC" if name == "year" else "n DESC, label"
        rows = db.execute(
            f"""SELECT f.key, f.label, f.iri, count(*) AS n
                FROM temp.matched m CROSS JOIN facets f ON f.thing = m.id
                WHERE f.facet = ?{narrowed}
                GROUP BY f.key ORDER BY {order} LIMIT ?""",
            [name, *params, FACET_VALUES]).fetchall()
        chosen = filters.get(name, ())
        values = [FacetValue(key, label, n, iri, key in chosen) for key, label, iri, n in rows]
        listed = {v.key for v in values}
        for key in chosen:
            if key not in listed:
                found = db.execute(
                    f"""SELECT f.label, f.iri, count(*)
                        FROM temp.matched m CROSS JOIN facets f ON f.thing = m.id
                        WHERE f.facet = ? AND f.key = ?{narrowed}""",
                    [name, key, *params]).fetchone()
                label, iri, n = found if found[0] is not None else (key, None, 0)
                values.append(FacetValue(key, label, n, iri, True))
        facets.append(Facet(name, HEADINGS[name], values))
    return facets
