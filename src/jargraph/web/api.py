"""The named-query API and pages: ``/api/queries/NAME``, ``/api/openapi.json``, ``/queries``.

* ``GET /api/queries/NAME?KEY=VALUE`` runs a named query of ``queries/`` with
  its parameters checked and turned into RDF terms (``jargraph.named_queries``).
  SELECT and ASK answer SPARQL JSON, CSV or TSV; CONSTRUCT answers Turtle or
  JSON-LD; chosen by ``Accept`` or by ``?format=json|csv|tsv|ttl|jsonld``.
  A bad parameter is a 400 whose JSON names the parameter and what is allowed;
  an unknown query is a 404.
* ``GET /api/queries`` lists the library as JSON; ``GET /api/openapi.json`` is
  its OpenAPI 3 description.
* ``GET /queries`` is a page listing every query with a form for its
  parameters; ``GET /queries/NAME`` runs it with the form's values and shows
  the answer as a table, a page at a time (``page`` and ``size``,
  :mod:`jargraph.web.paging`; a CONSTRUCT's as a table of its triples,
  :mod:`jargraph.web.result_tables`); the downloads give the whole answer.

Queries run through the app's query workers (``web.executor``), with the
server's time and row limits, exactly as ``/sparql`` runs them.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template_string, request
from werkzeug.exceptions import HTTPException, NotAcceptable, NotFound

from .. import formats, resources
from ..named_queries import NamedQuery, ParameterError, QueryLibraryError, load_library
from . import paging
from .openapi import GRAPH_FORMATS, SELECT_FORMATS, openapi
from .result_tables import answer_table
from .sparql import execute

bp = Blueprint("query_api", __name__)

LIBRARY_KEY = "jargraph.query_library"
RESERVED = ("format",)
"""Request arguments that are not query parameters."""
PAGE_ARGS = ("page", "size")
"""Arguments of the named-query pages that choose the page shown, not query parameters."""

SPARQL_JSON = formats.SPARQL_JSON.media_type


# ---------------------------------------------------------------- the library


def library() -> dict[str, NamedQuery]:
    """The query library, read again only when a file in ``queries/`` changes."""
    directory = resources.queries_dir()
    signature = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(directory.glob("*.rq")))
    cached = current_app.extensions.get(LIBRARY_KEY)
    if cached is not None and cached[0] == signature:
        return cached[1]
    loaded = load_library(directory)
    current_app.extensions[LIBRARY_KEY] = (signature, loaded)
    return loaded


def _library_or_error() -> dict[str, NamedQuery] | Response:
    try:
        return library()
    except QueryLibraryError as exc:
        return _json_error(500, "Internal Server Error", f"the query library is broken: {exc}")


def _json_error(status: int, error: str, message: str, **extra: object) -> Response:
    response = jsonify(status=status, error=error, message=message, **extra)
    response.status_code = status
    return response


def _http_json_error(exc: HTTPException, name: str) -> Response:
    """An HTTP error as the API's JSON, keeping its ``Retry-After``: a 503 for a busy
    server or an unreachable store tells clients when to try again, as ``/sparql`` does."""
    response = _json_error(exc.code or 500, exc.name, exc.description or exc.name, query=name)
    retry_after = dict(exc.get_headers()).get("Retry-After")
    if retry_after:
        response.headers["Retry-After"] = retry_after
    return response


def _values() -> dict[str, str]:
    return {k: v for k, v in request.args.items() if k not in RESERVED}


# ---------------------------------------------------------------- JSON API


@bp.route("/api/queries")
def list_queries() -> Response:
    lib = _library_or_error()
    if isinstance(lib, Response):
        return lib
    return jsonify(queries=[_summary(q) for q in lib.values()])


def _summary(q: NamedQuery) -> dict:
    return {
        "name": q.name, "title": q.title, "description": q.description, "form": q.form,
        "example": q.example, "url": f"/api/queries/{q.name}",
        "parameters": [{"name": p.name, "type": p.type, "default": p.default,
                        "required": p.required, "allowed": list(p.choices()),
                        "description": p.description} for p in q.parameters],
    }


@bp.route("/api/openapi.json")
def openapi_document() -> Response:
    lib = _library_or_error()
    if isinstance(lib, Response):
        return lib
    return jsonify(openapi(lib, server=request.host_url))


@bp.route("/api/queries/<name>")
def run_query(name: str) -> Response:
    lib = _library_or_error()
    if isinstance(lib, Response):
        return lib
    query = lib.get(name)
    if query is None:
        return _json_error(404, "Not Found", f"no named query {name!r}; the library has: "
                           f"{', '.join(sorted(lib))}", query=name)
    try:
        sparql = query.render(_values())
    except ParameterError as exc:
        return _json_error(400, "Bad Request", str(exc), query=name, parameter=exc.parameter,
                           allowed=list(exc.allowed))
    try:
        select_format, graph_format = _negotiate(query)
        out = _run(sparql, select_format, graph_format)
    except HTTPException as exc:
        return _http_json_error(exc, name)
    response = Response(out.body, content_type=f"{out.media_type}; charset=utf-8")
    response.headers["Vary"] = "Accept"
    if out.truncated:
        response.headers["X-JARGRAPH-Truncated"] = "true"
    return response


def _negotiate(query: NamedQuery) -> tuple[str | None, str | None]:
    """The results type for this query's form, from ``?format=`` or ``Accept``."""
    graph = query.form in ("construct", "describe")
    offered = [f for f in (GRAPH_FORMATS if graph else SELECT_FORMATS) if f is not None]
    name = request.args.get("format")
    if name:
        found = formats.find(name, "graph" if graph else "results")
        if found not in offered:
            raise NotAcceptable(f"format {name!r} is not available for this {query.form} query; "
                                f"use one of {', '.join(f.name for f in offered)}")
        assert found is not None
        return (None, found.media_type) if graph else (found.media_type, None)
    offers = {media: f for media, f in formats.offers("graph" if graph else "results").items()
              if f in offered}
    accept = request.accept_mimetypes
    best = accept.best_match(list(offers)) if accept else offered[0].media_type
    if best is None:
        raise NotAcceptable(f"{query.form.upper()} results are available as "
                            + ", ".join(f.media_type for f in offered))
    chosen = offers[best].media_type
    return (None, chosen) if graph else (chosen, None)


