"""Errors in the form the client reads: JSON for programs, the site's page for people."""

from __future__ import annotations

import pytest

from jargraph.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    app = create_app({"home": tmp_path_factory.mktemp("no-store"), "workers": 1})
    return app.test_client()


def test_browsers_get_the_sites_page(client) -> None:
    answer = client.get("/no/such/page", headers={"Accept": "text/html"})
    assert answer.status_code == 404
    page = answer.get_data(as_text=True)
    assert "<h1>Nothing here</h1>" in page and 'href="/query"' in page
    assert answer.headers["Vary"] == "Accept"


def test_programs_get_json_and_others_text(client) -> None:
    answer = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert answer.get_json()["status"] == 404
    plain = client.get("/no/such/page", headers={"Accept": "text/plain"})
    assert plain.get_data(as_text=True).startswith("404 Not Found")


def test_a_wrong_method_is_a_styled_405(client) -> None:
    answer = client.delete("/void", headers={"Accept": "text/html"})
    assert answer.status_code == 405
    assert "That method is not allowed here" in answer.get_data(as_text=True)
