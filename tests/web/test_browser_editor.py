"""The query editor (YASGUI on ``/query``) and the API docs (``/api/docs``) in headless Chromium.

Every tab here records each request its page makes and fails if one goes to a
host other than the site's own: the vendored editor and Swagger UI must work
with no internet. Screenshots go to ``tests/screenshots/`` as in
``test_browser.py``.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import PAGES_ROW_LIMIT, start_server
from .test_browser import CHROMIUM, browser, shot  # noqa: F401  (the browser fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Chromium at /usr/bin/chromium (scripts/install-browser.sh)"),
]

PREFIXES = ("PREFIX jar: <https://w3id.org/jargraph/def#>\n"
            "PREFIX jarid: <https://w3id.org/jargraph/id/>\n")
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
"""About 7 million joined rows over the pages fixture's 193 triples: several seconds."""
EVERY_TRIPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


@pytest.fixture(scope="module")
def strict_url(pages_home: Path) -> Iterator[str]:
    """The pages fixture behind a server with a time limit of one second."""
    url, stop = start_server({"home": pages_home, "timeout": 1.0,
                              "row_limit": PAGES_ROW_LIMIT, "workers": 1})
    yield url
    stop()


def _open(chromium, *, script: bool = True) -> tuple[object, object, list[str]]:
    context = chromium.new_context(viewport={"width": 1200, "height": 900},
                                   java_script_enabled=script)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"),
                                     dialog.dismiss()))
    tab.errors = errors  # type: ignore[attr-defined]
    return context, tab, requests


def _only_the_site(requests: list[str], *bases: str) -> None:
    hosts = {urllib.parse.urlsplit(b).netloc for b in bases}
    elsewhere = [u for u in requests
                 if urllib.parse.urlsplit(u).scheme in ("http", "https", "ws", "wss")
                 and urllib.parse.urlsplit(u).netloc not in hosts]
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
    assert requests, "the page made requests that were recorded"


@pytest.fixture()
def page(browser, site_url: str) -> Iterator[object]:  # noqa: F811
    """A tab with script on; at the end, no request has gone to another host."""
    context, tab, requests = _open(browser)
    yield tab
    context.close()
    _only_the_site(requests, site_url)
    assert not tab.errors, f"script errors on the page: {tab.errors}"


def _editor(tab, site_url: str, path: str = "/query") -> None:
    tab.goto(site_url + path)
    tab.wait_for_selector(".yasgui .tabPanel.active .CodeMirror")
    tab.wait_for_selector("#editor[data-completions=ready]")


def _set_query(tab, text: str) -> None:
    tab.evaluate("""text => {
        const cm = document.querySelector('.tabPanel.active .CodeMirror').CodeMirror;
        cm.setValue(text); cm.focus(); cm.setCursor(cm.lineCount(), 0);
    }""", text)


def _value(tab) -> str:
    return tab.evaluate(
        "document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.getValue()")


def _run(tab) -> None:
    tab.locator(".tabPanel.active .yasqe_queryButton").click()


def _answered(tab) -> None:
    tab.wait_for_function(
        "document.getElementById('editor-status').textContent.startsWith('Answered')")


def _sparql(site_url: str, query: str) -> list[dict]:
    url = site_url + "/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["results"]["bindings"]


# ---------------------------------------------------------------- the editor


def test_editor_replaces_the_form_and_offers_jar_classes_after_a(page, site_url: str) -> None:
    _editor(page, site_url)
    assert page.locator("#query-form").is_hidden(), "YASGUI stands in for the plain form"
    _set_query(page, PREFIXES + "SELECT ?x WHERE {\n  ?x ")
    page.keyboard.type("a jar:")
    hints = page.locator(".CodeMirror-hints .CodeMirror-hint")
    hints.first.wait_for()
    offered = hints.all_inner_texts()
    assert "jar:Area" in offered and "jar:JointAreaReview" in offered
    assert all(h.startswith("jar:") for h in offered)
    page.keyboard.type("JointArea")
    page.wait_for_function(  # the list narrows as one types: wait until it has
        "[...document.querySelectorAll('.CodeMirror-hints .CodeMirror-hint')]"
        ".every(h => h.textContent.startsWith('jar:JointArea'))")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.getValue()"
        ".includes('?x a jar:JointAreaReview')")
    assert "?x a jar:JointAreaReview" in _value(page)
    shot(page, "editor-completion")


def test_editor_offers_the_sites_properties_and_concepts(page, site_url: str) -> None:
    _editor(page, site_url)
    _set_query(page, PREFIXES + "SELECT ?x WHERE {\n  ?x a jar:Judgement ; ")
    page.keyboard.type("jar:judgementAr")
    hints = page.locator(".CodeMirror-hints .CodeMirror-hint")
    hints.first.wait_for()
    assert "jar:judgementArea" in hints.all_inner_texts()
    page.keyboard.press("Enter")
    page.keyboard.type(" jarid:judgement-area")
    hints.first.wait_for()
    assert "jarid:judgement-area/safeguarding" in hints.all_inner_texts()


