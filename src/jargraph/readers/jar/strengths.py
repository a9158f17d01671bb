"""Strengths and weaknesses tables: each cell a finding about the section's area.

The tables come in two forms: cells of ``<p>...</p>`` items, and plain cells
that wrap onto the following rows. Both are read into one finding per item; a
column with no known heading is named in a warning, never guessed.
"""

from __future__ import annotations

import re

from ...model import Finding
from ..text import Item, Line, add_cell_fragment, cells, p_items, squash
from .layout import JarReading, Section, Table


def table_findings(reader: JarReading, table: Table, sec: Section,
                   area_key: str) -> list[Finding]:
    """The findings of one table, column by column, about ``area_key``."""
    kinds = _column_kinds(reader, table)
    columns: dict[int, list[Item]] = {col: [] for col in kinds}
    for row in table.rows:
        for col, cell in enumerate(cells(row.text)):
            if cell:
                _table_cell(reader, row, col, cell, kinds, columns)
    findings = []
    for col, items in columns.items():
        for item in items:
            source = reader.source(item.line, sec.heading, text=item.text)
            findings.append(Finding(kinds[col], item.text, source, area_key))
    return findings


def _column_kinds(reader: JarReading, table: Table) -> dict[int, str]:
    kinds: dict[int, str] = {}
    for col, name in enumerate(cells(table.header.text)):
        if not name:
            continue
        kind = _column_kind(name)
        if kind is None:
            reader.warn(table.header.number, f"unknown column {name!r} in strengths and "
                                             "weaknesses table: its cells are not read")
        else:
            kinds[col] = kind
    return kinds


def _table_cell(reader: JarReading, row: Line, col: int, cell: str, kinds: dict[int, str],
                columns: dict[int, list[Item]]) -> None:
    if col not in kinds:
        reader.warn(row.number, f"table cell in column {col + 1}, which has no known heading,"
                                f" not read: {squash(cell)[:80]!r}")
        return
    if "<p>" not in cell and "</p>" not in cell:
        add_cell_fragment(columns[col], cell, row.number)
        return
    items, leftover = p_items(cell)
    columns[col].extend(Item(text, row.number) for text in items)
    if leftover:
        reader.warn(row.number, f"garbled table cell: text outside <p>...</p> not read: "
                                f"{leftover[:80]!r}")


def _column_kind(name: str) -> str | None:
    name = name.lower()
    if "strength" in name:
        return "strength"
    if "weakness" in name:
        return "weakness"
    if re.search(r"areas? for (?:development|improvement)", name):
        return "area-for-development"
    return None
