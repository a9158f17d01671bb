"""Joining a spreadsheet's rows to the graph: ``jargraph join`` and the ``/join`` form.

Each row's value in the chosen column (an authority's name spelt any way the
matcher knows, or a code) is matched by :mod:`jargraph.matching`; a matched
row gains the area's IRI, official name, GSS code and DfE number, and, when
a named query is chosen, that query's columns for the area. A query with an
``area`` parameter is run once for each area matched; any other query is run
once and its rows are joined on the column that holds area IRIs. A row that
several query rows fit is repeated, once for each (a left join), and a row
no query row fits keeps empty cells. Rows that match no area keep empty
cells too, and are reported with the closest candidates.

The file is read from bytes and written anew: the input is never changed.
Errors say what to do (a missing column lists the columns there are; a file
that is not UTF-8 says how to save it as UTF-8).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .links import Authority
from .matching import Candidate, match_area
from .named_queries import NamedQuery
from .vocab import ID

ADDED = ("area_iri", "area_name", "gss_code", "dfe_code")
"""The columns every join adds (prefixed ``jargraph_`` when the file already has one)."""
PREFIX = "jargraph_"
SAVE_AS_UTF8 = ("save it as UTF-8: in Excel, 'Save As' > 'CSV UTF-8 (Comma delimited)'; in "
                "LibreOffice, tick 'Edit filter settings' and choose 'Unicode (UTF-8)'")

Runner = Callable[[str], tuple[list[str], list[dict[str, str]]]]
"""Runs SPARQL SELECT; returns the variables and the rows (values as text, IRIs bare)."""


class JoinError(ValueError):
    """The join cannot be done; the message says what to change."""


@dataclass
class Table:
    """A CSV file read: its header, rows and how it was written."""

    name: str
    header: list[str]
    rows: list[list[str]]
    delimiter: str = ","
    bom: bool = False
    lines: list[int] = field(default_factory=list)
    """The line of the file each row starts on, for messages."""


@dataclass(frozen=True)
class Unmatched:
    line: int
    value: str
    candidates: list[Candidate]

    def describe(self) -> str:
        close = ", ".join(f"{c.authority.name} ({c.score:g})" for c in self.candidates)
        why = self.candidates[0].reason if self.candidates else "nothing is close"
        return (f"line {self.line}: {self.value!r} matches no authority; closest: "
                f"{close or 'none'}. {why}")


@dataclass
class Joined:
    table: Table
    matched: int
    unmatched: list[Unmatched]


def read_csv(data: bytes, name: str) -> Table:
    """A CSV file's bytes as a table; JoinError for an empty, non-UTF-8 or malformed file."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise JoinError(f"{name} is empty: give a CSV file with a header row and a row "
                        "for each area")
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise JoinError(f"{name} line {line} is not UTF-8 text (byte {exc.start}); "
                        f"{SAVE_AS_UTF8}") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        header = next(reader, [])
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(reader.line_num)
    except csv.Error as exc:
        raise JoinError(f"{name} line {reader.line_num}: not readable as CSV ({exc}); "
                        "check the quotes on that line") from None
    if not any(cell.strip() for cell in header):
        raise JoinError(f"{name} has no header row: its first line must name the columns")
    return Table(name, header, rows, delimiter, bom, lines)


def read_file(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise JoinError(f"cannot read {path}: {exc.strerror}") from None
    return read_csv(data, str(path))


def column_index(table: Table, column: str) -> int:
    if column in table.header:
        return table.header.index(column)
    folded = [h.strip().casefold() for h in table.header]
    if column.strip().casefold() in folded:
        return folded.index(column.strip().casefold())
    listed = ", ".join(repr(h) for h in table.header)
    raise JoinError(f"{table.name} has no column {column!r}; its columns are {listed}")


def _added_names(header: list[str], names: list[str]) -> list[str]:
    taken = set(header)
    found = []
    for name in names:
        chosen = name if name not in taken else PREFIX + name
        taken.add(chosen)
        found.append(chosen)
    return found


def _area_cells(authority: Authority | None) -> list[str]:
    if authority is None:
        return ["", "", "", ""]
    return [str(authority.uri), authority.name, authority.gss_code or "", authority.dfe_code]


def query_rows(query: NamedQuery, params: Mapping[str, str], areas: list[Authority],
               run: Runner) -> tuple[list[str], dict[str, list[dict[str, str]]]]:
    """The query's columns and its rows by area IRI."""
    takes_area = any(p.name == "area" and p.type == "area" for p in query.parameters)
    if takes_area and "area" in params:
        raise JoinError(f"query {query.name!r}: the area comes from each row; do not give "
                        "--param area")
    by_area: dict[str, list[dict[str, str]]] = {}
    columns: list[str] = []
    if takes_area:
        for authority in areas:
            columns, rows = run(query.render({**params, "area": str(authority.uri)}))
            by_area[str(authority.uri)] = rows
        return columns, by_area
    columns, rows = run(query.render(params))
    base = str(ID) + "area/"
    key = next((c for c in columns if any(r.get(c, "").startswith(base) for r in rows)), None)
    if key is None:
        raise JoinError(f"query {query.name!r} has no 'area' parameter and no column of area "
                        "IRIs, so its rows cannot be joined to areas; choose a query that "
                        "has one (jargraph query --help lists them)")
    for row in rows:
        by_area.setdefault(row.get(key, ""), []).append(row)
    return columns, by_area


def join(table: Table, column: str, query: NamedQuery | None = None,
         params: Mapping[str, str] | None = None, run: Runner | None = None) -> Joined:
    """The table with the area columns (and the query's) added to every row."""
    index = column_index(table, column)
    found: list[Authority | None] = []
    unmatched: list[Unmatched] = []
    for row, line in zip(table.rows, table.lines, strict=True):
        value = row[index] if index < len(row) else ""
        candidates = match_area(value, 3)
        if candidates and candidates[0].match:
            found.append(candidates[0].authority)
        else:
            found.append(None)
            unmatched.append(Unmatched(line, value, candidates))
    columns: list[str] = []
    by_area: dict[str, list[dict[str, str]]] = {}
    if query is not None:
        if run is None:
            raise JoinError("a named query needs a store to run on")
        areas = list({a.slug: a for a in found if a is not None}.values())
        columns, by_area = query_rows(query, params or {}, areas, run)
    header = table.header + _added_names(table.header, [*ADDED, *columns])
    rows: list[list[str]] = []
    lines: list[int] = []
    for row, authority, line in zip(table.rows, found, table.lines, strict=True):
        padded = row + [""] * (len(table.header) - len(row))
        extra = by_area.get(str(authority.uri), []) if authority and query else []
        for result in extra or [{}]:
            rows.append(padded + _area_cells(authority) + [result.get(c, "") for c in columns])
            lines.append(line)
    joined = Table(table.name, header, rows, table.delimiter, table.bom, lines)
    return Joined(joined, len(table.rows) - len(unmatched), unmatched)


def csv_bytes(table: Table) -> bytes:
    """The table as CSV, UTF-8 (with a byte-order mark if the input had one)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=table.delimiter, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return (codecs.BOM_UTF8 if table.bom else b"") + out.getvalue().encode("utf-8")


def summary(joined: Joined) -> str:
    total = joined.matched + len(joined.unmatched)
    return (f"{joined.matched} of {total} rows matched an area"
            + (f"; {len(joined.unmatched)} did not" if joined.unmatched else ""))


__all__ = ["ADDED", "JoinError", "Joined", "Table", "Unmatched", "csv_bytes", "join",
           "read_csv", "read_file", "summary"]
