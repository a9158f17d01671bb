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
        chosen = _chosen(db, filters)
        match: str | None = None
        how = "browse"
        if parsed.terms:
            match, how = parsed.expression(), "all"
            total = _keep(db, match, chosen)
            if not total and len(parsed.positive) > 1 and not parsed.has_or:
                wider = parsed.expression(any_word=True)
                total = _keep(db, wider, chosen)
                if total:
                    match, how = wider, "any"
        elif not filters:
            return Results(asked, 0, [], _facets(db, None, {}, filters), "none", parsed.ignored)
        else:
            total = _keep(db, None, chosen)
        hits = _hits(db, match, asked.offset, asked.limit) if total else []
        facets = _facets(db, match, chosen, filters)
        return Results(asked, total, hits, facets, how, parsed.ignored)


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


def _keep(db: sqlite3.Connection, match: str | None, chosen: dict[str, tuple[int, ...]]
          ) -> int:
    """Evaluate the words once into this connection's own temporary table of matches,
    and keep those with a chosen value of every filtered facet in a second one, which
    the count, the hits and the facets not filtered on read; returns how many are kept."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS matched(id INTEGER PRIMARY KEY, rank REAL)")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS kept(id INTEGER PRIMARY KEY, rank REAL)")
    db.execute("DELETE FROM temp.matched")
    db.execute("DELETE FROM temp.kept")
    if match is not None:
        db.execute("INSERT INTO temp.matched SELECT rowid, rank FROM texts WHERE texts MATCH ?",
                   (match,))
        if not chosen:
            return db.execute("INSERT INTO temp.kept SELECT id, rank FROM temp.matched").rowcount
    rank = "NULL" if match is None else "m.rank"
    return db.execute(f"INSERT INTO temp.kept SELECT m.id, {rank} "
                      f"FROM {_matching(match, chosen)}").rowcount


def _chosen(db: sqlite3.Connection, filters: dict[str, tuple[str, ...]]
            ) -> dict[str, tuple[int, ...]]:
    """Each filtered facet's chosen values as the numbers of its values (0 for a key the
    index does not hold, which matches nothing)."""
    chosen = {}
    for facet, keys in filters.items():
        marks = ", ".join("?" * len(keys))
        found = [row[0] for row in db.execute(
            f"SELECT id FROM facet_values WHERE facet = ? AND key IN ({marks})", [facet, *keys])]
        chosen[facet] = tuple(found) or (0,)
    return chosen


def _values(numbers: tuple[int, ...]) -> str:
    return ", ".join(str(int(n)) for n in numbers)


def _matching(match: str | None, chosen: dict[str, tuple[int, ...]],
              leave_out: str | None = None) -> str:
    """SQL for the things (``m.id``) that match the words and have a chosen value of every
    facet filtered on but ``leave_out``. With words, the matches are read first and
    each is looked up among its facet values (a lookup of the key (thing, value));
    without, the things of one chosen facet's values are read first."""
    narrowing = [values for facet, values in chosen.items() if facet != leave_out]
    if match is not None:
        source = "temp.matched m"
    elif narrowing:
        source = ("(SELECT DISTINCT thing AS id FROM tagged "
                  f"WHERE value IN ({_values(narrowing.pop(0))})) m")
    else:
        source = "things m"
    return source + " WHERE 1" + "".join(
        f" AND EXISTS (SELECT 1 FROM tagged g WHERE g.thing = m.id "
        f"AND g.value IN ({_values(values)}))" for values in narrowing)


def _hits(db: sqlite3.Connection, match: str | None, offset: int, limit: int) -> list[Hit]:
    order = "t.kind, t.title, t.id" if match is None else "k.rank, k.id"
    rows = db.execute(
        f"""SELECT t.id, t.iri, t.link, t.title, t.kind, t.passages, k.rank
            FROM temp.kept k JOIN things t ON t.id = k.id ORDER BY {order} LIMIT ? OFFSET ?""",
        (limit, offset)).fetchall()
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
    passages = _passages(db, [row[5] for row in rows])
    hits = [_hit(row, found.get(row[0], ""), passages) for row in rows]
    _add_about(db, hits, ids)
    return hits


