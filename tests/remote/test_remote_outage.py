"""``jargraph serve --store`` while its SPARQL server goes away and comes back.

The real command runs in a subprocess over a private Virtuoso holding the
build of ``data/``. While Virtuoso is stopped, the SPARQL endpoint, the
named-query API and a linked-data page must each answer at once with a 503
that says the store cannot be reached (never a 500, a traceback or a hang);
once the same Virtuoso is started again, the same requests must answer as
before without ``jargraph serve`` being restarted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jargraph.build import build
from jargraph.store import remote_store_from_url

from .conftest import Virtuoso, free_port, terminate
from .test_build_and_serve_remote import JSON, rows

pytestmark = pytest.mark.remote

QUERY_TIMEOUT = 10.0
"""``jargraph serve --timeout``: the longest a query may take on the store."""
CLIENT_TIMEOUT = QUERY_TIMEOUT + 10.0
"""No request of these tests may take longer: a hang fails the test instead of stalling it."""
START_TIMEOUT = 60.0
RECOVERY_TIMEOUT = 30.0
"""How long after Virtuoso is back every request must answer again."""
STOP_TIMEOUT = 20.0

AREA_NAMES = """PREFIX jar: <https://w3id.org/jargraph/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name WHERE { ?area a jar:Area ; skos:prefLabel ?name }"""

SOUTHAMPTON_GRADES = {
    "safeguarding": "2",
    "looked_after_children": "2",
    "learning_difficulties_and_disabilities": "3",
    "service_management": "3",
    "capacity_to_improve": "3",
}
"""Local services overall, from the "Grades" table of ``data/reports/jar-southampton-2007.txt``."""

REQUESTS = {
    "sparql": ("/sparql?" + urllib.parse.urlencode({"query": AREA_NAMES}), JSON),
    "api": ("/api/queries/area-grades?" + urllib.parse.urlencode({"region": "South East"}), JSON),
    "page": ("/doc/area/southampton", "text/html"),
}
"""What a SPARQL client, an API client and a browser ask: (path, Accept) by name."""


@dataclass(frozen=True)
class Answer:
    """One HTTP answer, with how long it took to come."""

    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Served:
    """A ``jargraph serve`` subprocess and the file its output goes to."""

    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def fetch(base: str, path: str, accept: str) -> Answer:
    """One GET; an HTTP error status is an answer too, and the client never waits forever."""
    request = urllib.request.Request(base + path, headers={"Accept": accept})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        status, headers, body = exc.code, exc.headers, exc.read()
    return Answer(status, dict(headers.items()), body, time.monotonic() - started)


def ask_all(base: str) -> dict[str, Answer]:
    """Every request of :data:`REQUESTS`, one after the other."""
    return {name: fetch(base, path, accept) for name, (path, accept) in REQUESTS.items()}


def serve_command(store_url: str, home: Path, port: int) -> list[str]:
    """``jargraph serve`` as the console script runs it, with this interpreter."""
    return [sys.executable, "-m", "jargraph.cli", "serve", "--host", "127.0.0.1",
            "--port", str(port), "--home", str(home), "--store", store_url,
            "--timeout", f"{QUERY_TIMEOUT:g}", "--threads", "4"]


def start_serving(store_url: str, folder: Path) -> Served:
    """Start ``jargraph serve`` on a free loopback port; return once it answers a query."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JARGRAPH_")}
    port = free_port()
    log = folder / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            serve_command(store_url, folder / "home", port), stdout=out,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
        )
    served = Served(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_serving(served)
    except BaseException:
        stop_serving(served)
        raise
    return served


def wait_until_serving(served: Served) -> None:
    """Bounded: fail with the server's output if it exits or stays silent."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise RuntimeError(f"jargraph serve exited with {served.process.returncode}:\n"
                               + served.output())
        try:
            if fetch(served.url, "/sparql?query=ASK%7B%7D", JSON).status == 200:
                return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"jargraph serve did not answer within {START_TIMEOUT:g} s:\n"
                       + served.output())


def stop_serving(served: Served) -> None:
    """SIGTERM, which ``jargraph serve`` takes as Ctrl-C; kill it if it does not stop."""
    terminate(served.process, STOP_TIMEOUT)


@pytest.fixture
def site(own_virtuoso: Virtuoso, tmp_path: Path, no_store_env: None) -> Iterator[Served]:
    """``data/`` pushed to a private Virtuoso, and ``jargraph serve --store`` over it."""
    target = remote_store_from_url(own_virtuoso.url())
    report = build(None, tmp_path / "build-home", target=target)
    assert report.ok, report.errors
    served = start_serving(own_virtuoso.url(), tmp_path / "serve")
    try:
        yield served
    finally:
        stop_serving(served)


def ask_until_ok(base: str, seconds: float) -> dict[str, Answer]:
    """Ask again until every answer is a 200 or ``seconds`` have passed; the last answers
    either way. Virtuoso may need a moment after it first answers to serve everything."""
    deadline = time.monotonic() + seconds
    while True:
        answers = ask_all(base)
        if all(a.status == 200 for a in answers.values()) or time.monotonic() >= deadline:
            return answers
        time.sleep(0.5)


def check_up(answers: dict[str, Answer]) -> None:
    """Each answer is a 200 with what the source documents say."""
    for name, answer in answers.items():
        assert answer.status == 200, (name, answer.status, answer.text[:500])
    names = {row["name"]["value"]
             for row in json.loads(answers["sparql"].body)["results"]["bindings"]}
    assert {"Leeds", "Leicestershire", "Southampton"} <= names
    grades = {row["name"]["value"]: {k: v["value"] for k, v in row.items()}
              for row in json.loads(answers["api"].body)["results"]["bindings"]}
    assert SOUTHAMPTON_GRADES.items() <= grades["Southampton"].items()
    page = answers["page"]
    assert page.headers["Content-Type"].startswith("text/html")
    assert "<h1>Southampton" in page.text


def check_down(answers: dict[str, Answer], virtuoso: Virtuoso) -> None:
    """Each answer is a quick 503 that says the store cannot be reached, and nothing more."""
    unreachable = f"cannot reach SPARQL server at {virtuoso.query_url}"
    for name, answer in answers.items():
        assert answer.status == 503, (name, answer.status, answer.text[:500])
        assert answer.seconds < QUERY_TIMEOUT, (name, answer.seconds)
        assert "Traceback" not in answer.text, name
        assert virtuoso.password not in answer.text, name
    for name in ("sparql", "api"):
        message = json.loads(answers[name].body)["message"]
        assert unreachable in message and "is it running?" in message, (name, message)
        assert answers[name].headers.get("Retry-After") == "2", name
    page = answers["page"]
    assert page.headers["Content-Type"].startswith("text/html")
    assert unreachable in page.text and "Try again in a moment" in page.text


def test_store_outage_is_503_then_recovers(site: Served, own_virtuoso: Virtuoso) -> None:
    before = ask_all(site.url)
    check_up(before)

    own_virtuoso.stop()
    check_down(ask_all(site.url), own_virtuoso)
    assert site.process.poll() is None, site.output()

    own_virtuoso.start()
    after = ask_until_ok(site.url, RECOVERY_TIMEOUT)
    check_up(after)
    for name in ("sparql", "api"):
        assert rows(after[name].body) == rows(before[name].body), name
    assert after["page"].body == before["page"].body

    assert site.process.poll() is None, "jargraph serve must not have been restarted"
    assert "Traceback" not in site.output()
