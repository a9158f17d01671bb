"""The command line: ``jargraph build | validate | query | export | serve``.

Each sub-command's work lives in the module named after its concern; this
module only parses arguments and maps errors to exit codes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import QueryOutput

EXPORT_FORMATS = {
    "trig": "application/trig",
    "nq": "application/n-quads",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "n3": "text/n3",
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; the named-query list (read from ``queries/``) is loaded only when the
    command is ``query``, so other commands start without reading the library."""
    parser = argparse.ArgumentParser(
        prog="jargraph",
        description="A knowledge graph of the Joint Area Reviews of children's services.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_build(sub)
    _add_validate(sub)
    command = (sys.argv[1:] if argv is None else argv)[:1]
    _add_query(sub, with_library=command == ["query"])
    _add_export(sub)
    _add_serve(sub)
    return parser


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="read the documents, convert, validate and load the store")
    p.add_argument("--data", type=Path, default=_env_path("JARGRAPH_DATA"), metavar="DIR",
                   help="a folder of your own documents (*.txt, in any sub-folder) to build "
                        "beside the bundled ones; one with a bundled document's name replaces "
                        "it (JARGRAPH_DATA)")
    p.add_argument("--no-bundled", action="store_true",
                   help="leave out the bundled seed documents: build only those of --data")
    p.add_argument("--home", type=Path, default=None,
                   help="where builds go (default: $JARGRAPH_HOME or .jargraph/)")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="documents converted in parallel (default: one per core)")
    _add_store_option(p, "also replace every named graph on this SPARQL server")
    p.set_defaults(run=_run_build)


def _env_path(name: str) -> Path | None:
    import os

    value = os.environ.get(name, "").strip()
    return Path(value) if value else None


def _add_store_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--store", metavar="URL", default=None,
                   help=f"{what} (JARGRAPH_STORE), e.g. http://user:password@host:8890/sparql")


def _store_url(args: argparse.Namespace) -> str | None:
    """The remote store's URL: ``--store``, else ``JARGRAPH_STORE``, else none."""
    import os

    return args.store or os.environ.get("JARGRAPH_STORE", "").strip() or None


