"""Tables in the converted text: cells, a row as read along the line, and tables of
statements read column by column.

The conversion wrote a table row as one line with a tab between cells, and
the cells of strengths and weaknesses tables as ``<p>...</p>`` runs or as plain
fragments that wrap onto the rows below. A reader of the report reads a row
along the line and a table of statements down each column, one statement per
paragraph of a cell; these helpers give the readers those texts, so the
findings and the passages that quote them hold the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .text import (
    Item,
    Line,
    join_fragments,
    split_sentences,
    squash,
    starts_mid_sentence,
    strip_emphasis,
)


def cells(text: str) -> list[str]:
    """Tab-separated cells, each stripped; positions are kept (empty cells stay)."""
    return [c.strip() for c in text.split("\t")]


def row_text(text: str) -> str:
    """A table row as a reader reads it along the line: its non-empty cells, markup gone,
    one space between them (``Safeguarding 2``)."""
    return " ".join(c for c in (squash(strip_emphasis(c)) for c in cells(text)) if c)


def quoted_row(text: str) -> str:
    """A table row for a warning: its non-empty cells apart by `` | ``, so a person sees
    where each cell ends (never a text of the graph: see :func:`row_text`)."""
    return " | ".join(c for c in (squash(strip_emphasis(c)) for c in cells(text)) if c)


_P_CELL = re.compile(r"<p>(.*?)(?:</p>|(?=<p>)|$)", re.S)


def p_items(cell: str) -> tuple[list[str], str]:
    """The items of a ``<p>a</p> <p>b</p>`` cell, and any text left outside the tags."""
    items = [squash(strip_emphasis(m)) for m in _P_CELL.findall(cell)]
    leftover = squash(_P_CELL.sub(" ", cell).replace("</p>", " "))
    return [i for i in items if i], leftover


def add_cell(items: list[Item], cell: str, line: int) -> str:
    """Add one table cell to its column's items: each ``<p>…</p>`` paragraph of the cell
    is an item of its own (a reader sees one statement per paragraph), a plain cell is a
    fragment of a column that wraps (:func:`add_cell_fragment`). Returns any text left
    outside the ``<p>`` tags of a cell that has them, which is not read."""
    if "<p>" not in cell and "</p>" not in cell:
        add_cell_fragment(items, cell, line)
        return ""
    texts, leftover = p_items(cell)
    items.extend(Item(text, line) for text in texts)
    return leftover


@dataclass
class Column:
    """One column of a table read down: its heading as printed and its items."""

    index: int
    heading: str
    items: list[Item] = field(default_factory=list)


def table_columns(header: str,
                  rows: Iterable[Line]) -> tuple[list[Column], list[tuple[int, int, str]]]:
    """A table whose cells hold statements (strengths and weaknesses) read column by
    column, as a reader reads it: each column's heading and its items in order, cells
    that wrap onto the next rows joined, ``<p>`` paragraphs apart. Also the text found
    outside the ``<p>`` tags of a cell, as (line, column, text), for a warning."""
    columns = {k: Column(k, squash(strip_emphasis(name))) for k, name in enumerate(cells(header))}
    garbled: list[tuple[int, int, str]] = []
    for row in rows:
        for k, cell in enumerate(cells(row.text)):
            if not cell:
                continue
            column = columns.setdefault(k, Column(k, ""))
            if leftover := add_cell(column.items, cell, row.number):
                garbled.append((row.number, k, leftover))
    return [columns[k] for k in sorted(columns)], garbled


def columns_text(columns: Iterable[Column]) -> list[str]:
    """A table read column by column as lines: each heading, then its items."""
    lines: list[str] = []
    for column in columns:
        if column.items and column.heading:
            lines.append(column.heading)
        lines.extend(item.text for item in column.items)
    return lines


def add_cell_fragment(items: list[Item], text: str, line: int) -> None:
    """Add one cell of a tab table column whose cells wrap onto following rows.

    A fragment that starts in lower case continues the item before it; a full
    stop followed by a capital inside a fragment starts a new item there.
    """
    for k, piece in enumerate(split_sentences(strip_emphasis(text))):
        if k == 0 and items and starts_mid_sentence(piece):
            items[-1].text = join_fragments(items[-1].text, piece)
        else:
            items.append(Item(piece, line))


def cell_items(fragments: Iterable[tuple[str, int]]) -> list[Item]:
    """Items of one wrapped tab-table column, from its (text, line) cells in order."""
    items: list[Item] = []
    for text, line in fragments:
        add_cell_fragment(items, text, line)
    return items
