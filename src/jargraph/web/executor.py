"""Queries run in worker processes, so that a time limit really holds.

Oxigraph cannot cancel a query from Python, and a pathological query (some
thousands of nested groups) can kill the process running it. So the web
server never runs a query itself: it hands each one to a small pool of
worker processes, waits at most the time limit for the answer, and kills and
replaces a worker that overran or died. Each worker opens the store the
settings name (:func:`jargraph.store.open_store`): the embedded store, opened
again when a rebuild has swapped it, or a SPARQL server, whose request is
abandoned with the worker. The worker freed last takes the next query: its
caches are the warmest.

The executor owns the time limit and the row limit it was made with; views
ask only whether a query's rows are to be cut. It also keeps answers for as
long as the build that gave them serves (:mod:`jargraph.web.cache`), so a
query asked again is not run again.

A worker also checks SERVICE clauses before it runs a query, because Oxigraph
calls any SERVICE endpoint over HTTP: only endpoints in the allowed list may
be called. A query past the limits every parser needs (its nesting) is
refused here, before it reaches a worker.

A large answer (a CSV download of many rows) is not sent back through the
pipe: the worker writes it to a file in the executor's own temporary folder,
and the view streams that file to the client and deletes it
(:class:`AnswerStream`), so the server's memory does not grow with the
answer.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection

from flask import Flask, current_app

from .. import formats
from ..processes import exit_with_parent
from ..settings import Settings
from ..store import QueryOutput, Store, StoreError, check_limits, open_store, service_endpoints
from .cache import CLOCK_KEY, BuildClock, ResultCache, request_stamp

STARTUP_LIMIT = 60.0
"""Seconds a new worker may take to import its modules before it counts as broken."""
WORKER_FREE_MARGIN = 5.0
"""Seconds a query waits for a free worker beyond the time limit: every busy worker is
free (or killed and replaced) within the limit, so a quick query queued behind slow
ones is answered rather than refused as busy."""
SPOOL_BYTES = 256 * 1024
"""An answer longer than this (in bytes) is handed over as a file, not through the pipe."""
CHUNK_BYTES = 64 * 1024
"""How much of a spooled answer a view reads and sends at a time."""
EXTENSION_KEY = "jargraph.executor"
_app_lock = threading.Lock()


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
    timeout: float
    spool: str | None = None
    """A folder to write a large answer into, or None to send every answer back whole."""
    spool_bytes: int = 0
    """The size past which an answer is written into ``spool``."""


@dataclass(frozen=True)
class CallJob:
    """A function to call in a worker, for work whose cost grows with what a client
    posts (validating an encoding): it needs the same time limit and isolation as a
    query. The function must be importable by name (a module's top-level function)."""

    function: Callable[..., object]
    args: tuple[object, ...]

    def run(self) -> object:
        return self.function(*self.args)


# ---------------------------------------------------------------- worker side


def _worker_main(conn: Connection, settings: Settings) -> None:
    """The loop of one worker process: receive a job, send back ("ok"|"error", value)."""
    exit_with_parent(os.getppid(), status=0)  # the server went away mid-query
    target: Store | None = None
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            if isinstance(job, CallJob):
                value = job.run()
            else:
                target = target or open_store(settings)
                value = run_job(job, target, settings.allowed_services)
            reply: tuple[str, object] = ("ok", value)
        except StoreError as exc:
            reply = ("error", exc)
        except Exception as exc:  # anything else still gets a clear message
            reply = ("error", StoreError(f"query failed: {exc}"))
        conn.send(reply)


def run_job(job: Job, target: Store, allowed: tuple[str, ...]) -> QueryOutput:
    """Check and run one job on the store."""
    check_services(job.sparql, allowed)
    out = target.query(
        job.sparql,
        select_format=job.select_format or formats.SPARQL_JSON.media_type,
        graph_format=job.graph_format or formats.TURTLE.media_type,
        default_graphs=list(job.default_graphs) or None,
        named_graphs=list(job.named_graphs) or None,
        row_limit=job.row_limit,
        timeout=job.timeout,
    )
    kind = "graph" if out.kind == "graph" else "select"
    if (job.graph_format if kind == "graph" else job.select_format) is None:
        raise NotAcceptable(f"no acceptable format for the results of this {kind} query", kind)
    if job.spool is not None and out.path is None and len(out.body) > job.spool_bytes:
        handle, path = tempfile.mkstemp(prefix="answer-", dir=job.spool)
        with os.fdopen(handle, "wb") as spooled:
            spooled.write(out.body)
        return replace(out, body=b"", path=path)
    return out


def check_services(sparql: str, allowed: tuple[str, ...]) -> None:
    """Refuse a query whose SERVICE endpoints are not all in ``allowed``."""
    endpoints = service_endpoints(sparql)
    if None in endpoints:
        raise ServiceRefused("SERVICE with a variable endpoint is not allowed on this server")
    refused = tuple(sorted({e for e in endpoints if e is not None and e not in allowed}))
    if refused:
        names = ", ".join(f"<{e}>" for e in refused)
        raise ServiceRefused(f"SERVICE {names} is not allowed on this server", refused)


# ---------------------------------------------------------------- server side


class _Worker:
    def __init__(self, ctx: multiprocessing.context.SpawnContext, settings: Settings):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child, settings),
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
    """A pool of query worker processes over the store the settings name, with the
    settings' time limit (``timeout``) and row limit (``row_limit``)."""

    def __init__(self, settings: Settings, clock: BuildClock | None = None):
        self.settings = settings
        self.timeout = settings.timeout
        self.row_limit = settings.row_cap
        self.wait = settings.timeout + WORKER_FREE_MARGIN
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        self._spool: str | None = None
        self.spool_bytes = SPOOL_BYTES
        """Answers longer than this are handed over as files (when a view asks)."""
        self.results = ResultCache(settings.cache_mib << 20)
        self.clock = clock or BuildClock(settings, self.read)
        for _ in range(max(1, settings.workers)):
            self._idle.put(self._start())
        atexit.register(self.close)

    def read(self, sparql: str) -> bytes:
        """A SELECT's SPARQL JSON, never from the cache (the build's own stamp)."""
        return self.execute(sparql, formats.SPARQL_JSON.media_type, None, cached=False).body

    def _start(self) -> _Worker:
        worker = _Worker(self._ctx, self.settings)
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
        *,
        cut: bool = False,
        spool: bool = False,
        cached: bool = True,
    ) -> QueryOutput:
        """Run one query in a worker; raises QueryTimeout, QueryCrashed or ExecutorBusy,
        or QueryRefused (before any worker) for a query past the parsers' limits.

        With ``cut`` SELECT rows stop at the row limit (``QueryOutput.truncated``
        says so). A format of ``None`` means no format is acceptable for that kind
        of query: such a query raises :class:`NotAcceptable`. With ``spool`` a large
        answer comes back as a file (``QueryOutput.path``) for :class:`AnswerStream`,
        and is not kept (smaller ones are). An answer given before for the same build
        is given again without running the query, unless ``cached`` is False.
        """
        check_limits(sparql)
        job = Job(sparql, select_format, graph_format, tuple(default_graphs),
                  tuple(named_graphs), self.row_limit if cut else None, self.timeout,
                  self._spool_folder() if spool else None, self.spool_bytes)
        stamp = request_stamp(self.clock) if cached and self.results.max_bytes else None
        if stamp is not None:
            found = self.results.get(stamp.tag, job)
            if found is not None:
                assert isinstance(found, QueryOutput)
                return found
        out = self._submit(job, "query")
        assert isinstance(out, QueryOutput)
        if stamp is not None and out.path is None:  # an answer in a file is streamed once
            self.results.put(stamp.tag, job, out, len(out.body) + len(sparql))
        return out

    def _spool_folder(self) -> str:
        """The executor's folder for answers handed over as files, made on first use."""
        with self._lock:
            if self._spool is None or not os.path.isdir(self._spool):
                self._spool = tempfile.mkdtemp(prefix="jargraph-answers-")
            return self._spool

    def call(self, what: str, function: Callable[..., object], *args: object) -> object:
        """``function(*args)`` run in a worker under the time limit (see :class:`CallJob`);
        ``what`` names the work in messages (``validation``)."""
        return self._submit(CallJob(function, args), what)

    def _submit(self, job: Job | CallJob, what: str) -> object:
        timeout = self.timeout
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
            engine = "query engine" if what == "query" else f"{what} worker"
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
        if self._spool is not None:
            shutil.rmtree(self._spool, ignore_errors=True)


