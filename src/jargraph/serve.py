"""``jargraph serve``: the web site and SPARQL endpoint over the current store.

Production mode serves with waitress; ``--debug`` uses Flask's development
server. If there is no store yet, the build runs first.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from . import store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_THREADS = 8


def serve(*, host: str | None = None, port: int | None = None, threads: int | None = None,
          debug: bool = False, config: dict[str, Any] | None = None) -> int:
    """Serve until interrupted; returns an exit code.

    ``host``, ``port`` and ``threads`` fall back to ``JARGRAPH_HOST``,
    ``JARGRAPH_PORT`` and ``JARGRAPH_THREADS``; ``config`` holds the web
    settings (see :mod:`jargraph.web`), which fall back to ``JARGRAPH_*``.
    """
    from .web import create_app, get_executor, settings, shutdown

    host = host or os.environ.get("JARGRAPH_HOST") or DEFAULT_HOST
    port = _number(port, "JARGRAPH_PORT", DEFAULT_PORT)
    threads = _number(threads, "JARGRAPH_THREADS", DEFAULT_THREADS)
    cfg = settings({k: v for k, v in (config or {}).items() if v is not None})
    if cfg["STORE"]:
        if not remote_ready(cfg["STORE"]):
            return 2
    elif not store.current_store_path(cfg["HOME"]).exists() and not build_first(cfg["HOME"]):
        return 1
    app = create_app(cfg)
    get_executor(app)  # start the query workers now rather than on the first request
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    print(describe(cfg, host, port, threads, debug))
    print(f"jargraph: serving {url} (SPARQL endpoint {url}sparql); Ctrl-C stops", flush=True)
    _exit_on_sigterm()
    try:
        if debug:
            app.run(host=host, port=port, debug=True, use_reloader=False, threaded=True)
        else:
            import waitress

            waitress.serve(app, host=host, port=port, threads=threads, ident="jargraph",
                           max_request_body_size=cfg["MAX_REQUEST_BYTES"] + 65536)
    finally:
        shutdown(app)
    return 0


def _exit_on_sigterm() -> None:
    """Let SIGTERM (service managers, containers) stop the server as Ctrl-C does."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))


def describe(cfg: dict[str, Any], host: str, port: int, threads: int, debug: bool) -> str:
    """The effective settings, one per line."""
    services = ", ".join(cfg["ALLOWED_SERVICES"]) or "none"
    where = _shown_url(cfg["STORE"]) if cfg.get("STORE") else store.current_store_path(cfg["HOME"])
    lines = [
        f"  store          {where}",
        f"  server         {'Flask development server (debug)' if debug else 'waitress'}"
        f"{'' if debug else f', {threads} threads'}",
        f"  address        {host}:{port}",
        f"  query workers  {cfg['WORKERS']}",
        f"  time limit     {cfg['QUERY_TIMEOUT']:g} s",
        f"  row limit      {cfg['ROW_LIMIT'] or 'none'}",
        f"  request limit  {cfg['MAX_REQUEST_BYTES']} bytes (GET query string "
        f"{cfg['MAX_URL_BYTES']} bytes)",
        f"  SERVICE allowed to  {services}",
    ]
    return "jargraph serve settings:\n" + "\n".join(lines)


def remote_ready(url: str) -> bool:
    """Check the remote store answers before serving; False (with a message) when not."""
    from .remote import remote_store_from_url

    try:
        remote_store_from_url(url).ping()
    except store.StoreError as exc:
        print(f"jargraph: {exc}", file=sys.stderr)
        return False
    return True


def _shown_url(url: str) -> str:
    """The URL without its password, fit to print."""
    from .remote import remote_store_from_url

    try:
        return remote_store_from_url(url).query_url
    except store.StoreError:
        return "(an unusable URL)"


def build_first(base: Path) -> bool:
    """Build the store when there is none yet; False (with a message) when that fails."""
    try:
        from .build import build
    except ImportError:
        print(f"jargraph: no store under {base}: run jargraph build first", file=sys.stderr)
        return False
    print(f"jargraph: no store under {base} yet: building it first", flush=True)
    report = build(base=base, progress=print)
    if not store.current_store_path(base).exists():
        print("jargraph: the build did not produce a store; see its messages above",
              file=sys.stderr)
        return False
    if not report.ok:
        print("jargraph: the build reported problems (see above); serving what it loaded",
              file=sys.stderr)
    return True


def _number(value: int | None, env: str, default: int) -> int:
    if value is not None:
        return value
    text = os.environ.get(env, "").strip()
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise SystemExit(f"jargraph: {env} must be a whole number, not {text!r}") from None
