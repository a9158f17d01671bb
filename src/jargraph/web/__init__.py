"""The web site: SPARQL protocol, linked-data pages, query library API, validation.

``create_app`` is the Flask app factory; each kind of route lives in its own
module as a blueprint and is registered in ``_register_blueprints``.

Settings (``app.config`` keys; each can also come from a ``JARGRAPH_<KEY>``
environment variable; a ``config`` argument wins over both):

``HOME``               store base folder (default: ``store.home()``)
``QUERY_TIMEOUT``      seconds a query may run (10)
``ROW_LIMIT``          most SELECT rows returned, 0 for no limit (10000)
``MAX_REQUEST_BYTES``  largest request body (1 MiB); larger gives 413
``MAX_URL_BYTES``      longest query string of a GET (64 KiB); longer gives 414
``WORKERS``            query worker processes (2)
``ALLOWED_SERVICES``   endpoint URLs a query may call with SERVICE (none);
                       in the environment, separated by spaces or commas
``STORE``              URL of a remote SPARQL server to run every query on
                       instead of the built store (none); see :mod:`jargraph.remote`
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, jsonify, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import store
from .executor import Executor, RemoteExecutor

DEFAULTS: dict[str, Any] = {
    "HOME": None,
    "QUERY_TIMEOUT": 10.0,
    "ROW_LIMIT": 10000,
    "MAX_REQUEST_BYTES": 1 << 20,
    "MAX_URL_BYTES": 64 << 10,
    "WORKERS": 2,
    "ALLOWED_SERVICES": [],
    "STORE": None,
}
_TYPES: dict[str, type] = {
    "QUERY_TIMEOUT": float, "ROW_LIMIT": int, "MAX_REQUEST_BYTES": int,
    "MAX_URL_BYTES": int, "WORKERS": int,
}
EXECUTOR_KEY = "jargraph.executor"
WORKER_FREE_MARGIN = 5.0
"""Seconds a query waits for a free worker beyond the time limit: every busy worker is
free (or killed and replaced) within the limit, so a quick query queued behind slow
ones is answered rather than refused as busy."""
_executor_lock = threading.Lock()


def settings(config: dict[str, Any] | None = None,
             environ: dict[str, str] | None = None) -> dict[str, Any]:
    """The effective settings: defaults, then ``JARGRAPH_*`` variables, then ``config``."""
    env = os.environ if environ is None else environ
    out = dict(DEFAULTS)
    for key in DEFAULTS:
        value = env.get(f"JARGRAPH_{key}")
        if value is not None and value.strip():
            out[key] = _parse(key, value, f"JARGRAPH_{key}")
    for key, value in (config or {}).items():
        out[key] = _parse(key, value, key) if key in DEFAULTS else value
    out["HOME"] = Path(out["HOME"]) if out["HOME"] else store.home()
    return out


def _parse(key: str, value: Any, name: str) -> Any:
    if key == "ALLOWED_SERVICES":
        if isinstance(value, str):
            return [v for v in value.replace(",", " ").split() if v]
        return list(value or [])
    if key in _TYPES and value is not None:
        try:
            return _TYPES[key](value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a number, not {value!r}") from None
    return value


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The jargraph web application; query workers start on the first query."""
    app = Flask(__name__)
    app.config.update(settings(config))
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_REQUEST_BYTES"]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    _register_blueprints(app)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.after_request(_cors)
    return app


def _register_blueprints(app: Flask) -> None:
    """One line per kind of route."""
    from . import api, downloads, linked_data, ontology_docs, pages, query_page, validation
    from .sparql import bp as sparql_bp

    app.register_blueprint(sparql_bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(linked_data.bp)
    app.register_blueprint(ontology_docs.bp)
    app.register_blueprint(downloads.bp)
    app.register_blueprint(query_page.bp)
    app.register_blueprint(validation.bp)
    app.register_blueprint(api.bp)


def get_executor(app: Flask | None = None) -> Executor | RemoteExecutor:
    """The app's query executor, made on first use: the remote store when ``STORE`` is set,
    else the pool of query workers over the built store."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    with _executor_lock:
        executor = app.extensions.get(EXECUTOR_KEY)
        if executor is None:
            executor = _new_executor(app.config)
            app.extensions[EXECUTOR_KEY] = executor
    return executor


def _new_executor(cfg: dict[str, Any]) -> Executor | RemoteExecutor:
    allowed = tuple(cfg["ALLOWED_SERVICES"])
    if cfg.get("STORE"):
        return RemoteExecutor(cfg["STORE"], allowed_services=allowed, base=cfg["HOME"])
    return Executor(cfg["HOME"], workers=cfg["WORKERS"], allowed_services=allowed,
                    wait=cfg["QUERY_TIMEOUT"] + WORKER_FREE_MARGIN)


def shutdown(app: Flask) -> None:
    """Stop the app's query workers (they also stop when the process exits)."""
    with _executor_lock:
        executor = app.extensions.pop(EXECUTOR_KEY, None)
    if executor is not None:
        executor.close()


# ---------------------------------------------------------------- errors


def error_format() -> str:
    """``json``, ``html`` or ``text``: how to write an error for this request's Accept.

    JSON when the client lists a JSON type at least as high as HTML (SPARQL
    and API clients), HTML when it lists HTML (browsers), plain text otherwise.
    """
    listed = {value.lower(): q for value, q in request.accept_mimetypes}
    q_json = max((q for value, q in listed.items() if value.endswith("json")), default=0)
    q_html = max(listed.get("text/html", 0), listed.get("application/xhtml+xml", 0))
    if q_json and q_json >= q_html:
        return "json"
    return "html" if q_html else "text"


def _http_error(exc: HTTPException) -> Response:
    response = exc.get_response()
    status = exc.code or 500
    title = exc.name
    message = exc.description or title
    fmt = error_format()
    if fmt == "json":
        body = jsonify(status=status, error=title, message=message)
        response.set_data(body.get_data())
        response.content_type = "application/json"
    elif fmt == "html":
        response.set_data(
            f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{status} {escape(title)}</title></head>\n<body><h1>{escape(title)}</h1>\n"
            f"<pre>{escape(message)}</pre>\n</body></html>\n"
        )
        response.content_type = "text/html; charset=utf-8"
    else:
        response.set_data(f"{status} {title}: {message}\n")
        response.content_type = "text/plain; charset=utf-8"
    response.headers["Vary"] = "Accept"
    return response


def _unexpected_error(exc: Exception) -> Response:
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    return _http_error(InternalServerError(
        "the server failed on this request; the error has been logged"))


# ---------------------------------------------------------------- headers

_EXPOSED = "X-JARGRAPH-Truncated, X-JARGRAPH-Row-Limit, Content-Type"


_OPEN_READS = [("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", _EXPOSED),
               ("X-Content-Type-Options", "nosniff")]


def _cors(response: Response) -> Response:
    """Open reads to any origin: the data is public and the server is read-only."""
    response.headers.extend(_OPEN_READS)  # no view sets these, so adding is enough
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", "Accept, Content-Type")
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