class AnswerStream:
    """The answer's bytes in pieces, as a WSGI response body: a spooled answer is read
    from its file a chunk at a time, and the file deleted when the response is closed
    (after the last piece, when the client goes, or unread, for HEAD)."""

    def __init__(self, out: QueryOutput):
        self.out = out

    def __iter__(self) -> Iterator[bytes]:
        if self.out.path is None:
            yield self.out.body
            return
        with open(self.out.path, "rb") as spooled:
            while chunk := spooled.read(CHUNK_BYTES):
                yield chunk

    def close(self) -> None:
        if self.out.path is not None:
            try:
                os.unlink(self.out.path)
            except OSError:
                pass


def answer_size(out: QueryOutput) -> int:
    """The length of the answer in bytes, spooled or not."""
    return os.path.getsize(out.path) if out.path is not None else len(out.body)


# ---------------------------------------------------------------- the app's executor


def executor_for(app: Flask) -> Executor:
    """The app's executor, made (and its workers started) on first use."""
    with _app_lock:
        executor = app.extensions.get(EXTENSION_KEY)
        if executor is None:
            executor = Executor(app.config["SETTINGS"], app.extensions.get(CLOCK_KEY))
            app.extensions[EXTENSION_KEY] = executor
    return executor


def current_executor() -> Executor:
    """The executor of the app handling this request."""
    return executor_for(current_app._get_current_object())  # type: ignore[attr-defined]


def shutdown(app: Flask) -> None:
    """Stop the app's query workers (they also stop when the process exits)."""
    with _app_lock:
        executor = app.extensions.pop(EXTENSION_KEY, None)
    if executor is not None:
        executor.close()
