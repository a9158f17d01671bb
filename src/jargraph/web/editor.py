"""``/query/results``: where the query editor on ``/query`` sends its queries, a page at a time.

The editor (YASGUI) speaks the SPARQL protocol to this address as it would to
``/sparql`` (``query`` by GET or form POST), with two more arguments:
``page`` (from 1) and ``size`` (rows per page). A SELECT is answered one page
at a time (:mod:`jargraph.web.paging`) as SPARQL JSON, with headers saying
where the page is:

* ``X-JARGRAPH-Page``, ``X-JARGRAPH-Page-Size``: the page answered;
* ``X-JARGRAPH-Has-Next``: ``true`` when rows follow this page.

``size=all`` (and every ASK, CONSTRUCT and DESCRIBE) is answered exactly as
``/sparql`` answers, with its row limit and its ``X-JARGRAPH-Truncated`` and
``X-JARGRAPH-Row-Limit`` headers. Errors are the endpoint's own.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request, url_for
from werkzeug.exceptions import BadRequest, Forbidden, RequestURITooLarge

from .. import formats
from ..store import QueryOutput
from ..terms import PLAIN_DATATYPES
from ..vocab import BASE, GRAPH, ID, JAR, PREFIXES
from . import paging, sparql

bp = Blueprint("editor", __name__)

ALL = "all"
"""``size=all``: no paging, the answer up to the row limit."""


def page_config(row_limit: int | None, default_query: str) -> dict[str, object]:
    """What ``static/editor.js`` reads from the query page: where to send queries and ask
    for completions, the page sizes, and how to show terms as the site's own pages do
    (``jargraph.terms``: short names from the site's prefixes, links to ``/doc/`` and
    ``/def/``, no datatype beside plain numbers and strings)."""
    return {
        "endpoint": url_for("editor.results"),
        "completions": url_for("autocomplete.completions_json"),
        "defaultQuery": default_query,
        "pageSizes": paging.sizes(row_limit),
        "defaultSize": paging.default_size(row_limit),
        "rowLimit": row_limit,
        "prefixes": PREFIXES,
        "namespaces": {"base": BASE, "id": str(ID), "def": str(JAR), "graph": str(GRAPH)},
        "plainDatatypes": sorted(PLAIN_DATATYPES),
    }


@bp.route("/query/results", methods=["GET", "POST"])
def results() -> Response:
    limit = current_app.config["SETTINGS"].max_url_bytes
    if len(request.query_string) > limit:  # as /sparql refuses it
        raise RequestURITooLarge(
            f"the query string is longer than {limit} bytes: send the query by POST instead")
    values = sparql.protocol_values()
    query = sparql.read_query(values)
    if query is None or not query.strip():
        raise BadRequest("no query: send it as 'query'")
    if sparql.is_update(query):
        raise Forbidden(sparql.READ_ONLY)
    row_limit = current_app.config["SETTINGS"].row_cap
    paged = None
    if values.get("size", "").strip().lower() != ALL:
        try:
            page, size = paging.read_window(values, row_limit)
        except paging.PagingError as exc:
            raise BadRequest(str(exc)) from None
        paged = paging.paged(query, page, size)
    select_format, graph_format = sparql.negotiate(values)
    if paged is None:
        return sparql.run(query, select_format, graph_format, values)
    out = sparql.execute(paged.sparql, formats.SPARQL_JSON.media_type, graph_format,
                         sparql.graph_iris(values, "default-graph-uri"),
                         sparql.graph_iris(values, "named-graph-uri"))
    if out.kind != "select":  # not a SELECT after all (ASK): the answer as it came
        return Response(out.body, content_type=f"{out.media_type}; charset=utf-8")
    return _page(paged, out)


def _page(paged: paging.PagedQuery, out: QueryOutput) -> Response:
    """One page of a SELECT's answer as SPARQL JSON, the look-ahead row dropped."""
    data = json.loads(out.body)
    bindings, page = paging.page_of(data["results"]["bindings"], paged, out.truncated)
    data["results"]["bindings"] = bindings
    response = Response(json.dumps(data, ensure_ascii=False),
                        content_type=f"{formats.SPARQL_JSON.media_type}; charset=utf-8")
    response.headers["X-JARGRAPH-Page"] = str(page.number)
    response.headers["X-JARGRAPH-Page-Size"] = str(page.size)
    response.headers["X-JARGRAPH-Has-Next"] = "true" if page.has_next else "false"
    return response
