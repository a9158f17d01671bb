"""The search index file: written once by the build beside the store, then only read.

The index is an SQLite database (``search.sqlite`` in the build folder) with
an FTS5 table of the entries' words, a table of the entries, a table of the
facet values and one of which entry has which value (two numbers a row, so
that counting the values of many hits stays cheap). SQLite ships with
Python, and FTS5 ranks with BM25, gives highlighted snippets and stems
English words (``weaknesses`` finds ``weakness``), so nothing else needs
installing or running. The build writes the file into its fresh folder,
which is published whole, so a reader opens the file of the current build
read-only and as immutable (no locks: nothing writes it again), and a
rebuild is noticed by the folder changing, as for the store.

The index is built from the build's own embedded store even when the graph
is served from a SPARQL server (``--store``), so search works the same there.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pyoxigraph as ox

from ..store.builds import current_build
from .collect import Entry, read_entries

INDEX_FILE = "search.sqlite"
SCHEMA_VERSION = "3"
WEIGHTS = (4.0, 1.0, 1.0, 0.3)
"""BM25 weights of the columns names, body, quoted and context: a word in a thing's
name counts most, one in what it is about least."""
TOKENIZER = "porter unicode61 remove_diacritics 2"

SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE things(
  id INTEGER PRIMARY KEY, iri TEXT NOT NULL, link TEXT NOT NULL,
  title TEXT NOT NULL, kind TEXT NOT NULL, passages TEXT NOT NULL);
CREATE VIRTUAL TABLE texts USING fts5(names, body, quoted, context, tokenize='{TOKENIZER}');
CREATE TABLE facet_values(
  id INTEGER PRIMARY KEY, facet TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL,
  iri TEXT, UNIQUE (facet, key));
CREATE TABLE tagged(thing INTEGER NOT NULL, value INTEGER NOT NULL,
  PRIMARY KEY (thing, value)) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX tagged_by_value ON tagged(value, thing);
CREATE TABLE totals(value INTEGER PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO totals SELECT value, count(*) FROM tagged GROUP BY value;
"""
"""Made after the rows are in: the index (quicker than keeping it up to date), and how
many things have each value, which is the count of a facet left unfiltered when
nothing else narrows the search (the empty search page, a filter's own facet)."""


class IndexMissing(Exception):
    """There is no search index to read; the message says what to do."""


def index_path(folder: Path) -> Path:
    """The index file of a build folder."""
    return folder / INDEX_FILE


def current_index_path(base: Path | None = None) -> Path:
    """The index file of the current build under a home (resolved, so that a reader
    keeps the build it opened while a rebuild swaps the link)."""
    return index_path(current_build(base).resolve())


def build_index(folder: Path) -> int:
    """Write the search index of a build folder from its store; returns the entries."""
    store = ox.Store.read_only(str(folder / "oxigraph"))
    try:
        entries = read_entries(store)
    finally:
        del store
    write_index(entries, index_path(folder))
    return len(entries)


def write_index(entries: list[Entry], path: Path) -> None:
    """Write entries into a new index file at ``path`` (replacing any there).

    The rows are made first and each table filled by one ``executemany`` in one
    transaction, on a new file without a journal: three statements an entry
    cost more than the words' indexing."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    things, texts, tagged, values = _rows(entries)
    db = sqlite3.connect(partial)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(SCHEMA)
        with db:
            db.executemany("INSERT INTO things VALUES (?, ?, ?, ?, ?, ?)", things)
            db.executemany("INSERT INTO texts(rowid, names, body, quoted, context) "
                           "VALUES (?, ?, ?, ?, ?)", texts)
            db.executemany("INSERT INTO facet_values VALUES (?, ?, ?, ?, ?)",
                           [(number, facet, key, label, iri)
                            for (facet, key), (number, label, iri) in values.items()])
            db.executemany("INSERT INTO tagged VALUES (?, ?)", tagged)
            db.execute("INSERT INTO texts(texts, rank) VALUES ('rank', ?)",
                       (f"bm25({', '.join(str(w) for w in WEIGHTS)})",))
            db.executemany("INSERT INTO meta VALUES (?, ?)",
                           [("schema", SCHEMA_VERSION), ("entries", str(len(entries)))])
        db.executescript(INDEXES)
        db.execute("INSERT INTO texts(texts) VALUES ('optimize')")
        db.commit()
    finally:
        db.close()
    os.replace(partial, path)


def _rows(entries: list[Entry]) -> tuple[list[tuple], list[tuple], list[tuple[int, int]],
                                          dict[tuple[str, str], tuple[int, str, str | None]]]:
    """The rows of the things, their words and their facet values (each value numbered
    once, in the order first met), numbered as the entries are ordered."""
    numbers = {entry.iri: number for number, entry in enumerate(entries, start=1)}
    values: dict[tuple[str, str], tuple[int, str, str | None]] = {}
    things: list[tuple] = []
    texts: list[tuple] = []
    tagged: list[tuple[int, int]] = []
    for number, entry in enumerate(entries, start=1):
        passages = " ".join(str(numbers[p]) for p in entry.passages if p in numbers)
        things.append((number, entry.iri, entry.link, entry.title, entry.kind, passages))
        texts.append((number, "\n".join(entry.names), "\n".join(entry.body),
                      "\n".join(entry.quoted), "\n".join(entry.context)))
        tags = set()
        for facet, by_key in entry.facets.items():
            for key, (label, iri) in by_key.items():
                value = values.get((facet, key))
                if value is None:
                    value = values[(facet, key)] = (len(values) + 1, label, iri)
                tags.add(value[0])
        tagged.extend((number, value) for value in sorted(tags))
    return things, texts, tagged, values


def open_index(path: Path) -> sqlite3.Connection:
    """Open an index file read-only; IndexMissing when there is none (or it is not one)."""
    if not path.is_file():
        raise IndexMissing("there is no search index in this build: run `jargraph build`")
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    db = sqlite3.connect(uri, uri=True)
    try:
        found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError:
        found = None
    if found is None or found[0] != SCHEMA_VERSION:
        db.close()
        raise IndexMissing("the search index of this build is from another version of "
                           "jargraph: run `jargraph build` again")
    return db
