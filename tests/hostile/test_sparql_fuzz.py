"""Hostile SPARQL to ``/sparql``: random text, token soups, mutated named queries, a corpus.

Every query goes to a real server over the built graph (time limit 2 s, two
query workers) by GET, by POST form or by POST ``application/sparql-query``,
with an odd ``Accept`` or ``format`` now and then. The server must answer
each with 200 or 400, or with a documented refusal (403 for update and
SERVICE, 406 for an unacceptable format, 413/414 for size, 422 for the time
limit), a 500 only as the documented "query engine failed" answer, within
the time limit plus a margin, and never with a traceback. SERVICE endpoints
in the queries point at a loopback canary: it must never be called. After
each test the server must still answer a normal query.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import CORPUS, QUERIES, Answer, assert_answered, count_case, request
from .conftest import MAX_URL_BYTES

RANDOM_TEXT_EXAMPLES = 120
TOKEN_SOUP_EXAMPLES = 250
MUTATION_EXAMPLES = 300
"""Hypothesis examples per property test (kept small enough for a two-core machine)."""

ALLOWED = {200, 400, 403, 406, 413, 414, 422, 503}
CANARY_PLACEHOLDER = "http://canary.invalid/"
SETTINGS = settings(deadline=None, database=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

KEYWORDS = (
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "FROM", "NAMED", "GRAPH", "OPTIONAL",
    "UNION", "MINUS", "FILTER", "EXISTS", "NOT", "BIND", "AS", "VALUES", "SERVICE", "SILENT",
    "LIMIT", "OFFSET", "ORDER", "BY", "DESC", "ASC", "GROUP", "HAVING", "DISTINCT", "REDUCED",
    "PREFIX", "BASE", "INSERT", "DELETE", "DATA", "LOAD", "CLEAR", "DROP", "WITH", "USING",
    "COUNT", "SUM", "GROUP_CONCAT", "SEPARATOR", "REGEX", "REPLACE", "STR", "IRI", "BNODE",
    "COALESCE", "IF", "IN", "LANG", "DATATYPE", "CONCAT", "SUBSTR", "NOW", "RAND", "UUID",
    "TRIPLE", "LATERAL", "a", "true", "false", "UNDEF", "select", "where", "service",
)
PUNCTUATION = tuple("{}()[].;,*|/^!?$+-=<>&@#:\"'\\") + (
    "&&", "||", "!=", "<=", ">=", "^^", "<<", ">>", "{|", "|}", "<<(", ")>>", "\n", "\t", "#",
)
IRIS = (
    "<https://w3id.org/jargraph/def#Area>", "<https://w3id.org/jargraph/id/area/leeds>",
    "<http://www.w3.org/2004/02/skos/core#prefLabel>", "jar:grade", "skos:notation",
    "rdf:type", "<>", "<#>", "<file:///etc/passwd>", "<../../../etc/>", "<a b>",
    "<http://example.org/\\u0000>", f"<{CANARY_PLACEHOLDER}sparql>", "jar:", ":x", "_:b0", "[]",
)
LITERALS = (
    '""', '"x"', "'y'", '"""a\nb"""', '"x"@en', '"x"@', '"1"^^xsd:integer', "42", "-0.0",
    "1e999", "9" * 40, '"\\uD800"', '"\\U0010FFFF"', '"\\U00110000"', '"\\u00"', '"\x00"',
    '"\u202e\u200b\ufeff"', '"𝔘𝔫𝔦"', '"unterminated',
)
VARIABLES = ("?s", "?p", "?o", "?x", "?_area", "$y", "?", "??", "?ñ", "?名", "?" + "v" * 300)
ODD_TEXT = (
    "\x00", "\r\n", "\u202e", "\ufeff", "\uffff", "\ufffd", "\u0301", "\U0001f600", "\\uD800",
    "\\uDFFF", "\\u0053ERVICE", "\\U0001F600", "\x1b[31m", "%00", "%2e%2e/", "</script>",
    "SERVICE #c\n", f"SERVICE <{CANARY_PLACEHOLDER}sparql> {{ ?s ?p ?o }}", " ; DROP ALL ",
)
ACCEPTS = (
    None, None, None, "application/sparql-results+json", "text/csv", "text/turtle",
    "application/sparql-results+xml", "text/html", "image/png", "*/*;q=abc", ";;;,,,",
    "application/json;q=0, */*;q=0", "x" * 3000, "text/tab-separated-values; charset=\x7f",
)
FORMATS = (None, None, None, "json", "xml", "csv", "ttl", "jsonld", "bogus", "\x00", "x" * 500)
TRANSPORTS = ("get", "post-form", "post-query")


def named_queries() -> list[str]:
    """The texts of the named queries in ``queries/``."""
    return [path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))]


# ---------------------------------------------------------------- the canary


class Canary:
    """A loopback listener standing in for a remote endpoint: counts who connects."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.hits: list[bytes] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1.0)
                try:
                    self.hits.append(conn.recv(500))
                except OSError:
                    self.hits.append(b"")

    def close(self) -> None:
        self._stop.set()
        self.thread.join(5)
        self.sock.close()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    found = Canary()
    yield found
    found.close()


