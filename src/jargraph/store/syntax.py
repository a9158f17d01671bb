"""SPARQL syntax errors that name the line and column of the mistake."""

from __future__ import annotations

import re

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery

from .errors import QuerySyntaxError

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

    try:
        parseQuery(query)
    except ParseBaseException as exc:
        return exc.lineno, exc.col
    except Exception:  # rdflib's parser has its own limits (recursion, odd input)
        return None
    return None