def _passages(db: sqlite3.Connection, lists: list[str]) -> dict[int, tuple[str, str]]:
    """(link, title) of the passages named in these lists of entry numbers."""
    numbers = sorted({int(n) for text in lists for n in text.split()})
    marks = ", ".join("?" * len(numbers))
    return {n: (link, title) for n, link, title in db.execute(
        f"SELECT id, link, title FROM things WHERE id IN ({marks})", numbers)}


def _hit(row: tuple, snippet: str, passages: dict[int, tuple[str, str]]) -> Hit:
    _, iri, link, title, kind, numbers, rank = row
    return Hit(iri=iri, link=link, title=title, kind=kind, snippet=snippet,
               score=None if rank is None else -rank,
               passages=[passages[int(n)] for n in numbers.split() if int(n) in passages])


def _add_about(db: sqlite3.Connection, hits: list[Hit], ids: list[int]) -> None:
    if not ids:
        return
    by_id = dict(zip(ids, hits, strict=True))
    marks = ", ".join("?" * len(ids))
    shown = ", ".join("?" * len(SHOWN_WITH_HITS))
    rows = db.execute(
        f"""SELECT t.thing, v.facet, v.key, v.label, v.iri
            FROM tagged t CROSS JOIN facet_values v ON v.id = t.value
            WHERE t.thing IN ({marks}) AND v.facet IN ({shown})
            ORDER BY t.thing, v.facet, v.label""", [*ids, *SHOWN_WITH_HITS])
    for thing, facet, key, label, iri in rows:
        by_id[thing].about.setdefault(facet, []).append(FacetValue(key, label, iri=iri))


def _facets(db: sqlite3.Connection, match: str | None, chosen: dict[str, tuple[int, ...]],
            filters: dict[str, tuple[str, ...]]) -> list[Facet]:
    """Each facet's values with their counts among the matches: one count of every value
    for the facets not filtered on, and one per filtered facet leaving its own filter
    out. (CROSS JOIN: read the matches first and look their values up.)"""
    counted: dict[str, list[FacetValue]] = {}
    for leave_out in [None, *chosen]:
        only = "" if leave_out is None else " AND v.facet = ?"
        if match is None and not set(chosen) - {leave_out}:
            counts = "SELECT value, n FROM totals"  # every thing: counted at build time
        elif leave_out is None:
            counts = """SELECT t.value, count(*) AS n
                FROM temp.kept m CROSS JOIN tagged t ON t.thing = m.id GROUP BY t.value"""
        else:
            counts = f"""SELECT t.value, count(*) AS n
                FROM (SELECT m.id FROM {_matching(match, chosen, leave_out)}) m
                CROSS JOIN tagged t ON t.thing = m.id GROUP BY t.value"""
        rows = db.execute(
            f"""SELECT v.facet, v.key, v.label, v.iri, c.n FROM ({counts}) c
                JOIN facet_values v ON v.id = c.value WHERE 1{only}""",
            [] if leave_out is None else [leave_out])
        for facet, key, label, iri, n in rows:
            if leave_out is not None or facet not in chosen:
                counted.setdefault(facet, []).append(
                    FacetValue(key, label, n, iri, key in filters.get(facet, ())))
    facets = []
    for name in FACET_NAMES:
        values = counted.get(name, [])
        if name == "year":
            values.sort(key=lambda v: v.key, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label.lower(), v.key))
        shown = values[:FACET_VALUES] + [v for v in values[FACET_VALUES:] if v.chosen]
        listed = {v.key for v in shown}
        shown += [FacetValue(key, key, 0, None, True)
                  for key in filters.get(name, ()) if key not in listed]
        facets.append(Facet(name, HEADINGS[name], shown))
    return facets
