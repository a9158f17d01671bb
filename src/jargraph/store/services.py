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

from .errors import QuerySyntaxError
from .syntax import locate_syntax_error

_SERVICE_CLAUSE = re.compile(r"service(?<![\w:?$]service)(?![\w-])")
"""The SERVICE keyword, in lower-cased text, where a clause could start: not part
of a prefixed name (``jar:Service``) or a variable (``?service``). Whatever
follows it (a comment, SILENT, an escaped IRI) does not matter: such a query is
checked or refused. The word comes first so the search skips to it: with the
look-behind first it took a tenth of a millisecond per request."""


def _has_service_clause(text: str) -> bool:
    """Whether the SERVICE keyword stands in ``text`` (Oxigraph reads keywords in
    ASCII, case aside)."""
    return _SERVICE_CLAUSE.search(text.lower()) is not None


_NOT_CODE = re.compile(
    r'<[^<>"{}|^`\\\x00-\x20]*>'          # an IRI
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'     # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'              # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*",                           # a comment
    re.S,
)


def _code_only(query: str) -> str:
    """The query with IRIs, strings and comments blanked, scanned left to right as
    the SPARQL lexer does, so a keyword found in what is left is a keyword."""
    return _NOT_CODE.sub(" ", query)


def service_endpoints(query: str) -> list[str | None]:
    """The endpoints of the query's SERVICE clauses; ``None`` for a variable endpoint.

    Oxigraph calls any SERVICE endpoint over HTTP, so a server must check
    them before it runs a query. Prefixed names, escapes and SERVICE inside
    FILTER EXISTS or subqueries are resolved by parsing the query (with
    rdflib); text in strings and comments is ignored. When rdflib cannot
    parse the query, a query with no SERVICE keyword in clause position
    passes (Oxigraph then judges its syntax) and any other raises
    :class:`QuerySyntaxError`, so that nothing unchecked runs.
    """
    if "\\u" not in query and "\\U" not in query and (
            not _has_service_clause(query) or not _has_service_clause(_code_only(query))):
        return []

    try:
        algebra = translateQuery(parseQuery(query)).algebra
    except RecursionError:
        if not _has_service_clause(query):
            return []
        raise QuerySyntaxError("this query nests too deeply for its SERVICE clauses to be "
                               "checked; write it with fewer nested groups") from None
    except Exception as exc:
        if not _has_service_clause(query):  # e.g. jar:Service in syntax rdflib lacks
            return []
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
