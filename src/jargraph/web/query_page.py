"""``/query``: a page to write SPARQL, run it, and read the answer as a table.

With JavaScript the page is YASGUI (vendored under ``static/vendor/yasgui``,
set up by ``static/editor.js``): tabs kept between visits, completion from the site's own
vocabulary (``web.autocomplete``), the query library's queries as examples,
and answers a page at a time from ``/query/results`` (``web.editor``).

Without it the page is a plain form that submits to ``/query`` by GET, so
every answer has an address; the server runs the query and shows one page of
the answer as a table (``page`` and ``size``, ``web.paging``), and the
examples are links to ``/query?query=...``. Queries run through the app's
query workers with the server's time and row limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request

from .. import formats
from ..named_queries import load_library
from ..store import QuerySyntaxError, StoreError, StoreUnavailable
from ..vocab import PREFIXES
from . import editor, paging
from .executor import current_executor
from .result_tables import Results, answer_table

bp = Blueprint("query_page", __name__)

DEFAULT_BODY = """SELECT ?area ?label WHERE {
  ?area a jar:Area ;
        skos:prefLabel ?label .
}
ORDER BY ?label
LIMIT 20"""
MAX_QUERY = 100_000


@dataclass
class Example:
    name: str
    title: str
    description: str
    sparql: str
    link: str


def default_query() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + "\n" + DEFAULT_BODY


def examples() -> list[Example]:
    """The named query library's queries, each ready to load into the editor."""
    try:
        library = load_library()
    except Exception:  # noqa: BLE001 - the page works without the library
        return []
    out = []
    for name, query in library.items():
        try:
            sparql = query.render({})
        except Exception:  # noqa: BLE001 - a required parameter: show the query as written
            sparql = query.sparql
        out.append(Example(name, query.title, query.description, sparql,
                           "/query?" + urlencode({"query": sparql})))
    return out


@bp.route("/query")
def query_page() -> Response:
    """The editor, and the answer to ``?query=`` when one is given."""
    text = request.args.get("query", "")
    results: Results | None = None
    error: str | None = None
    position: tuple[int | None, int | None] = (None, None)
    status = 200
    row_limit = current_app.config["SETTINGS"].row_cap
    if len(text) > MAX_QUERY:
        error, status = f"The query is longer than {MAX_QUERY} characters.", 400
    elif text.strip():
        try:
            page, size = paging.read_window(request.args, row_limit)
            results = run(text, page, size)
        except paging.PagingError as exc:
            error, status = f"The page asked for cannot be shown: {exc}.", 400
        except QuerySyntaxError as exc:
            error, status = str(exc), 400
            position = (exc.line, exc.column)
        except StoreUnavailable:
            error, status = "The dataset has not been built on this server yet.", 503
        except StoreError as exc:
            error = str(exc) or "The query could not be run."
            status = 400 if type(exc).__name__ in ("ServiceRefused", "NotAcceptable") else 503
    body = render_template(
        "query.html",
        title="Query",
        query=text or default_query(),
        asked=bool(text.strip()),
        results=results,
        error=error,
        line=position[0],
        column=position[1],
        examples=examples(),
        row_limit=current_app.config["SETTINGS"].row_limit,
        pager=paging.nav("/query", {"query": text}, results.page, row_limit)
        if results and results.page else None,
        editor_config=editor.page_config(row_limit, default_query()),
    )
    return Response(body, status=status, mimetype="text/html")


def run(sparql: str, page: int = 1, size: int | None = None) -> Results:
    """Run the query through the query workers and shape the answer as a table; a SELECT
    shows page ``page`` of ``size`` rows (the default size when None)."""
    executor = current_executor()
    results = answer_table(
        lambda text, select, graph: executor.execute(text, select, graph, cut=True), sparql,
        page, size or paging.default_size(executor.row_limit), executor.row_limit)
    offered = {"graph": formats.GRAPHS, "select": formats.RESULTS}
    results.downloads = _downloads(sparql, offered.get(results.kind, formats.RESULTS[:2]))
    return results


def _downloads(sparql: str, offered: tuple[formats.Format, ...]) -> list[tuple[str, str]]:
    return [(f.title, "/sparql?" + urlencode({"query": sparql, "format": f.name}))
            for f in offered]
