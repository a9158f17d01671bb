"""32 clients at once against a real waitress server over the built graph.

Every client sends a fixed number of mixed requests: named queries, pages,
``/id/`` redirects and SPARQL SELECT, ASK and CONSTRUCT in every results
format, by GET and POST. Each answer is parsed and compared with the answer
worked out beforehand, one request at a time: SPARQL and named queries against
the same query run directly on the store, pages against the page as the idle
server first sent it.
"""

from __future__ import annotations

import csv
import io
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest

from jargraph import formats, store
from jargraph.named_queries import example_values, load_library

from .conftest import Reply, fetch, running_server

SELECT_FORMATS = {f.media_type: f.results_format for f in formats.RESULTS}
GRAPH_FORMATS = {f.media_type: f.rdf_format for f in formats.GRAPHS}

CLIENTS = 32
REQUESTS_PER_CLIENT = 8
HEAVY_QUERIES = {"area-profile"}
"""Named queries of a second or more: each is sent by two clients only, not in the mix."""
FINISH_LIMIT = 300.0
"""Seconds all clients together may take before the test counts the server as hung."""

PREFIXES = "PREFIX jar: <https://w3id.org/jargraph/def#>\n"
SOUTHAMPTON = "https://w3id.org/jargraph/id/area/southampton"
SELECT = PREFIXES + """SELECT ?s ?p ?o WHERE {
  GRAPH <https://w3id.org/jargraph/graph/leeds-executive-board-jar-2008> { ?s ?p ?o } }"""
"""Every triple of one document: IRIs and literals of many datatypes and languages."""
ASK_TRUE = PREFIXES + f"ASK {{ ?r a jar:JointAreaReview ; jar:area <{SOUTHAMPTON}> }}"
ASK_FALSE = PREFIXES + f"ASK {{ <{SOUTHAMPTON}> a jar:JointAreaReview }}"
CONSTRUCT = PREFIXES + """CONSTRUCT { ?s ?p ?o } WHERE {
  GRAPH <https://w3id.org/jargraph/graph/reference> { ?s ?p ?o } }"""

