"""SPARQL syntax errors that name the line and column of the mistake, and the limits
a query must keep before any parser sees it.

Parsers are not safe on every input. Oxigraph's parser recurses once per level
of nesting and overflows its stack, killing the process that runs it, a few
hundred levels down (nested collections ``( ( ( …`` at about 250, groups at
about 2,500); rdflib's parser (used here to place errors better and to find
SERVICE clauses) takes seconds on a few thousand characters of some input and
minutes on a hundred thousand. So a query nested deeper than
:data:`MAX_NESTING` is refused before it is parsed, and rdflib only reads
queries short enough to be read quickly (:data:`LOCATE_LIMIT`).
"""

from __future__ import annotations

import re

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery

from .errors import QueryRefused, QuerySyntaxError

MAX_NESTING = 100
"""Deepest nesting of ``()``, ``{}`` and ``[]`` a query may have. Real queries nest
a few levels; Oxigraph's stack holds about 250 levels of its most costly kind."""
LOCATE_LIMIT = 5_000
"""Longest query (in characters) whose syntax error is placed again by rdflib's parser:
at this length its worst case (a long VALUES block) takes under a second."""

_POSITION = re.compile(r"(?:line|at)\s+(\d+)(?:\s*,?\s*column\s+(\d+))?", re.I)
_ERROR_AT = re.compile(r"error at (\d+):(\d+)")

_NOT_CODE = re.compile(
    r'<[^<>"{}|^`\\\x00-\x20]*>'          # an IRI
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'     # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'              # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*",                           # a comment
    re.S,
)
_BRACKET = re.compile(r"[(){}\[\]]")


def code_only(query: str) -> str:
    """The query with IRIs, strings and comments blanked (each by one space), scanned
    left to right as the SPARQL lexer does, so what is left is keywords, names and
    punctuation."""
    return _NOT_CODE.sub(" ", query)


def blanked(query: str) -> str:
    """The query with IRIs, strings and comments blanked to spaces, every other character
    (and every line break) where it was, so positions found in it are the query's own."""
    return _NOT_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), query)


def check_limits(query: str) -> None:
    """Raise :class:`QueryRefused` for a query nested deeper than :data:`MAX_NESTING`.

    Brackets in IRIs, strings and comments do not count. The scan is linear and
    stops at the first bracket past the limit, whose place the message names.
    """
    if query.count("(") + query.count("{") + query.count("[") <= MAX_NESTING:
        return
    code = blanked(query)
    depth = 0
    for match in _BRACKET.finditer(code):
        if match.group() in "({[":
            depth += 1
            if depth > MAX_NESTING:
                before = query[: match.start()]
                line = before.count("\n") + 1
                column = match.start() - (before.rfind("\n") + 1) + 1
                raise QueryRefused(
                    f"the query nests brackets more than {MAX_NESTING} deep (the limit of "
                    f"nesting of (), {{}} and [] on this server), at line {line}, column "
                    f"{column}: write it with fewer nested groups", line, column)
        elif depth:
            depth -= 1


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


def locate_syntax_error(exc: Exception, query: str) -> QuerySyntaxError:
    """Like :func:`syntax_error`, but the line and column point at the mistake.

    Oxigraph reports the furthest point its parser looked ahead to, which is
    often the end of the query or a keyword's width past the mistake (and so
    sometimes the next line). rdflib's parser stops at the start of the
    construct that failed; when it rejects the query too, its position is
    used (for queries up to :data:`LOCATE_LIMIT` characters). The message ends
    with the offending line (cut to a readable width) and a caret under it.
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
        prefix = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", text[max(0, column - 201) : column - 1])
        if "Prefix not found" in detail and prefix:
            detail = f"the prefix {(prefix.group(1) or '') + ':'!r} is not declared (add PREFIX)"
        elif len(detail) > 200:
            detail = detail[:200] + "..."
        head = f"SPARQL syntax error at line {line}, column {column}: {detail}"
    elif near:
        head = f"SPARQL syntax error at line {line}, column {column}, near {near!r}"
    else:
        head = f"SPARQL syntax error at line {line}, column {column}: the query ends too soon"
    shown, offset = _excerpt(text, column)
    gutter = f"{line} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * offset + "^"
    return QuerySyntaxError(f"{head}\n{gutter}{shown}\n{caret}", line, column)


EXCERPT = 120
"""Widest piece of the offending line the message quotes."""


def _excerpt(text: str, column: int) -> tuple[str, int]:
    """The part of a line around ``column`` to quote, and the caret's offset in it."""
    if len(text) <= EXCERPT:
        return text, column - 1
    start = max(0, min(column - 1 - EXCERPT // 2, len(text) - EXCERPT))
    shown = text[start : start + EXCERPT]
    offset = column - 1 - start
    if start:
        shown, offset = "…" + shown, offset + 1
    if start + EXCERPT < len(text):
        shown += "…"
    return shown, offset


def _rdflib_error_position(query: str) -> tuple[int, int] | None:
    if len(query) > LOCATE_LIMIT:
        return None
    try:
        parseQuery(query)
    except ParseBaseException as exc:
        return exc.lineno, exc.col
    except Exception:  # rdflib's parser has its own limits (recursion, odd input)
        return None
    return None
