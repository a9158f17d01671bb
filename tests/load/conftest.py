"""Fixtures for the load and fault tests.

* :func:`running_server` serves the real app with waitress, as ``jargraph
  serve`` does, in a thread on a free loopback port; :func:`fetch` is one HTTP
  request on a fresh connection.
* ``small_data`` is a data folder of two documents, so that the many builds of
  the fault tests stay quick, and ``small_home`` one clean build of it.
* :func:`tmpfs` mounts a small filesystem (root only); a test that needs one
  is skipped, with the reason, where mounting is not permitted.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import waitress
from flask import Flask

from jargraph import store
from jargraph.resources import data_dir
from jargraph.web import create_app, executor_for, shutdown

SMALL_DOCUMENTS = ("jar-southampton-2007.txt", "leeds-executive-board-jar-2008.txt")
"""Two documents: enough for every stage to have more than one item to work on."""
START_LIMIT = 60.0
"""Seconds a server may take to answer its first request (the query workers start)."""
FINGERPRINT = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }
GROUP BY ?g ORDER BY ?g"""
"""Triples per named graph: tells whether two stores hold the same build."""


@dataclass
class Reply:
    """One HTTP response, read whole."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    def json(self) -> Any:
        return json.loads(self.body)


def fetch(base: str, path: str, *, method: str = "GET", accept: str | None = None,
          body: bytes | None = None, headers: dict[str, str] | None = None,
          timeout: float = 60.0) -> Reply:
    """One request on its own connection, with no redirects followed."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    sent = {"Connection": "close", **(headers or {})}
    if accept:
        sent["Accept"] = accept
    try:
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    finally:
        conn.close()


@contextmanager
def running_server(config: dict[str, Any], threads: int = 16) -> Iterator[tuple[str, Flask]]:
    """The app under waitress on 127.0.0.1 and a free port; yields (base URL, app)."""
    app = create_app(config)
    executor_for(app)  # the workers start now, as under `jargraph serve`
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True, name="waitress")
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    try:
        first = fetch(url, "/sparql?query=ASK%7B%7D", accept="application/sparql-results+json",
                      timeout=START_LIMIT)
        assert first.status == 200, first.body[:500]
        yield url, app
    finally:
        server.close()
        server.task_dispatcher.shutdown(timeout=10)  # type: ignore[union-attr]
        thread.join(10)
        shutdown(app)


def worker_pids(app: Flask) -> set[int]:
    """The process ids of the app's query workers."""
    executor = executor_for(app)
    return {w.process.pid for w in executor._workers}  # type: ignore[union-attr]


def alive(pid: int) -> bool:
    """True while a process runs (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def spawned_children() -> set[int]:
    """Live child processes of this process started by multiprocessing's spawn."""
    me = str(os.getpid())
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if fields[1] == me and fields[0] not in ("Z", "X") and b"spawn_main" in cmdline:
            found.add(int(entry.name))
    return found


def rows(oxi: ox.Store, sparql: str) -> list[dict[str, str]]:
    """A SELECT's rows as plain strings, in the query's order."""
    out = store.run_query(oxi, sparql)
    data = json.loads(out.body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def fingerprint(home: Path) -> list[dict[str, str]]:
    """Triples per named graph of the current store under ``home``."""
    return rows(store.open_read_only(home), FINGERPRINT)


def copy_home(source: Path, target: Path) -> Path:
    """A copy of a home folder, its ``current`` link still relative and working."""
    shutil.copytree(source, target, symlinks=True, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("small-data")
    (data / "reports").mkdir()
    for name in SMALL_DOCUMENTS:
        shutil.copy(data_dir() / "reports" / name, data / "reports" / name)
    return data


@pytest.fixture(scope="session")
def small_home(small_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One clean build of ``small_data``."""
    from jargraph.build import build

    home = tmp_path_factory.mktemp("small-home")
    report = build(small_data, home, bundled=False)
    assert report.ok, report.errors + [e for d in report.documents for e in d.errors]
    return home


# ---------------------------------------------------------------- small filesystems


@contextmanager
def tmpfs(path: Path, size: int) -> Iterator[Path]:
    """A tmpfs of ``size`` bytes mounted on ``path``; skips the test if mounting fails."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    path.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                           str(path)], capture_output=True, text=True, timeout=30)
    if proc.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {proc.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


def remount(path: Path, *, read_only: bool) -> None:
    """Make a mounted tmpfs read-only or writable again."""
    mode = "ro" if read_only else "rw"
    subprocess.run(["mount", "-o", f"remount,{mode}", str(path)], check=True,
                   capture_output=True, timeout=30)


def free_bytes(path: Path) -> int:
    stat = os.statvfs(path)
    return stat.f_bavail * stat.f_frsize


def fill(path: Path, leave: int) -> Path:
    """Fill the filesystem of ``path`` with one file until about ``leave`` bytes are free."""
    filler = path / "filler"
    size = free_bytes(path) - leave
    if size > 0:
        with open(filler, "ab") as out:
            os.posix_fallocate(out.fileno(), 0, size)
    assert free_bytes(path) <= leave + 64 * 1024
    return filler


def processes_mentioning(text: str) -> set[int]:
    """Live processes whose command line contains ``text`` (e.g. a test's own folder)."""
    needle = text.encode()
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "cmdline").read_bytes() and alive(int(entry.name)):
                found.add(int(entry.name))
        except OSError:
            continue
    return found


def left_running(text: str, grace: float = 10.0) -> set[int]:
    """Processes mentioning ``text`` still running after ``grace`` seconds; they are then
    killed, so that a failing test leaves nothing behind."""
    deadline = time.monotonic() + grace
    found = processes_mentioning(text)
    while found and time.monotonic() < deadline:
        time.sleep(0.2)
        found = processes_mentioning(text)
    for pid in found:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return found
