"""Answers handed from the query workers to the views as files, and streamed.

A large answer is written by its worker into the executor's folder and
streamed to the client by the view, which deletes the file when the response
is done: after the last byte, when the client leaves early, or unread (HEAD).
The answer is the same, byte for byte, with its row limit and truncation
header, as when it comes back through the pipe.
"""

from __future__ import annotations

import http.client
import os
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from jargraph.store import QueryOutput
from jargraph.web import create_app, executor_for, shutdown
from jargraph.web.executor import AnswerStream, Executor

from .conftest import ROW_LIMIT, _config, start_server
from .test_sparql_protocol import AREAS, call, get, rows


def test_answer_stream_of_bytes() -> None:
    stream = AnswerStream(QueryOutput("select", b"abc", "text/csv"))
    assert b"".join(stream) == b"abc"
    stream.close()


def test_answer_stream_reads_and_deletes_its_file(tmp_path: Path) -> None:
    spooled = tmp_path / "answer"
    spooled.write_bytes(b"x" * 200_000)
    stream = AnswerStream(QueryOutput("select", b"", "text/csv", path=str(spooled)))
    pieces = list(stream)
    assert b"".join(pieces) == b"x" * 200_000 and len(pieces) > 1
    stream.close()
    assert not spooled.exists()


def test_answer_stream_deletes_its_file_unread(tmp_path: Path) -> None:
    spooled = tmp_path / "answer"
    spooled.write_bytes(b"x")
    AnswerStream(QueryOutput("select", b"", "text/csv", path=str(spooled))).close()
    assert not spooled.exists()


@pytest.fixture(scope="module")
def spooling(sparql_home: Path) -> Iterator[tuple[str, Executor]]:
    """A server (no row limit) whose every /sparql answer is handed over as a file,
    and its executor."""
    app = create_app(_config(sparql_home, workers=1, row_limit=0))
    executor = executor_for(app)
    executor.spool_bytes = 0
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql", executor
    server.shutdown()
    server.server_close()
    shutdown(app)


@pytest.fixture(scope="module")
def plain(sparql_home: Path) -> Iterator[str]:
    """The same server, answers through the pipe."""
    url, stop = start_server(_config(sparql_home, workers=1, row_limit=0))
    yield url + "/sparql"
    stop()


ORDERED = "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv",
                                    "text/tab-separated-values",
                                    "application/sparql-results+xml", "text/turtle"])
def test_spooled_answers_are_the_same(spooling, plain: str, accept: str) -> None:
    url, executor = spooling
    query = ORDERED if "turtle" not in accept else "CONSTRUCT WHERE { ?s ?p ?o }"
    expected = get(plain, query, accept=accept)
    spooled = get(url, query, accept=accept)
    assert spooled.status == 200
    assert spooled.body == expected.body
    assert spooled.headers["content-length"] == str(len(spooled.body))
    assert no_files_left(executor)


def test_spooled_answers_keep_the_row_limit(sparql_home: Path) -> None:
    app = create_app(_config(sparql_home, workers=1))
    executor = executor_for(app)
    executor.spool_bytes = 0
    try:
        with app.test_request_context():
            out = executor.execute(ORDERED, "text/csv", None, cut=True, spool=True)
        assert out.path is not None and out.truncated and out.rows == ROW_LIMIT
        stream = AnswerStream(out)
        body = b"".join(stream)
        stream.close()
        assert body.count(b"\n") == ROW_LIMIT + 1
        assert spooled_files(executor) == []
        client = app.test_client()
        reply = client.get("/sparql", query_string={"query": ORDERED},
                           headers={"Accept": "text/csv"})
        assert reply.headers["X-JARGRAPH-Truncated"] == "true"
        assert reply.get_data().count(b"\n") == ROW_LIMIT + 1
        reply.close()
        assert spooled_files(executor) == []
    finally:
        shutdown(app)


def test_head_and_early_leavers_leave_no_file(spooling) -> None:
    url, executor = spooling
    head = call(url + "?" + urllib.parse.urlencode({"query": AREAS}), "HEAD")
    assert head.status == 200 and head.body == b""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                 headers={"Accept": "text/csv"})
    response = conn.getresponse()
    assert response.status == 200
    response.read(100)
    conn.close()
    assert no_files_left(executor)
    assert rows(get(url, AREAS))[0]["name"] == "Exampleton"


def test_small_answers_come_through_the_pipe(sparql_home: Path) -> None:
    app = create_app(_config(sparql_home, workers=1))
    try:
        with app.test_request_context():
            out = executor_for(app).execute(AREAS, "text/csv", None, cut=True, spool=True)
        assert out.path is None and out.body.startswith(b"area,name")
    finally:
        shutdown(app)


def no_files_left(executor: Executor) -> bool:
    """True once the executor's folder is empty (the server closes a response just
    after its client has read the last byte)."""
    deadline = time.monotonic() + 10
    while spooled_files(executor) and time.monotonic() < deadline:
        time.sleep(0.05)
    return spooled_files(executor) == []


def spooled_files(executor: Executor) -> list[str]:
    folder = executor._spool
    return sorted(os.listdir(folder)) if folder and os.path.isdir(folder) else []
