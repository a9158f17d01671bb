"""Where the graph lives: an embedded Oxigraph store on disk (the default).

The store is written whole by ``jargraph build`` into a fresh folder and then
swapped in by renaming a symbolic link, so readers never see a half-built
store and an interrupted build leaves the previous one serving. Queries run
over the union of all named graphs by default, as Fuseki and Virtuoso do.

A store answers a SPARQL query with bytes in the requested results format;
this keeps the same contract for the embedded store, a worker process and a
remote SPARQL server.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

SELECT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
DATASET_FORMATS: dict[str, ox.RdfFormat] = {
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}


class StoreError(Exception):
    """A store could not do what was asked; the message says what and what to do."""


class QuerySyntaxError(StoreError):
    """The query does not parse; ``line`` and ``column`` are 1-based where known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


class StoreUnavailable(StoreError):
    """The store cannot be reached or opened (no build yet, server down)."""


@dataclass
class QueryOutput:
    """One query's answer, serialised."""

    kind: str
    """``select``, ``ask`` or ``graph`` (CONSTRUCT and DESCRIBE)."""
    body: bytes
    media_type: str
    truncated: bool = False
    """True when a SELECT had more rows than the row limit and was cut."""
    rows: int | None = None


def default_home() -> Path:
    """Where builds go unless told otherwise: the user's data folder
    (``$XDG_DATA_HOME/jargraph``, by default ``~/.local/share/jargraph``), so that
    ``jargraph serve`` finds the last build from any folder."""
    data_home = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(data_home or Path.home() / ".local" / "share") / "jargraph"


def home() -> Path:
    """The home folder of builds: ``JARGRAPH_HOME``, else :func:`default_home`."""
    return Path(os.environ.get("JARGRAPH_HOME", "").strip() or default_home())


def current_build(base: Path | None = None) -> Path:
    """The link that always points at the complete, current build folder.

    A build folder holds ``oxigraph/`` (the store) and ``dumps/`` (downloads).
    Readers resolve this link once and keep the folder they got; a rebuild swaps
    the link, so comparing ``os.readlink`` tells a reader to re-open.
    """
    return (base or home()) / "current"


def current_store_path(base: Path | None = None) -> Path:
    return current_build(base) / "oxigraph"


def current_dumps_path(base: Path | None = None) -> Path:
    return current_build(base) / "dumps"


_POSITION = re.compile(r"(?:line|at)\s+(\d+)(?:\s*,?\s*column\s+(\d+))?", re.I)
_ERROR_AT = re.compile(r"error at (\d+):(\d+)")


def syntax_error(exc: Exception, query: str) -> QuerySyntaxError:
    """Turn an engine's parse error into one that names the line and column."""
    text = str(exc)
    line = column = None
    match = _ERROR_AT.search(text) or _POSITION.search(text)
    if match:
        line = int(match.group(1))
        column = int(match.group(2)) if match.group(2) else None
    elif (offset := re.search(r"(?:position|offset) (\d+)", text)) is not None:
        before = query[: int(offset.group(1))]
        line, column = before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1
    where = f" at line {line}, column {column}" if line and column else ""
    return QuerySyntaxError(f"SPARQL syntax error{where}: {text}", line, column)


class _RowLimitReached(Exception):
    """Stops the serialiser once a row past the limit has arrived."""


