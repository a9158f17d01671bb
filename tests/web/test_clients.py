"""Common SPARQL clients work against the endpoint unchanged: SPARQLWrapper, rdflib's
SPARQLStore and Apache Jena's rsparql (Debian's libapache-jena-java, run through
``scripts/rsparql``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, JSONLD, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

JAR = "https://w3id.org/jargraph/def#"
PREFIXES = f"""PREFIX jar: <{JAR}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
AREAS = PREFIXES + "SELECT ?name WHERE { ?area a jar:Area ; rdfs:label ?name } ORDER BY ?name"
GRADES = PREFIXES + """CONSTRUCT { ?j jar:grade ?g . ?g skos:notation ?n }
WHERE { ?j a jar:Judgement ; jar:grade ?g . ?g skos:notation ?n }"""
SAFEGUARDING = URIRef("https://w3id.org/jargraph/id/review/jar-testshire-2007/judgement/"
                      "safeguarding")


def client(endpoint: str, query: str, return_format: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(return_format)
    sparql.setTimeout(30)
    return sparql


def test_sparqlwrapper_select_json(endpoint: str) -> None:
    result = client(endpoint, AREAS, JSON).queryAndConvert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == [
        "Exampleton", "Testshire"]
    assert result["results"]["bindings"][0]["name"]["xml:lang"] == "en"


def test_sparqlwrapper_select_xml(endpoint: str) -> None:
    document = client(endpoint, AREAS, XML).queryAndConvert()
    names = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert names == ["Exampleton", "Testshire"]


def test_sparqlwrapper_select_by_post(endpoint: str) -> None:
    sparql = client(endpoint, AREAS, JSON)
    sparql.setMethod("POST")
    result = sparql.queryAndConvert()
    assert len(result["results"]["bindings"]) == 2


@pytest.mark.parametrize("return_format", [JSON, XML])
def test_sparqlwrapper_ask(endpoint: str, return_format: str) -> None:
    answers = []
    for query in ["ASK { ?a a jar:Area }", "ASK { ?a a jar:Nothing }"]:
        converted = client(endpoint, PREFIXES + query, return_format).queryAndConvert()
        if return_format == JSON:
            answers.append(converted["boolean"])
        else:
            answers.append(converted.getElementsByTagName("boolean")[0].firstChild.data)
    assert answers == ([True, False] if return_format == JSON else ["true", "false"])


@pytest.mark.parametrize("return_format", [XML, JSONLD, TURTLE])
def test_sparqlwrapper_construct(endpoint: str, return_format: str) -> None:
    converted = client(endpoint, GRADES, return_format).queryAndConvert()
    if isinstance(converted, bytes):  # SPARQLWrapper leaves Turtle as text
        converted = Graph().parse(data=converted, format="turtle")
    assert len(converted) == 6
    assert converted.value(SAFEGUARDING, URIRef(JAR + "grade")) == URIRef(
        "https://w3id.org/jargraph/id/grade/good")


def test_sparqlwrapper_construct_asking_for_json(endpoint: str) -> None:
    sparql = client(endpoint, GRADES, JSON)
    with pytest.warns(RuntimeWarning, match="Accept header"):  # SPARQLWrapper's own warning
        result = sparql.query()
    assert result.response.headers["Content-Type"] == "application/ld+json; charset=utf-8"
    assert len(result.convert()) == 6


def test_sparqlwrapper_reports_syntax_errors(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed) as error:
        client(endpoint, "SELECT * WHERE {\n  ?s ?p \n}", JSON).query()
    assert "line 2, column 3" in str(error.value)


def test_rdflib_sparqlstore(endpoint: str) -> None:
    remote = Graph(SPARQLStore(endpoint, returnFormat="json"))
    names = [row.name for row in remote.query(AREAS)]
    assert names == [Literal("Exampleton", lang="en"), Literal("Testshire", lang="en")]
    assert remote.query(PREFIXES + "ASK { ?a a jar:Area }").askAnswer is True
    constructed = remote.query(GRADES).graph
    assert constructed is not None and len(constructed) == 6
    assert (SAFEGUARDING, URIRef(JAR + "grade"), None) in remote


# ---------------------------------------------------------------- Apache Jena's rsparql

RSPARQL = Path(__file__).resolve().parents[2] / "scripts" / "rsparql"
JENA = Path("/usr/share/java/jena-cmds.jar")
needs_jena = pytest.mark.skipif(
    not JENA.exists() or shutil.which("java") is None,
    reason="needs Apache Jena's rsparql: Java and Debian's libapache-jena-java "
           "(bash scripts/install-jena.sh)")


def rsparql(endpoint: str, query: str, results: str, tmp_path: Path) -> str:
    """Run Jena's rsparql on one query against the endpoint; its standard output."""
    query_file = tmp_path / "query.rq"
    query_file.write_text(query, encoding="utf-8")
    done = subprocess.run(
        [str(RSPARQL), "--service", endpoint, "--query", str(query_file),
         "--results", results],
        capture_output=True, text=True, timeout=180,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@needs_jena
def test_rsparql_select(endpoint: str, tmp_path: Path) -> None:
    out = rsparql(endpoint, AREAS, "json", tmp_path)
    data = json.loads(out)
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == [
        "Exampleton", "Testshire"]
    assert data["results"]["bindings"][0]["name"]["xml:lang"] == "en"


@needs_jena
def test_rsparql_ask(endpoint: str, tmp_path: Path) -> None:
    yes = json.loads(rsparql(endpoint, PREFIXES + "ASK { ?a a jar:Area }", "json", tmp_path))
    no = json.loads(rsparql(endpoint, PREFIXES + "ASK { ?a a jar:Nothing }", "json", tmp_path))
    assert (yes["boolean"], no["boolean"]) == (True, False)


@needs_jena
def test_rsparql_construct(endpoint: str, tmp_path: Path) -> None:
    graph = Graph().parse(data=rsparql(endpoint, GRADES, "ttl", tmp_path), format="turtle")
    assert len(graph) == 6
    assert (SAFEGUARDING, URIRef(JAR + "grade"),
            URIRef("https://w3id.org/jargraph/id/grade/good")) in graph
