"""The remote store against a real Virtuoso: the same answers as the embedded store.

Every test writes its own graphs (named under a per-test IRI) so the tests do
not depend on one another's data on the shared server.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re

import pyoxigraph as ox
import pytest

from jargraph import formats, settings, store
from jargraph.store import QuerySyntaxError, StoreUnavailable
from jargraph.store.http import authorizer
from jargraph.store.remote import (
    RemoteStore,
    StoreAuthError,
    derived_endpoints,
    insert_requests,
    query_form,
    remote_store_from_url,
)

from .conftest import Virtuoso

SELECT_FORMATS = {f.media_type: f.results_format for f in formats.RESULTS}
GRAPH_FORMATS = {f.media_type: f.rdf_format for f in formats.GRAPHS}

pytestmark = pytest.mark.remote

EX = "http://example.org/"
DATA = f"""\
<{EX}a> <{EX}name> "Ann"@en .
<{EX}a> <{EX}age> "41"^^<http://www.w3.org/2001/XMLSchema#integer> .
<{EX}a> <{EX}knows> <{EX}b> .
<{EX}b> <{EX}name> "Bé \\"quoted\\"\\ttab" .
<{EX}b> <{EX}score> "2.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .
""".encode()
MORE = f'<{EX}c> <{EX}name> "Cy" .\n'.encode()


@pytest.fixture(scope="module")
def remote(virtuoso: Virtuoso) -> RemoteStore:
    return remote_store_from_url(virtuoso.url())


@pytest.fixture
def graphs(remote: RemoteStore, request: pytest.FixtureRequest) -> tuple[str, str]:
    """Two graph IRIs for this test, holding DATA and MORE; dropped afterwards."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name)
    first, second = (f"{EX}graph/{name}/{n}" for n in (1, 2))
    remote.replace_graph(first, DATA)
    remote.replace_graph(second, MORE)
    yield first, second
    remote.drop_graph(first)
    remote.drop_graph(second)


def embedded(first: str, second: str) -> ox.Store:
    """The same graphs in an embedded store, to compare answers with."""
    local = ox.Store()
    for iri, data in ((first, DATA), (second, MORE)):
        local.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(iri))
        local.load(data, format=ox.RdfFormat.N_TRIPLES)  # the default graph: their set
    return local


def rows(output: store.QueryOutput) -> list[tuple[str, ...]]:
    """The rows of a SELECT answer in any format, as sorted tuples of strings."""
    if output.media_type == "text/csv":
        table = list(csv.reader(io.StringIO(output.body.decode())))
        return sorted(tuple(row) for row in table[1:])
    fmt = SELECT_FORMATS[output.media_type]
    results = ox.parse_query_results(output.body, fmt)
    names = [v.value for v in results.variables]
    return sorted(tuple(str(s[n]) if s[n] is not None else "" for n in names) for s in results)


def boolean(output: store.QueryOutput) -> bool:
    if output.media_type == "text/csv":
        return output.body.decode().strip().lower() == "true"
    result = ox.parse_query_results(output.body, SELECT_FORMATS[output.media_type])
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


def triples(output: store.QueryOutput) -> set[ox.Triple]:
    fmt = GRAPH_FORMATS[output.media_type]
    return {quad.triple for quad in ox.parse(output.body, format=fmt)}


def select_all(graph: str) -> str:
    return f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"


@pytest.mark.parametrize("media_type", list(SELECT_FORMATS))
def test_select_in_every_format_matches_the_embedded_store(
    remote: RemoteStore, graphs: tuple[str, str], media_type: str
) -> None:
    query = select_all(graphs[0])
    got = remote.query(query, select_format=media_type)
    want = store.run_query(embedded(*graphs), query, select_format=media_type)
    assert (got.kind, got.media_type, got.truncated) == ("select", media_type, False)
    assert rows(got) == rows(want)
    assert len(rows(got)) == 5


@pytest.mark.parametrize("media_type", list(SELECT_FORMATS))
def test_ask_in_every_format(
    remote: RemoteStore, graphs: tuple[str, str], media_type: str
) -> None:
    yes = remote.query(f"ASK {{ <{EX}a> <{EX}knows> <{EX}b> }}", select_format=media_type)
    no = remote.query(f"ASK {{ <{EX}b> <{EX}knows> <{EX}a> }}", select_format=media_type)
    assert (yes.kind, yes.media_type) == ("ask", media_type)
    assert boolean(yes) is True
    assert boolean(no) is False
    local = store.run_query(embedded(*graphs), f"ASK {{ <{EX}a> <{EX}knows> <{EX}b> }}",
                            select_format=media_type)
    assert yes.body == local.body


