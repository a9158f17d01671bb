"""Pages of a SELECT query's answer, by LIMIT and OFFSET put on the query itself.

The query page, the named-query pages and the editor's requests show an
answer one page at a time, so a 10,000-row answer never travels or renders
whole. A page is the query with its own top-level LIMIT and OFFSET replaced
by the page's window (inside any window the query set itself), asking one
row more than the page holds: that row says whether there is a next page
without counting the whole answer.

Why LIMIT and OFFSET rather than keyset paging: keyset paging needs an
ORDER BY on a unique key, which a query someone writes rarely has; OFFSET
works for every SELECT, and the engine stops as soon as the page is full.
Without an ORDER BY the engine's own order holds between pages (Oxigraph's
is stable for one build).

Other query forms (ASK, CONSTRUCT, DESCRIBE) are not paged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from ..store.syntax import blanked

PAGE_SIZES = (25, 100, 500, 1000)
"""Page sizes offered (those up to the row limit)."""
DEFAULT_SIZE = 100
MAX_SIZE = 1000
"""The largest page the pages show, whatever the row limit."""

_WORD_START = r"(?<![\w:?$-])"
_WORD_END = r"(?![\w:-])"
_FORM = re.compile(_WORD_START + r"(SELECT|CONSTRUCT|ASK|DESCRIBE)" + _WORD_END, re.I)
_VALUES = re.compile(_WORD_START + r"VALUES" + _WORD_END, re.I)
_SLICE = re.compile(_WORD_START + r"(LIMIT|OFFSET)\s+(\d+)", re.I)


class PagingError(ValueError):
    """A page number or page size that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class PagedQuery:
    """One page's query: the text to run and the window it asks for."""

    sparql: str
    page: int
    size: int
    start: int
    """Rows of the query's answer before this page."""
    fetch: int
    """Rows asked for: one more than the page holds, unless the query's own LIMIT ends sooner."""


@dataclass(frozen=True)
class Page:
    """What a page of results shows about where it is."""

    number: int
    size: int
    first: int
    """The row number (from 1) of the page's first row."""
    shown: int
    has_next: bool

    @property
    def last(self) -> int:
        return self.first + self.shown - 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _depths(code: str) -> list[int]:
    """The brace depth at each character (a brace counts as inside what it opens)."""
    depth, out = 0, []
    for char in code:
        if char == "{":
            depth += 1
        out.append(depth)
        if char == "}":
            depth -= 1
    return out


def _where_end(code: str, start: int) -> int | None:
    """The index just past the group that starts at the first ``{`` after ``start`` outside
    parentheses (the WHERE clause of a SELECT), or None when the braces do not balance."""
    parens = 0
    opening = None
    for index in range(start, len(code)):
        char = code[index]
        if char == "(":
            parens += 1
        elif char == ")":
            parens -= 1
        elif char == "{" and parens <= 0:
            opening = index
            break
    if opening is None:
        return None
    depth = 0
    for index in range(opening, len(code)):
        if code[index] == "{":
            depth += 1
        elif code[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def query_form(sparql: str) -> str | None:
    """``select``, ``construct``, ``ask`` or ``describe``, or None when none is found."""
    match = _FORM.search(blanked(sparql))
    return match.group(1).lower() if match else None


def paged(sparql: str, page: int, size: int) -> PagedQuery | None:
    """The query for one page (``page`` from 1) of ``size`` rows; None when the query is
    not a SELECT or its shape cannot be read (then it runs as written and the engine
    judges it)."""
    if page < 1 or size < 1:
        raise PagingError("the page and the page size must be 1 or more")
    code = blanked(sparql)
    form = _FORM.search(code)
    if form is None or form.group(1).upper() != "SELECT":
        return None
    end = _where_end(code, form.end())
    if end is None:
        return None
    depths = _depths(code)
    tail_end = len(code)
    for match in _VALUES.finditer(code, end):
        if depths[match.start()] == 0:
            tail_end = match.start()
            break
    limit: int | None = None
    offset = 0
    cuts: list[tuple[int, int]] = []
    for match in _SLICE.finditer(code, end, tail_end):
        if depths[match.start()] != 0:
            continue
        value = int(match.group(2))
        if match.group(1).upper() == "LIMIT":
            limit = value
        else:
            offset = value
        cuts.append(match.span())
    start = (page - 1) * size
    fetch = size + 1 if limit is None else max(0, min(size + 1, limit - start))
    text = sparql
    for begin, finish in reversed(cuts):
        text = text[:begin] + " " * (finish - begin) + text[finish:]
    window = f"\nLIMIT {fetch}\nOFFSET {offset + start}\n"
    return PagedQuery(text[:tail_end] + window + text[tail_end:], page, size, start, fetch)


def page_of(rows: list, query: PagedQuery, truncated: bool = False) -> tuple[list, Page]:
    """The rows a page shows (the look-ahead row dropped) and where the page is.
    ``truncated`` says the row limit cut the answer, which also means more rows follow."""
    shown = rows[: query.size]
    has_next = len(rows) > query.size or (truncated and len(shown) == query.size)
    return shown, Page(query.page, query.size, query.start + 1, len(shown), has_next)


def max_size(row_limit: int | None) -> int:
    """The largest page: the row limit, and never more than :data:`MAX_SIZE`."""
    return min(row_limit, MAX_SIZE) if row_limit else MAX_SIZE


def sizes(row_limit: int | None, current: int | None = None) -> list[int]:
    """The page sizes to offer under this row limit (with ``current``, the size shown)."""
    largest = max_size(row_limit)
    offered = {s for s in PAGE_SIZES if s <= largest} | {largest}
    if current and current <= largest:
        offered.add(current)
    return sorted(offered)


def default_size(row_limit: int | None) -> int:
    return min(DEFAULT_SIZE, max_size(row_limit))


def read_window(args: Mapping[str, str], row_limit: int | None) -> tuple[int, int]:
    """``(page, size)`` from a request's ``page`` and ``size``; PagingError names the bad one."""
    page = _whole(args.get("page"), "page", 1, None) or 1
    largest = max_size(row_limit)
    size = _whole(args.get("size"), "size", 1, largest) or default_size(row_limit)
    return page, size


def _whole(value: str | None, name: str, low: int, high: int | None) -> int | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not text.isdigit() or len(text) > 9:
        raise PagingError(f"{name} must be a whole number, not {value[:40]!r}")
    number = int(text)
    if number < low or (high is not None and number > high):
        within = f"from {low} to {high}" if high is not None else f"from {low}"
        raise PagingError(f"{name} must be {within}; {number} is out of range")
    return number


def nav(path: str, args: Mapping[str, str], shown: Page, row_limit: int | None) -> dict:
    """What a page's pager shows (``templates/_pager.html``): where the page sits, links to
    the pages either side keeping the request's other ``args``, and the sizes on offer."""
    return {
        "page": shown,
        "previous": link(path, args, shown.number - 1, shown.size) if shown.has_previous
        else None,
        "next": link(path, args, shown.number + 1, shown.size) if shown.has_next else None,
        "sizes": sizes(row_limit, shown.size),
        "action": path,
        "hidden": dict(args),
    }


def link(path: str, args: Mapping[str, str], page: int, size: int) -> str:
    """``path`` with the request's other arguments and this page's ``page`` and ``size``."""
    kept = [(k, v) for k, v in args.items() if k not in ("page", "size")]
    return path + "?" + urlencode([*kept, ("size", str(size)), ("page", str(page))])
