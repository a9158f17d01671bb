"""Strengths and weaknesses tables: each cell a finding about the section's area.

The tables come in two forms: cells of ``<p>...</p>`` items, and plain cells
that wrap onto the following rows. Both are read column by column
(:func:`..tables.table_columns`, as the section's passage shows them) into one
finding per item; a column with no known heading is named in a warning, never
guessed.
"""

from __future__ import annotations

import re

from ...model import Finding
from ..tables import cells, table_columns
from ..text import squash
from .layout import JarReading, Section, Table


def table_findings(reader: JarReading, table: Table, sec: Section,
                   area_key: str) -> list[Finding]:
    """The findings of one table, column by column, about ``area_key``."""
    kinds = _column_kinds(reader, table)
    columns, garbled = table_columns(table.header.text, table.rows)
    for row in table.rows:
        for col, cell in enumerate(cells(row.text)):
            if cell and col not in kinds:
                reader.warn(row.number, f"table cell in column {col + 1}, which has no known "
                                        f"heading, not read: {squash(cell)[:80]!r}")
    for line, col, leftover in garbled:
        if col not in kinds:
            continue
        reader.warn(line, f"garbled table cell: text outside <p>...</p> not read: "
                          f"{leftover[:80]!r}")
    findings = []
    for column in columns:
        if column.index not in kinds:
            continue
        for item in column.items:
            source = reader.source(item.line, sec.heading, text=item.text)
            findings.append(Finding(kinds[column.index], item.text, source, area_key))
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


def _column_kind(name: str) -> str | None:
    name = name.lower()
    if "strength" in name:
        return "strength"
    if "weakness" in name:
        return "weakness"
    if re.search(r"areas? for (?:development|improvement)", name):
        return "area-for-development"
    return None
