"""``/join``: upload a CSV file and get it back with each row's area, codes and a named
query's columns, as ``jargraph join`` does (see :mod:`jargraph.join`).

GET shows the form; POST takes a multipart upload (``file``), the ``column`` to
match and, optionally, a named ``query`` with its ``params`` (``key=value``, one
a line). The answer is a page with the summary, the rows that matched no area
with their closest candidates, the first rows joined and a link that downloads
the joined file; with ``?format=csv`` (or ``Accept: text/csv``) it is the joined
CSV itself. The upload is read in memory and never stored; the named query runs
through the app's query executor.
"""

from __future__ import annotations

import base64
import json
from pathlib import PurePath

from flask import Blueprint, Response, render_template, request

from .. import formats
from ..join import Joined, JoinError, csv_bytes, join, read_csv, summary
from ..named_queries import ParameterError, QueryLibraryError, load_library
from ..store import StoreError
from .reading import execute

bp = Blueprint("join", __name__)

PREVIEW_ROWS = 20
CSV_TYPE = next(f.media_type for f in formats.FORMATS if f.name == "csv")


def run_select(sparql: str) -> tuple[list[str], list[dict[str, str]]]:
    data = json.loads(execute(sparql))
    rows = [{k: v["value"] for k, v in binding.items()}
            for binding in data["results"]["bindings"]]
    return list(data["head"]["vars"]), rows


def _queries() -> list[str]:
    try:
        return sorted(load_library())
    except QueryLibraryError:
        return []


def _page(status: int = 200, **values: object) -> Response:
    defaults: dict[str, object] = {"queries": _queries(), "joined": None, "error": None,
                                   "column": "", "query": "", "params": ""}
    html = render_template("join.html", title="Join a spreadsheet to the graph",
                           **{**defaults, **values})
    return Response(html, status=status, mimetype="text/html")


@bp.route("/join", methods=["GET"])
def form() -> Response:
    return _page()


def _wants_csv() -> bool:
    if request.args.get("format") == "csv":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "text/csv"])
    return best == "text/csv" and "text/html" not in request.accept_mimetypes.values()


@bp.route("/join", methods=["POST"])
def upload() -> Response:
    column = request.form.get("column", "").strip()
    query_name = request.form.get("query", "").strip()
    params_text = request.form.get("params", "")
    kept = {"column": column, "query": query_name, "params": params_text}
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _error("choose a CSV file to upload", kept)
    if not column:
        return _error("give the name of the column that holds each row's area", kept)
    name = PurePath(upload.filename).name
    params = dict(line.strip().partition("=")[::2] for line in params_text.splitlines()
                  if line.strip())
    try:
        query = None
        if query_name:
            library = load_library()
            if query_name not in library:
                return _error(f"no named query {query_name!r}", kept)
            query = library[query_name]
        elif params:
            return _error("parameters are for a named query: choose one", kept)
        joined = join(read_csv(upload.read(), name), column, query, params, run_select)
    except (JoinError, ParameterError, QueryLibraryError) as exc:
        return _error(str(exc), kept)
    except StoreError as exc:
        return _error(f"the named query could not run just now: {exc}", kept, 503)
    data = csv_bytes(joined.table)
    download = PurePath(name).stem + "-joined.csv"
    if _wants_csv():
        response = Response(data, mimetype=CSV_TYPE)
        response.headers["Content-Disposition"] = f'attachment; filename="{download}"'
        response.headers["X-JARGRAPH-Unmatched"] = str(len(joined.unmatched))
        return response
    return _page(joined=joined, summary=summary(joined), download=download,
                 href=f"data:{CSV_TYPE};charset=utf-8;base64," + base64.b64encode(data).decode(),
                 preview=_preview(joined), column=column, query=query_name, params=params_text)


def _preview(joined: Joined) -> list[list[str]]:
    return joined.table.rows[:PREVIEW_ROWS]


def _error(message: str, kept: dict[str, str], status: int = 400) -> Response:
    return _page(status, error=message, column=kept["column"], query=kept["query"],
                 params=kept["params"])
