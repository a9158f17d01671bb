"""Slow queries beside quick ones: the time limit holds and the server carries on.

A server with two query workers and a 2 s limit gets one slow query per
worker (a cross join of every triple three times over, with string functions
in the filter: it would run for days) and, while those run, quick queries and
a page from other clients. The slow ones come back as the documented timeout
answer (422 with a message naming the limit, and no Retry-After: the same query
would be stopped again), the quick ones are answered,
and afterwards the workers that ran the slow queries are gone, replaced by
fresh ones, and the server answers as before.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask import Flask

from jargraph.web import executor_for

from .conftest import Reply, alive, fetch, running_server, spawned_children, worker_pids

WORKERS = 2
LIMIT = 2.0
MARGIN = 15.0
"""Generous allowance over the limit: killing a worker and starting its replacement."""
JSON = "application/sparql-results+json"
SLOW = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i .
  FILTER(STRLEN(CONCAT(LCASE(STR(?a)), UCASE(STR(?f)), REPLACE(STR(?i), "a", "b"))) > 3)
}"""
QUICK = [
    "/sparql?" + urlencode({"query": "ASK { ?s a <https://w3id.org/jargraph/def#Review> }"}),
    "/sparql?" + urlencode({"query": "SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g"}),
    "/api/queries/reviews",
    "/doc/area/southampton",
]
QUICK_CLIENTS = 4


@dataclass
class Timed:
    """A reply and how long it took."""

    path: str
    reply: Reply | None
    seconds: float
    error: str = ""


def timed_fetch(base: str, path: str, accept: str = JSON) -> Timed:
    began = time.monotonic()
    try:
        reply = fetch(base, path, accept=accept, timeout=LIMIT + MARGIN + 30)
    except OSError as exc:
        return Timed(path, None, time.monotonic() - began, f"{type(exc).__name__}: {exc}")
    return Timed(path, reply, time.monotonic() - began)


def wait_until_busy(app: Flask, deadline: float) -> bool:
    """True once every worker has a query (no idle worker left)."""
    executor = executor_for(app)
    while time.monotonic() < deadline:
        if executor._idle.empty():  # type: ignore[union-attr]
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def server(built_home: Path) -> Iterator[tuple[str, Flask]]:
    config = {"home": built_home, "workers": WORKERS, "timeout": LIMIT,
              "row_limit": 1000}
    with running_server(config, threads=16) as running:
        yield running


def test_slow_queries_stop_at_the_limit_and_quick_ones_are_answered(
        server: tuple[str, Flask]) -> None:
    url, app = server
    before = worker_pids(app)
    others = spawned_children() - before  # workers of other servers in this test process
    assert len(before) == WORKERS and spawned_children() - others == before

    slow: list[Timed] = []
    quick: list[Timed] = []
    lock = threading.Lock()

    def send_slow() -> None:
        result = timed_fetch(url, "/sparql?" + urlencode({"query": SLOW}))
        with lock:
            slow.append(result)

    def send_quick(number: int) -> None:
        for k in range(len(QUICK)):
            path = QUICK[(number + k) % len(QUICK)]
            accept = "text/html" if path.startswith("/doc/") else JSON
            result = timed_fetch(url, path, accept)
            with lock:
                quick.append(result)

    slow_threads = [threading.Thread(target=send_slow, daemon=True) for _ in range(WORKERS)]
    for thread in slow_threads:
        thread.start()
    assert wait_until_busy(app, time.monotonic() + 10), "the slow queries never started"
    quick_threads = [threading.Thread(target=send_quick, args=(n,), daemon=True)
                     for n in range(QUICK_CLIENTS)]
    for thread in quick_threads:
        thread.start()
    for thread in [*slow_threads, *quick_threads]:
        thread.join(len(QUICK) * (LIMIT + MARGIN) + 30)
    assert not any(t.is_alive() for t in [*slow_threads, *quick_threads]), "a client hung"

    assert len(slow) == WORKERS
    for result in slow:
        assert result.reply is not None, result.error
        assert result.reply.status == 422, result.reply.body[:300]
        message = result.reply.json()["message"]
        assert "time limit" in message and f"{LIMIT:g} s" in message, message
        assert not result.reply.headers.get("retry-after")
        assert result.seconds < LIMIT + MARGIN

    assert len(quick) == QUICK_CLIENTS * len(QUICK)
    failed = [f"{r.path}: {r.error or (r.reply.status, r.reply.body[:200])} "
              f"after {r.seconds:.1f} s" for r in quick
              if r.reply is None or r.reply.status != 200]
    assert not failed, "quick requests beside the slow ones failed:\n" + "\n".join(failed)
    late = [f"{r.path}: {r.seconds:.1f} s" for r in quick if r.seconds >= LIMIT + MARGIN]
    assert not late, late


def test_no_worker_is_left_running_a_slow_query(server: tuple[str, Flask]) -> None:
    url, app = server
    before = worker_pids(app)
    others = spawned_children() - before  # workers of other servers in this test process
    threads = [threading.Thread(target=timed_fetch, args=(url, "/sparql?" + urlencode(
        {"query": SLOW})), daemon=True) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(LIMIT + MARGIN + 30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in before):
        time.sleep(0.1)
    assert not [pid for pid in before if alive(pid)], "a worker that overran still runs"
    after = worker_pids(app)
    assert len(after) == WORKERS and not after & before
    assert spawned_children() - others == after, (
        "worker processes other than the pool's are running")

    reply = fetch(url, QUICK[0], accept=JSON, timeout=LIMIT + MARGIN + 30)
    assert reply.status == 200 and reply.json()["boolean"] is True
    assert worker_pids(app) == after
