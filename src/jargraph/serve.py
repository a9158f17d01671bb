"""Serving the web site and SPARQL endpoint over the store, until stopped.

Production mode serves with waitress; ``debug`` uses Flask's development
server. When the embedded store has no build yet, the build runs first.
"""

from __future__ import annotations

import signal
import sys
import threading

import waitress

from .build import build
from .settings import Settings
from .store import StoreError, StoreUnavailable, open_store
from .web import create_app, executor_for, shutdown


def serve(settings: Settings, *, debug: bool = False) -> int:
    """Serve until interrupted; returns an exit code."""
    if not store_ready(settings):
        return 1 if not settings.store else 2
    app = create_app(settings)
    executor_for(app)  # start the query workers now rather than on the first request
    host, port = settings.host, settings.port
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    print(describe(settings, debug))
    print(f"jargraph: serving {url} (SPARQL endpoint {url}sparql); Ctrl-C stops", flush=True)
    _exit_on_sigterm()
    try:
        if debug:
            app.run(host=host, port=port, debug=True, use_reloader=False, threaded=True)
        else:
            waitress.serve(app, host=host, port=port, threads=settings.threads,
                           ident="jargraph",
                           max_request_body_size=settings.max_request_bytes + 65536)
    finally:
        shutdown(app)
    return 0


def _exit_on_sigterm() -> None:
    """Let SIGTERM (service managers, containers) stop the server as Ctrl-C does."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))


def describe(settings: Settings, debug: bool) -> str:
    """The effective settings, one per line."""
    services = ", ".join(settings.allowed_services) or "none"
    try:
        where = open_store(settings).location
    except StoreError:
        where = "(an unusable store URL)"
    server = "Flask development server (debug)" if debug else (
        f"waitress, {settings.threads} threads")
    lines = [
        f"  store          {where}",
        f"  server         {server}",
        f"  address        {settings.host}:{settings.port}",
        f"  query workers  {settings.workers}",
        f"  time limit     {settings.timeout:g} s",
        f"  row limit      {settings.row_limit or 'none'}",
        f"  request limit  {settings.max_request_bytes} bytes (GET query string "
        f"{settings.max_url_bytes} bytes)",
        f"  SERVICE allowed to  {services}",
    ]
    return "jargraph serve settings:\n" + "\n".join(lines)


def store_ready(settings: Settings) -> bool:
    """Whether the store can answer; with no build yet under the home, build it first.

    False (with a message) when it cannot be made ready.
    """
    try:
        open_store(settings).ping()
        return True
    except StoreUnavailable as exc:
        if settings.store:
            print(f"jargraph: {exc}", file=sys.stderr)
            return False
    except StoreError as exc:
        print(f"jargraph: {exc}", file=sys.stderr)
        return False
    return build_first(settings)


def build_first(settings: Settings) -> bool:
    """Build the bundled documents (and ``data``) when there is no store yet."""
    print(f"jargraph: no store under {settings.home} yet: building it first", flush=True)
    report = build(settings.data, settings.home, progress=print)
    try:
        open_store(settings).ping()
    except StoreError:
        print("jargraph: the build did not produce a store; see its messages above",
              file=sys.stderr)
        return False
    if not report.ok:
        print("jargraph: the build reported problems (see above); serving what it loaded",
              file=sys.stderr)
    return True