@pytest.mark.parametrize("media_type", list(GRAPH_FORMATS))
def test_construct_in_every_format_matches_the_embedded_store(
    remote: RemoteStore, graphs: tuple[str, str], media_type: str
) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graphs[0]}> {{ ?s ?p ?o }} }}"
    got = remote.query(query, graph_format=media_type)
    want = store.run_query(embedded(*graphs), query, graph_format=media_type)
    assert (got.kind, got.media_type) == ("graph", media_type)
    assert triples(got) == triples(want)
    assert len(triples(got)) == 5


def test_describe_is_a_graph(remote: RemoteStore, graphs: tuple[str, str]) -> None:
    got = remote.query(f"DESCRIBE <{EX}c>", graph_format="application/n-triples")
    assert got.kind == "graph"
    assert f"<{EX}c> <{EX}name> \"Cy\"" in got.body.decode()


def test_replace_twice_leaves_no_duplicates(remote: RemoteStore, graphs: tuple[str, str]) -> None:
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graphs[0]}> {{ ?s ?p ?o }} }}"
    remote.replace_graph(graphs[0], DATA)
    remote.replace_graph(graphs[0], DATA)
    assert rows(remote.query(count))[0][0].startswith('"5"')
    remote.replace_graph(graphs[0], MORE)
    assert rows(remote.query(select_all(graphs[0]))) == [
        (f"<{EX}c>", f"<{EX}name>", '"Cy"')]


def test_default_graph_is_the_union_of_named_graphs(
    remote: RemoteStore, graphs: tuple[str, str]
) -> None:
    query = f"SELECT ?name WHERE {{ ?who <{EX}name> ?name }}"
    assert {r[0] for r in rows(remote.query(query))} >= {
        '"Ann"@en', '"Cy"', '"Bé \\"quoted\\"\\ttab"'}
    only_first = remote.query(query, default_graphs=[graphs[0]])
    assert {r[0] for r in rows(only_first)} == {'"Ann"@en', '"Bé \\"quoted\\"\\ttab"'}


def test_named_graphs_restrict_graph_patterns(
    remote: RemoteStore, graphs: tuple[str, str]
) -> None:
    query = f"SELECT ?g ?s WHERE {{ GRAPH ?g {{ ?s <{EX}name> ?name }} }}"
    got = rows(remote.query(query, named_graphs=[graphs[1]]))
    assert got == [(f"<{graphs[1]}>", f"<{EX}c>")]


def test_graph_names_lists_the_written_graphs(
    remote: RemoteStore, graphs: tuple[str, str]
) -> None:
    assert set(graphs) <= set(remote.graph_names())
    remote.drop_graph(graphs[1])
    remote.drop_graph(graphs[1])  # dropping a missing graph is not an error
    names = remote.graph_names()
    assert graphs[0] in names and graphs[1] not in names


@pytest.mark.parametrize("media_type", list(SELECT_FORMATS))
def test_row_limit_truncates(remote: RemoteStore, graphs: tuple[str, str], media_type: str) -> None:
    query = select_all(graphs[0]) + " ORDER BY ?p"
    cut = remote.query(query, select_format=media_type, row_limit=2)
    assert (cut.truncated, cut.rows, len(rows(cut))) == (True, 2, 2)
    whole = remote.query(query, select_format=media_type, row_limit=5)
    assert (whole.truncated, whole.rows, len(rows(whole))) == (False, 5, 5)


def test_syntax_error(remote: RemoteStore) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        remote.query("SELECT ?s WHERE {\n  ?s ?p \n}")
    assert caught.value.line is not None
    assert "syntax error" in str(caught.value).lower()


def test_ontology_with_blank_nodes_round_trips(remote: RemoteStore) -> None:
    """A real jargraph graph (OWL lists and restrictions are blank nodes) comes back whole."""
    from jargraph.ontology import ontology_graph

    ontology = ontology_graph()
    iri = f"{EX}graph/ontology"
    remote.replace_graph(iri, ontology.serialize(format="nt", encoding="utf-8"))
    remote.replace_graph(iri, ontology.serialize(format="nt", encoding="utf-8"))
    try:
        got = remote.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}",
                           graph_format="application/n-triples")
        assert len(triples(got)) == len(ontology)
    finally:
        remote.drop_graph(iri)