# ---------------------------------------------------------------- sending


def send(base: str, query: str | bytes, transport: str, accept: str | None = None,
         fmt: str | None = None, canary: Canary | None = None) -> Answer:
    """Send one query the way ``transport`` says; bytes are sent as they are."""
    if isinstance(query, str):
        if canary is not None:
            query = query.replace(CANARY_PLACEHOLDER, canary.url)
        data = query.encode("utf-8", "surrogatepass")
    else:
        data = query
    headers = {"Accept": accept} if accept is not None else {}
    extra = "&format=" + quote(fmt.encode("utf-8")) if fmt is not None else ""
    if transport == "get":
        return request(base, "GET", "/sparql?query=" + quote_from_bytes(data, safe="") + extra,
                       headers=headers)
    if transport == "post-form":
        body = ("query=" + quote_from_bytes(data, safe="") + extra).encode("ascii")
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return request(base, "POST", "/sparql", body=body, headers=headers)
    headers["Content-Type"] = "application/sparql-query"
    return request(base, "POST", "/sparql" + ("?" + extra[1:] if extra else ""), body=data,
                   headers=headers)


def check(answer: Answer, query: str | bytes, transport: str,
          canary: Canary | None = None, before: int = 0) -> None:
    """The answer is one the protocol documents, and nothing was called."""
    shown = query if len(query) < 300 else query[:300] + (b"..." if isinstance(query, bytes)
                                                          else "...")
    answer.request = f"{transport} {shown!r}"
    assert_answered(answer, ALLOWED, crash_ok=True)
    if canary is not None:
        assert len(canary.hits) == before, f"{answer.request}: the server called the canary"


def assert_healthy(base: str) -> None:
    """A normal query still gets its normal answer."""
    query = named_queries()[0]
    for transport in TRANSPORTS:
        answer = send(base, query, transport, accept="application/sparql-results+json")
        assert answer.status == 200, answer.text[:2000]
        assert b'"bindings"' in answer.body


# ---------------------------------------------------------------- strategies

tokens = st.one_of(
    st.sampled_from(KEYWORDS), st.sampled_from(PUNCTUATION), st.sampled_from(IRIS),
    st.sampled_from(LITERALS), st.sampled_from(VARIABLES), st.sampled_from(ODD_TEXT),
    st.text(min_size=1, max_size=8, alphabet=st.characters(exclude_categories=("Cs",))),
)
token_soups = st.lists(tokens, max_size=80).map(" ".join)
random_texts = st.one_of(
    st.text(max_size=400, alphabet=st.characters(exclude_categories=("Cs",))),
    st.text(max_size=400, alphabet=st.characters(codec="ascii")),
    st.binary(max_size=400),
)
transports = st.sampled_from(TRANSPORTS)
accepts = st.sampled_from(ACCEPTS)
formats = st.sampled_from(FORMATS)

_TOKEN_RE = re.compile(r"\s+|[^\s]+")


@st.composite
def mutations(draw: st.DrawFn) -> str:
    """A named query with one to five edits: characters or tokens deleted, inserted,
    duplicated or swapped, deep nesting, a very long literal, odd unicode, a cut."""
    text = draw(st.sampled_from(named_queries()))
    for _ in range(draw(st.integers(1, 5))):
        size = len(text)
        at = draw(st.integers(0, size))
        op = draw(st.sampled_from((
            "delete", "insert-token", "insert-odd", "duplicate", "swap-tokens",
            "delete-token", "replace-token", "nest", "long-literal", "truncate", "case",
        )))
        if op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif op == "insert-token":
            text = text[:at] + " " + draw(tokens) + " " + text[at:]
        elif op == "insert-odd":
            text = text[:at] + draw(st.sampled_from(ODD_TEXT)) + text[at:]
        elif op == "duplicate":
            end = min(size, at + draw(st.integers(1, 200)))
            text = text[:end] + text[at:end] * draw(st.integers(1, 20)) + text[end:]
        elif op in ("swap-tokens", "delete-token", "replace-token"):
            parts = _TOKEN_RE.findall(text)
            words = [i for i, p in enumerate(parts) if not p.isspace()]
            if not words:
                continue
            i = draw(st.sampled_from(words))
            if op == "swap-tokens":
                j = draw(st.sampled_from(words))
                parts[i], parts[j] = parts[j], parts[i]
            elif op == "delete-token":
                parts[i] = ""
            else:
                parts[i] = draw(tokens)
            text = "".join(parts)
        elif op == "nest":
            depth = draw(st.sampled_from((1, 2, 10, 100, 500, 3000)))
            opener, closer = draw(st.sampled_from((("{", "}"), ("(", ")"), ("[", "]"))))
            closed = draw(st.booleans())
            text = text[:at] + opener * depth + (closer * depth if closed else "") + text[at:]
        elif op == "long-literal":
            length = draw(st.sampled_from((1000, 30_000, 200_000)))
            text = text[:at] + ' "' + draw(st.sampled_from("x\u00e9\U0001f600")) * length + \
                '" ' + text[at:]
        elif op == "truncate":
            text = text[:at]
        else:
            text = text[:at] + text[at:at + 30].swapcase() + text[at + 30:]
    return text


