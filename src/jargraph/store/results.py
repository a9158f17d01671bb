"""A query's answer as bytes in the requested format, with the row limit applied.

Both stores (embedded and remote) hand back a :class:`QueryOutput`, so the
command line, the query workers and the web views treat them alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .. import formats


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
    path: str | None = None
    """Where the answer was written instead of ``body``, for a large answer handed from
    a query worker to a view (``jargraph.web.executor``); the reader deletes it."""


def results_writer(media_type: str) -> ox.QueryResultsFormat:
    """Oxigraph's writer for a SELECT/ASK media type (one of :data:`formats.RESULTS`)."""
    found = formats.by_media_type(media_type, "results")
    if found is None:
        raise ValueError(f"not a SPARQL results format: {media_type}")
    return found.results_format


def graph_writer(media_type: str) -> ox.RdfFormat:
    """Oxigraph's writer for a CONSTRUCT/DESCRIBE media type (one of :data:`formats.GRAPHS`)."""
    found = formats.by_media_type(media_type, "graph")
    if found is None:
        raise ValueError(f"not an RDF graph format: {media_type}")
    return found.rdf_format


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
    fmt = results_writer(select_format)
    if isinstance(result, ox.QueryBoolean):
        return QueryOutput("ask", result.serialize(format=fmt) or b"", select_format)
    if row_limit is None:
        return QueryOutput("select", result.serialize(format=fmt) or b"", select_format)
    sink = _TsvRows(row_limit)
    try:
        result.serialize(sink, format=ox.QueryResultsFormat.TSV)  # type: ignore[arg-type]
        truncated = False
    except _RowLimitReached:
        truncated = True
    body = b"".join(sink.parts)
    if truncated:
        body = b"\n".join(body.split(b"\n", row_limit + 1)[: row_limit + 1]) + b"\n"
    rows = body.count(b"\n") - 1
    if fmt != ox.QueryResultsFormat.TSV:
        body = ox.parse_query_results(body, ox.QueryResultsFormat.TSV).serialize(
            format=fmt) or b""
    return QueryOutput("select", body, select_format, truncated, rows)

