"""Search and the index pages in a real headless Chromium: a search narrowed by a facet,
the search box of every page, and the area index filtered as one types (and whole
without its script). Screenshots go to ``tests/screenshots/``."""

from __future__ import annotations

import pytest

from .test_browser import CHROMIUM, browser, shot  # noqa: F401  (the browser fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Chromium at /usr/bin/chromium (scripts/install-browser.sh)"),
]

WEAKNESS = "Insufficient action to raise public awareness of private fostering."


@pytest.fixture()
def tab(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"


def test_a_search_narrowed_by_a_facet(tab, seed_url: str) -> None:
    tab.goto(seed_url + "/")
    tab.locator("#site-q").fill("private fostering")
    tab.locator("form.site-search button").click()
    tab.wait_for_url("**/search?q=private+fostering")
    assert "5 results" in tab.locator(".summary").inner_text()
    assert tab.locator("ol.hits li.hit").count() == 5
    assert tab.locator("ol.hits mark").first.inner_text().lower() == "private"
    weakness = tab.locator("section[aria-labelledby=facet-kind]").get_by_role(
        "link", name="Weakness", exact=True)
    weakness.click()
    tab.wait_for_url("**kind=Weakness**")
    assert tab.locator("ol.hits li.hit").count() == 1
    hit = tab.locator("ol.hits li.hit").first
    assert hit.locator(".what a").inner_text() == WEAKNESS
    assert "Southampton" in hit.locator(".where").inner_text()
    assert tab.locator("ul.chosen").get_by_role("link").inner_text().endswith("Kind: weakness ×")
    area = tab.locator("section[aria-labelledby=facet-area] li")
    assert [" ".join(t.split()) for t in area.all_inner_texts()] == ["Southampton 1"]
    shot(tab, "search-facet")
    hit.locator(".where a").click()
    tab.wait_for_url("**/doc/document/jar-southampton-2007/section/safeguarding")
    assert "Insufficient action to raise public awareness of private fostering." in \
        tab.locator("main").inner_text()


def test_a_search_that_cannot_be_read_says_why_beside_the_box(tab, seed_url: str) -> None:
    tab.goto(seed_url + "/search")
    tab.locator("#q").fill('"private fostering')
    tab.locator("form.search-form button").click()
    alert = tab.get_by_role("alert")
    assert "not closed" in alert.inner_text()
    assert tab.locator("#q").get_attribute("aria-invalid") == "true"
    shot(tab, "search-error")


def test_the_area_index_filters_as_one_types(tab, seed_url: str) -> None:
    tab.goto(seed_url + "/doc/area")
    rows = tab.locator("#index-tables tbody tr")
    assert rows.count() == 154
    box = tab.locator("#filter")
    assert box.is_visible()
    box.type("south")
    visible = tab.locator("#index-tables tbody tr:visible")
    names = visible.locator("th").all_inner_texts()
    assert "Southampton" in names and "South Tyneside" in names and "Southwark" in names
    assert all("south" in row.lower() for row in visible.all_inner_texts())
    assert tab.locator(".filter [role=status]").inner_text() == f"{len(names)} of 154 areas"
    box.fill("southampton adequate")
    assert tab.locator("#index-tables tbody tr:visible th").all_inner_texts() == ["Southampton"]
    shot(tab, "area-index-filtered")
    box.fill("")
    assert tab.locator("#index-tables tbody tr:visible").count() == 154


def test_the_area_index_without_its_script(browser, seed_url: str) -> None:  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_url + "/doc/area")
    assert not page.locator(".filter").is_visible(), "no dead filter box"
    assert page.locator("#index-tables tbody tr:visible").count() == 154
    context.close()


def test_the_judgement_area_index_hides_empty_groups(tab, seed_url: str) -> None:
    tab.goto(seed_url + "/doc/judgement-area")
    tab.locator("#filter").fill("safeguarding")
    groups = tab.locator(".index-group:visible h2").all_inner_texts()
    assert groups == ["Core judgement areas (5)"]