# ---------------------------------------------------------------- property tests


def test_random_text(hostile_url: str, canary: Canary) -> None:
    @settings(SETTINGS, max_examples=RANDOM_TEXT_EXAMPLES)
    @given(query=random_texts, transport=transports, accept=accepts, fmt=formats)
    def case(query: str | bytes, transport: str, accept: str | None, fmt: str | None) -> None:
        count_case("sparql: random text and bytes")
        before = len(canary.hits)
        check(send(hostile_url, query, transport, accept, fmt, canary), query, transport,
              canary, before)

    case()
    assert_healthy(hostile_url)


def test_token_soup(hostile_url: str, canary: Canary) -> None:
    @settings(SETTINGS, max_examples=TOKEN_SOUP_EXAMPLES)
    @given(query=token_soups, transport=transports, accept=accepts, fmt=formats)
    def case(query: str, transport: str, accept: str | None, fmt: str | None) -> None:
        count_case("sparql: token soup")
        before = len(canary.hits)
        check(send(hostile_url, query, transport, accept, fmt, canary), query, transport,
              canary, before)

    case()
    assert_healthy(hostile_url)


def test_mutated_named_queries(hostile_url: str, canary: Canary) -> None:
    @settings(SETTINGS, max_examples=MUTATION_EXAMPLES)
    @given(query=mutations(), transport=transports, accept=accepts, fmt=formats)
    def case(query: str, transport: str, accept: str | None, fmt: str | None) -> None:
        count_case("sparql: mutated named queries")
        before = len(canary.hits)
        check(send(hostile_url, query, transport, accept, fmt, canary), query, transport,
              canary, before)

    case()
    assert_healthy(hostile_url)


# ---------------------------------------------------------------- the corpus

SPARQL_CORPUS = sorted((CORPUS / "sparql").glob("*.rq"))
KNOWN_BYPASS: set[str] = set()
"""Corpus files the server is known to mishandle (strict xfail); none at present. The
service-comment-and-* files once passed the SERVICE check by hiding the endpoint behind
a comment in syntax rdflib cannot parse; they now get a 403 or a 400."""


def _corpus_params() -> list[object]:
    params: list[object] = []
    for path in SPARQL_CORPUS:
        marks = []
        if path.name in KNOWN_BYPASS:
            marks.append(pytest.mark.xfail(
                strict=True, reason="SERVICE check bypassed by a comment (store.py)"))
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


@pytest.mark.parametrize("path", _corpus_params())
def test_corpus(hostile_url: str, canary: Canary, path: Path) -> None:
    """Each corpus query by POST, and by GET and form when it fits in a URL; the ways are
    sent two at a time, as the server has two query workers."""
    query = path.read_text(encoding="utf-8")
    ways = ["post-query"]
    if len(quote(query)) < MAX_URL_BYTES:
        ways.append("get")
    if len(query) < 4096:
        ways.append("post-form")
    before = len(canary.hits)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(
            lambda way: send(hostile_url, query, way, "application/sparql-results+json",
                             canary=canary), ways))
    count_case("sparql: corpus (query x way)", len(ways))
    refusal = path.name.startswith(("service-", "update-")) and not any(
        word in path.name for word in ("as-local-name", "string-and-comment"))
    for transport, answer in zip(ways, answers, strict=True):
        check(answer, path.name, transport, canary, before)
        if refusal:
            assert answer.status in (400, 403), (
                f"{path.name} by {transport}: {answer.status}, expected a refusal\n"
                f"{answer.text[:1000]}")


def test_server_still_answers_after_the_corpus(hostile_url: str) -> None:
    assert_healthy(hostile_url)
