"""Search: the ``/search`` page and ``/api/search`` (JSON or CSV).

Both read the search index of the current build (:mod:`jargraph.search`),
never the store, so search answers the same whichever store serves the
graph. The index is opened read-only once per thread and opened again when a
rebuild swaps the current build. What a person typed that cannot be read is
a 400 that says what to change: on the page, beside the search box; from
the API, as JSON.

Parameters: ``q`` (the words), a facet name (``area``, ``region``,
``judgement_area``, ``kind``, ``theme``, ``year``, ``document``) once per
chosen value, ``page`` (the page) or ``offset`` and ``limit`` (the API), and
for the API ``format=json|csv`` (or ``Accept``) and ``part=hits|facets``
(which table CSV gives).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from ..search import (
    PAGE_SIZE,
    IndexMissing,
    Results,
    Search,
    SearchSyntaxError,
    SearchTimeout,
    current_index_path,
    open_index,
    search,
)
from ..search.lookup import FACET_NAMES
from ..search.output import facets_csv, hits_csv, snippet_html, to_json
from ..settings import Settings

bp = Blueprint("search", __name__)

_OPEN = threading.local()


def index() -> sqlite3.Connection:
    """This thread's connection to the current build's index (IndexMissing without one)."""
    settings: Settings = current_app.config["SETTINGS"]
    path = current_index_path(settings.home)
    held: tuple[Path, sqlite3.Connection] | None = getattr(_OPEN, "index", None)
    if held is not None and held[0] == path:
        return held[1]
    if held is not None:
        held[1].close()
        _OPEN.index = None
    db = open_index(path)
    _OPEN.index = (path, db)
    return db


def asked(args: MultiDict, limit: int = PAGE_SIZE) -> Search:
    """The search a request asks for; SearchSyntaxError for a bad number."""
    filters = {name: tuple(args.getlist(name)) for name in FACET_NAMES if args.getlist(name)}
    offset = _number(args, "offset", 0)
    if "page" in args:
        offset = (_number(args, "page", 1) - 1) * limit
    return Search(args.get("q", ""), filters, offset, _number(args, "limit", limit))


def _number(args: MultiDict, name: str, default: int) -> int:
    text = args.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or len(text) > 6:
        raise SearchSyntaxError(f"{name} must be a whole number, not {text[:40]!r}")
    return int(text)


def run(wanted: Search) -> Results:
    settings: Settings = current_app.config["SETTINGS"]
    return search(index(), wanted, timeout=settings.timeout)


# ---------------------------------------------------------------- the page


def link(words: str, filters: dict[str, tuple[str, ...]], page: int = 1) -> str:
    """The address of a search page."""
    pairs = [("q", words)] if words else []
    pairs += [(name, value) for name in FACET_NAMES for value in filters.get(name, ())]
    if page > 1:
        pairs.append(("page", str(page)))
    return "/search" + ("?" + urlencode(pairs) if pairs else "")


def toggled(filters: dict[str, tuple[str, ...]], name: str, key: str) -> dict:
    """The filters with one value chosen, or no longer chosen if it was."""
    values = filters.get(name, ())
    changed = tuple(v for v in values if v != key) if key in values else (*values, key)
    return {**filters, name: changed}


@bp.route("/search")
def page() -> Response:
    """The search page: a box, the hits with their snippets, and the facets."""
    words = request.args.get("q", "")
    try:
        wanted = asked(request.args)
        results = run(wanted)
    except SearchSyntaxError as exc:
        return _page(words, None, str(exc), 400)
    except (SearchTimeout, IndexMissing) as exc:
        return _page(words, None, f"{exc}.", 503)
    return _page(words, results, "", 200)


def _page(words: str, results: Results | None, error: str, status: int) -> Response:
    filters = results.search.filters if results else {}
    pages = {}
    if results and results.hits:
        size = results.search.limit
        number = results.search.offset // size + 1
        last = (results.total - 1) // size + 1
        pages = {"number": number, "last": last,
                 "previous": link(words, filters, number - 1) if number > 1 else None,
                 "next": link(words, filters, number + 1) if number < last else None}
    here = link(words, filters).partition("?")[2]
    api = "/api/search" + (f"?{here}&" if here else "?")
    downloads = [("JSON", api + "format=json"), ("CSV", api + "format=csv"),
                 ("facets as CSV", api + "format=csv&part=facets")]
    body = render_template(
        "search.html", title=f"Search: {words}" if words else "Search", words=words,
        results=results, error=error, filters=filters, pages=pages, snippet=snippet_html,
        link=link, toggled=toggled, downloads=downloads,
        chosen=[(f, v, link(words, toggled(filters, f.name, v.key)))
                for f in (results.facets if results else []) for v in f.values if v.chosen],
    )
    return Response(body, status=status, mimetype="text/html")


# ---------------------------------------------------------------- the API


@bp.route("/api/search")
def api() -> Response:
    """The search as JSON (hits and facets) or CSV (``part=hits`` or ``facets``)."""
    fmt = request.args.get("format") or _accepted()
    part = request.args.get("part", "hits")
    if fmt not in ("json", "csv") or part not in ("hits", "facets"):
        return _json_error(400, "format must be json or csv, and part hits or facets")
    try:
        results = run(asked(request.args))
    except SearchSyntaxError as exc:
        return _json_error(400, str(exc))
    except (SearchTimeout, IndexMissing) as exc:
        return _json_error(503, str(exc))
    if fmt == "csv":
        text = facets_csv(results) if part == "facets" else hits_csv(results)
        response = Response(text, content_type="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'inline; filename="search-{part}.csv"'
        return response
    return jsonify(to_json(results))


def _accepted() -> str:
    best = request.accept_mimetypes.best_match(["application/json", "text/csv"])
    return "csv" if best == "text/csv" else "json"


def _json_error(status: int, message: str) -> Response:
    names = {400: "Bad Request", 503: "Service Unavailable"}
    response = jsonify(status=status, error=names[status], message=message)
    response.status_code = status
    return response

