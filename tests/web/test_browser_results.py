"""``/sparql?query=…`` pasted into a real headless Chromium: a page of the answer.

The browser asks for ``text/html`` as browsers do, and gets the site's page with
the answer as a table. The pages fixture holds an area whose label is a
``<script>``: it must be shown as text, and no script from the data may run
(the ``page`` fixture fails the test on any dialog or script error).
"""

from __future__ import annotations

from urllib.parse import urlencode

from .test_browser import browser, page, pytestmark, shot  # noqa: F401 - fixtures and marks

LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX jar: <https://w3id.org/jargraph/def#>
SELECT ?area ?label WHERE { ?area a jar:Area ; rdfs:label ?label }"""


def test_sparql_url_in_a_browser_shows_a_table(page, site_url: str) -> None:  # noqa: F811
    response = page.goto(site_url + "/sparql?" + urlencode({"query": LABELS}))
    assert response is not None and response.status == 200
    assert response.request.all_headers()["accept"].startswith("text/html"), (
        "the browser's own Accept, as a person pasting the URL sends it")
    assert response.headers["content-type"].startswith("text/html")
    table = page.locator("table.results")
    assert table.is_visible()
    assert table.locator("thead th").all_inner_texts()[:2] == ["area", "label"]
    assert table.locator("tbody tr").count() == 1
    label = table.locator("tbody tr td").nth(1)
    assert label.inner_text().startswith("Testshire <script>alert('area')</script>")
    assert label.locator("script").count() == 0, "the literal is text, not an element"
    assert table.locator("tbody a[href='/doc/area/testshire']").count() == 1
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    shot(page, "sparql-results")


def test_sparql_url_with_a_construct_query(page, site_url: str) -> None:  # noqa: F811
    query = LABELS.replace("SELECT ?area ?label WHERE", "CONSTRUCT WHERE")
    page.goto(site_url + "/sparql?" + urlencode({"query": query}))
    rows = page.locator("table.results tbody tr")
    assert rows.count() == 2
    assert page.locator("table.results thead th").all_inner_texts() == [
        "subject", "predicate", "object"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1200, "the answer wraps in the page, no line runs off it"
    shot(page, "sparql-construct")
