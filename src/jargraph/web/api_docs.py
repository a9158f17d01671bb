"""``/api/docs``: the named-query API described and tried in the browser.

The page renders the OpenAPI description (``/api/openapi.json``, made from
the query library by :mod:`jargraph.web.openapi`) with Swagger UI, vendored
under ``static/vendor/swagger-ui`` so nothing is fetched from another host.
"Try it out" sends each named query, with its parameters, to this server.
Without JavaScript the page links to the description and the library.
"""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("api_docs", __name__)


@bp.route("/api/docs")
def docs() -> str:
    return render_template("api_docs.html", title="API")
