"""Every malformed request to ``/sparql`` gets a 4xx, and quickly, through a real server.

The cases are the ones the SPARQL protocol and security probes run against
every endpoint: a parameter given twice, any depth of nesting, a query as long
as the request-size limit allows. Each must be answered 400 (with a message
that names the limit it hit) within :data:`QUICK` seconds: never a 500 from a
parser that overflowed its stack, never a 503 after the time limit from a
parser that took minutes.

The server here has the default request limits (a body of 1 MiB, a query
string of 64 KiB), so the long queries reach the parsers rather than being
refused for their size; its time limit is the suite's (2 s).
"""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from jargraph.store.services import SERVICE_CHECK_LIMIT
from jargraph.store.syntax import MAX_NESTING

from .conftest import _config, start_server
from .test_sparql_protocol import Reply, call

QUICK = 2.0
"""Seconds within which a malformed request is answered (a generous bound: the server
refuses these without running anything)."""
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def roomy(sparql_home) -> Iterator[str]:
    """An endpoint with the default limits on request size (1 MiB body, 64 KiB URL)."""
    url, stop = start_server(_config(sparql_home, max_request_bytes=1 << 20,
                                     max_url_bytes=64 << 10))
    yield url + "/sparql"
    stop()


def timed(send) -> tuple[Reply, float]:
    started = time.monotonic()
    reply = send()
    return reply, time.monotonic() - started


def post(endpoint: str, query: str) -> Reply:
    return call(endpoint, "POST", query.encode(),
                {"Content-Type": "application/sparql-query", "Accept": JSON})


def message(reply: Reply) -> str:
    return json.loads(reply.body)["message"]


def assert_quick_400(reply: Reply, seconds: float) -> None:
    assert reply.status == 400, (reply.status, reply.text[:300])
    assert seconds < QUICK, f"answered in {seconds:.1f} s"
    assert len(reply.body) < 4096, "the message quotes a readable piece of the query"


# ---------------------------------------------------------------- parameters


def test_two_query_parameters_by_get(roomy: str) -> None:
    fields = [("query", "ASK {}"), ("query", "SELECT * WHERE { ?s ?p ?o }")]
    reply, seconds = timed(lambda: call(roomy + "?" + urllib.parse.urlencode(fields),
                                        headers={"Accept": JSON}))
    assert_quick_400(reply, seconds)
    assert "'query' is given 2 times" in message(reply)


def test_two_query_parameters_by_form(roomy: str) -> None:
    body = urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")]).encode()
    reply, seconds = timed(lambda: call(roomy, "POST", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Accept": JSON}))
    assert_quick_400(reply, seconds)
    assert "'query' is given 2 times" in message(reply)


def test_query_in_the_url_and_in_the_form(roomy: str) -> None:
    body = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    reply, seconds = timed(lambda: call(roomy + "?query=ASK%20%7B%7D", "POST", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Accept": JSON}))
    assert_quick_400(reply, seconds)


def test_query_in_the_url_and_as_the_body(roomy: str) -> None:
    reply, seconds = timed(lambda: call(roomy + "?query=ASK%20%7B%7D", "POST", b"ASK {}", {
        "Content-Type": "application/sparql-query", "Accept": JSON}))
    assert_quick_400(reply, seconds)
    assert "sent twice" in message(reply)


def test_one_query_parameter_is_still_fine(roomy: str) -> None:
    reply = call(roomy + "?query=ASK%20%7B%7D", headers={"Accept": JSON})
    assert reply.status == 200 and json.loads(reply.body)["boolean"] is True


# ---------------------------------------------------------------- nesting


@pytest.mark.parametrize("braces", [10_000, 100_000])
def test_deeply_nested_braces(roomy: str, braces: int) -> None:
    reply, seconds = timed(lambda: post(roomy, "SELECT * WHERE " + "{" * braces))
    assert_quick_400(reply, seconds)
    text = message(reply)
    assert f"more than {MAX_NESTING} deep" in text
    assert f"line 1, column {len('SELECT * WHERE ') + MAX_NESTING + 1}" in text


def test_deeply_nested_braces_closed(roomy: str) -> None:
    reply, seconds = timed(lambda: post(roomy, "SELECT * WHERE " + "{" * 5000 + "}" * 5000))
    assert_quick_400(reply, seconds)


def test_deeply_nested_parentheses_in_a_filter(roomy: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }"
    reply, seconds = timed(lambda: post(roomy, query))
    assert_quick_400(reply, seconds)
    assert f"more than {MAX_NESTING} deep" in message(reply)


def test_deeply_nested_parentheses_by_get(roomy: str) -> None:
    query = "ASK { FILTER(" + "(" * 10_000 + ") }"
    reply, seconds = timed(lambda: call(roomy + "?" + urllib.parse.urlencode({"query": query}),
                                        headers={"Accept": JSON}))
    assert_quick_400(reply, seconds)


def test_nesting_within_the_limit_runs(roomy: str) -> None:
    depth = MAX_NESTING - 2
    query = "ASK { " + "{ " * depth + "?s ?p ?o" + " }" * depth + " }"
    reply = post(roomy, query)
    assert reply.status == 200, reply.text[:300]


def test_brackets_in_strings_and_iris_do_not_count(roomy: str) -> None:
    query = ('ASK { ?s ?p ?o FILTER(?o != "' + "(" * 5000 + '") '
             'FILTER(?s != <http://example.org/' + "(" * 300 + ">) }  # " + "{" * 300)
    reply = post(roomy, query)
    assert reply.status == 200, reply.text[:300]


# ---------------------------------------------------------------- length


def test_long_variable_name(roomy: str) -> None:
    query = "SELECT ?" + "v" * 100_000 + " WHERE { ?s ?p ?o "
    reply, seconds = timed(lambda: post(roomy, query))
    assert_quick_400(reply, seconds)
    assert "line 1" in message(reply)


def test_long_variable_name_in_the_pattern(roomy: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?" + "v" * 100_000 + " ORDER"
    reply, seconds = timed(lambda: post(roomy, query))
    assert_quick_400(reply, seconds)


def test_values_left_open(roomy: str) -> None:
    query = "SELECT * WHERE { VALUES ?x { " + "1 " * 200_000
    reply, seconds = timed(lambda: post(roomy, query))
    assert_quick_400(reply, seconds)
    assert "line 1" in message(reply)


def test_values_with_distinct_terms_left_open(roomy: str) -> None:
    query = "SELECT * WHERE { VALUES ?x { " + " ".join(str(n % 1000) for n in range(200_000))
    assert len(query) < 1 << 20
    reply, seconds = timed(lambda: post(roomy, query))
    assert_quick_400(reply, seconds)


def test_long_query_calling_service_is_refused(roomy: str) -> None:
    query = ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } "
             "VALUES ?x { " + "1 " * SERVICE_CHECK_LIMIT + "} }")
    reply, seconds = timed(lambda: post(roomy, query))
    assert_quick_400(reply, seconds)
    assert f"at most {SERVICE_CHECK_LIMIT:,} characters" in message(reply)
