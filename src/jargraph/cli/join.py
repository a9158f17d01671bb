"""``jargraph join FILE.csv --column NAME``: add each row's area, its codes and a named
query's columns to a CSV file (see :mod:`jargraph.join`).

The joined table goes to ``-o FILE`` (a new file; never the input) or to standard
output; rows that match no area are listed on standard error with the closest
candidates. Exit codes: 0 every row matched, 1 the output was written but some rows
matched no area, 2 nothing was written (a missing column, an unreadable file, a bad
query or parameter).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import formats, settings
from ..join import JoinError, Runner, csv_bytes, join, read_file, summary
from ..named_queries import ParameterError, QueryLibraryError, load_library
from ..store import StoreError, open_store
from ..vocab import PREFIXES


def add_parser(sub: argparse._SubParsersAction, words: list[str]) -> None:
    p = sub.add_parser("join", help="add areas, their codes and a named query's columns to "
                                    "the rows of a CSV file")
    p.add_argument("file", type=Path, help="a CSV file (UTF-8) with a header row")
    p.add_argument("--column", "-c", required=True,
                   help="the column holding each row's area (a name, DfE number or GSS code)")
    p.add_argument("--query", "-q", default=None,
                   help="a named query whose columns to add for each row's area")
    p.add_argument("--param", "-p", action="append", default=[], metavar="KEY=VALUE",
                   help="a parameter of the named query (repeatable)")
    p.add_argument("--output", "-o", type=Path, default=None,
                   help="the file to write (default: standard output); never the input")
    settings.add_options(p, ("home", "store"))
    p.set_defaults(run=run)


def store_runner(args: argparse.Namespace) -> Runner:
    """Runs a SELECT on the store the settings name; values as text."""
    target = open_store(settings.from_args(args), PREFIXES)

    def run_select(sparql: str) -> tuple[list[str], list[dict[str, str]]]:
        out = target.query(sparql, formats.SPARQL_JSON.media_type)
        data = json.loads(out.body)
        rows = [{k: v["value"] for k, v in binding.items()}
                for binding in data["results"]["bindings"]]
        return list(data["head"]["vars"]), rows

    return run_select


def run(args: argparse.Namespace) -> int:
    def fail(message: str) -> int:
        print(f"jargraph join: {message}", file=sys.stderr)
        return 2

    if args.output is not None and args.output.resolve() == args.file.resolve():
        return fail(f"-o {args.output} is the input file; the input is never changed: "
                    "give another file name")
    params = dict(p.partition("=")[::2] for p in args.param)
    try:
        query = None
        if args.query is not None:
            library = load_library()
            if args.query not in library:
                return fail(f"no named query {args.query!r}; `jargraph query --help` lists "
                            "them")
            query = library[args.query]
        elif params:
            return fail("--param is for the named query given with --query")
        table = read_file(args.file)
        joined = join(table, args.column, query, params,
                      store_runner(args) if query is not None else None)
    except (JoinError, ParameterError, QueryLibraryError, StoreError) as exc:
        return fail(str(exc))
    data = csv_bytes(joined.table)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            args.output.write_bytes(data)
        except OSError as exc:
            return fail(f"cannot write {args.output}: {exc.strerror}")
    for row in joined.unmatched:
        print(f"jargraph join: {args.file}: {row.describe()}", file=sys.stderr)
    print(f"jargraph join: {summary(joined)}", file=sys.stderr)
    return 1 if joined.unmatched else 0
