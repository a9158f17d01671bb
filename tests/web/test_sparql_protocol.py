"""The SPARQL 1.1 Protocol endpoint, over real HTTP: every way in, every format, every limit."""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.query import Result

from .conftest import FIXTURE, ROW_LIMIT, TIMEOUT, _config, publish_store, start_server

PREFIXES = """PREFIX jar: <https://w3id.org/jargraph/def#>
PREFIX jarid: <https://w3id.org/jargraph/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
AREAS = PREFIXES + "SELECT ?area ?name WHERE { ?area a jar:Area ; rdfs:label ?name } ORDER BY ?name"
GRADES = PREFIXES + """CONSTRUCT { ?j jar:grade ?g . ?g skos:notation ?n }
WHERE { ?j a jar:Judgement ; jar:grade ?g . ?g skos:notation ?n }"""
GRAPH_NS = "https://w3id.org/jargraph/graph/"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SLOW = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r
  FILTER(CONTAINS(CONCAT(STR(?a), STR(?f), STR(?i), STR(?l), STR(?o), STR(?r)), "no-such-text"))
}"""

SELECT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


def call(url: str, method: str = "GET", body: bytes | None = None,
         headers: dict[str, str] | None = None, timeout: float = 30) -> Reply:
    """One HTTP request; any status comes back as a Reply, never as an exception."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            reply = Reply(response.status, _lower(response.headers), response.read())
    except urllib.error.HTTPError as error:
        reply = Reply(error.code, _lower(error.headers), error.read())
    assert b"Traceback" not in reply.body, reply.body
    return reply


def _lower(headers) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def get(endpoint: str, query: str | None = None, accept: str | None = None,
        **params: str | list[str]) -> Reply:
    fields: list[tuple[str, str]] = [("query", query)] if query is not None else []
    for key, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append((key.replace("_", "-"), item))
    url = endpoint + ("?" + urllib.parse.urlencode(fields) if fields else "")
    return call(url, headers={"Accept": accept} if accept else {})


def post_form(endpoint: str, fields: dict[str, str], accept: str | None = None) -> Reply:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return call(endpoint, "POST", urllib.parse.urlencode(fields).encode(), headers)


def post_query(endpoint: str, query: str, accept: str | None = None,
               content_type: str = "application/sparql-query") -> Reply:
    headers = {"Content-Type": content_type}
    if accept:
        headers["Accept"] = accept
    return call(endpoint, "POST", query.encode(), headers)


def rows(reply: Reply) -> list[dict[str, str]]:
    """The solutions of a SELECT reply, in whichever results format it came, as plain strings."""
    assert reply.status == 200, reply.text
    if reply.media_type == "text/csv":  # lossy, so Oxigraph will not parse it; rdflib will
        result = Result.parse(io.BytesIO(reply.body), format="csv")
        return [{str(k): str(v) for k, v in row.asdict().items()} for row in result]
    parsed = ox.parse_query_results(reply.body, SELECT_TYPES[reply.media_type])
    names = [v.value for v in parsed.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in parsed]


def graph(reply: Reply) -> Graph:
    """The triples of a CONSTRUCT or DESCRIBE reply, parsed by Oxigraph, as an rdflib graph."""
    assert reply.status == 200, reply.text
    triples = ox.parse(reply.body, GRAPH_TYPES[reply.media_type])
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


# ---------------------------------------------------------------- three ways in


def test_get_query(endpoint: str) -> None:
    reply = get(endpoint, AREAS)
    assert reply.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
    assert [r["name"] for r in rows(reply)] == ["Exampleton", "Testshire"]


def test_post_form_query(endpoint: str) -> None:
    reply = post_form(endpoint, {"query": AREAS})
    assert [r["name"] for r in rows(reply)] == ["Exampleton", "Testshire"]


def test_post_raw_query(endpoint: str) -> None:
    reply = post_query(endpoint, AREAS, content_type="application/sparql-query; charset=utf-8")
    assert [r["name"] for r in rows(reply)] == ["Exampleton", "Testshire"]


def test_post_other_content_type_is_415(endpoint: str) -> None:
    reply = post_query(endpoint, AREAS, content_type="text/plain")
    assert reply.status == 415
    assert "application/sparql-query" in reply.text


def test_empty_query_is_400(endpoint: str) -> None:
    assert get(endpoint, "  ").status == 400
    assert post_form(endpoint, {"format": "json"}).status == 400


# ---------------------------------------------------------------- dataset


def test_union_default_graph(endpoint: str) -> None:
    query = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert rows(get(endpoint, query)) == [{"n": "42"}]


def test_default_graph_uri(endpoint: str) -> None:
    query = PREFIXES + "SELECT ?area WHERE { ?area a jar:Area }"
    assert len(rows(get(endpoint, query, default_graph_uri=GRAPH_NS + "links"))) == 2
    assert rows(get(endpoint, query, default_graph_uri=GRAPH_NS + "schemes")) == []
    both = [GRAPH_NS + "schemes", GRAPH_NS + "links"]
    assert len(rows(get(endpoint, query, default_graph_uri=both))) == 2
    form = post_form(endpoint, {"query": query, "default-graph-uri": GRAPH_NS + "schemes"})
    assert rows(form) == []


def test_named_graph_uri(endpoint: str) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    assert len(rows(get(endpoint, query))) == 3
    only = rows(get(endpoint, query, named_graph_uri=[GRAPH_NS + "links", GRAPH_NS + "schemes"]))
    assert [r["g"] for r in only] == [GRAPH_NS + "links", GRAPH_NS + "schemes"]
    raw = call(endpoint + "?" + urllib.parse.urlencode({"named-graph-uri": GRAPH_NS + "links"}),
               "POST", query.encode(), {"Content-Type": "application/sparql-query"})
    assert [r["g"] for r in rows(raw)] == [GRAPH_NS + "links"]


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize("media_type", list(SELECT_TYPES))
def test_select_formats(endpoint: str, media_type: str) -> None:
    reply = get(endpoint, AREAS, accept=media_type)
    assert reply.headers["content-type"] == f"{media_type}; charset=utf-8"
    found = rows(reply)
    assert [r["name"] for r in found] == ["Exampleton", "Testshire"]
    assert found[1]["area"] == "https://w3id.org/jargraph/id/area/testshire"


@pytest.mark.parametrize("media_type", ["application/sparql-results+json",
                                        "application/sparql-results+xml"])
def test_ask_formats(endpoint: str, media_type: str) -> None:
    for query, expected in [(PREFIXES + "ASK { ?a a jar:Area }", True),
                            (PREFIXES + "ASK { ?a a jar:Nothing }", False)]:
        reply = get(endpoint, query, accept=media_type)
        assert reply.status == 200
        assert reply.headers["content-type"] == f"{media_type}; charset=utf-8"
        assert bool(ox.parse_query_results(reply.body, SELECT_TYPES[media_type])) is expected


@pytest.mark.parametrize("media_type", list(GRAPH_TYPES))
def test_construct_formats(endpoint: str, media_type: str) -> None:
    reply = get(endpoint, GRADES, accept=media_type)
    assert reply.headers["content-type"] == f"{media_type}; charset=utf-8"
    parsed = graph(reply)
    assert len(parsed) == 6
    judgement = URIRef("https://w3id.org/jargraph/id/review/jar-testshire-2007/judgement/"
                       "safeguarding")
    grade = parsed.value(judgement, URIRef("https://w3id.org/jargraph/def#grade"))
    assert grade == URIRef("https://w3id.org/jargraph/id/grade/good")


def test_describe(endpoint: str) -> None:
    reply = get(endpoint, PREFIXES + "DESCRIBE jarid:area\\/testshire", accept="text/turtle")
    parsed = graph(reply)
    assert (URIRef("https://w3id.org/jargraph/id/area/testshire"), RDF.type,
            URIRef("https://w3id.org/jargraph/def#Area")) in parsed


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0.1, text/tab-separated-values",
     "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/turtle;q=1, text/csv;q=0.2", "text/csv"),
])
def test_accept_q_values_for_select(endpoint: str, accept: str | None, expected: str) -> None:
    reply = get(endpoint, AREAS, accept=accept)
    assert reply.media_type == expected
    assert len(rows(reply)) == 2


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "text/turtle"),
    ("*/*", "text/turtle"),
    ("application/n-triples;q=0.4, application/rdf+xml;q=0.8", "application/rdf+xml"),
    ("application/sparql-results+json, application/ld+json;q=0.5", "application/ld+json"),
])
def test_accept_q_values_for_construct(endpoint: str, accept: str | None, expected: str) -> None:
    reply = get(endpoint, GRADES, accept=accept)
    assert reply.media_type == expected
    assert len(graph(reply)) == 6


@pytest.mark.parametrize(("name", "query", "expected"), [
    ("json", AREAS, "application/sparql-results+json"),
    ("xml", AREAS, "application/sparql-results+xml"),
    ("csv", AREAS, "text/csv"),
    ("tsv", AREAS, "text/tab-separated-values"),
    ("json", GRADES, "application/ld+json"),
    ("xml", GRADES, "application/rdf+xml"),
    ("ttl", GRADES, "text/turtle"),
    ("turtle", GRADES, "text/turtle"),
    ("nt", GRADES, "application/n-triples"),
    ("rdf", GRADES, "application/rdf+xml"),
    ("jsonld", GRADES, "application/ld+json"),
    ("text/csv", AREAS, "text/csv"),
])
def test_format_parameter_overrides_accept(endpoint: str, name: str, query: str,
                                           expected: str) -> None:
    reply = get(endpoint, query, accept="application/sparql-results+json, text/turtle",
                format=name)
    assert reply.headers["content-type"] == f"{expected}; charset=utf-8"
    if query is AREAS:
        assert len(rows(reply)) == 2
    else:
        assert len(graph(reply)) == 6


def test_unknown_format_is_400(endpoint: str) -> None:
    reply = get(endpoint, AREAS, format="pdf")
    assert reply.status == 400
    assert "pdf" in reply.text


def test_not_acceptable(endpoint: str) -> None:
    reply = get(endpoint, AREAS, accept="image/png")
    assert reply.status == 406
    assert "text/csv" in reply.text and "text/turtle" in reply.text
    reply = get(endpoint, AREAS, format="ttl")
    assert reply.status == 406
    assert "SELECT and ASK results are available as" in reply.text
    assert get(endpoint, GRADES, format="csv").status == 406


def test_accept_of_the_other_family_gets_the_default(endpoint: str) -> None:
    assert get(endpoint, AREAS, accept="text/turtle").media_type == (
        "application/sparql-results+json")
    assert get(endpoint, GRADES, accept="text/csv").media_type == "text/turtle"


def test_script_literal_comes_back_as_data(endpoint: str) -> None:
    query = PREFIXES + "SELECT ?w WHERE { ?j jar:gradeWording ?w FILTER(CONTAINS(?w, 'script')) }"
    reply = get(endpoint, query)
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert rows(reply) == [{"w": "Inadequate <script>alert(1)</script>"}]


# ---------------------------------------------------------------- errors


def test_syntax_error_names_line_and_column(endpoint: str) -> None:
    query = "SELECT *\nWHERE {\n  ?s ?p ?o .\n  ?s ?p ?o ) .\n}\n"
    reply = get(endpoint, query, accept="application/sparql-results+json")
    assert reply.status == 400
    message = json.loads(reply.body)["message"]
    assert "line 4, column 12" in message
    assert "?s ?p ?o )" in message


def test_syntax_error_at_the_end_of_a_line(endpoint: str) -> None:
    query = "SELECT *\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}"
    reply = post_query(endpoint, query)
    assert reply.status == 400
    assert "line 4" in reply.text


def test_undeclared_prefix(endpoint: str) -> None:
    reply = get(endpoint, "SELECT * WHERE {\n  ?s foo:bar ?o }")
    assert reply.status == 400
    assert "line 2" in reply.text and "'foo:'" in reply.text


def test_error_bodies_follow_accept(endpoint: str, server_url: str) -> None:
    query = "SELECT * WHERE { ?s <script> }"
    as_html = get(endpoint, query, accept="text/html,*/*;q=0.8")
    assert as_html.status == 400
    assert as_html.media_type == "text/html"
    assert "<script>" not in as_html.text and "&lt;script&gt;" in as_html.text
    as_json = get(endpoint, query, accept="application/json")
    assert as_json.status == 400 and json.loads(as_json.body)["status"] == 400
    as_text = get(endpoint, query, accept="text/csv")
    assert as_text.status == 400 and as_text.media_type == "text/plain"
    missing = call(server_url + "/no-such-page", headers={"Accept": "application/json"})
    assert missing.status == 404 and json.loads(missing.body)["error"] == "Not Found"
    assert call(server_url + "/no-such-page", headers={"Accept": "text/html"}).media_type == (
        "text/html")


def test_method_not_allowed(endpoint: str) -> None:
    reply = call(endpoint, "PUT", b"x", {"Accept": "application/json"})
    assert reply.status == 405
    assert "GET" in reply.headers["allow"] and "POST" in reply.headers["allow"]


# ---------------------------------------------------------------- service description


def test_service_description_turtle(endpoint: str) -> None:
    reply = get(endpoint)
    assert reply.headers["content-type"] == "text/turtle; charset=utf-8"
    described = graph(reply)
    service = URIRef(endpoint)
    assert (service, RDF.type, SD.Service) in described
    assert (service, SD.endpoint, service) in described
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in described
    assert (service, SD.feature, SD.UnionDefaultGraph) in described
    formats = {str(f) for f in described.objects(service, SD.resultFormat)}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_CSV" in formats
    assert "http://www.w3.org/ns/formats/JSON-LD" in formats
    assert len(formats) == 8
    dataset = described.value(service, SD.defaultDataset)
    names = {str(described.value(g, SD.name)) for g in described.objects(dataset, SD.namedGraph)}
    assert names == {GRAPH_NS + "schemes", GRAPH_NS + "links", GRAPH_NS + "jar-testshire-2007"}


def test_service_description_other_rdf(endpoint: str) -> None:
    for media_type in ["application/n-triples", "application/ld+json", "application/rdf+xml"]:
        reply = get(endpoint, accept=media_type)
        assert reply.media_type == media_type
        assert (URIRef(endpoint), RDF.type, SD.Service) in graph(reply)


def test_service_description_html(endpoint: str) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    reply = get(endpoint, accept=browser)
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    assert 'href="/query"' in reply.text
    assert GRAPH_NS + "links" in reply.text
    head = call(endpoint, "HEAD", headers={"Accept": browser})
    assert head.status == 200 and head.body == b""


# ---------------------------------------------------------------- HTTP details


def test_cors_and_preflight(endpoint: str) -> None:
    reply = call(endpoint + "?" + urllib.parse.urlencode({"query": AREAS}),
                 headers={"Origin": "https://example.org"})
    assert reply.headers["access-control-allow-origin"] == "*"
    assert "X-JARGRAPH-Truncated" in reply.headers["access-control-expose-headers"]
    posted = post_form(endpoint, {"query": AREAS})
    assert posted.headers["access-control-allow-origin"] == "*"
    preflight = call(endpoint, "OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert preflight.headers["access-control-allow-headers"] == "content-type"


def test_head(endpoint: str) -> None:
    reply = call(endpoint + "?" + urllib.parse.urlencode({"query": AREAS}), "HEAD")
    assert reply.status == 200
    assert reply.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
    assert reply.body == b""


def test_request_too_large(endpoint: str) -> None:
    big = AREAS + "#" + "x" * (70 * 1024)
    assert post_query(endpoint, big).status == 413
    assert post_form(endpoint, {"query": big}).status == 413
    long_get = get(endpoint, AREAS + "#" + "x" * (20 * 1024))
    assert long_get.status == 414
    assert "POST" in long_get.text


# ---------------------------------------------------------------- safe by default


def test_update_is_forbidden(endpoint: str) -> None:
    update = PREFIXES + "INSERT DATA { jarid:area\\/x a jar:Area }"
    for reply in [post_form(endpoint, {"update": update}),
                  post_query(endpoint, update, content_type="application/sparql-update"),
                  get(endpoint, update),
                  post_form(endpoint, {"query": "# comment\n" + update})]:
        assert reply.status == 403
        assert "read-only" in reply.text
    count = PREFIXES + "SELECT ?a WHERE { ?a a jar:Area }"
    assert len(rows(get(endpoint, count))) == 2


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { SERVICE SILENT ex:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <http://example.org/sparql> { ?a ?p ?o } }"
    " }",
    "ASK { { SELECT * WHERE { SERVICE <http://example.org/sp\\u0061rql> { ?s ?p ?o } } } }",
])
def test_service_is_forbidden(endpoint: str, query: str) -> None:
    reply = get(endpoint, query)
    assert reply.status == 403
    assert "<http://example.org/sparql>" in reply.text


def test_service_with_a_variable_is_forbidden(endpoint: str) -> None:
    query = ("SELECT * WHERE { VALUES ?e { <http://example.org/sparql> } "
             "SERVICE ?e { ?s ?p ?o } }")
    reply = get(endpoint, query)
    assert reply.status == 403
    assert "variable" in reply.text


def test_service_in_a_string_or_comment_is_not_a_service(endpoint: str) -> None:
    query = PREFIXES + """# SERVICE <http://example.org/sparql> { ?s ?p ?o }
