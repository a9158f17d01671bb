"""Finding the SERVICE clauses of a query, so a server can refuse the ones not allowed.

Oxigraph calls any SERVICE endpoint over HTTP; every query a server runs is
checked here first.
"""

from __future__ import annotations

import re

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef

from .errors import QueryRefused, QuerySyntaxError
from .syntax import code_only, locate_syntax_error

SERVICE_CHECK_LIMIT = 10_000
"""Longest query (in characters) with a SERVICE clause that is checked: the check
parses the query with rdflib, whose time grows fast with length (about 1.5 s at
this length in the worst case); a longer one is refused."""

_SERVICE_CLAUSE = re.compile(r"service(?<![\w:?$]service)(?![\w-])")
"""The SERVICE keyword, in lower-cased text, where a clause could start: not part
of a prefixed name (``jar:Service``) or a variable (``?service``). Whatever
follows it (a comment, SILENT, an escaped IRI) does not matter: such a query is
checked or refused. The word comes first so the search skips to it: with the
look-behind first it took a tenth of a millisecond per request."""

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _has_service_clause(text: str) -> bool:
    """Whether the SERVICE keyword stands in ``text`` (Oxigraph reads keywords in
    ASCII, case aside)."""
    return _SERVICE_CLAUSE.search(text.lower()) is not None


def _unescaped(query: str) -> str:
    """The query with ``\\u`` and ``\\U`` escapes replaced by what they stand for, as
    SPARQL's grammar allows before parsing (an engine that does so would read a
    keyword spelled with them)."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else " "

    return _ESCAPE.sub(char, query)


def _may_call_service(query: str) -> bool:
    """False when no SERVICE keyword stands in clause position, escapes read or not."""
    texts = [query] if "\\u" not in query and "\\U" not in query else [query, _unescaped(query)]
    return any(_has_service_clause(text) and _has_service_clause(code_only(text))
               for text in texts)


def service_endpoints(query: str) -> list[str | None]:
    """The endpoints of the query's SERVICE clauses; ``None`` for a variable endpoint.

    Oxigraph calls any SERVICE endpoint over HTTP, so a server must check
    them before it runs a query. Prefixed names, escapes and SERVICE inside
    FILTER EXISTS or subqueries are resolved by parsing the query (with
    rdflib); text in strings and comments is ignored. When rdflib cannot
    parse the query, a query with no SERVICE keyword in clause position
    passes (Oxigraph then judges its syntax) and any other raises
    :class:`QuerySyntaxError`, so that nothing unchecked runs. A query with
    a SERVICE clause longer than :data:`SERVICE_CHECK_LIMIT` is refused
    (:class:`QueryRefused`) rather than parsed for minutes.
    """
    if not _may_call_service(query):
        return []
    if len(query) > SERVICE_CHECK_LIMIT:
        raise QueryRefused(
            f"a query that calls SERVICE may be at most {SERVICE_CHECK_LIMIT:,} characters "
            f"long on this server (the limit for checking its endpoints); this one has "
            f"{len(query):,}")
    try:
        algebra = translateQuery(parseQuery(query)).algebra
    except RecursionError:
        raise QuerySyntaxError("this query nests too deeply for its SERVICE clauses to be "
                               "checked; write it with fewer nested groups") from None
    except Exception as exc:
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
