"""Caching by build: every answer carries validators tied to the build, conditional
requests get 304 before any query runs, and query results are kept until the next build."""

from __future__ import annotations

import json
import time
import urllib.parse
from pathlib import Path

import pytest

from jargraph import settings
from jargraph.web import cache, create_app, executor_for, shutdown
from jargraph.web.cache import BuildClock, ResultCache

from .conftest import fetch, publish_store

JSON = "application/sparql-results+json"
COUNT = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
PAGES = ["/", "/doc/area/testshire", "/queries/reviews", "/api/queries/reviews",
         f"/sparql?query={COUNT}", "/void", "/def"]
"""A page, a thing's page, a named-query page and its API, the endpoint, and more."""


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_carries_validators_and_a_repeat_gets_304(site_url: str,
                                                               path: str) -> None:
    first = fetch(site_url, path)
    assert first.status == 200, first.text[:300]
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "no-cache"
    assert "Accept" in first.headers["vary"]
    again = fetch(site_url, path, headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    assert again.headers["etag"] == etag
    since = fetch(site_url, path, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status == 304
    stale = fetch(site_url, path, headers={"If-None-Match": 'W/"some-other-build"'})
    assert stale.status == 200


def test_another_representation_has_another_tag(site_url: str) -> None:
    html = fetch(site_url, "/doc/area/testshire", accept="text/html")
    turtle = fetch(site_url, "/doc/area/testshire", accept="text/turtle")
    assert html.headers["etag"] != turtle.headers["etag"]
    refused = fetch(site_url, "/doc/area/testshire", accept="text/turtle",
                    headers={"If-None-Match": html.headers["etag"]})
    assert refused.status == 200 and refused.media_type == "text/turtle"


def test_a_posted_query_carries_a_tag_of_its_own(site_url: str) -> None:
    kind = {"Content-Type": "application/sparql-query"}
    one = fetch(site_url, "/sparql", method="POST", body=b"ASK { ?s ?p ?o }", accept=JSON,
                headers=kind)
    two = fetch(site_url, "/sparql", method="POST", body=b"ASK { ?s a ?o }", accept=JSON,
                headers=kind)
    assert one.status == two.status == 200
    assert one.headers["etag"] != two.headers["etag"]


def test_errors_carry_no_validators(site_url: str) -> None:
    missing = fetch(site_url, "/doc/area/nowhere-at-all")
    assert missing.status == 404 and "etag" not in missing.headers


def triples(n: int) -> str:
    return "".join(f"<urn:x:{i}> <urn:x:p> {i} .\n" for i in range(n))


def test_a_new_build_changes_the_tag_and_empties_the_cache(tmp_path: Path) -> None:
    publish_store(tmp_path, "<urn:g:1> { " + triples(3) + " }")
    app = create_app({"home": tmp_path, "workers": 1})
    client = app.test_client()
    try:
        url = f"/sparql?query={COUNT}"
        first = client.get(url, headers={"Accept": JSON})
        assert json.loads(first.data)["results"]["bindings"][0]["n"]["value"] == "3"
        results = executor_for(app).results
        hits = results.hits
        assert client.get(url, headers={"Accept": JSON}).data == first.data
        assert results.hits == hits + 1  # asked again: answered from the cache
        publish_store(tmp_path, "<urn:g:1> { " + triples(5) + " }")
        second = client.get(url, headers={"Accept": JSON, "If-None-Match": first.headers["ETag"]})
        assert second.status_code == 200
        assert json.loads(second.data)["results"]["bindings"][0]["n"]["value"] == "5"
        assert second.headers["ETag"] != first.headers["ETag"]
        assert len(results) == 1  # the old build's answers are gone
    finally:
        shutdown(app)


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    publish_store(tmp_path, "<urn:g:1> { " + triples(2) + " }")
    app = create_app({"home": tmp_path, "workers": 1, "cache_mib": 0})
    try:
        client = app.test_client()
        for _ in range(2):
            assert client.get(f"/sparql?query={COUNT}", headers={"Accept": JSON}).status_code == 200
        assert len(executor_for(app).results) == 0
    finally:
        shutdown(app)


def test_results_are_kept_within_their_memory() -> None:
    kept = ResultCache(8000)
    for n in range(100):
        kept.put("build-1", n, b"x" * 200, 200)
    assert kept.size <= 8000 and len(kept) < 100
    assert kept.get("build-1", 99) == b"x" * 200  # the latest stay
    assert kept.get("build-1", 0) is None  # the oldest went first
    kept.put("build-1", "big", b"y" * 5000, 5000)
    assert kept.get("build-1", "big") is None  # over an eighth of the budget: not kept
    assert kept.get("build-2", 99) is None and len(kept) == 0  # a new build: all gone


def test_a_remote_store_is_timed_by_the_build_pushed_to_it(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    answers = [{"id": "20261206-build-a", "modified": "2026-12-06T09:00:00+00:00"}]
    asked: list[str] = []

    def run(sparql: str) -> bytes:
        asked.append(sparql)
        rows = [{k: {"type": "literal", "value": v} for k, v in row.items()} for row in answers]
        return json.dumps({"head": {"vars": ["id", "modified"]},
                           "results": {"bindings": rows}}).encode()

    chosen = settings.load({"store": "http://127.0.0.1:9/sparql", "home": tmp_path})
    clock = BuildClock(chosen, run)
    stamp = clock.stamp()
    assert stamp is not None and stamp.tag == "20261206-build-a"
    assert stamp.published == pytest.approx(1796547600.0)
    assert clock.stamp() == stamp and len(asked) == 1  # read again only after a while
    monkeypatch.setattr(cache, "REMOTE_CHECK", 0.0)
    answers[0]["id"] = "20261206-build-b"
    time.sleep(0.01)
    assert clock.stamp().tag == "20261206-build-b"  # type: ignore[union-attr]
    answers.clear()
    assert clock.stamp() is None  # nothing says which build it holds: nothing cached
