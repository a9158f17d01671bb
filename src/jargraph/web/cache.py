"""Caching by build: ETags, conditional requests, and query results kept until the next build.

The store changes only when a build is published, so every answer is right
for as long as that build serves. "The build" is:

- on the embedded store, the build folder the ``current`` link points at
  (:func:`jargraph.store.current_target`), published at the time the link was
  made;
- on a SPARQL server, the build last pushed there: ``jargraph build --store``
  writes the build's name and time into a graph of their own
  (:data:`jargraph.store.remote.BUILD_GRAPH`) after every other graph, and the
  server reads it once for each request (and at most every
  :data:`REMOTE_CHECK` seconds outside one), so a new push is seen at once and
  a server that cannot be reached is never answered for from the cache. A
  server that holds no such graph (loaded by other means) has no build to go
  by: nothing is cached and no ETag sent.

A :class:`BuildClock` tells which build serves. The query executor keys its
:class:`ResultCache` on it (named queries, page queries and ``/sparql``
alike), bounded in memory, emptied when the build changes. :func:`install`
gives every successful response an ETag and a Last-Modified tied to the build
(and to the server's start, since new code may render the same data
otherwise), and answers ``If-None-Match`` or ``If-Modified-Since`` with 304
before any query runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from flask import Flask, Response, g, has_request_context, request

from ..settings import Settings
from ..store import current_build, current_target
from ..store.remote import BUILD_QUERY

REMOTE_CHECK = 5.0
"""Seconds between two readings of a SPARQL server's build."""
ENTRY_OVERHEAD = 512
"""Bytes counted for each cached result beyond its body and key (objects, dict slot)."""
CLOCK_KEY = "jargraph.build_clock"
UNCACHED_ENDPOINTS = frozenset({"static", "downloads.download"})
"""Responses that carry their own validators (files) and are not tied to the build alone."""


@dataclass(frozen=True)
class BuildStamp:
    """Which build serves: an opaque tag and when the build was published (POSIX time)."""

    tag: str
    published: float


class BuildClock:
    """The stamp of the build that serves now (see the module docstring)."""

    def __init__(self, settings: Settings, run: Callable[[str], bytes] | None = None) -> None:
        self.settings = settings
        self.run = run
        """Runs a SELECT on the store and gives SPARQL JSON (for a remote store)."""
        self.started = time.time()
        self._lock = threading.Lock()
        self._remote: tuple[float, BuildStamp | None] | None = None

    def stamp(self, fresh: bool = False) -> BuildStamp | None:
        """The build now; on a remote store read again if ``fresh`` or after a while."""
        if not self.settings.store:
            return self._embedded()
        with self._lock:
            if (not fresh and self._remote is not None
                    and time.monotonic() - self._remote[0] < REMOTE_CHECK):
                return self._remote[1]
        found = self._read_remote()
        with self._lock:
            self._remote = (time.monotonic(), found)
        return found

    def _embedded(self) -> BuildStamp | None:
        target = current_target(self.settings.home)
        if target is None:
            return None
        try:
            published = os.lstat(current_build(self.settings.home)).st_mtime
        except OSError:
            return None
        return BuildStamp(target, published)

    def _read_remote(self) -> BuildStamp | None:
        if self.run is None:
            return None
        try:
            rows = json.loads(self.run(BUILD_QUERY))["results"]["bindings"]
            row = rows[0]
            published = datetime.fromisoformat(row["modified"]["value"].replace("Z", "+00:00"))
            return BuildStamp(row["id"]["value"], published.timestamp())
        except Exception:  # noqa: BLE001 - no readable stamp: no build to cache by
            return None


class ResultCache:
    """Query results by key for one build, least recently used dropped first, within
    ``max_bytes``; a result of more than an eighth of that is not kept."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._tag: str | None = None
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, tag: str, key: Hashable) -> object | None:
        with self._lock:
            if tag != self._tag:
                self._reset(tag)
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, tag: str, key: Hashable, value: object, size: int) -> None:
        size += ENTRY_OVERHEAD
        if size > self.max_bytes // 8:
            return
        with self._lock:
            if tag != self._tag:
                self._reset(tag)
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._entries[key] = (value, size)
            self.size += size
            while self.size > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.size -= dropped

    def __len__(self) -> int:
        return len(self._entries)

    def _reset(self, tag: str) -> None:
        """A new build: nothing cached for the old one can be served again."""
        self._entries.clear()
        self.size = 0
        self._tag = tag


# ---------------------------------------------------------------- HTTP validators


def install(app: Flask, run: Callable[[str], bytes]) -> BuildClock:
    """Validators and 304s for the app's responses, from the app's :class:`BuildClock`
    (``run`` reads a remote store's build: only then are query workers needed)."""
    clock = BuildClock(app.config["SETTINGS"], run)
    app.extensions[CLOCK_KEY] = clock

    @app.before_request
    def _conditional() -> Response | None:
        if request.endpoint in UNCACHED_ENDPOINTS:
            return None
        stamp = g.jargraph_stamp = clock.stamp(fresh=True)
        if stamp is None:
            return None
        g.jargraph_validators = validators(stamp, clock.started)
        if request.method not in ("GET", "HEAD"):
            return None
        etag, modified = g.jargraph_validators
        if request.if_none_match:
            fresh = request.if_none_match.contains_weak(etag)
        elif request.if_modified_since is not None:
            fresh = int(modified) <= request.if_modified_since.timestamp()
        else:
            fresh = False
        if not fresh:
            return None
        response = Response(status=304)
        _label(response, etag, modified)
        return response

    @app.after_request
    def _validators(response: Response) -> Response:
        found = g.get("jargraph_validators")
        if found is None or response.status_code != 200 or "ETag" in response.headers:
            return response
        etag, modified = found
        if request.method == "POST":  # the query is in the body, not the address
            if request.endpoint != "sparql.endpoint":
                return response  # a validation or other posted work: not the build's answer
            etag = _digest(etag, _posted_query())
        _label(response, etag, modified)
        return response

    return clock


def _posted_query() -> str | bytes:
    """What a POST to ``/sparql`` asked: the body the view has already read, or its form."""
    if request.mimetype == "application/sparql-query":
        return request.get_data(cache=True)
    return urlencode(sorted(request.form.items(multi=True)))


def request_stamp(clock: BuildClock) -> BuildStamp | None:
    """The build this request is answered from: read once when it came in, so that every
    query of a page is keyed on the same build."""
    if has_request_context() and "jargraph_stamp" in g:
        return g.jargraph_stamp
    return clock.stamp()


def validators(stamp: BuildStamp, started: float) -> tuple[str, float]:
    """The entity tag (without quotes) and the modification time of this request's answer:
    the build, the server's start and the request's ``Accept`` (answers are negotiated)."""
    etag = _digest(stamp.tag, str(started), request.headers.get("Accept", ""))
    return etag, max(stamp.published, started)


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "replace"))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def _label(response: Response, etag: str, modified: float) -> None:
    response.set_etag(etag, weak=True)
    response.last_modified = datetime.fromtimestamp(int(modified), tz=UTC)
    if "Cache-Control" not in response.headers:  # a view that knows better keeps its own
        response.headers["Cache-Control"] = "no-cache"  # revalidate: a new build may come
    response.vary.add("Accept")
