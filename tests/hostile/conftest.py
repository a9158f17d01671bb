"""Fixtures for the hostile-input tests: a real server on the built graph, and the case counts.

The server runs the app with werkzeug's threaded server in a thread on
127.0.0.1 (a free port), over the graph that ``built_home`` builds from
``data/``, with a short query time limit (2 s) and two query workers. At the
end of the session the number of cases each test tried is printed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from jargraph.web import create_app, shutdown

from . import CASES, NOTES, QUERY_TIMEOUT, request

MAX_REQUEST_BYTES = 1 << 20
MAX_URL_BYTES = 64 << 10
ROW_LIMIT = 50
WORKERS = 2


def server_config(home: Path) -> dict[str, object]:
    return {"home": home, "timeout": QUERY_TIMEOUT, "row_limit": ROW_LIMIT,
            "workers": WORKERS, "max_request_bytes": MAX_REQUEST_BYTES,
            "max_url_bytes": MAX_URL_BYTES}


@pytest.fixture(scope="session")
def hostile_url(built_home: Path) -> Iterator[str]:
    """Base URL of a jargraph server over the built graph (time limit 2 s, 2 workers)."""
    app = create_app(server_config(built_home))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        warm = request(url, "GET", "/sparql?query=ASK%7B%7D", timeout=120)
        assert warm.status == 200, warm.text
        yield url
    finally:
        server.shutdown()
        server.server_close()
        shutdown(app)
        thread.join(10)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many cases each hostile-input test tried in this run."""
    if not CASES:
        return
    terminalreporter.section("hostile input: cases tried")
    width = max(len(name) for name in CASES)
    for name, count in sorted(CASES.items()):
        terminalreporter.write_line(f"{name:<{width}}  {count:>6}")
    terminalreporter.write_line(f"{'total':<{width}}  {sum(CASES.values()):>6}")
    if NOTES:
        terminalreporter.section("hostile input: notes")
        for line in NOTES[:60]:
            terminalreporter.write_line(line)
        if len(NOTES) > 60:
            terminalreporter.write_line(f"... and {len(NOTES) - 60} more")
