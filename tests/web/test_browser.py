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


@pytest.fixture()
def plain_page(browser) -> Iterator[object]:
    """A tab with JavaScript off: the pages must work as plain HTML."""
    context = browser.new_context(viewport={"width": 1200, "height": 900},
                                  java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_query_page_without_script_runs_an_example(plain_page, site_url: str) -> None:
    page = plain_page
    page.goto(site_url + "/query")
    assert page.locator("#query").is_visible(), "the plain form is the page without script"
    assert page.locator("#yasgui").is_hidden()
    page.locator('a.example[data-name="grade-scale"]').click()
    assert "SELECT DISTINCT ?grade ?notation" in page.locator("#query").input_value()
    rows = page.locator("#results tbody tr")
    assert rows.count() == 4
    assert page.locator("#results thead th").nth(1).inner_text().strip() == "notation"
    notations = [t.split()[0] for t in page.locator("#results tbody tr td:nth-child(2)")
                 .all_inner_texts()]
    assert notations == ["4", "3", "2", "1"], "numbers read plainly, with no xsd:integer"
    assert page.locator("#results a[href^='/doc/grade/']").count() == 4
    page.locator("#query").fill("SELECT ?s\nWHERE { ?s ?p }")
    page.locator("#run").click()
    assert "Line 2" in page.locator(".error .position").inner_text()
    shot(page, "query-no-script")


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


def test_validation_page_drafts_from_a_pasted_report_then_validates(page, site_url: str) -> None:
    report = (Path(__file__).resolve().parents[2] / "src" / "jargraph" / "data" / "reports"
              / "jar-southampton-2007.txt").read_text(encoding="utf-8")
    page.goto(site_url + "/validate")
    page.locator("#report").fill(report)
    page.locator("#draft").click()
    page.wait_for_selector("#draft-h")
    assert "jar-southampton-2007" in page.locator("#draft-h").inner_text()
    draft = page.locator("#text").input_value()
    assert draft.startswith("# Draft encoding of pasted report")
    assert "<review/jar-southampton-2007/judgement/safeguarding>" in draft
    shot(page, "draft")
    page.locator("#validate").click()  # the draft as it stands is a valid encoding
    page.wait_for_selector(".summary")
    assert "no problems; 1 file valid" in page.locator(".summary").inner_text()