def test_without_graph_store_protocol_falls_back_to_update(
    virtuoso: Virtuoso, caplog: pytest.LogCaptureFixture
) -> None:
    """Virtuoso answers 501 on /rdf-graph-store: graphs are then written with SPARQL Update."""
    remote = remote_store_from_url(virtuoso.url())
    remote.graph_store_url = f"{virtuoso.base_url}/rdf-graph-store"
    iri = f"{EX}graph/fallback"
    data = DATA + f"<{EX}a> <{EX}address> _:x .\n_:x <{EX}town> \"Leeds\" .\n".encode()
    with caplog.at_level(logging.WARNING, logger="jargraph.store.remote"):
        remote.replace_graph(iri, data)
        remote.replace_graph(iri, data)
    try:
        assert "does not support the Graph Store Protocol" in caplog.text
        assert "rdf-graph-store" in caplog.text and "returned 501" in caplog.text
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        assert rows(remote.query(count))[0][0].startswith('"7"')
        town = f'ASK {{ GRAPH <{iri}> {{ <{EX}a> <{EX}address> ?x . ?x <{EX}town> "Leeds" }} }}'
        assert boolean(remote.query(town))
    finally:
        remote.drop_graph(iri)
    assert iri not in remote.graph_names()


LARGE = 60_000
"""Triples in the large graph: some 4 MB of N-Triples, far above any socket buffer
(and above the size from which credentials go with the first request)."""


def large_graph(n: int = LARGE) -> bytes:
    return "".join(f'<{EX}s{i}> <{EX}value> "value {i}" .\n' for i in range(n)).encode()