class _TsvRows:
    """A binary sink for TSV results that stops the serialiser one row past ``limit``.

    TSV writes every term in N-Triples syntax, escapes included, so each line
    after the header is one row: counting newlines counts rows exactly, and the
    query is evaluated no further than the limit needs.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.parts: list[bytes] = []
        self.lines = 0

    def write(self, chunk: bytes) -> int:
        self.parts.append(bytes(chunk))
        self.lines += chunk.count(b"\n")
        if self.lines > self.limit + 1:  # the header line, then the rows
            raise _RowLimitReached
        return len(chunk)

    def flush(self) -> None:
        pass


def serialise_results(
    result: ox.QuerySolutions | ox.QueryBoolean, select_format: str, row_limit: int | None
) -> QueryOutput:
    """SELECT or ASK results in ``select_format``, cut at ``row_limit`` rows (and flagged).

    With a row limit the rows go through TSV, which Oxigraph writes and reads
    natively and which loses nothing: a Python loop over the solutions would
    cost more than the query itself on small graphs.
    """
    fmt = SELECT_FORMATS[select_format]
    if isinstance(result, ox.QueryBoolean):
        return QueryOutput("ask", result.serialize(format=fmt), select_format)
    if row_limit is None:
        return QueryOutput("select", result.serialize(format=fmt), select_format)
    sink = _TsvRows(row_limit)
    try:
        result.serialize(sink, format=ox.QueryResultsFormat.TSV)
        truncated = False
    except _RowLimitReached:
        truncated = True
    body = b"".join(sink.parts)
    if truncated:
        body = b"\n".join(body.split(b"\n", row_limit + 1)[: row_limit + 1]) + b"\n"
    rows = body.count(b"\n") - 1
    if fmt != ox.QueryResultsFormat.TSV:
        body = ox.parse_query_results(body, ox.QueryResultsFormat.TSV).serialize(format=fmt)
    return QueryOutput("select", body, select_format, truncated, rows)


def run_query(
    store: ox.Store,
    sparql: str,
    *,
    select_format: str = "application/sparql-results+json",
    graph_format: str = "text/turtle",
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    row_limit: int | None = None,
    prefixes: dict[str, str] | None = None,
) -> QueryOutput:
    """Run one query on an Oxigraph store and serialise the answer.

    With no ``default_graphs`` the default graph is the union of all graphs.
    ``prefixes`` are declared for the query as if written in it (the command
    line passes jargraph's own, so short queries need no PREFIX lines).
    """
    try:
        result = store.query(
            sparql,
            use_default_graph_as_union=not default_graphs,
            default_graph=[ox.NamedNode(g) for g in default_graphs] if default_graphs else None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] if named_graphs else None,
            prefixes=prefixes,
        )
    except SyntaxError as exc:
        raise locate_syntax_error(exc, sparql) from None
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"query failed: {exc}") from None
    if isinstance(result, ox.QueryBoolean | ox.QuerySolutions):
        return serialise_results(result, select_format, row_limit)
    fmt = GRAPH_FORMATS[graph_format]
    return QueryOutput("graph", ox.serialize(result, format=fmt) or b"", graph_format)


def open_read_only(base: Path | None = None) -> ox.Store:
    """Open the current store for reading; a clear error when there is none yet."""
    link = current_build(base)
    if not link.exists():
        raise StoreUnavailable(f"no store under {link.parent}: run `jargraph build` first")
    try:
        return ox.Store.read_only(str(link.resolve() / "oxigraph"))
    except OSError as exc:
        raise StoreUnavailable(f"cannot open the store under {link.parent}: {exc}") from None


def new_build_folder(base: Path | None = None) -> Path:
    """A fresh, uniquely named folder for a build to write into, beside the current one.

    Names start with the time, so sorting them sorts builds by age.
    """
    root = (base or home()) / "builds"
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=root))


def new_store_folder(base: Path | None = None) -> Path:
    """The ``oxigraph/`` folder of a fresh build folder (pass it or its parent to publish)."""
    return new_build_folder(base) / "oxigraph"


def publish(folder: Path, base: Path | None = None, keep: int = 2) -> None:
    """Make ``folder`` the current build in one atomic rename; prune the others.

    Kept: the new build and (with ``keep`` of 2 or more) the build it replaces.
    Any other folder under ``builds/`` is an older build or one that never
    completed (killed, disk full), and is removed, as are temporary links left
    by a publish that was killed. Call it holding :func:`build_lock`.
    """
    if folder.name == "oxigraph":
        folder = folder.parent
    link = current_build(base)
    previous = link.resolve() if link.exists() else None
    tmp = link.with_name(f".current-{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(os.path.relpath(folder, link.parent))
    os.replace(tmp, link)
    kept = {folder.resolve()} | ({previous} if previous is not None and keep > 1 else set())
    for old in folder.parent.iterdir():
        if not old.name.startswith(".") and old.resolve() not in kept:
            shutil.rmtree(old, ignore_errors=True)
    for stale in link.parent.glob(".current-*"):
        stale.unlink(missing_ok=True)


@contextmanager
def build_lock(base: Path | None = None) -> Iterator[None]:
    """Hold the home's build lock, so that one build at a time writes and prunes there.

    Taking it also checks early that the home is writable.
    """
    root = (base or home()) / "builds"
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"another build is running under {root.parent}") from None
        yield


def locate_syntax_error(exc: Exception, query: str) -> QuerySyntaxError:
    """Like :func:`syntax_error`, but the line and column point at the mistake.

    Oxigraph reports the furthest point its parser looked ahead to, which is
    often the end of the query or a keyword's width past the mistake (and so
    sometimes the next line). rdflib's parser stops at the start of the
    construct that failed; when it rejects the query too, its position is
    used. The message ends with the offending line and a caret under it.
    """
    if isinstance(exc, QuerySyntaxError) and "\n" in str(exc):
        return exc  # already located, with its caret block
    located = syntax_error(exc, query)
    line, column = _rdflib_error_position(query) or (located.line, located.column)
    if not line or not column:
        return located
    lines = query.splitlines() or [""]
    text = lines[line - 1] if line <= len(lines) else ""
    near = text[column - 1 :].strip()[:40]
    if line == located.line and column == located.column:
        detail = re.sub(r"^error at \d+:\d+:\s*", "", str(exc))
        prefix = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", text[: column - 1])
        if "Prefix not found" in detail and prefix:
            detail = f"the prefix {(prefix.group(1) or '') + ':'!r} is not declared (add PREFIX)"
        elif len(detail) > 200:
            detail = detail[:200] + "..."
        head = f"SPARQL syntax error at line {line}, column {column}: {detail}"
    elif near:
        head = f"SPARQL syntax error at line {line}, column {column}, near {near!r}"
    else:
        head = f"SPARQL syntax error at line {line}, column {column}: the query ends too soon"
    gutter = f"{line} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^"
    return QuerySyntaxError(f"{head}\n{gutter}{text}\n{caret}", line, column)


def _rdflib_error_position(query: str) -> tuple[int, int] | None:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(query)
    except ParseBaseException as exc:
        return exc.lineno, exc.col
    except Exception:  # rdflib's parser has its own limits (recursion, odd input)
        return None
    return None


_SERVICE_CLAUSE = re.compile(r"service(?<![\w:?$]service)(?![\w-])")
"""The SERVICE keyword, in lower-cased text, where a clause could start: not part
of a prefixed name (``jar:Service``) or a variable (``?service``). Whatever
follows it (a comment, SILENT, an escaped IRI) does not matter: such a query is
checked or refused. The word comes first so the search skips to it: with the
look-behind first it took a tenth of a millisecond per request."""


def _has_service_clause(text: str) -> bool:
    """Whether the SERVICE keyword stands in ``text`` (Oxigraph reads keywords in
    ASCII, case aside)."""
    return _SERVICE_CLAUSE.search(text.lower()) is not None


_NOT_CODE = re.compile(
    r'<[^<>"{}|^`\\\x00-\x20]*>'          # an IRI
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'     # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'              # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*",                           # a comment
    re.S,
)


def _code_only(query: str) -> str:
    """The query with IRIs, strings and comments blanked, scanned left to right as
    the SPARQL lexer does, so a keyword found in what is left is a keyword."""
    return _NOT_CODE.sub(" ", query)


def service_endpoints(query: str) -> list[str | None]:
    """The endpoints of the query's SERVICE clauses; ``None`` for a variable endpoint.

    Oxigraph calls any SERVICE endpoint over HTTP, so a server must check
    them before it runs a query. Prefixed names, escapes and SERVICE inside
    FILTER EXISTS or subqueries are resolved by parsing the query (with
    rdflib); text in strings and comments is ignored. When rdflib cannot
    parse the query, a query with no SERVICE keyword in clause position
    passes (Oxigraph then judges its syntax) and any other raises
    :class:`QuerySyntaxError`, so that nothing unchecked runs.
    """
    if "\\u" not in query and "\\U" not in query and (
            not _has_service_clause(query) or not _has_service_clause(_code_only(query))):
        return []
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    try:
        algebra = translateQuery(parseQuery(query)).algebra
    except RecursionError:
        if not _has_service_clause(query):
            return []
        raise QuerySyntaxError("this query nests too deeply for its SERVICE clauses to be "
                               "checked; write it with fewer nested groups") from None
    except Exception as exc:
        if not _has_service_clause(query):  # e.g. jar:Service in syntax rdflib lacks
            return []
        located = locate_syntax_error(exc, query)
        if located.line:
            raise located from None
        raise QuerySyntaxError(f"cannot check this query's SERVICE clauses: {exc}") from None
    found: list[str | None] = []
    stack: list[object] = [algebra]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                found.append(str(term) if isinstance(term, URIRef) else None)
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return found
