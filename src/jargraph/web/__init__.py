"""The web site: SPARQL protocol, linked-data pages, query library API, validation.

``create_app`` is the Flask app factory; each kind of route lives in its own
module as a blueprint. The app's settings are a :class:`jargraph.settings.Settings`
(``app.config["SETTINGS"]``); ``create_app`` takes one, or a mapping of setting
names to values (``{"home": ..., "timeout": 5}``) over the environment and
the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from .. import settings as settings_module
from ..settings import Settings
from ..terms import href, short_iri
from . import (
    api,
    api_docs,
    autocomplete,
    cache,
    downloads,
    editor,
    favicon,
    home,
    indexes,
    join,
    linked_data,
    ontology_docs,
    query_page,
    reconcile,
    search,
    sparql,
    validation,
)
from .errors import http_error, unexpected_error
from .executor import executor_for, shutdown
from .things import KIND_NAMES

__all__ = ["create_app", "executor_for", "shutdown"]

BLUEPRINTS = (sparql.bp, home.bp, linked_data.bp, ontology_docs.bp, downloads.bp,
              query_page.bp, validation.bp, api.bp, autocomplete.bp, editor.bp, api_docs.bp,
              search.bp, favicon.bp, indexes.bp, reconcile.bp, join.bp)
"""One blueprint per kind of resource."""


def create_app(config: Settings | Mapping[str, Any] | None = None) -> Flask:
    """The jargraph web application; query workers start on the first query."""
    effective = config if isinstance(config, Settings) else settings_module.load(config)
    app = Flask(__name__)
    app.config["SETTINGS"] = effective
    app.config["MAX_CONTENT_LENGTH"] = effective.max_request_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.register_error_handler(Exception, unexpected_error)
    app.register_error_handler(HTTPException, http_error)
    app.add_template_filter(href, "href")
    app.context_processor(lambda: {"curie": short_iri, "kind_names": KIND_NAMES})
    app.after_request(_cors)
    cache.install(app, lambda sparql: executor_for(app).read(sparql))
    return app


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
