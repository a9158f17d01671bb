"""Queries run in worker processes, so that a time limit really holds.

Oxigraph cannot cancel a query from Python, and a pathological query (some
thousands of nested groups) can kill the process running it. So the web
server never runs a query itself: it hands each one to a small pool of
worker processes, waits at most the time limit for the answer, and kills and
replaces a worker that overran or died. Each worker opens the store read-only
and opens it again when a rebuild has swapped the ``current`` link. The worker
freed last takes the next query: its caches are the warmest.

A worker also checks SERVICE clauses before it runs a query, because Oxigraph
calls any SERVICE endpoint over HTTP: only endpoints in the allowed list may
be called.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from .. import store
from ..store import QueryOutput, StoreError

STARTUP_LIMIT = 60.0
"""Seconds a new worker may take to import its modules before it counts as broken."""


class QueryTimeout(StoreError):
    """The query ran past the time limit; its worker was stopped."""

    def __init__(self, message: str, seconds: float = 0.0):
        super().__init__(message)
        self.seconds = seconds


class QueryCrashed(StoreError):
    """The worker running the query died; it has been replaced."""


class ExecutorBusy(StoreError):
    """Every worker stayed busy for longer than the wait allowed."""


class ServiceRefused(StoreError):
    """The query calls a SERVICE endpoint that is not allowed."""

    def __init__(self, message: str, endpoints: tuple[str, ...] = ()):
        super().__init__(message)
        self.endpoints = endpoints


class NotAcceptable(StoreError):
    """No results format was acceptable for this kind of query (``select`` or ``graph``)."""

    def __init__(self, message: str, kind: str = ""):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Job:
    """One query as sent to a worker."""

    sparql: str
    select_format: str | None
    graph_format: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    row_limit: int | None


@dataclass(frozen=True)
class ValidationJob:
    """One posted encoding to validate. Validation runs in a worker too: its cost grows
    with what is posted, so it needs the same time limit and isolation as a query."""

    raw: bytes
    name: str
    syntax: str | None

    def run(self) -> object:
        from .validation import run

        return run(self.raw, self.name, self.syntax)


# ---------------------------------------------------------------- worker side


def _worker_main(conn: Connection, base: str, allowed: tuple[str, ...]) -> None:
    """The loop of one worker process: receive a job, send back ("ok"|"error", value)."""
    _exit_with_parent(os.getppid())
    opened: dict[str, object] = {}
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            value = job.run() if isinstance(job, ValidationJob) else run_job(
                job, Path(base), allowed, opened)
            reply: tuple[str, object] = ("ok", value)
        except StoreError as exc:
            reply = ("error", exc)
        except Exception as exc:  # anything else still gets a clear message
            reply = ("error", StoreError(f"query failed: {exc}"))
        conn.send(reply)


def _exit_with_parent(parent: int) -> None:
    """Stop this worker if the server that started it goes away mid-query."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def run_job(job: Job, base: Path, allowed: tuple[str, ...], opened: dict) -> QueryOutput:
    """Check and run one job on the current store (``opened`` caches the open store)."""
    check_services(job.sparql, allowed)
    target = _current_target(base)
    if "store" not in opened or opened.get("target") != target:
        opened.clear()
        opened["store"] = store.open_read_only(base)
        opened["target"] = target
    try:
        out = store.run_query(
            opened["store"],
            job.sparql,
            select_format=job.select_format or next(iter(store.SELECT_FORMATS)),
            graph_format=job.graph_format or next(iter(store.GRAPH_FORMATS)),
            default_graphs=list(job.default_graphs) or None,
            named_graphs=list(job.named_graphs) or None,
            row_limit=job.row_limit,
        )
    except store.QuerySyntaxError as exc:
        raise store.locate_syntax_error(exc, job.sparql) from None
    kind = "graph" if out.kind == "graph" else "select"
    if (job.graph_format if kind == "graph" else job.select_format) is None:
        raise NotAcceptable(f"no acceptable format for the results of this {kind} query", kind)
    return out


def _current_target(base: Path) -> str | None:
    """Where the ``current`` link points: one system call, so a worker can check on every
    query whether a rebuild has swapped the store."""
    try:
        return os.readlink(store.current_build(base))
    except OSError:
        return None


def check_services(sparql: str, allowed: tuple[str, ...]) -> None:
    """Refuse a query whose SERVICE endpoints are not all in ``allowed``."""
    endpoints = store.service_endpoints(sparql)
    if None in endpoints:
        raise ServiceRefused("SERVICE with a variable endpoint is not allowed on this server")
    refused = tuple(sorted({e for e in endpoints if e not in allowed}))  # type: ignore[misc]
    if refused:
        names = ", ".join(f"<{e}>" for e in refused)
        raise ServiceRefused(f"SERVICE {names} is not allowed on this server", refused)


# ---------------------------------------------------------------- server side


class _Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext, base: Path,
                 allowed: tuple[str, ...]):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child, str(base), allowed),
            name="jargraph-query-worker", daemon=True,
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(STARTUP_LIMIT):
            raise QueryCrashed("a query worker did not start")
        self.conn.recv()
        self.ready = True

    def stop(self, kill: bool = False) -> None:
        if not kill and self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                kill = True
            self.process.join(2.0)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2.0)
        self.conn.close()


