"""``/validate``: check an encoding against the shapes, as ``jargraph validate`` does.

GET shows a form (upload a file, or paste the text, and pick the syntax).
POST takes a multipart upload, a pasted form field, or a raw body whose
``Content-Type`` names its syntax (``text/turtle``, ``application/trig``,
``application/ld+json``, ``application/n-triples``, ``application/n-quads``).
The answer is the report (problems with line, focus, path, value, message,
and a summary) as HTML or JSON, by ``Accept`` or ``?format=json``.

Nothing posted is written to disk: uploads are parsed into memory, never
spooled to temporary files, and the text is parsed from memory. An input
that cannot be read is a 400 report that names the line and column.

``POST /validate/draft`` takes a report's text instead (the ``report`` field
of the form, or a ``text/plain`` body) and answers with a draft encoding of
it (:mod:`jargraph.draft`), put in the form's text box ready to correct and
validate, or as JSON. It runs in a query worker, as validation does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from io import BytesIO
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from rdflib import Dataset, Graph
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import parse_form_data

from .. import formats, validate
from ..draft import draft_from_text
from ..encode import EncodingProblem
from ..readers import UnknownDocument
from ..readers.text import ReaderError
from ..validate.reading import (
    DATASET_PARSERS,
    READABLE,
    parse_quietly,
    parser_for_extension,
    readable_parser,
    syntax_error,
)
from ..vocab import ID
from .executor import ExecutorBusy, QueryCrashed, QueryTimeout, current_executor

bp = Blueprint("validation", __name__)

SYNTAXES: dict[str, str] = {str(f.rdflib): f.title for f in READABLE}
"""rdflib parser name -> what the form calls it."""


@dataclass
class Outcome:
    """What one validation found: a report, or why the input could not be read."""

    name: str
    syntax: str | None = None
    problems: list[validate.Problem] = field(default_factory=list)
    error: validate.EncodingError | None = None

    @property
    def conforms(self) -> bool:
        return self.error is None and not self.problems

    @property
    def summary(self) -> str:
        if self.error is not None:
            return "the input could not be read: 1 file unreadable"
        count = len(self.problems)
        if count:
            return f"{count} problem{'' if count == 1 else 's'} in 1 file; 0 files valid"
        return "no problems; 1 file valid"

    def as_json(self) -> dict[str, Any]:
        errors = []
        if self.error is not None:
            errors.append({"file": self.error.file, "line": self.error.line,
                           "column": self.error.column, "message": self.error.message})
        return {"conforms": self.conforms, "problems": [asdict(p) for p in self.problems],
                "errors": errors, "summary": self.summary}


class NothingPosted(Exception):
    """The request carried no encoding."""


# ---------------------------------------------------------------- routes


@bp.route("/validate", methods=["GET"])
def form() -> Response:
    return Response(render_template("validate.html", title="Validate an encoding",
                                    syntaxes=SYNTAXES, outcome=None, text="", syntax=""),
                    mimetype="text/html")


@bp.route("/validate", methods=["POST"])
def check() -> Response:
    """Validate what was posted and answer with the report."""
    try:
        raw, name, syntax, pasted = read_input()
    except NothingPosted as exc:
        return _answer(Outcome("input", error=validate.EncodingError(
            "input", None, None, str(exc))), status=400, text="", syntax="")
    try:
        outcome = current_executor().call("validation", run, raw, name, syntax)
        assert isinstance(outcome, Outcome)
    except (QueryTimeout, QueryCrashed, ExecutorBusy) as exc:
        stopped = validate.EncodingError(
            name, None, None, f"{exc}; validate a large encoding with `jargraph validate`")
        return _answer(Outcome(name, syntax, error=stopped), status=503, text=pasted,
                       syntax=syntax or "")
    status = 400 if outcome.error is not None else 200
    return _answer(outcome, status=status, text=pasted, syntax=syntax or "")


@dataclass
class Drafted:
    """A draft made from pasted report text, or why none could be made."""

    turtle: str = ""
    document: str = ""
    checks: list[str] = field(default_factory=list)
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@bp.route("/validate/draft", methods=["POST"])
def draft() -> Response:
    """A draft encoding of the posted report text, shown in the form ready to validate."""
    try:
        text = _report_text()
    except NothingPosted as exc:
        return _drafted(Drafted(error=str(exc)), 400)
    except UnicodeDecodeError:
        return _drafted(Drafted(error="the report is not UTF-8 text"), 400)
    try:
        drafted = current_executor().call("draft", make_draft, text)
        assert isinstance(drafted, Drafted)
    except (QueryTimeout, QueryCrashed, ExecutorBusy) as exc:
        return _drafted(Drafted(error=f"{exc}; draft a long report with `jargraph draft`"), 503)
    return _drafted(drafted, 400 if drafted.error else 200)


def _report_text() -> str:
    limit = int(current_app.config.get("MAX_CONTENT_LENGTH") or 0) or None
    if limit and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge(f"the report is larger than {limit} bytes")
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        _, fields, _files = parse_form_data(request.environ, stream_factory=_memory_stream,
                                            max_content_length=limit,
                                            max_form_memory_size=limit)
        text = fields.get("report", "")
    else:
        text = request.get_data(cache=False).decode("utf-8")
    if not text.strip():
        raise NothingPosted("nothing to draft from: paste the text of a report")
    return text


def make_draft(text: str) -> Drafted:
    """Read and draft in a worker; every failure to read becomes the answer's error."""
    try:
        made = draft_from_text(text, "pasted report")
    except (ReaderError, UnknownDocument, EncodingProblem) as exc:
        return Drafted(error=str(exc))
    return Drafted(made.turtle, made.document.id, made.checks)


