"""Query answers as tables a person reads: SELECT rows, ASK's yes or no, CONSTRUCT triples.

The query page, the named-query pages and ``/sparql`` asked for HTML all show
an answer through :class:`Results`, each term through :func:`jargraph.terms.show`
(``jarid:area/leeds`` linking to its page, a literal as text with its language
or datatype noted), and the template macro ``results_table`` in
``_results.html``. A graph answer is a table of its triples, sorted by
subject, never Turtle on one long line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import Graph

from .. import formats
from ..store import QueryOutput
from ..terms import Shown, show, show_binding
from . import paging
from .reading import bind_prefixes


@dataclass
class Results:
    kind: str
    """``select``, ``ask`` or ``graph``."""
    columns: list[str] = field(default_factory=list)
    rows: list[list[Shown | None]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    downloads: list[tuple[str, str]] = field(default_factory=list)
    page: paging.Page | None = None
    """Where the rows shown sit in a SELECT's answer (None: not paged)."""


def select_results(body: bytes, truncated: bool = False,
                   window: paging.PagedQuery | None = None) -> Results:
    """SELECT or ASK results in SPARQL 1.1 JSON, as a table (or a yes/no answer);
    with ``window``, the page of the answer that query asked for."""
    data = json.loads(body)
    if "boolean" in data:
        return Results("ask", boolean=bool(data["boolean"]))
    columns = list(data["head"].get("vars", []))
    bindings = data["results"]["bindings"]
    shown_page = None
    if window is not None:
        bindings, shown_page = paging.page_of(bindings, window, truncated)
    rows = [[show_binding(b[c]) if c in b else None for c in columns] for b in bindings]
    return Results("select", columns, rows, truncated=truncated and window is None,
                   page=shown_page)


def graph_results(body: bytes, limit: int | None) -> Results:
    """CONSTRUCT or DESCRIBE results in N-Triples, as a table of triples sorted by
    subject, cut at ``limit`` rows (and flagged)."""
    graph = bind_prefixes(Graph())
    if body.strip():
        graph.parse(data=body.decode("utf-8"), format="nt")
    triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    truncated = bool(limit and len(triples) > limit)
    if limit:
        triples = triples[:limit]
    rows: list[list[Shown | None]] = [[show(s), show(p), show(o)] for s, p, o in triples]
    return Results("graph", ["subject", "predicate", "object"], rows, truncated=truncated)


def answer_table(run: Callable[[str, str, str], QueryOutput], sparql: str, page: int,
                 size: int, row_limit: int | None) -> Results:
    """The query's answer as a table: of a SELECT, page ``page`` of ``size`` rows (by a
    window on its own text, :mod:`.paging`); of a graph, its triples up to ``row_limit``.
    ``run(sparql, select_format, graph_format)`` runs it the caller's way."""
    window = paging.paged(sparql, page, size)
    out = run(window.sparql if window else sparql, formats.SPARQL_JSON.media_type,
              formats.N_TRIPLES.media_type)
    if out.kind == "graph":
        return graph_results(out.body, row_limit)
    return select_results(out.body, out.truncated, window)