SELECT_TYPES = {"json": "application/sparql-results+json",
                "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"ttl": "text/turtle", "nt": "application/n-triples",
               "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
PAGES = ["/", "/doc/area/southampton", "/doc/review/jar-leeds-2008"]
REDIRECTS = {"/id/area/southampton": "/doc/area/southampton",
             "/id/review/jar-leeds-2008": "/doc/review/jar-leeds-2008"}


# ---------------------------------------------------------------- parsed answers


def parse_results(body: bytes, media_type: str) -> Any:
    """SELECT/ASK results as a comparable value: a boolean, or (variables, row multiset)."""
    if media_type == "text/csv":
        text = body.decode("utf-8")
        if text.strip() in ("true", "false"):
            return text.strip() == "true"
        table = list(csv.reader(io.StringIO(text)))
        return tuple(table[0]), Counter(tuple(row) for row in table[1:])
    fmt = SELECT_FORMATS[media_type]
    parsed = ox.parse_query_results(body, fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed)
    variables = tuple(v.value for v in parsed.variables)
    return variables, Counter(tuple(solution[v] for v in variables) for solution in parsed)


def parse_graph(body: bytes, media_type: str) -> frozenset:
    """A CONSTRUCT's triples as a set (the store has no blank nodes: they are skolemised)."""
    fmt = GRAPH_FORMATS[media_type]
    return frozenset((q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt))


def parse_answer(body: bytes, media_type: str) -> Any:
    if media_type in GRAPH_FORMATS:
        return parse_graph(body, media_type)
    return parse_results(body, media_type)


def expected_answer(oxi: ox.Store, sparql: str, media_type: str) -> Any:
    """The answer of the query run directly on the store, parsed."""
    out = store.run_query(oxi, sparql, select_format=media_type if media_type
                          in SELECT_FORMATS else "application/sparql-results+json",
                          graph_format=media_type if media_type in GRAPH_FORMATS
                          else "text/turtle")
    assert out.media_type == media_type, (sparql, out.media_type)
    return parse_answer(out.body, media_type)


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Request:
    """One request of the mix and how to check its answer."""

    kind: str
    path: str
    check: Callable[[Reply], str | None]
    """None when the answer is right, else what is wrong."""
    method: str = "GET"
    accept: str | None = None
    body: bytes | None = None
    content_type: str | None = None

    def send(self, base: str) -> Reply:
        headers = {"Content-Type": self.content_type} if self.content_type else None
        return fetch(base, self.path, method=self.method, accept=self.accept, body=self.body,
                     headers=headers)


def answer_check(expected: Any, media_type: str) -> Callable[[Reply], str | None]:
    def check(reply: Reply) -> str | None:
        if reply.status != 200:
            return f"status {reply.status}: {reply.body[:300]!r}"
        if reply.media_type != media_type:
            return f"media type {reply.media_type!r}, not {media_type!r}"
        if reply.headers.get("x-jargraph-truncated"):
            return "truncated"
        try:
            got = parse_answer(reply.body, media_type)
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
            return f"does not parse as {media_type}: {exc}"
        return None if got == expected else "a different answer from the store's"
    return check


def page_check(expected: bytes) -> Callable[[Reply], str | None]:
    def check(reply: Reply) -> str | None:
        if reply.status != 200:
            return f"status {reply.status}: {reply.body[:300]!r}"
        return None if reply.body == expected else "a different page from the one served idle"
    return check


def redirect_check(target: str) -> Callable[[Reply], str | None]:
    def check(reply: Reply) -> str | None:
        location = reply.headers.get("location", "")
        if reply.status != 303 or not location.endswith(target):
            return f"status {reply.status}, Location {location!r}; wanted 303 to {target}"
        return None
    return check


def sparql_requests(oxi: ox.Store) -> list[Request]:
    """Each query form in each of its formats, sent in turn by each protocol method."""
    out: list[Request] = []
    cases = [("select", SELECT, SELECT_TYPES), ("ask", ASK_TRUE, SELECT_TYPES),
             ("ask", ASK_FALSE, {"json": SELECT_TYPES["json"]}),
             ("construct", CONSTRUCT, GRAPH_TYPES)]
    for form, sparql, types in cases:
        for number, (name, media_type) in enumerate(types.items()):
            check = answer_check(expected_answer(oxi, sparql, media_type), media_type)
            kind = f"sparql {form} {name}"
            way = number % 4
            if way == 0:
                out.append(Request(kind, "/sparql?" + urlencode({"query": sparql,
                                                                  "format": name}), check))
            elif way == 1:
                out.append(Request(kind, "/sparql?" + urlencode({"query": sparql}), check,
                                   accept=media_type))
            elif way == 2:
                out.append(Request(kind, "/sparql", check, method="POST", accept=media_type,
                                   body=urlencode({"query": sparql}).encode(),
                                   content_type="application/x-www-form-urlencoded"))
            else:
                out.append(Request(kind, "/sparql", check, method="POST", accept=media_type,
                                   body=sparql.encode(),
                                   content_type="application/sparql-query"))
    return out


def named_query_requests(oxi: ox.Store) -> tuple[list[Request], list[Request]]:
    """Every named query with its example's values: (the quick ones, the heavy ones)."""
    quick: list[Request] = []
    heavy: list[Request] = []
    for number, (name, query) in enumerate(sorted(load_library().items())):
        values = example_values(query.example)
        graph = query.form in ("construct", "describe")
        if graph:
            media_type, fmt = ("text/turtle", "ttl") if number % 2 else (
                "application/ld+json", "jsonld")
        else:
            media_type, fmt = ("text/csv", "csv") if number % 3 == 0 else (
                "application/sparql-results+json", "json")
        expected = expected_answer(oxi, query.render(values), media_type)
        path = f"/api/queries/{quote(name)}?" + urlencode({**values, "format": fmt})
        request = Request(f"named query {fmt}", path, answer_check(expected, media_type))
        (heavy if name in HEAVY_QUERIES else quick).append(request)
    return quick, heavy


def page_requests(base: str) -> list[Request]:
    """Pages and a Turtle document, checked against what the idle server sends first."""
    out: list[Request] = []
    for path in PAGES:
        first = fetch(base, path, accept="text/html")
        second = fetch(base, path, accept="text/html")
        assert first.status == 200, (path, first.status)
        assert first.body == second.body, f"{path} differs between two idle requests"
        out.append(Request("page html", path, page_check(first.body), accept="text/html"))
    turtle = fetch(base, "/doc/area/southampton.ttl")
    assert turtle.status == 200 and turtle.media_type == "text/turtle"
    expected = parse_graph(turtle.body, "text/turtle")
    assert expected
    out.append(Request("page turtle", "/doc/area/southampton.ttl",
                       answer_check(expected, "text/turtle")))
    for path, target in REDIRECTS.items():
        out.append(Request("id redirect", path, redirect_check(target), accept="text/html"))
    return out


# ---------------------------------------------------------------- the test


@pytest.fixture(scope="module")
def server(built_home: Path) -> Iterator[str]:
    config = {"home": built_home, "workers": 2, "timeout": 30.0, "row_limit": 10000}
    with running_server(config, threads=16) as (url, _app):
        yield url


def test_32_clients_get_only_correct_answers(server: str, built_store: ox.Store) -> None:
    quick, heavy = named_query_requests(built_store)
    plan = [*sparql_requests(built_store), *quick, *page_requests(server)]
    assert heavy, f"no named query called {HEAVY_QUERIES}"
    errors: list[str] = []
    counts: Counter[str] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def client(number: int) -> None:
        mine = [plan[(number * REQUESTS_PER_CLIENT + k) % len(plan)]
                for k in range(REQUESTS_PER_CLIENT)]
        if number % (CLIENTS // 2) == 0:
            mine.append(heavy[number % len(heavy)])
        start.wait(60)
        for request in mine:
            try:
                problem = request.check(request.send(server))
            except (OSError, ValueError) as exc:  # refused, reset, timed out, bad reply
                problem = f"{type(exc).__name__}: {exc}"
            with lock:
                counts[request.kind] += 1
                if problem:
                    errors.append(f"client {number}: {request.kind} {request.method} "
                                  f"{request.path[:120]}: {problem}")

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, FINISH_LIMIT - (time.monotonic() - began)))
    hung = [t.name for t in threads if t.is_alive()]
    took = time.monotonic() - began

    total = sum(counts.values())
    summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))
    print(f"\n{total} requests from {CLIENTS} clients in {took:.1f} s: {summary}")
    assert not hung, f"{len(hung)} clients still waiting after {FINISH_LIMIT:g} s"
    assert not errors, f"{len(errors)} of {total} requests failed:\n" + "\n".join(errors[:20])
    assert total == CLIENTS * REQUESTS_PER_CLIENT + 2
    kinds = {kind.split()[0] + " " + kind.split()[1] for kind in counts}
    assert {"sparql select", "sparql ask", "sparql construct", "named query",
            "page html", "id redirect"} <= kinds


def test_the_server_still_answers_after_the_load(server: str) -> None:
    reply = fetch(server, "/sparql?" + urlencode({"query": ASK_TRUE}),
                  accept="application/sparql-results+json")
    assert reply.status == 200
    assert reply.json()["boolean"] is True