def _run_build(args: argparse.Namespace) -> int:
    from .build import build, print_report
    from .store import StoreError, home

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.no_bundled and args.data is None:
        print("jargraph build: --no-bundled leaves nothing to build: give --data DIR too",
              file=sys.stderr)
        return 2
    try:
        report = build(args.data, args.home, bundled=not args.no_bundled, progress=say,
                       validate=not args.no_validate, store_url=_store_url(args), jobs=args.jobs)
    except OSError as exc:
        print(f"jargraph build: {_os_error(exc, args.home or home())}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"jargraph build: {exc}", file=sys.stderr)
        return 2
    print_report(report)
    if report.errors:
        return 2
    return 0 if report.ok else 1


def _os_error(exc: OSError, where: Path) -> str:
    """An OS error as one line that names the file or folder (errors from a write
    in a worker process or from a library often name neither)."""
    message = str(exc)
    if exc.filename is None and str(where) not in message:
        message = f"{exc.strerror or message} (writing under {where})"
    return message


def _add_query(sub: argparse._SubParsersAction, with_library: bool = True) -> None:
    p = sub.add_parser("query", help="run SPARQL (inline, from a file, or a named query)",
                       epilog=_library_help() if with_library else None,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", help="a named query from queries/, a .rq file, or SPARQL text")
    p.add_argument("--param", "-p", action="append", default=[], metavar="KEY=VALUE",
                   help="a parameter of a named query (repeatable)")
    p.add_argument("--format", "-f", default="table",
                   choices=["table", "json", "csv", "tsv", "xml", "ttl", "nt", "jsonld"],
                   help="output format (CONSTRUCT/DESCRIBE print Turtle unless nt/jsonld)")
    p.add_argument("--home", type=Path, default=None, help="the store's home folder")
    _add_store_option(p, "query this SPARQL server instead of the built store")
    p.set_defaults(run=_run_query)


def _library_help() -> str:
    """The named queries, listed in ``jargraph query --help``."""
    from .named_queries import QueryLibraryError, load_library

    try:
        library = load_library()
    except QueryLibraryError as exc:
        return f"named queries: unavailable ({exc})"
    lines = ["named queries (jargraph query NAME --param key=value):"]
    for name, query in sorted(library.items()):
        params = " ".join(f"{p.name}=" for p in query.parameters)
        lines.append(f"  {name:28} {query.title}" + (f"  [{params}]" if params else ""))
    return "\n".join(lines)


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the whole dataset in an RDF format")
    p.add_argument("--format", "-f", default="trig",
                   choices=sorted(EXPORT_FORMATS), help="RDF format (default: trig)")
    p.add_argument("--output", "-o", type=Path, default=None, help="file (default: stdout)")
    p.add_argument("--graph", default=None,
                   help="one named graph only (a document id such as jar-southampton-2007)")
    p.add_argument("--home", type=Path, default=None, help="the store's home folder")
    p.set_defaults(run=_run_export)


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="validate encodings against the shapes and ontology")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--format",
        metavar="FMT",
        help="parse every FILE as FMT (turtle, trig, json-ld, nt, nquads) "
        "instead of going by its extension",
    )
    p.add_argument(
        "--json", action="store_true", help="print the problems as JSON on standard output"
    )
    p.add_argument(
        "--shacl-report",
        metavar="FILE_OR_-",
        help="also write the full SHACL results graph as Turtle to FILE (- for standard output)",
    )
    p.set_defaults(run=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from .validate import run_cli

    return run_cli(args)


QUERY_OUTPUT = {
    "table": ("application/sparql-results+json", "text/turtle"),
    "json": ("application/sparql-results+json", "application/ld+json"),
    "csv": ("text/csv", "text/turtle"),
    "tsv": ("text/tab-separated-values", "text/turtle"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "ttl": ("application/sparql-results+json", "text/turtle"),
    "nt": ("application/sparql-results+json", "application/n-triples"),
    "jsonld": ("application/sparql-results+json", "application/ld+json"),
}


def _query_text(text: str, params: list[str]) -> str:
    """The SPARQL to run: a named query rendered with its parameters, a file, or the text."""
    from .named_queries import load_library

    values = dict(p.split("=", 1) if "=" in p else (p, "") for p in params)
    library = load_library()
    if text in library:
        return library[text].render(values)
    if params:
        raise ValueError(f"--param is for named queries; {text!r} is not one "
                         f"(see `jargraph query --list`)")
    if text.endswith(".rq") or (len(text) < 256 and Path(text).is_file()):
        return Path(text).read_text(encoding="utf-8")
    return text


def _run_query(args: argparse.Namespace) -> int:
    from . import store
    from .named_queries import ParameterError
    from .results import table

    try:
        sparql = _query_text(args.query, args.param)
    except (ParameterError, ValueError, OSError) as exc:
        print(f"jargraph query: {exc}", file=sys.stderr)
        return 2
    select_format, graph_format = QUERY_OUTPUT[args.format]
    try:
        out = _query(sparql, args, select_format, graph_format)
    except store.QuerySyntaxError as exc:
        print(f"jargraph query: {exc}", file=sys.stderr)
        return 2
    except store.StoreError as exc:
        print(f"jargraph query: {exc}", file=sys.stderr)
        return 2
    if out.kind in ("select", "ask") and args.format == "table":
        print(table(out.body))
    else:
        sys.stdout.buffer.write(out.body)
        sys.stdout.flush()
    return 0


def _query(sparql: str, args: argparse.Namespace, select_format: str,
           graph_format: str) -> QueryOutput:
    """Run the query on the remote store when one is given, else on the built store."""
    from . import store
    from .vocab import PREFIXES

    url = _store_url(args)
    if url:
        from .remote import remote_store_from_url

        return remote_store_from_url(url).query(sparql, select_format, graph_format)
    oxi = store.open_read_only(args.home)
    return store.run_query(oxi, sparql, select_format=select_format,
                           graph_format=graph_format, prefixes=PREFIXES)


def _run_export(args: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from . import store, uris
    from .vocab import PREFIXES

    fmt = ox.RdfFormat.from_media_type(EXPORT_FORMATS[args.format])
    graph = ox.NamedNode(str(uris.graph(args.graph))) if args.graph else None
    if fmt is None or (not fmt.supports_datasets and graph is None):
        print(f"jargraph export: {args.format} holds one graph only: add --graph NAME "
              "or choose trig or nq", file=sys.stderr)
        return 2
    try:
        oxi = store.open_read_only(args.home)
        if graph is not None and not oxi.contains_named_graph(graph):
            names = sorted(str(g.value).rsplit("/", 1)[-1] for g in oxi.named_graphs())
            print(f"jargraph export: no graph {args.graph!r}; graphs: {', '.join(names)}",
                  file=sys.stderr)
            return 2
        kwargs = {"from_graph": graph} if graph is not None and not fmt.supports_datasets else {}
        if fmt.supports_datasets and graph is not None:
            data = ox.serialize(oxi.quads_for_pattern(None, None, None, graph), format=fmt)
        else:
            prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
            data = oxi.dump(format=fmt, prefixes=prefixes, **kwargs)
        if args.output:
            tmp = args.output.with_name(args.output.name + ".part")
            try:
                tmp.write_bytes(data)
                tmp.replace(args.output)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                print(f"jargraph export: cannot write {args.output}: {exc.strerror or exc}",
                      file=sys.stderr)
                return 2
        else:
            sys.stdout.buffer.write(data)
    except (store.StoreError, OSError) as exc:
        print(f"jargraph export: {exc}", file=sys.stderr)
        return 2
    return 0


def _add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the web site and the SPARQL endpoint")
    p.add_argument("--host", help="address to listen on (JARGRAPH_HOST; default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (JARGRAPH_PORT; default 8000)")
    p.add_argument("--home", type=Path, help="store base folder (JARGRAPH_HOME)")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="time limit per query (JARGRAPH_QUERY_TIMEOUT; default 10)")
    p.add_argument("--row-limit", type=int, metavar="N",
                   help="most SELECT rows returned, 0 for none (JARGRAPH_ROW_LIMIT; default 10000)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="query worker processes (JARGRAPH_WORKERS; default 2)")
    p.add_argument("--threads", type=int, metavar="N",
                   help="waitress threads (JARGRAPH_THREADS; default 8)")
    p.add_argument("--max-request-bytes", type=int, metavar="N",
                   help="largest request body (JARGRAPH_MAX_REQUEST_BYTES; default 1 MiB)")
    p.add_argument("--allow-service", action="append", metavar="URL", dest="allowed_services",
                   help="an endpoint SERVICE may call; repeat for more "
                        "(JARGRAPH_ALLOWED_SERVICES; default none)")
    p.add_argument("--debug", action="store_true",
                   help="Flask's development server, with debugging")
    _add_store_option(p, "run every query on this SPARQL server instead of the built store")

    def run(args: argparse.Namespace) -> int:
        from .serve import serve

        config = {"HOME": args.home, "QUERY_TIMEOUT": args.timeout, "ROW_LIMIT": args.row_limit,
                  "WORKERS": args.workers, "MAX_REQUEST_BYTES": args.max_request_bytes,
                  "ALLOWED_SERVICES": args.allowed_services, "STORE": args.store}
        return serve(host=args.host, port=args.port, threads=args.threads, debug=args.debug,
                     config=config)

    p.set_defaults(run=run)


def main(argv: list[str] | None = None) -> int:
    args = build_parser(argv).parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("jargraph: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