def _run(sparql: str, select_format: str | None, graph_format: str | None):
    return execute(sparql, select_format, graph_format, cut=True)


# ---------------------------------------------------------------- pages

LIST_PAGE = """{% extends "base.html" %}
{% block main %}
<h1>Query library</h1>
<p>Named questions across the areas, ready to run. Each one is a SPARQL query in
<code>queries/</code>; its answer is also at <code>/api/queries/NAME</code> as JSON, CSV or TSV
(described in <a href="/api/openapi.json">OpenAPI</a>).</p>
{% for q in queries %}
<section class="named-query" id="{{ q.name }}">
  <h2><a href="/queries/{{ q.name }}">{{ q.title }}</a></h2>
  <p>{{ q.description }}</p>
  {{ form(q, {}) }}
  <p class="example">Example: <code>{{ q.example }}</code></p>
</section>
{% endfor %}
{% endblock %}
"""

QUERY_PAGE = """{% extends "base.html" %}
{% from "_results.html" import results_table %}
{% block main %}
<p><a href="/queries">Query library</a></p>
<h1>{{ q.title }}</h1>
<p>{{ q.description }}</p>
{{ form(q, values) }}
<p class="example">Example: <code>{{ q.example }}</code> ·
  Download:
  <a href="{{ api }}{{ sep }}format={{ 'ttl' if graph else 'csv' }}"
    >{{ 'Turtle' if graph else 'CSV' }}</a>,
  <a href="{{ api }}{{ sep }}format={{ 'jsonld' if graph else 'json' }}"
    >{{ 'JSON-LD' if graph else 'JSON' }}</a></p>
{% if error %}<p class="error" role="alert">{{ error }}</p>{% endif %}
{% if results %}{{ results_table(results, row_limit, pager) }}{% endif %}
<details><summary>SPARQL</summary><pre>{{ sparql }}</pre></details>
{% endblock %}
{% block scripts %}
<script src="{{ url_for('static', filename='sortable.js') }}"></script>
{% endblock %}
"""

FORM = """{% macro form(q, values) %}
<form method="get" action="/queries/{{ q.name }}" class="query-form">
{% for p in q.parameters %}
  <label>{{ p.name }} <small>({{ p.type }}{% if p.required %}, required{% endif %})</small>
  {% set current = values.get(p.name, p.default or '') %}
  {% if p.choices() %}
    <select name="{{ p.name }}">
      {% if not p.default %}<option value="">any</option>{% endif %}
      {% for c in p.choices() %}
      <option value="{{ c }}"{% if c == current %} selected{% endif %}>{{ c }}</option>
      {% endfor %}
    </select>
  {% else %}
    <input name="{{ p.name }}" value="{{ current }}"
      {%- if not p.default %} placeholder="any"{% endif %}>
  {% endif %}
  </label>
  {% if p.description %}<span class="hint">{{ p.description }}</span>{% endif %}
{% endfor %}
  <button type="submit">Run</button>
</form>
{% endmacro %}
"""


@bp.route("/queries")
def list_page() -> Response | str:
    lib = library()
    return render_template_string(FORM + LIST_PAGE, title="Query library",
                                  queries=list(lib.values()))


@bp.route("/queries/<name>")
def query_page(name: str) -> Response | str:
    lib = library()
    query = lib.get(name)
    if query is None:
        raise NotFound(f"no named query {name!r}; see /queries for the library")
    values = {k: v for k, v in _values().items() if k not in PAGE_ARGS}
    row_limit = current_app.config["SETTINGS"].row_cap
    page: dict = {"q": query, "values": values, "error": None, "results": None,
                  "row_limit": row_limit, "sparql": query.sparql,
                  "graph": query.form in ("construct", "describe"), "pager": None}
    given = {k: v for k, v in values.items() if v.strip()}
    page["api"] = f"/api/queries/{name}"
    page["sep"] = "?" + urlencode(given) + "&" if given else "?"
    status = 200
    try:
        number, size = paging.read_window(request.args, row_limit)
        page["sparql"] = query.render(values)
        page["results"] = results = answer_table(_run, page["sparql"], number, size,
                                                 row_limit)
        if results.page:
            page["pager"] = paging.nav(f"/queries/{name}", given, results.page, row_limit)
    except paging.PagingError as exc:
        page["error"], status = f"The page asked for cannot be shown: {exc}.", 400
    except ParameterError as exc:
        page["error"], status = str(exc), 400
    except HTTPException as exc:
        page["error"], status = exc.description or exc.name, exc.code or 500
    return Response(render_template_string(FORM + QUERY_PAGE, title=query.title, **page),
                    status=status, content_type="text/html; charset=utf-8")