def test_large_graph_is_replaced_in_one_request(
    own_virtuoso: Virtuoso, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole graph goes in one Graph Store PUT, with the Digest credentials up front.

    Without them urllib sends the 4 MB unauthenticated first; Virtuoso answers 401
    and closes the connection before reading it, and the upload fails with a
    broken pipe or a reset. It has a server of its own: after the session server
    has taken the other tests' builds and pushes, a 4 MB PUT can wait there on
    Virtuoso's locks for longer than the client's timeout.
    """
    # the server goes with the test, so no clean-up request; time to spare on a busy machine
    remote = remote_store_from_url(own_virtuoso.url(), timeout=300)
    sent: list[tuple[str, int]] = []
    send = RemoteStore._send

    def counting(self: RemoteStore, method: str, url: str, body: bytes | None,
                 *args: object) -> object:
        sent.append((method, len(body or b"")))
        return send(self, method, url, body, *args)

    iri = f"{EX}graph/large"
    data = large_graph()
    monkeypatch.setattr(RemoteStore, "_send", counting)
    remote.replace_graph(iri, data)
    assert sent == [("PUT", len(data))]
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    assert rows(remote.query(count)) == [(f'"{LARGE}"^^<http://www.w3.org/2001/XMLSchema#integer>',)]
    remote.replace_graph(iri, large_graph(LARGE // 2))
    assert rows(remote.query(count))[0][0].startswith(f'"{LARGE // 2}"')


def test_large_graph_with_wrong_password_is_a_clear_auth_error(virtuoso: Virtuoso) -> None:
    remote = remote_store_from_url(virtuoso.url(password="wrong"))
    with pytest.raises(StoreAuthError, match="refused the credentials of user 'jargraph'"):
        remote.replace_graph(f"{EX}graph/never", large_graph())


def test_wrong_password_is_a_clear_auth_error(virtuoso: Virtuoso) -> None:
    remote = remote_store_from_url(virtuoso.url(password="wrong"))
    with pytest.raises(StoreAuthError, match="refused the credentials of user 'jargraph'"):
        remote.replace_graph(f"{EX}graph/never", DATA)
    reader = remote_store_from_url(
        f"http://jargraph:wrong@127.0.0.1:{virtuoso.http_port}/sparql-auth")
    with pytest.raises(StoreAuthError, match="check the password"):
        reader.query("ASK {}")


def test_no_credentials_says_how_to_give_them(virtuoso: Virtuoso, no_store_env: None) -> None:
    reader = RemoteStore(f"{virtuoso.base_url}/sparql-auth")
    with pytest.raises(StoreAuthError, match="JARGRAPH_STORE_USER"):
        reader.query("ASK {}")


def test_server_down_then_back(own_virtuoso: Virtuoso) -> None:
    remote = remote_store_from_url(own_virtuoso.url())
    remote.replace_graph(f"{EX}graph/kept", DATA)
    own_virtuoso.stop()
    with pytest.raises(StoreUnavailable) as caught:
        remote.query("ASK {}")
    message = str(caught.value)
    assert f"cannot reach SPARQL server at {own_virtuoso.query_url}" in message
    assert "connection refused; is it running?" in message
    with pytest.raises(StoreUnavailable, match="is it running"):
        remote.replace_graph(f"{EX}graph/kept", DATA)
    own_virtuoso.start()
    remote.ping()
    assert boolean(remote.query(f"ASK {{ GRAPH <{EX}graph/kept> {{ <{EX}a> ?p ?o }} }}"))


# -- without a server --------------------------------------------------------------------


def test_url_gives_credentials_and_endpoints(no_store_env: None) -> None:
    remote = remote_store_from_url("http://ann:s%40cret@127.0.0.1:8890/sparql")
    assert remote.query_url == "http://127.0.0.1:8890/sparql"
    assert remote.update_url == "http://127.0.0.1:8890/sparql-auth"
    assert remote.graph_store_url == "http://127.0.0.1:8890/sparql-graph-crud-auth"
    assert remote.user == "ann"
    assert "s@cret" not in repr(remote)


def test_environment_gives_credentials_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARGRAPH_STORE_USER", "bob")
    monkeypatch.setenv("JARGRAPH_STORE_PASSWORD", "pw")
    monkeypatch.setenv("JARGRAPH_STORE_UPDATE_URL", "http://h/up")
    monkeypatch.setenv("JARGRAPH_STORE_GSP_URL", "http://h/gsp")
    remote = store.open_store(settings.load({"store": "http://h:3030/ds/query"}))
    assert isinstance(remote, RemoteStore)
    assert (remote.user, remote.update_url, remote.graph_store_url) == (
        "bob", "http://h/up", "http://h/gsp")


@pytest.mark.parametrize(("url", "update", "gsp"), [
    ("http://h/sparql", "http://h/sparql", "http://h/sparql-graph-crud"),
    ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("http://h/repositories/jar", "http://h/repositories/jar/statements",
     "http://h/repositories/jar/rdf-graphs/service"),
    ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:3030/ds", "http://h:3030/ds", "http://h:3030/ds"),
])
def test_derived_endpoints(url: str, update: str, gsp: str) -> None:
    assert derived_endpoints(url) == (update, gsp)


def test_query_form() -> None:
    assert query_form("PREFIX a: <http://x#> # note\nBASE <http://y/>\nask {}") == "ask"
    assert query_form("# SELECT\nCONSTRUCT WHERE { ?s ?p ?o }") == "construct"
    assert query_form("INSERT DATA {}") is None


def test_insert_requests_keep_blank_nodes_together() -> None:
    data = b"<http://a> <http://b> _:x .\n<http://c> <http://d> <http://e> .\n" \
           b"_:x <http://b> \"1\" .\n"
    requests = list(insert_requests("http://g", data))
    assert len(requests) == 2
    assert requests[0].startswith("INSERT DATA") and "_:" not in requests[0]
    assert requests[1].count("_:x") == 2 and requests[1].endswith("WHERE {}")
    assert list(insert_requests("http://g", b"")) == []


def test_authorizer_answers_digest_and_basic_challenges() -> None:
    import urllib.request

    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, "http://h/", "ann", "secret")
    request = urllib.request.Request("http://h/store?graph=x", data=b"...", method="PUT")
    digest = 'Digest realm="SPARQL", nonce="abc", qop="auth", algorithm="MD5"'
    answer = authorizer(passwords, ["Basic realm=\"x\"", digest])
    assert answer is not None
    header = answer(request) or ""
    assert header.startswith('Digest username="ann", realm="SPARQL", nonce="abc"')
    assert 'uri="/store?graph=x"' in header and "nc=00000001" in header
    assert "nc=00000002" in (answer(request) or "")
    basic = authorizer(passwords, ['Basic realm="x"'])
    assert basic is not None and basic(request) == "Basic YW5uOnNlY3JldA=="
    assert authorizer(passwords, ['Bearer realm="x"']) is None
    stranger = urllib.request.Request("http://elsewhere/store", method="PUT")
    assert basic(stranger) is None


def test_virtuoso_ask_table_becomes_a_boolean() -> None:
    from jargraph.store.remote import normalise_json_results

    table = {"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": [
        {"__ASK_RETVAL": {"type": "typed-literal", "value": "1"}}]}}
    empty = {"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": []}}
    assert json.loads(normalise_json_results(json.dumps(table).encode(), "ask"))["boolean"]
    assert not json.loads(normalise_json_results(json.dumps(empty).encode(), "ask"))["boolean"]
