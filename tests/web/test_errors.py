"""Every error of the site is the site's own page for a browser: unknown paths under
every route family, a method not allowed, a server failure, a store that cannot answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jargraph.web import create_app, shutdown

from .conftest import fetch, start_server

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"

UNKNOWN = [
    "/no/such/page", "/queries/nosuch", "/data/nosuch.ttl", "/data/documents/nosuch.ttl",
    "/def/nosuch", "/def/schemes/nosuch.ttl", "/doc/nosuch", "/doc/area/nosuch",
    "/doc/area/nosuch/deeper", "/api/nosuch", "/api/queries", "/static/nosuch.css",
    "/sparql/nosuch", "/search/nosuch", "/void/nosuch", "/query/nosuch", "/validate/nosuch",
    "/favicon.ico/nosuch", "/id", "/doc",
]


def styled(text: str) -> None:
    """The page is the site's own: its stylesheet, header, search box and footer."""
    assert '<link rel="stylesheet" href="/static/site.css">' in text
    assert '<header class="site">' in text and '<footer class="site">' in text
    assert 'class="site-search"' in text
    assert "<h1>" in text


@pytest.mark.parametrize("path", UNKNOWN)
def test_unknown_paths_are_the_sites_own_404(site_url: str, path: str) -> None:
    answer = fetch(site_url, path, accept=BROWSER)
    if path == "/api/queries":
        assert answer.status == 200, "the library's list is an API answer"
        return
    if path in ("/id", "/doc"):
        assert answer.status in (303, 308, 404), path
        return
    assert answer.status == 404, (path, answer.status)
    assert answer.media_type == "text/html"
    styled(answer.text)


def test_a_program_gets_the_404_it_reads(site_url: str) -> None:
    answer = fetch(site_url, "/no/such/page", accept="application/json")
    assert answer.status == 404 and answer.media_type == "application/json"
    assert fetch(site_url, "/queries/nosuch", accept="text/plain").media_type == "text/plain"


@pytest.mark.parametrize(("method", "path"), [("POST", "/void"), ("DELETE", "/sparql"),
                                              ("PUT", "/doc/area/testshire"),
                                              ("POST", "/search"), ("POST", "/doc/area")])
def test_a_method_not_allowed_is_the_sites_own_405(site_url: str, method: str,
                                                   path: str) -> None:
    answer = fetch(site_url, path, method=method, accept=BROWSER)
    assert answer.status == 405
    assert "allow" in answer.headers
    styled(answer.text)
    assert "That method is not allowed here" in answer.text


def test_a_server_failure_is_the_sites_own_500(pages_home: Path) -> None:
    app = create_app({"home": pages_home, "workers": 1})

    def fail() -> str:
        raise RuntimeError("a bug")

    app.add_url_rule("/fail", "fail", fail)
    try:
        answer = app.test_client().get("/fail", headers={"Accept": BROWSER})
    finally:
        shutdown(app)
    assert answer.status_code == 500
    text = answer.get_data(as_text=True)
    styled(text)
    assert "a bug" not in text and "Traceback" not in text


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with no build at all."""
    url, stop = start_server({"home": tmp_path_factory.mktemp("no-build"), "workers": 1})
    yield url
    stop()


@pytest.mark.parametrize("path", ["/", "/doc/area", "/doc/area/southampton", "/search?q=x",
                                  "/queries/area-grades", "/void"])
def test_no_build_yet_is_the_sites_own_page(empty_url: str, path: str) -> None:
    answer = fetch(empty_url, path, accept=BROWSER)
    assert answer.status in (400, 503), (path, answer.status)
    assert answer.media_type == "text/html"
    styled(answer.text)


def test_the_favicon(site_url: str) -> None:
    answer = fetch(site_url, "/favicon.ico")
    assert answer.status == 200
    assert answer.media_type == "image/vnd.microsoft.icon"
    assert answer.body[:4] == b"\x00\x00\x01\x00", "an ICO file"
    svg = fetch(site_url, "/static/favicon.svg")
    assert svg.status == 200 and svg.body.startswith(b"<svg")
    home = fetch(site_url, "/", accept=BROWSER).text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in home


def test_other_clients_get_plain_text(site_url: str) -> None:
    answer = fetch(site_url, "/no/such/page", accept="text/plain")
    assert answer.status == 404
    assert answer.text.startswith("404 Not Found")
