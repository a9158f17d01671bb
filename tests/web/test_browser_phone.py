"""Every kind of page in a real headless Chromium at a phone's width (390 px): the page
never scrolls sideways, chart text stays readable, and no page asks any host but the
site's own for anything. Screenshots go to ``tests/screenshots/phone-*.png``."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlsplit

import pytest

from .test_browser import CHROMIUM, browser, shot  # noqa: F401  (the browser fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Chromium at /usr/bin/chromium (scripts/install-browser.sh)"),
]

WIDTH = 390
PAGES = {
    "home": "/",
    "area": "/doc/area/southampton",
    "review": "/doc/review/jar-southampton-2007",
    "judgement": "/doc/review/jar-southampton-2007/judgement/safeguarding",
    "grade": "/doc/grade/good",
    "judgement-area": "/doc/judgement-area/safeguarding",
    "document": "/doc/document/jar-southampton-2007",
    "passage": "/doc/document/jar-southampton-2007/paragraph/23",
    "distribution": "/doc/distribution/jar-2007-08-report-on-outcomes/annex-a",
    "search": "/search?q=private+fostering",
    "area-index": "/doc/area",
    "review-index": "/doc/review",
    "judgement-area-index": "/doc/judgement-area",
    "query": "/query",
    "queries": "/queries",
    "named-query": "/queries/area-grades",
    "sparql": "/sparql",
    "def": "/def",
    "def-term": "/def/Judgement",
    "void": "/void",
    "data": "/data/",
    "validate": "/validate",
    "not-found": "/no/such/page",
    "thing-not-found": "/doc/area/atlantis",
}


def first_link(seed_url: str, kind: str) -> str:
    """The page of one thing of a kind, found through the search API."""
    url = f"{seed_url}/api/search?kind={kind}&area=southampton&limit=1"
    with urllib.request.urlopen(url, timeout=60) as answer:
        return json.loads(answer.read())["hits"][0]["link"]


@pytest.fixture()
def phone(browser, seed_url: str):  # noqa: F811
    """A page 390 px wide that records every request it makes and every script error."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 844},
                                  device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.requested = requested
    yield page
    context.close()
    site = urlsplit(seed_url).netloc
    elsewhere = [u for u in requested if urlsplit(u).scheme not in ("data", "blob", "about")
                 and urlsplit(u).netloc != site]
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
    assert not errors, f"script errors on the page: {errors}"


def fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} px wide"


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_fits_a_phone(phone, seed_url: str, kind: str) -> None:
    response = phone.goto(seed_url + PAGES[kind])
    assert response is not None
    assert response.status == (404 if "not-found" in kind else 200), kind
    phone.wait_for_load_state("networkidle")
    fits(phone)
    assert phone.locator("header.site form.site-search input").is_visible()
    shot(phone, f"phone-{kind}")


@pytest.mark.parametrize("kind", ["Finding", "Recommendation"])
def test_statements_fit_a_phone(phone, seed_url: str, kind: str) -> None:
    phone.goto(seed_url + first_link(seed_url, kind))
    phone.wait_for_load_state("networkidle")
    fits(phone)
    shot(phone, f"phone-{kind.lower()}")


def test_a_wide_table_scrolls_in_its_own_box(phone, seed_url: str) -> None:
    phone.goto(seed_url + "/doc/area")
    fits(phone)
    box = phone.locator(".table-wrap").first
    inside = box.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert inside[0] > inside[1], "the table is wider than the screen and scrolls in its box"


@pytest.mark.parametrize("path", ["/doc/area/southampton", "/"])
def test_chart_text_is_readable(phone, seed_url: str, path: str) -> None:
    phone.goto(seed_url + path)
    chart = phone.locator("figure.chart svg.narrow").first
    assert chart.is_visible()
    assert not phone.locator("figure.chart svg.wide").first.is_visible()
    sizes = chart.evaluate("""svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map(
            t => parseFloat(getComputedStyle(t).fontSize) * scale);
    }""")
    assert sizes and min(sizes) >= 12, f"chart text as small as {min(sizes):.1f} px"
    fits(phone)


def test_the_query_library_selects_fit(phone, seed_url: str) -> None:
    phone.goto(seed_url + "/queries")
    rights = phone.locator("select").evaluate_all(
        "all => all.map(s => s.getBoundingClientRect().right)")
    assert rights and max(rights) <= WIDTH
