"""Fixtures for the web tests: a small published store and real HTTP servers over it.

Servers are werkzeug's threaded server in a thread on 127.0.0.1 with a free port; the tests
talk HTTP to them. The SPARQL servers have a short time limit (2 s) and a
row limit (20) below the size of the fixture (42 triples).
"""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from werkzeug.serving import make_server

from jargraph import store
from jargraph.store.dataset import load_dataset
from jargraph.web import create_app, shutdown

FIXTURE = Path(__file__).with_name("fixture.trig")
TIMEOUT = 2.0
ROW_LIMIT = 20


def publish_store(home: Path, *trig: Path | str) -> Path:
    """Build a store from TriG files or text and publish it as the current one under ``home``."""
    try:
        folder = store.new_store_folder(home)
    except FileExistsError:  # build folders are named by the second: wait for the next one
        time.sleep(1.05 - time.time() % 1)
        folder = store.new_store_folder(home)
    built = ox.Store(str(folder))
    for item in trig:
        load_dataset(built, item if isinstance(item, Path) else item.encode(),
                     ox.RdfFormat.TRIG)
    del built
    store.publish(folder, home)
    return folder


def start_server(config: dict[str, Any]) -> tuple[str, Callable[[], None]]:
    """Start the app on a free port in a thread; returns (base URL, stop function)."""
    app = create_app(config)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        shutdown(app)

    url = f"http://127.0.0.1:{server.server_port}"
    with urllib.request.urlopen(url + "/sparql", timeout=60) as response:  # workers warm up
        response.read()
    return url, stop


@pytest.fixture(scope="session")
def sparql_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("sparql-home")
    publish_store(home, FIXTURE)
    return home


def _config(home: Path, **more: Any) -> dict[str, Any]:
    return {"home": home, "timeout": TIMEOUT, "row_limit": ROW_LIMIT, "workers": 2,
            "max_request_bytes": 64 * 1024, "max_url_bytes": 16 * 1024, **more}


@pytest.fixture(scope="session")
def remote_url(sparql_home: Path) -> Iterator[str]:
    """A second jargraph server, used as the remote endpoint of SERVICE clauses."""
    url, stop = start_server(_config(sparql_home))
    yield url
    stop()


@pytest.fixture(scope="session")
def server_url(sparql_home: Path, remote_url: str) -> Iterator[str]:
    """The jargraph server under test; it may call the remote server with SERVICE."""
    url, stop = start_server(_config(sparql_home, allowed_services=[remote_url + "/sparql"]))
    yield url
    stop()


@pytest.fixture(scope="session")
def endpoint(server_url: str) -> str:
    return server_url + "/sparql"


# ---------------------------------------------------------------------------
# Linked-data site: pages, /doc, /def, /void, /data, /query, /validate.
# A store of fixture_pages.trig (an area, a review with judgements, findings,
# a recommendation, passages, a national grade distribution, and a label
# holding a <script>), with dumps written beside it as a build would.
# ---------------------------------------------------------------------------

PAGES_FIXTURE = Path(__file__).with_name("fixture_pages.trig")
PAGES_ROW_LIMIT = 100


def write_dumps(home: Path, trig: Path) -> Path:
    """Dumps as a build writes them: the dataset as TriG and N-Quads, Turtle per graph."""
    dumps = store.current_dumps_path(home)
    (dumps / "documents").mkdir(parents=True, exist_ok=True)
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    (dumps / "jargraph.trig").write_bytes(trig.read_bytes())
    (dumps / "jargraph.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    graph_ns = "https://w3id.org/jargraph/graph/"
    names = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    for name in sorted(names):
        triples = [q.triple for q in quads
                   if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == name]
        if name.startswith(graph_ns):
            (dumps / "documents" / f"{name[len(graph_ns):]}.ttl").write_bytes(
                ox.serialize(triples, format=ox.RdfFormat.TURTLE) or b"")
    return dumps


@pytest.fixture(scope="session")
def pages_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("pages-home")
    publish_store(home, PAGES_FIXTURE)
    write_dumps(home, PAGES_FIXTURE)
    return home


@pytest.fixture(scope="session")
def site_url(pages_home: Path) -> Iterator[str]:
    """A jargraph server over the pages fixture (time limit 10 s, row limit 100)."""
    url, stop = start_server({
        "home": pages_home, "timeout": 10.0, "row_limit": PAGES_ROW_LIMIT, "workers": 2,
        "max_request_bytes": 1 << 20,
    })
    yield url
    stop()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


def fetch(base: str, path: str, *, method: str = "GET", accept: str | None = None,
          body: bytes | None = None, headers: dict[str, str] | None = None) -> Answer:
    """One request with the path sent exactly as given (no normalising, no redirects)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    sent = dict(headers or {})
    if accept:
        sent["Accept"] = accept
    try:
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    finally:
        conn.close()


@pytest.fixture(scope="session")
def seed_url(built_home: Path) -> Iterator[str]:
    """A jargraph server over the real build of the bundled documents (with its search
    index), for pages whose expected content is read from the source documents."""
    url, stop = start_server({"home": built_home, "timeout": 10.0, "workers": 2,
                              "max_request_bytes": 1 << 20})
    yield url
    stop()
