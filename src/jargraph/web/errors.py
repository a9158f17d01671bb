"""Errors as the client can read them: JSON for programs, a styled page for people.

Every HTTP error of the site, whatever route raised it, goes through
:func:`http_error`: clients that ask for JSON get ``{status, error,
message}``, browsers get the site's own page, anything else plain text.
"""

from __future__ import annotations

from flask import Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from ..store import StoreError, StoreUnavailable
from ..store.embedded import NO_BUILD

HEADINGS = {
    400: "That request cannot be answered",
    403: "That is not allowed here",
    404: "Nothing here",
    405: "That method is not allowed here",
    406: "That format is not available",
    413: "That request is too large",
    414: "That address is too long",
    415: "That kind of content is not accepted",
    422: "That query cannot be answered in time",
    500: "Something went wrong on the server",
    503: "The data cannot be shown just now",
}


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


def http_error(exc: HTTPException) -> Response:
    """The answer to any HTTP error, in the form the client reads."""
    response = exc.get_response()
    status = exc.code or 500
    title = exc.name
    message = exc.description or title
    fmt = error_format()
    if fmt == "json":
        response.set_data(jsonify(status=status, error=title, message=message).get_data())
        response.content_type = "application/json"
    elif fmt == "html":
        heading = HEADINGS.get(status, title)
        response.set_data(render_template("error.html", title=f"{status} {title}",
                                          heading=heading, message=message, status=status,
                                          name=title))
        response.content_type = "text/html; charset=utf-8"
    else:
        response.set_data(f"{status} {title}: {message}\n")
        response.content_type = "text/plain; charset=utf-8"
    response.headers["Vary"] = "Accept"
    return response  # type: ignore[return-value]  # a werkzeug Response, as Flask takes


def unexpected_error(exc: Exception) -> Response:
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    return http_error(InternalServerError(
        "the server failed on this request; the error has been logged"))


def not_found(path: str, *, status: int = 404, reason: str = "") -> Response:
    """The page for an address that names nothing: what went wrong and where to go."""
    body = render_template("not_found.html", title="Not found" if status == 404 else "Bad address",
                           path=path[:200], reason=reason, status=status)
    return Response(body, status=status, mimetype="text/html")


def store_error(exc: StoreError) -> Response:
    """A page for when the store cannot answer: no build yet, busy, or too slow."""
    if isinstance(exc, StoreUnavailable):
        message = ("The dataset has not been built on this server yet."
                   if exc.public == NO_BUILD else exc.public.splitlines()[0])
    else:
        message = str(exc).splitlines()[0] if str(exc) else "The store could not answer."
    body = render_template("store_error.html", title="Data unavailable", message=message)
    return Response(body, status=503, mimetype="text/html")
