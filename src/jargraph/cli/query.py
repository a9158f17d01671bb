"""``jargraph query``: run SPARQL (inline, from a file, or a named query) and print the answer.

Queries run on the store the settings name (the built store, or ``--store``);
jargraph's prefixes (``jar:``, ``skos:`` ...) are declared for every query, so
short queries need no PREFIX lines.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import formats, settings
from ..named_queries import ParameterError, QueryLibraryError, load_library
from ..results import table
from ..store import StoreError, open_store
from ..vocab import PREFIXES

OUTPUTS = ("table", "json", "csv", "tsv", "xml", "ttl", "nt", "rdf", "jsonld")
"""``--format`` values: a table, a results format (SELECT, ASK) or a graph format
(CONSTRUCT, DESCRIBE); a query of the other kind gets its kind's default."""


def add_parser(sub: argparse._SubParsersAction, words: list[str]) -> None:
    p = sub.add_parser("query", help="run SPARQL (inline, from a file, or a named query)",
                       epilog=library_help() if words == ["query"] else None,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", help="a named query of the library, a .rq file, or SPARQL text")
    p.add_argument("--param", "-p", action="append", default=[], metavar="KEY=VALUE",
                   help="a parameter of a named query (repeatable)")
    p.add_argument("--format", "-f", default="table", choices=OUTPUTS,
                   help="output format (CONSTRUCT/DESCRIBE print Turtle unless a graph format "
                        "is chosen)")
    settings.add_options(p, ("home", "store"))
    p.set_defaults(run=run)


def library_help() -> str:
    """The named queries, listed in ``jargraph query --help``."""
    try:
        library = load_library()
    except QueryLibraryError as exc:
        return f"named queries: unavailable ({exc})"
    lines = ["named queries (jargraph query NAME --param key=value):"]
    for name, query in sorted(library.items()):
        params = " ".join(f"{p.name}=" for p in query.parameters)
        lines.append(f"  {name:28} {query.title}" + (f"  [{params}]" if params else ""))
    return "\n".join(lines)


def query_text(text: str, params: list[str]) -> str:
    """The SPARQL to run: a named query rendered with its parameters, a file, or the text."""
    values = dict(p.partition("=")[::2] for p in params)
    library = load_library()
    if text in library:
        return library[text].render(values)
    if params:
        raise ValueError(f"--param is for named queries; {text!r} is not one "
                         f"(see `jargraph query --help`)")
    if text.endswith(".rq") or (len(text) < 256 and Path(text).is_file()):
        return Path(text).read_text(encoding="utf-8")
    return text


def output_formats(name: str) -> tuple[str, str]:
    """The (results, graph) media types to ask the store for, for ``--format``."""
    if name == "table":
        return formats.SPARQL_JSON.media_type, formats.TURTLE.media_type
    results = formats.find(name, "results")
    graph = formats.find(name, "graph")
    return ((results or formats.SPARQL_JSON).media_type,
            (graph or formats.TURTLE).media_type)


def run(args: argparse.Namespace) -> int:
    try:
        sparql = query_text(args.query, args.param)
    except (ParameterError, ValueError, OSError) as exc:
        print(f"jargraph query: {exc}", file=sys.stderr)
        return 2
    select_format, graph_format = output_formats(args.format)
    try:
        out = open_store(settings.from_args(args), PREFIXES).query(
            sparql, select_format, graph_format)
    except StoreError as exc:
        print(f"jargraph query: {exc}", file=sys.stderr)
        return 2
    if out.kind in ("select", "ask") and args.format == "table":
        print(table(out.body))
    else:
        sys.stdout.buffer.write(out.body)
        sys.stdout.flush()
    return 0