class Executor:
    """A pool of query worker processes over the store under ``base``."""

    def __init__(self, base: Path, workers: int = 2, allowed_services: tuple[str, ...] = (),
                 wait: float = 10.0):
        self.base = Path(base)
        self.allowed = tuple(allowed_services)
        self.wait = wait
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        for _ in range(max(1, workers)):
            self._idle.put(self._start())
        atexit.register(self.close)

    def _start(self) -> _Worker:
        worker = _Worker(self._ctx, self.base, self.allowed)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        with self._lock:
            self._workers.discard(worker)
            closed = self._closed
        if not closed:
            self._idle.put(self._start())

    def execute(
        self,
        sparql: str,
        select_format: str | None,
        graph_format: str | None,
        default_graphs: list[str] | tuple[str, ...] = (),
        named_graphs: list[str] | tuple[str, ...] = (),
        row_limit: int | None = None,
        timeout: float = 10.0,
    ) -> QueryOutput:
        """Run one query in a worker; raises QueryTimeout, QueryCrashed or ExecutorBusy.

        A format of ``None`` means no format is acceptable for that kind of
        query: such a query raises :class:`NotAcceptable`.
        """
        job = Job(sparql, select_format, graph_format, tuple(default_graphs),
                  tuple(named_graphs), row_limit)
        return self._submit(job, timeout, "query")  # type: ignore[return-value]

    def validate(self, raw: bytes, name: str, syntax: str | None,
                 timeout: float = 10.0) -> object:
        """Validate a posted encoding in a worker (see :class:`ValidationJob`); returns
        the validation page's Outcome."""
        return self._submit(ValidationJob(raw, name, syntax), timeout, "validation")

    def _submit(self, job: Job | ValidationJob, timeout: float, what: str) -> object:
        if self._closed:
            raise StoreError("the query workers have been shut down")
        worker = self._take()
        try:
            worker.wait_ready()
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                self._replace(worker)
                raise QueryTimeout(f"{what} stopped after {timeout:g} s (the time limit)",
                                   timeout)
            status, value = worker.conn.recv()
        except (EOFError, OSError, QueryCrashed):
            self._replace(worker)
            engine = "query engine" if what == "query" else "validator"
            raise QueryCrashed(
                f"the {engine} failed on this {what}; the server is still running"
            ) from None
        self._idle.put(worker)
        if status == "error":
            raise value
        return value

    def _take(self) -> _Worker:
        """A free worker that is still alive, waiting at most ``self.wait`` seconds."""
        deadline = time.monotonic() + self.wait
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise ExecutorBusy(
                    f"the server is busy: every query worker stayed busy for {self.wait:g} s"
                ) from None
            if worker.process.is_alive():
                return worker
            self._replace(worker)

    def close(self) -> None:
        """Stop every worker (idle ones politely, busy ones by force)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        atexit.unregister(self.close)
        idle = set()
        while True:
            try:
                idle.add(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in workers:
            worker.stop(kill=worker not in idle)


# ---------------------------------------------------------------- remote store


class RemoteUnavailable(ExecutorBusy):
    """The remote SPARQL server could not answer; served as a 503 with its message."""


class RemoteExecutor:
    """Runs each query on a remote SPARQL server instead of the worker pool.

    The server enforces nothing for us, so SERVICE is checked here as a
    worker would, and the time limit becomes the HTTP timeout.
    """

    def __init__(self, url: str, allowed_services: tuple[str, ...] = (),
                 base: Path | None = None):
        from ..remote import remote_store_from_url

        self.remote = remote_store_from_url(url)
        self.allowed = tuple(allowed_services)
        self.base = base
        self._validator: Executor | None = None
        self._lock = threading.Lock()

    def validate(self, raw: bytes, name: str, syntax: str | None,
                 timeout: float = 10.0) -> object:
        """Validation needs no store, but the same isolation: one local worker process."""
        with self._lock:
            if self._validator is None:
                self._validator = Executor(self.base or store.home(), workers=1)
        return self._validator.validate(raw, name, syntax, timeout)

    def execute(
        self,
        sparql: str,
        select_format: str | None,
        graph_format: str | None,
        default_graphs: list[str] | tuple[str, ...] = (),
        named_graphs: list[str] | tuple[str, ...] = (),
        row_limit: int | None = None,
        timeout: float = 10.0,
    ) -> QueryOutput:
        """Run one query on the server; the contract of :meth:`Executor.execute`."""
        check_services(sparql, self.allowed)
        try:
            out = self.remote.query(
                sparql,
                select_format=select_format or next(iter(store.SELECT_FORMATS)),
                graph_format=graph_format or next(iter(store.GRAPH_FORMATS)),
                default_graphs=list(default_graphs) or None,
                named_graphs=list(named_graphs) or None,
                row_limit=row_limit,
                timeout=timeout,
            )
        except store.StoreUnavailable as exc:
            raise RemoteUnavailable(str(exc)) from None
        kind = "graph" if out.kind == "graph" else "select"
        if (graph_format if kind == "graph" else select_format) is None:
            raise NotAcceptable(f"no acceptable format for the results of this {kind} query", kind)
        return out

    def close(self) -> None:
        """Stop the validation worker, if one was started (each query is one request)."""
        with self._lock:
            if self._validator is not None:
                self._validator.close()
                self._validator = None
