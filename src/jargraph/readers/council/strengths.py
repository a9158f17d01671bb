"""The JAR's strengths and weaknesses tables as the paper reprints them, one per area.

Each table is titled by the area or investigation it is about; a page break may
cut it, and a row without ``<p>`` then continues the cells before it.
"""

from __future__ import annotations

from ...model import Finding, Review
from ..base import Reading
from ..markup import (
    Line,
    bullet,
    cells,
    clean,
    is_blank,
    is_rule,
    norm,
    paragraph_cells,
    starts_lower,
)
from .layout import Para, para_source
from .review import subject_key

_COLUMN_KINDS = {
    "major strengths": "strength",
    "key strengths": "strength",
    "important weaknesses": "weakness",
    "key weaknesses": "weakness",
    "areas for development": "area-for-development",
    "areas for improvement": "area-for-development",
}


def strength_tables(reader: Reading, para: Para, jar: Review, consumed: set[int]) -> None:
    """Each titled ``Major strengths\\tImportant weaknesses`` table, page breaks joined."""
    lines = para.lines
    index = 0
    while index < len(lines):
        kinds = _column_kinds(lines[index].text)
        if kinds is None:
            index += 1
            continue
        consumed.add(lines[index].number)
        title_line = _title_before(lines, index)
        title = clean(title_line.text) if title_line else None
        key = _table_key(reader, jar, title, title_line or lines[index])
        index = _table_rows(reader, para, jar, lines, index + 1, kinds, title, key, consumed)


def _column_kinds(text: str) -> list[str] | None:
    """The finding kind of each column of a strengths table header, or None."""
    if "\t" not in text:
        return None
    labels = [norm(cell) for cell in cells(text)]
    if not labels or any(label not in _COLUMN_KINDS for label in labels):
        return None
    return [_COLUMN_KINDS[label] for label in labels]


def _title_before(lines: list[Line], index: int) -> Line | None:
    """The table's title: the last plain text line before its header."""
    for line in reversed(lines[:index]):
        if is_blank(line.text) or is_rule(line.text):
            continue
        return None if "\t" in line.text or bullet(line.text) else line
    return None


def _table_key(reader: Reading, jar: Review, title: str | None, line: Line) -> str | None:
    """The judgement area or investigation a table's title names."""
    key = subject_key(jar, title) if title else None
    if key is None:
        reader.warn(line.number, f"strengths table title names no judgement area or "
                    f"investigation: {title!r}")
    return key


def _table_rows(reader: Reading, para: Para, jar: Review, lines: list[Line], index: int,
                kinds: list[str], title: str | None, key: str | None,
                consumed: set[int]) -> int:
    """Read rows up to the next table; a row without ``<p>`` continues the last cells."""
    columns: list[list[tuple[str, Line]]] = [[] for _ in kinds]
    while index < len(lines):
        line = lines[index]
        text = line.text
        if is_blank(text) or is_rule(text):
            consumed.add(line.number)
            index += 1
            continue
        if "\t" not in text and "<p>" not in text:
            following = next((ln for ln in lines[index + 1:] if not is_blank(ln.text)), None)
            if following is not None and _column_kinds(following.text) is not None:
                break
            if not starts_lower(text):
                break
        if _column_kinds(text) is not None:
            break
        consumed.add(line.number)
        parts = text.split("\t")
        if len(parts) > len(kinds) and any(clean(p) for p in parts[len(kinds):]):
            reader.warn(line.number, f"table row has more cells than the header ({len(kinds)})")
        for column, part in zip(columns, parts, strict=False):
            if "<p>" in part:
                column.extend((item, line) for item in paragraph_cells(part))
            elif clean(part):
                if column:
                    previous, first_line = column[-1]
                    column[-1] = (f"{previous} {clean(part)}", first_line)
                else:
                    reader.warn(line.number, f"text before the first cell of the table: "
                                f"{clean(part)!r}")
        index += 1
    for kind, column in zip(kinds, columns, strict=True):
        for text, line in column:
            jar.findings.append(Finding(
                kind=kind, text=text, area_key=key,
                source=para_source(reader, para, line, text, section=title),
            ))
    return index