SELECT ?name WHERE { ?a a jar:Area ; rdfs:label ?name
  FILTER(?name != "SERVICE <http://example.org/sparql> {}") } ORDER BY ?name"""
    assert [r["name"] for r in rows(get(endpoint, query))] == ["Exampleton", "Testshire"]


def test_allowed_service_works(endpoint: str, remote_url: str) -> None:
    query = PREFIXES + f"""SELECT ?name ?grade WHERE {{
  SERVICE <{remote_url}/sparql> {{ ?area a jar:Area ; rdfs:label ?name }}
  OPTIONAL {{ ?review jar:area ?area . ?j jar:review ?review ; jar:grade ?g .
             ?g skos:notation ?grade FILTER(?grade = 3) }}
}} ORDER BY ?name"""
    found = rows(post_query(endpoint, query))
    assert found == [{"name": "Exampleton"}, {"name": "Testshire", "grade": "3"}]


# ---------------------------------------------------------------- limits


def test_row_limit_truncates(endpoint: str) -> None:
    for media_type in ["application/sparql-results+json", "text/csv"]:
        reply = get(endpoint, "SELECT * WHERE { ?s ?p ?o }", accept=media_type)
        assert reply.headers["x-jargraph-truncated"] == "true"
        assert reply.headers["x-jargraph-row-limit"] == str(ROW_LIMIT)
        assert len(rows(reply)) == ROW_LIMIT
    small = get(endpoint, AREAS)
    assert "x-jargraph-truncated" not in small.headers
    assert small.headers["x-jargraph-row-limit"] == str(ROW_LIMIT)


def test_slow_query_stops_while_others_are_answered(endpoint: str) -> None:
    slow: dict[str, Reply] = {}
    started = time.monotonic()
    thread = threading.Thread(target=lambda: slow.setdefault("reply", post_query(endpoint, SLOW)))
    thread.start()
    time.sleep(0.3)
    quick = get(endpoint, AREAS)
    assert [r["name"] for r in rows(quick)] == ["Exampleton", "Testshire"]
    assert thread.is_alive(), "the slow query should still be running"
    thread.join(30)
    assert not thread.is_alive()
    assert time.monotonic() - started < 20
    reply = slow["reply"]
    # Not 503 and no Retry-After: the same query would be stopped again, so nothing in the
    # answer may invite a client to send it again (a busy server keeps its Retry-After).
    assert reply.status == 422
    assert "retry-after" not in reply.headers
    assert f"query stopped after {TIMEOUT:g} s" in reply.text
    assert len(rows(get(endpoint, AREAS))) == 2


def test_engine_crash_is_contained(endpoint: str) -> None:
    # A valid query Oxigraph cannot evaluate: a chain of 10,000 || is one deep tree,
    # which overflows the stack of the process that runs it.
    query = "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["1"] * 10_000) + ") }"
    reply = post_query(endpoint, query, accept="application/sparql-results+json")
    assert reply.status == 500
    assert "the query engine failed on this query; the server is still running" in reply.text
    for _ in range(3):
        assert len(rows(get(endpoint, AREAS))) == 2


# ---------------------------------------------------------------- a rebuild


def test_rebuild_is_picked_up(tmp_path: Path) -> None:
    home = tmp_path / "home"
    publish_store(home, FIXTURE)
    url, stop = start_server(_config(home, workers=1))
    try:
        count = PREFIXES + "SELECT (COUNT(?a) AS ?n) WHERE { ?a a jar:Area }"
        assert rows(get(url + "/sparql", count)) == [{"n": "2"}]
        extra = ("<https://w3id.org/jargraph/graph/extra> { "
                 "<https://w3id.org/jargraph/id/area/newtown> a "
                 "<https://w3id.org/jargraph/def#Area> . }")
        publish_store(home, FIXTURE, extra)
        assert rows(get(url + "/sparql", count)) == [{"n": "3"}]
    finally:
        stop()


def test_no_store_yet(tmp_path: Path) -> None:
    url, stop = start_server(_config(tmp_path / "empty"))
    try:
        reply = get(url + "/sparql", AREAS)
        assert reply.status == 503
        assert "jargraph build" in reply.text
        assert str(tmp_path) not in reply.text
        assert get(url + "/sparql").status == 200
    finally:
        stop()
