"""``/query``: a page to write SPARQL, run it, and read the answer as a table.

The form submits to ``/query`` by GET, so every answer has an address. The
query runs through the app's query workers with the server's time and row
limits. The editor is a textarea; our own small script adds highlighting,
loads the library's examples into it and sorts the table, and the page works
without it (examples are then links to ``/query?query=...``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..store import QuerySyntaxError, StoreError, StoreUnavailable
from ..vocab import PREFIXES
from .linked_data import bind_prefixes, curie, href, json_term

bp = Blueprint("query_page", __name__)

DEFAULT_BODY = """SELECT ?area ?label WHERE {
  ?area a jar:Area ;
        skos:prefLabel ?label .
}
ORDER BY ?label
LIMIT 20"""
SELECT_DOWNLOADS = (("json", "SPARQL JSON"), ("xml", "SPARQL XML"), ("csv", "CSV"),
                    ("tsv", "TSV"))
GRAPH_DOWNLOADS = (("ttl", "Turtle"), ("nt", "N-Triples"), ("rdf", "RDF/XML"),
                   ("jsonld", "JSON-LD"))
MAX_QUERY = 100_000


@dataclass
class Cell:
    text: str
    link: str | None = None
    iri: str | None = None
    note: str = ""
    sort: str = ""


@dataclass
class Results:
    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell | None]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    downloads: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Example:
    name: str
    title: str
    description: str
    sparql: str
    link: str


def default_query() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + "\n" + DEFAULT_BODY


def examples() -> list[Example]:
    """The named query library's queries, each ready to load into the editor."""
    try:
        from ..named_queries import load_library

        library = load_library()
    except Exception:  # noqa: BLE001 - the page works without the library
        return []
    out = []
    for name, query in library.items():
        try:
            sparql = query.render({})
        except Exception:  # noqa: BLE001 - a required parameter: show the query as written
            sparql = query.sparql
        out.append(Example(name, query.title, query.description, sparql,
                           "/query?" + urlencode({"query": sparql})))
    return out


@bp.route("/query")
def query_page() -> Response:
    """The editor, and the answer to ``?query=`` when one is given."""
    text = request.args.get("query", "")
    results: Results | None = None
    error: str | None = None
    position: tuple[int | None, int | None] = (None, None)
    status = 200
    if len(text) > MAX_QUERY:
        error, status = f"The query is longer than {MAX_QUERY} characters.", 400
    elif text.strip():
        try:
            results = run(text)
        except QuerySyntaxError as exc:
            error, status = str(exc), 400
            position = (exc.line, exc.column)
        except StoreUnavailable:
            error, status = "The dataset has not been built on this server yet.", 503
        except StoreError as exc:
            error = str(exc) or "The query could not be run."
            status = 400 if type(exc).__name__ in ("ServiceRefused", "NotAcceptable") else 503
    body = render_template(
        "query.html",
        title="Query",
        query=text or default_query(),
        asked=bool(text.strip()),
        results=results,
        error=error,
        line=position[0],
        column=position[1],
        examples=examples(),
        row_limit=int(current_app.config.get("ROW_LIMIT") or 0),
        prefixes=json.dumps(PREFIXES),
    )
    return Response(body, status=status, mimetype="text/html")


def run(sparql: str) -> Results:
    """Run the query through the query workers and shape the answer as a table."""
    from . import get_executor

    limit = int(current_app.config.get("ROW_LIMIT") or 0) or None
    out = get_executor().execute(
        sparql, "application/sparql-results+json", "application/n-triples",
        row_limit=limit, timeout=float(current_app.config["QUERY_TIMEOUT"]),
    )
    if out.kind == "graph":
        results = graph_results(out.body, limit)
        results.downloads = _downloads(sparql, GRAPH_DOWNLOADS)
        return results
    data = json.loads(out.body)
    if "boolean" in data:
        return Results("ask", boolean=bool(data["boolean"]),
                       downloads=_downloads(sparql, SELECT_DOWNLOADS[:2]))
    columns = list(data["head"].get("vars", []))
    rows = [[cell(json_term(b[c])) if c in b else None for c in columns]
            for b in data["results"]["bindings"]]
    return Results("select", columns, rows, truncated=out.truncated,
                   downloads=_downloads(sparql, SELECT_DOWNLOADS))


def graph_results(body: bytes, limit: int | None) -> Results:
    graph = bind_prefixes(Graph())
    if body.strip():
        graph.parse(data=body.decode("utf-8"), format="nt")
    triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    truncated = bool(limit and len(triples) > limit)
    if limit:
        triples = triples[:limit]
    rows: list[list[Cell | None]] = [[cell(s), cell(p), cell(o)] for s, p, o in triples]
    return Results("graph", ["subject", "predicate", "object"], rows, truncated=truncated)


def cell(term: Node) -> Cell:
    if isinstance(term, URIRef):
        iri = str(term)
        return Cell(curie(iri), href(iri), iri, sort=curie(iri))
    if isinstance(term, Literal):
        note = term.language or ""
        if term.datatype and not str(term.datatype).endswith("#string"):
            note = curie(str(term.datatype))
        value = str(term)
        number = _number(term)
        return Cell(value, note=note, sort=number if number is not None else value)
    return Cell(f"_:{term}", sort=str(term))


def _number(term: Literal) -> str | None:
    """A sort key that orders numbers numerically (the script reads it)."""
    try:
        float(str(term))
    except ValueError:
        return None
    return str(term) if term.datatype and "XMLSchema#" in str(term.datatype) else None


def _downloads(sparql: str, formats: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [(label, "/sparql?" + urlencode({"query": sparql, "format": name}))
            for name, label in formats]
