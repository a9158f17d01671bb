"""The site in a real headless Chromium: home, an area's chart, the query page, validation.

Each test saves a screenshot into ``tests/screenshots/`` (ignored by git) so
that a person can look at the pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Chromium at /usr/bin/chromium (scripts/install-browser.sh)"),
]

BAD = """@prefix jar: <https://w3id.org/jargraph/def#> .
@prefix jarid: <https://w3id.org/jargraph/id/> .

jarid:review\\/jar-nowhere-2007\\/judgement\\/safeguarding a jar:Judgement ;
    jar:grade "<script>alert('grade')</script>" .
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not dialogs, f"a script from the data ran: {dialogs}"
    assert not errors, f"script errors on the page: {errors}"


def shot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_home_page(page, site_url: str) -> None:
    page.goto(site_url + "/")
    assert page.locator("h1").inner_text().startswith("Joint Area Reviews")
    assert page.locator("ul.counts li").count() == 5
    assert page.locator("figure.chart svg").first.is_visible()
    assert page.get_by_role("link", name="Testshire <script>alert('area')</script>").is_visible()
    shot(page, "home")


def test_area_page_shows_its_chart(page, site_url: str) -> None:
    page.goto(site_url + "/doc/area/testshire")
    chart = page.locator("#area-chart svg.wide")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    assert chart.locator("text.note").count() == 3
    assert "Good (3)" in chart.text_content()
    assert page.locator("h1").inner_text() == "Testshire <script>alert('area')</script>"
    shot(page, "area")


def test_query_page_runs_an_example_and_sorts(page, site_url: str) -> None:
    page.goto(site_url + "/query")
    assert page.locator(".editor.enhanced").count() == 1, "the editor script ran"
    assert page.locator("pre.highlight .tok-kw").count() > 0, "the query is highlighted"
    example = page.locator('a.example[data-name="grade-scale"]')
    example.click()
    assert "SELECT DISTINCT ?grade ?notation" in page.locator("#query").input_value()
    assert page.url.endswith("/query"), "the example loads into the editor in place"
    page.locator("#run").click()
    page.wait_for_selector("#results")
    rows = page.locator("#results tbody tr")
    assert rows.count() == 4
    notation = page.locator("#results thead th").nth(1)
    assert notation.inner_text().strip() == "notation"

    def column() -> list[str]:
        return [t.split()[0] for t in page.locator("#results tbody tr td:nth-child(2)")
                .all_inner_texts()]

    assert column() == ["4", "3", "2", "1"]
    notation.locator("button").click()
    assert notation.get_attribute("aria-sort") == "ascending"
    assert column() == ["1", "2", "3", "4"]
    notation.locator("button").click()
    assert column() == ["4", "3", "2", "1"]
    assert page.locator("#results a[href^='/doc/grade/']").count() == 4
    shot(page, "query")


def test_query_page_shows_a_syntax_error(page, site_url: str) -> None:
    page.goto(site_url + "/query")
    page.locator("#query").fill("SELECT ?s\nWHERE { ?s ?p }")
    page.locator("#run").click()
    page.wait_for_selector(".error")
    assert "Line 2" in page.locator(".error .position").inner_text()
    assert page.locator("pre.highlight .tok-err").count() == 1
    shot(page, "query-error")


def test_validation_page_reports_a_pasted_bad_encoding(page, site_url: str) -> None:
    page.goto(site_url + "/validate")
    page.locator("#text").fill(BAD)
    page.locator("#syntax").select_option("turtle")
    page.locator("#validate").click()
    page.wait_for_selector("#problems")
    assert page.locator("#problems tbody tr").count() == 5
    assert "5 problems" in page.locator(".summary").inner_text()
    assert "<script>alert('grade')</script>" in page.locator("#problems").inner_text()
    shot(page, "validate")
