"""HTML pages, /def, /void, /data and /query over real HTTP."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, RDF, VOID, XSD

from jargraph import store

from .conftest import PAGES_ROW_LIMIT, fetch

JAR = Namespace("https://w3id.org/jargraph/def#")
RAW_SCRIPT = re.compile(r"<script>alert\(", re.I)
ESCAPED = "&lt;script&gt;alert("
HTML = "text/html"

THING_PAGES = {
    "area": "/doc/area/testshire",
    "review": "/doc/review/jar-testshire-2007",
    "judgement": "/doc/review/jar-testshire-2007/judgement/safeguarding",
    "finding": "/doc/review/jar-testshire-2007/safeguarding/strength/good-multi-agency-working",
    "recommendation": "/doc/review/jar-testshire-2007/recommendation/ensure-care-plans",
    "service": "/doc/service/camhs",
    "grade": "/doc/grade/good",
    "judgement area": "/doc/judgement-area/safeguarding",
    "distribution": "/doc/distribution/national-report-2008/annex-a",
    "document": "/doc/document/jar-testshire-2007",
    "passage": "/doc/document/jar-testshire-2007/paragraph/12",
    "concept scheme (generic)": "/doc/scheme/grades",
}


def page(site_url: str, path: str, status: int = 200) -> str:
    answer = fetch(site_url, path, accept=HTML)
    assert answer.status == status, (path, answer.status, answer.text[:500])
    assert answer.media_type == HTML
    return answer.text


def no_raw_script(text: str) -> None:
    assert not RAW_SCRIPT.search(text), "a literal's <script> reached the page unescaped"


# ---------------------------------------------------------------- home


def test_home_page(site_url: str) -> None:
    text = page(site_url, "/")
    no_raw_script(text)
    for name, number in (("reviews", 1), ("areas", 1), ("judgements", 3), ("findings", 2),
                         ("recommendations", 1)):
        assert re.search(rf'class="number">{number}</span> <span class="what">{name}', text), name
    for link in ('href="/doc/area/testshire"', 'href="/query"', 'href="/queries"',
                 'href="/data/"', 'href="/void"', 'href="/sparql"'):
        assert link in text
    assert "<svg" in text and "<title" in text
    assert ESCAPED in text


# ---------------------------------------------------------------- things


@pytest.mark.parametrize("kind", list(THING_PAGES))
def test_every_kind_of_page_renders_and_escapes(site_url: str, kind: str) -> None:
    text = page(site_url, THING_PAGES[kind])
    no_raw_script(text)
    assert "<h1>" in text
    assert "https://w3id.org/jargraph/id/" in text


def test_script_literals_show_as_text_where_they_appear(site_url: str) -> None:
    for path in ("/", THING_PAGES["area"], THING_PAGES["review"], THING_PAGES["finding"],
                 THING_PAGES["grade"], THING_PAGES["passage"], THING_PAGES["service"]):
        text = page(site_url, path)
        assert ESCAPED in text, path


def test_area_page_has_an_svg_chart_beside_the_national_distribution(site_url: str) -> None:
    text = page(site_url, THING_PAGES["area"])
    svg = text[text.index("<svg"):text.index("</svg>")]
    assert '<title id="area-chart-title">' in svg
    assert "Safeguarding" in svg and "Looked after children" in svg
    assert "Good (3)" in svg and "Adequate (2)" in svg and "Outstanding (4)" in svg
    assert 'class="mark"' in svg
    assert ">30<" in svg, "the national count of areas graded good for safeguarding"
    assert 'href="/doc/review/jar-testshire-2007"' in text
    assert "Grades awarded in joint area reviews, 2007-08" in text


def test_review_page_lists_statements_with_provenance(site_url: str) -> None:
    text = page(site_url, THING_PAGES["review"])
    assert "Judgements (3)" in text and "Findings (2)" in text and "Recommendations (1)" in text
    assert "paragraph 12" in text and "paragraph 30" in text
    assert "Safeguarding arrangements are good." in text, "the quoted passage"
    assert 'href="/doc/judgement-area/safeguarding"' in text
    assert 'href="/doc/grade/outstanding"' in text


def test_judgement_page_shows_facts_and_source(site_url: str) -> None:
    text = page(site_url, THING_PAGES["judgement"])
    assert "<h1>Safeguarding: Good</h1>" in text
    assert "Where this comes from" in text
    assert "Safeguarding 3" in text, "jar:quotation"
    assert "section “Grades”" in text
    assert 'href="/def/grade"' in text, "properties link to the ontology"


def test_finding_page_quotes_its_paragraph(site_url: str) -> None:
    text = page(site_url, THING_PAGES["finding"])
    assert "paragraph 12" in text
    assert "Joint area review: Testshire Children&#39;s Services Authority Area" in text
    assert 'href="/doc/service/camhs"' in text


def test_grade_and_judgement_area_pages_list_judgements(site_url: str) -> None:
    text = page(site_url, THING_PAGES["grade"])
    assert "Judgements with this grade" in text
    assert 'href="/doc/review/jar-testshire-2007/judgement/safeguarding"' in text
    text = page(site_url, THING_PAGES["judgement area"])
    assert "<svg" in text
    assert "How well children and young people are safeguarded." in text


def test_service_page_lists_statements_about_it(site_url: str) -> None:
    text = page(site_url, THING_PAGES["service"])
    assert "Statements about this service" in text
    assert "Good multi-agency working" in text


def test_distribution_page_draws_its_chart(site_url: str) -> None:
    text = page(site_url, THING_PAGES["distribution"])
    assert "<svg" in text and "Looked after children" in text


def test_not_found_page_escapes_the_path(site_url: str) -> None:
    text = page(site_url, "/doc/area/%3Cscript%3Ealert(1)%3C/script%3E", status=404)
    assert "<script>alert(1)" not in text


# ---------------------------------------------------------------- ontology


def test_def_index_lists_every_term_with_anchors(site_url: str) -> None:
    text = page(site_url, "/def")
    assert 'id="Judgement"' in text and 'href="/def/Judgement"' in text
    assert 'id="paragraphNumber"' in text
    assert page(site_url, "/def/") == text


def test_def_term_page(site_url: str) -> None:
    text = page(site_url, "/def/Judgement")
    assert "<h1>jar:Judgement</h1>" in text
    assert "A grade given by one review" in text
    assert "prov:Entity" in text
    assert "JudgementShape" in text
    text = page(site_url, "/def/judgementArea")
    assert "Domain" in text and "Range" in text and 'href="/def/JudgementArea"' in text


def test_def_unknown_term_is_404(site_url: str) -> None:
    text = page(site_url, "/def/NoSuchTerm", status=404)
    assert 'href="/def"' in text
    text = page(site_url, "/def/%3Cscript%3Ealert(1)%3C%2Fscript%3E", status=404)
    no_raw_script(text)
    assert fetch(site_url, "/def/../../etc/passwd").status == 404


@pytest.mark.parametrize("path", ["/def/jargraph.ttl", "/def/shapes.ttl",
                                  "/def/schemes/grades.ttl"])
def test_def_files_are_served_as_turtle(site_url: str, path: str) -> None:
    answer = fetch(site_url, path)
    assert answer.status == 200
    assert answer.media_type == "text/turtle"
    assert len(Graph().parse(data=answer.text, format="turtle")) > 10


def test_def_as_turtle_by_accept(site_url: str) -> None:
    answer = fetch(site_url, "/def", accept="text/turtle")
    assert answer.media_type == "text/turtle"
    graph = Graph().parse(data=answer.text, format="turtle")
    assert (JAR.Judgement, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in graph


# ---------------------------------------------------------------- VoID and downloads


@pytest.mark.parametrize("path", ["/void", "/.well-known/void"])
def test_void_parses_as_rdf_with_counts_from_the_store(site_url: str, path: str) -> None:
    answer = fetch(site_url, path)
    assert answer.status == 200
    assert answer.media_type == "text/turtle"
    graph = Graph().parse(data=answer.text, format="turtle")
    dataset = URIRef("https://w3id.org/jargraph/id/dataset/jargraph")
    assert (dataset, RDF.type, VOID.Dataset) in graph
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert graph.value(dataset, VOID.triples) == Literal(193, datatype=XSD.integer)
    assert int(graph.value(dataset, VOID.entities)) > 10
    assert int(graph.value(dataset, VOID.classes)) > 5
    assert str(graph.value(dataset, VOID.sparqlEndpoint)).endswith("/sparql")
    subsets = set(graph.objects(dataset, VOID.subset))
    assert URIRef("https://w3id.org/jargraph/graph/jar-testshire-2007") in subsets
    assert len(subsets) == 3
    dumps = {str(d) for d in graph.objects(dataset, VOID.dataDump)}
    assert any(d.endswith("/data/jargraph.trig") for d in dumps)
    assert any(d.endswith("/data/documents/jar-testshire-2007.ttl") for d in dumps)
    assert URIRef("https://w3id.org/jargraph/def#") in set(graph.objects(dataset, VOID.vocabulary))
    assert graph.value(dataset, URIRef("http://purl.org/dc/terms/license")) is not None


def test_void_in_other_formats(site_url: str) -> None:
    answer = fetch(site_url, "/void", accept="application/ld+json")
    assert answer.media_type == "application/ld+json"
    assert len(Graph().parse(data=answer.text, format="json-ld")) > 20
    text = page(site_url, "/void")
    assert "193" in text


def test_downloads_are_listed_with_sizes_and_served_with_types(
        site_url: str, pages_home) -> None:
    text = page(site_url, "/data/")
    size = (store.current_dumps_path(pages_home) / "jargraph.nq").stat().st_size
    assert 'href="/data/jargraph.nq"' in text and f"{size:,}" in text
    for name, media_type in (("jargraph.trig", "application/trig"),
                             ("jargraph.nq", "application/n-quads"),
                             ("documents/jar-testshire-2007.ttl", "text/turtle")):
        answer = fetch(site_url, "/data/" + name)
        assert answer.status == 200
        assert answer.media_type == media_type
        assert answer.body == (store.current_dumps_path(pages_home) / name).read_bytes()


@pytest.mark.parametrize("path", ["/data/../store", "/data/%2e%2e/store", "/data/nothing.ttl",
                                  "/data/documents/../../store"])
def test_downloads_outside_dumps_are_404(site_url: str, path: str) -> None:
    assert fetch(site_url, path).status == 404


# ---------------------------------------------------------------- query page


def query(site_url: str, sparql: str, status: int = 200) -> str:
    return page(site_url, "/query?" + urllib.parse.urlencode({"query": sparql}), status=status)


def test_query_page_without_a_query_prefills_prefixes(site_url: str) -> None:
    text = page(site_url, "/query")
    assert "PREFIX jar: &lt;https://w3id.org/jargraph/def#&gt;" in text
    assert 'class="example"' in text, "examples from the query library"
    assert "/query?query=" in text, "examples work as links without JavaScript"


def test_query_results_table_links_iris_to_doc_pages(site_url: str) -> None:
    text = query(site_url, "PREFIX jar: <https://w3id.org/jargraph/def#>\n"
                           "SELECT ?a ?l WHERE { ?a a jar:Area ; <http://www.w3.org/2000/01/"
                           "rdf-schema#label> ?l }")
    assert 'href="/doc/area/testshire"' in text
    assert ESCAPED in text
    no_raw_script(text)
    assert "/sparql?query=" in text and "format=csv" in text
    assert "1 row." in text


def test_query_answer_longer_than_the_row_limit_is_paged(site_url: str) -> None:
    text = query(site_url, "SELECT * WHERE { ?s ?p ?o }")
    assert 'id="truncated"' not in text, "a page is never cut: the next page holds the rest"
    assert f"Rows 1–{PAGES_ROW_LIMIT}; more follow." in text
    assert 'rel="next"' in text and "page=2" in text


def test_query_syntax_error_gives_line_and_column(site_url: str) -> None:
    text = query(site_url, "SELECT ?s\nWHERE { ?s ?p }", status=400)
    assert re.search(r"Line 2, column \d+", text)
    no_raw_script(query(site_url, "SELECT <script>alert(1)</script>", status=400))


def test_query_construct_and_ask(site_url: str) -> None:
    text = query(site_url, "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3")
    assert "subject" in text and "format=ttl" in text
    text = query(site_url, "ASK { ?s ?p ?o }")
    assert "<strong>yes</strong>" in text