def _drafted(drafted: Drafted, status: int) -> Response:
    return _respond(drafted.as_json, status, title="Draft encoding", outcome=None,
                    drafted=drafted, text=drafted.turtle,
                    syntax="turtle" if drafted.turtle else "")


def _answer(outcome: Outcome, *, status: int, text: str, syntax: str) -> Response:
    return _respond(outcome.as_json, status, title="Validation report", outcome=outcome,
                    text=text, syntax=syntax)


def _respond(answer: Callable[[], dict[str, Any]], status: int, **page: object) -> Response:
    """The answer as JSON when asked for, otherwise the validation page showing it."""
    if _wants_json():
        response = jsonify(answer())
        response.status_code = status
    else:
        response = Response(render_template("validate.html", syntaxes=SYNTAXES, **page),
                            status=status, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def _wants_json() -> bool:
    asked = (request.args.get("format") or "").lower()
    if asked in ("json", "html"):
        return asked == "json"
    best = request.accept_mimetypes.best_match(["text/html", "application/json"],
                                               default="text/html")
    return best == "application/json"


# ---------------------------------------------------------------- reading the input


def _memory_stream(*_args: Any, **_kwargs: Any) -> BytesIO:
    """Where the form parser puts an uploaded file: memory, never a temporary file."""
    return BytesIO()


def read_input() -> tuple[bytes, str, str | None, str]:
    """(bytes, name, syntax or None, pasted text) from an upload, a form or a raw body."""
    limit = int(current_app.config.get("MAX_CONTENT_LENGTH") or 0) or None
    if limit and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge(f"the encoding is larger than {limit} bytes")
    syntax = _syntax_name(request.args.get("syntax") or request.args.get("format"))
    mimetype = request.mimetype
    if mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        _, fields, files = parse_form_data(
            request.environ, stream_factory=_memory_stream,
            max_content_length=limit, max_form_memory_size=limit,
        )
        syntax = _syntax_name(fields.get("syntax") or fields.get("format")) or syntax
        upload = files.get("file")
        if upload is not None and upload.filename:
            data = upload.stream.read()
            name = upload.filename.replace("\\", "/").rsplit("/", 1)[-1][:200] or "upload"
            if syntax is None:
                syntax = _by_extension(name) or _by_media_type(upload.mimetype or "")
            if data:
                return data, name, syntax, ""
        text = fields.get("text", "")
        if text.strip():
            return text.encode("utf-8"), "pasted", syntax, text
        raise NothingPosted("nothing to validate: upload a file or paste an encoding")
    data = request.get_data(cache=False)
    if not data.strip():
        raise NothingPosted("nothing to validate: post an encoding in the request body")
    return data, "posted", syntax or _by_media_type(mimetype), ""


def _syntax_name(value: str | None) -> str | None:
    return readable_parser(value) if value else None


def _by_extension(name: str) -> str | None:
    dot = name.rfind(".")
    return parser_for_extension(name[dot:].lower()) if dot >= 0 else None


def _by_media_type(media_type: str) -> str | None:
    found = formats.by_media_type(media_type, "graph", "dataset")
    return found.rdflib if found in READABLE else None


# ---------------------------------------------------------------- validating


def run(raw: bytes, name: str, syntax: str | None) -> Outcome:
    """Parse from memory and validate; every failure becomes part of the outcome."""
    syntax = syntax or "turtle"
    try:
        graph, text = parse(raw, name, syntax)
        report = validate.validate_graph(graph, source_text=text, file=name, format=syntax)
    except validate.EncodingError as exc:
        return Outcome(name, syntax, error=exc)
    return Outcome(name, syntax, problems=list(report.problems))


def parse(raw: bytes, name: str, syntax: str) -> tuple[Graph, str]:
    """The encoding as a graph (a Dataset for TriG, N-Quads, JSON-LD) and its text."""
    if b"\x00" in raw:
        raise validate.EncodingError(name, None, None,
                                     "is a binary file, not RDF text; give Turtle, TriG, "
                                     "JSON-LD, N-Triples or N-Quads")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        raise validate.EncodingError(name, line, column,
                                     "is not UTF-8 text; save the file as UTF-8") from None
    graph: Graph = Dataset() if syntax in DATASET_PARSERS else Graph()
    try:
        parse_quietly(graph, data=text, format=syntax, publicID=str(ID))
    except Exception as err:  # noqa: BLE001 - every parser failure is reported, never raised
        raise syntax_error(name, text, syntax, err) from None
    if len(graph) == 0:
        raise validate.EncodingError(name, None, None, "holds no statements; encode at least "
                                     "the document and its review")
    return graph, text