def test_a_named_example_opens_in_a_tab_and_runs(page, site_url: str) -> None:
    _editor(page, site_url)
    tabs = page.locator(".yasgui .tabsList .tab")
    before = tabs.count()
    page.locator("#examples-menu summary").click()
    page.locator('#examples-menu a.example[data-name="grade-scale"]').click()
    assert tabs.count() == before + 1
    assert "SELECT DISTINCT ?grade ?notation" in _value(page)
    assert page.url.endswith("/query"), "the example opens in place"
    _run(page)
    _answered(page)
    table = page.locator(".tabPanel.active .yasr table")
    rows = table.locator("tbody tr")
    assert rows.count() == 4
    links = table.locator("a[href^='/doc/grade/']")
    assert links.count() == 4
    assert links.first.inner_text().startswith("jarid:grade/"), "the site's prefixes, not IRIs"
    text = table.inner_text()
    assert "xsd:integer" not in text and "XMLSchema" not in text
    notations = [t.strip() for t in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert notations == ["4", "3", "2", "1"]
    assert "4 rows." in page.locator(".tabPanel.active .yasr nav.pager").inner_text()
    shot(page, "editor-example")


def test_results_are_text_never_markup(page, site_url: str) -> None:
    _editor(page, site_url)
    _set_query(page, "SELECT ?area ?label WHERE { ?area a <https://w3id.org/jargraph/def#Area> ;"
                     " <http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    _run(page)
    _answered(page)
    cell = page.locator(".tabPanel.active .yasr table tbody td:nth-child(3)")
    assert cell.inner_text().startswith("Testshire <script>alert('area')</script>")
    assert page.locator(".tabPanel.active .yasr table script").count() == 0
    assert page.locator(".tabPanel.active .yasr a[href='/doc/area/testshire']").count() == 1


def test_a_long_query_shows_that_it_runs_and_can_be_cancelled(page, site_url: str) -> None:
    _editor(page, site_url)
    _set_query(page, SLOW)
    _run(page)
    status = page.locator("#editor-status")
    page.wait_for_selector("#editor-status.running #cancel-query")
    assert status.inner_text().startswith("Running")
    shot(page, "editor-running")
    page.locator("#cancel-query").click()
    page.wait_for_function(
        "document.getElementById('editor-status').textContent === 'Cancelled.'")
    assert not page.locator("#editor-status.running").count()
    assert "cancelled" in page.locator(".tabPanel.active .yasr").inner_text()


def test_the_time_limit_message_shows_in_the_result_view(browser,  # noqa: F811
                                                          strict_url: str) -> None:
    context, tab, requests = _open(browser)
    try:
        _editor(tab, strict_url)
        _set_query(tab, SLOW)
        _run(tab)
        error = tab.locator(".tabPanel.active .yasr .jar-error")
        error.wait_for(timeout=30_000)
        assert "ran past the time limit (422)" in error.inner_text()
        assert "simplify the query or add a LIMIT" in error.inner_text()
        shot(tab, "editor-time-limit")
    finally:
        context.close()
    _only_the_site(requests, strict_url)


def test_paging_through_an_answer_in_the_editor(page, site_url: str) -> None:
    expected = [b["s"]["value"] for b in _sparql(site_url, EVERY_TRIPLE)]
    _editor(page, site_url)
    _set_query(page, EVERY_TRIPLE)
    _run(page)
    _answered(page)
    pager = page.locator(".tabPanel.active .yasr nav.pager")
    assert pager.locator(".count").inner_text() == f"Rows 1–{PAGES_ROW_LIMIT}; more follow."
    pager.locator("select.page-size").select_option("25")
    page.wait_for_function("document.querySelector('.tabPanel.active .yasr nav.pager .count')"
                           ".textContent === 'Rows 1–25; more follow.'")
    rows = page.locator(".tabPanel.active .yasr table tbody tr")
    assert rows.count() == 25
    pager.locator("button.next").click()
    page.wait_for_function("document.querySelector('.tabPanel.active .yasr nav.pager .count')"
                           ".textContent === 'Rows 26–50; more follow.'")
    assert rows.count() == 25
    assert rows.first.locator("td").first.inner_text().strip() == "26", "numbered in the answer"
    shown = rows.locator("td:nth-child(2) .iri").evaluate_all(
        "cells => cells.map(c => c.title)")
    assert shown == expected[25:50]
    csv = pager.locator(".downloads a", has_text="CSV").get_attribute("href")
    assert csv == "/sparql?" + urllib.parse.urlencode({"query": EVERY_TRIPLE, "format": "csv"})
    shot(page, "editor-page-2")
    pager.locator("button.previous").click()
    page.wait_for_function("document.querySelector('.tabPanel.active .yasr nav.pager .count')"
                           ".textContent === 'Rows 1–25; more follow.'")
    assert rows.locator("td:nth-child(2) .iri").evaluate_all(
        "cells => cells.map(c => c.title)") == expected[:25]
    pager.locator("select.page-size").select_option("all")
    notice = page.locator(".tabPanel.active .yasr .jar-notice")
    notice.wait_for()
    assert f"Only the first {PAGES_ROW_LIMIT} rows came back" in notice.inner_text()
    shot(page, "editor-row-limit")


def test_a_submitted_query_shows_its_answer_until_the_editor_runs(page, site_url: str) -> None:
    query = PREFIXES + ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                        "SELECT ?grade ?notation WHERE { ?grade a jar:Grade ; "
                        "skos:notation ?notation } ORDER BY DESC(?notation)")
    _editor(page, site_url, "/query?" + urllib.parse.urlencode({"query": query}))
    section = page.locator("#results-section")
    assert section.is_visible(), "the server's answer stays until the editor runs"
    assert _value(page) == query, "the submitted query opens in a tab"
    header = page.locator("#results thead th").nth(1)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    column = [t.split()[0] for t in page.locator("#results tbody td:nth-child(2)")
              .all_inner_texts()]
    assert column == ["1", "2", "3", "4"]
    _run(page)
    _answered(page)
    assert section.is_hidden()


# ---------------------------------------------------------------- without script


@pytest.fixture()
def plain(browser, site_url: str) -> Iterator[object]:  # noqa: F811
    context, tab, requests = _open(browser, script=False)
    yield tab
    context.close()
    _only_the_site(requests, site_url)


def test_paging_without_script_on_the_query_page(plain, site_url: str) -> None:
    expected = [b["s"]["value"] for b in _sparql(site_url, EVERY_TRIPLE)]
    plain.goto(site_url + "/query?" + urllib.parse.urlencode({"query": EVERY_TRIPLE,
                                                              "size": "25"}))
    assert plain.locator("nav.pager .count").inner_text() == "Rows 1–25; more follow."
    plain.locator("nav.pager a.next").click()
    assert plain.locator("nav.pager .count").inner_text() == "Rows 26–50; more follow."
    titles = plain.locator("#results tbody td:first-child a").evaluate_all(
        "links => links.map(a => a.title)")
    assert titles == expected[25:50]
    plain.locator("nav.pager select").select_option("100")
    plain.locator("nav.pager button").click()
    assert plain.locator("nav.pager .count").inner_text() == \
        f"Rows 1–{PAGES_ROW_LIMIT}; more follow."
    downloads = plain.locator(".downloads a").evaluate_all("links => links.map(a => a.href)")
    assert any("format=csv" in d and "page" not in d for d in downloads), "whole answers"
    shot(plain, "query-pages-no-script")


def test_paging_without_script_on_a_named_query_page(plain, site_url: str) -> None:
    plain.goto(site_url + "/queries/grade-scale?size=3")
    assert plain.locator("nav.pager .count").inner_text() == "Rows 1–3; more follow."
    assert plain.locator("table.results tbody tr").count() == 3
    plain.locator("nav.pager a.next").click()
    assert plain.locator("nav.pager .count").inner_text() == "Rows 4–4 of 4."
    assert plain.locator("table.results tbody tr").count() == 1
    assert "grade/inadequate" in plain.locator("table.results tbody tr").inner_html()
    assert plain.locator("a", has_text="CSV").get_attribute("href") == \
        "/api/queries/grade-scale?format=csv"


# ---------------------------------------------------------------- API docs


def test_api_docs_try_a_named_query(page, site_url: str) -> None:
    page.goto(site_url + "/api/docs")
    page.wait_for_selector(".opblock")
    operation = page.locator("#operations-queries-grade_scale")
    operation.locator(".opblock-summary").click()
    operation.locator("button.execute").click()
    status = operation.locator(".live-responses-table tbody .response-col_status")
    status.wait_for()
    assert status.inner_text().strip() == "200"
    body = operation.locator(".live-responses-table .response-col_description pre").first
    answer = json.loads(body.inner_text())
    grades = {b["grade"]["value"].rsplit("/", 1)[-1] for b in answer["results"]["bindings"]}
    assert grades == {"outstanding", "good", "adequate", "inadequate"}
    shot(page, "api-docs")


def test_api_docs_send_a_querys_parameters(page, site_url: str) -> None:
    page.goto(site_url + "/api/docs")
    page.wait_for_selector(".opblock")
    operation = page.locator("#operations-queries-areas_by_grade")
    operation.locator(".opblock-summary").click()
    with page.expect_request(lambda r: "/api/queries/areas-by-grade" in r.url) as sent:
        operation.locator("button.execute").click()
    assert "grade=" in sent.value.url, "the parameter's default goes with the request"
    status = operation.locator(".live-responses-table tbody .response-col_status")
    status.wait_for()
    assert status.inner_text().strip() == "200"
