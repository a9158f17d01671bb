"""``/sparql``: the SPARQL 1.1 Protocol endpoint (query only), safe by default.

* Queries by GET ``?query=``, POST form ``query=`` or POST
  ``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri``
  may be repeated. Without them the default graph is the union of all graphs.
* Results are negotiated by ``Accept`` (q-values count) or chosen with a
  ``format`` (or ``output``) parameter: ``json``, ``xml``, ``csv``, ``tsv``
  for SELECT and ASK; ``ttl``, ``nt``, ``rdf``, ``jsonld`` (``json`` and
  ``xml`` too) for CONSTRUCT and DESCRIBE; a media type also works. 406 when
  ``Accept`` allows no format at all, or ``format`` does not suit the query
  form; an ``Accept`` that lists only the other family's types gets this
  family's default (JSON, Turtle), as from Fuseki. A client that prefers
  ``text/html`` (a browser given a query URL), or ``format=html``, gets a page
  of the site with the answer as a table, as Fuseki and Virtuoso give one.
* ``query`` is given once: two are a 400, as is a query too deeply nested to
  parse safely (:mod:`jargraph.store.syntax`), said before any worker is busy.
* A large answer is streamed to the client from the file its worker wrote
  (:class:`jargraph.web.executor.AnswerStream`), not held in memory.
* Read-only: SPARQL Update gets 403. SERVICE gets 403 unless its endpoint is
  in ``allowed_services``.
* Limits (see :mod:`jargraph.settings`): a query that runs past ``timeout``
  is stopped and answered 422 with no ``Retry-After`` (the same query would
  be stopped again: a 503 would invite clients to retry it; a busy server or
  an unreachable store is the 503 with ``Retry-After``); a query
  that kills the engine is answered 500 and the server carries on; SELECT
  results are cut at ``row_limit`` rows with ``X-JARGRAPH-Truncated: true``;
  a body over ``max_request_bytes`` gets 413 and a GET query string over
  ``max_url_bytes`` gets 414.
* ``GET /sparql`` without a query returns the SPARQL 1.1 Service Description
  (Turtle or other RDF by ``Accept``, or an HTML page for browsers).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import (
    Blueprint,
    Response,
    current_app,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import (
    BadRequest,
    Forbidden,
    InternalServerError,
    RequestURITooLarge,
    ServiceUnavailable,
    UnprocessableEntity,
    UnsupportedMediaType,
)
from werkzeug.exceptions import NotAcceptable as HTTPNotAcceptable

from .. import formats, store
from ..settings import Settings
from .executor import (
    AnswerStream,
    ExecutorBusy,
    NotAcceptable,
    QueryCrashed,
    QueryTimeout,
    ServiceRefused,
    answer_size,
    current_executor,
)
from .result_tables import graph_results, select_results

bp = Blueprint("sparql", __name__)

SPARQL_JSON = formats.SPARQL_JSON.media_type
TURTLE = formats.TURTLE.media_type
N_TRIPLES = formats.N_TRIPLES.media_type
HTML = formats.HTML
HTML_OFFERS = (HTML, "application/xhtml+xml")
"""Types a browser asks for: the answer as a page. Listed after the data formats, so
that ``*/*`` still gets data."""
SELECT_OFFERS = {media: f.media_type for media, f in formats.offers("results").items()}
"""Media types a client may ask for SELECT and ASK results -> the type sent (first wins ties)."""
GRAPH_OFFERS = {media: f.media_type for media, f in formats.offers("graph").items()}
"""The same for CONSTRUCT and DESCRIBE results."""
FORMATS_NS = formats.W3C_FORMATS
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCTERMS = "http://purl.org/dc/terms/"

READ_ONLY = "this SPARQL endpoint is read-only: SPARQL Update is not accepted"


def _settings() -> Settings:
    return current_app.config["SETTINGS"]


@bp.before_request
def _limit_url() -> None:
    limit = _settings().max_url_bytes
    if len(request.query_string) > limit:
        raise RequestURITooLarge(
            f"the query string is longer than {limit} bytes: send the query by POST instead")


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    values = protocol_values()
    query = read_query(values)
    if query is None:
        return service_description()
    if not query.strip():
        raise BadRequest("the query is empty")
    if is_update(query):
        raise Forbidden(READ_ONLY)
    select_format, graph_format = negotiate(values)
    return run(query, select_format, graph_format, values)


def protocol_values() -> MultiDict[str, str]:
    """The protocol's parameters: the URL's, plus the form's for a form POST.

    Only a form body is parsed as parameters; a query sent as the body of an
    ``application/sparql-query`` POST is read once, as the query.
    """
    if request.mimetype == "application/x-www-form-urlencoded":
        return request.values
    return request.args


def read_query(values: MultiDict[str, str]) -> str | None:
    """The query text from any of the protocol's three ways, or None for a bare GET."""
    if "update" in values:
        raise Forbidden(READ_ONLY)
    in_url = request.args.getlist("query")
    if request.method in ("GET", "HEAD"):
        return _one_query(in_url)
    mimetype = request.mimetype
    if mimetype == "application/sparql-update":
        raise Forbidden(READ_ONLY)
    if mimetype == "application/sparql-query":
        if in_url:
            raise BadRequest("the query is sent twice, as the body and as the URL's 'query' "
                             "parameter: send it once")
        return request.get_data(as_text=True)
    if mimetype == "application/x-www-form-urlencoded":
        query = _one_query(in_url + request.form.getlist("query"))
        if query is None:
            raise BadRequest("no query: send it in the form field 'query'")
        return query
    raise UnsupportedMediaType(
        "send a query as application/sparql-query or application/x-www-form-urlencoded")


def _one_query(given: list[str]) -> str | None:
    """The one query given, None for none; 400 for more than one (which would run?)."""
    if len(given) > 1:
        raise BadRequest(f"the parameter 'query' is given {len(given)} times: give one query "
                         "per request")
    return given[0] if given else None


_PROLOGUE = re.compile(r"\s+|#[^\n]*|PREFIX\s*[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>", re.I)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


def is_update(text: str) -> bool:
    """True when the text, after its prologue, starts with a SPARQL Update operation."""
    pos = 0
    while (match := _PROLOGUE.match(text, pos)) and match.end() > pos:
        pos = match.end()
    return _UPDATE.match(text, pos) is not None


def negotiate(values: MultiDict[str, str]) -> tuple[str | None, str | None]:
    """The best SELECT/ASK type and the best CONSTRUCT/DESCRIBE type for this request."""
    name = values.get("format") or values.get("output")
    if name and name.strip().lower() in ("html", *HTML_OFFERS):
        return HTML, HTML
    if name:
        results, rdf = formats.find(name, "results"), formats.find(name, "graph")
        if results is None and rdf is None:
            raise BadRequest(f"unknown format {name!r}: use one of "
                             f"{', '.join(formats.names('results', 'graph'))}")
        return (results.media_type if results else None, rdf.media_type if rdf else None)
    header = request.headers.get("Accept", "").strip().lower()
    if header in SELECT_OFFERS or header in GRAPH_OFFERS:  # one type, as most clients send
        return SELECT_OFFERS.get(header, SPARQL_JSON), GRAPH_OFFERS.get(header, TURTLE)
    accept = request.accept_mimetypes
    if not accept:
        return SPARQL_JSON, TURTLE
    select = accept.best_match([*SELECT_OFFERS, *HTML_OFFERS])
    graph = accept.best_match([*GRAPH_OFFERS, *HTML_OFFERS])
    if select is None and graph is None:
        raise HTTPNotAcceptable(_not_acceptable_message())
    # A client that lists only results types (or only RDF types) gets the other family's
    # default for the other query forms, as Fuseki does: clients such as rdflib's
    # SPARQLStore send one Accept for every query form.
    return (_sent(select, SELECT_OFFERS, SPARQL_JSON), _sent(graph, GRAPH_OFFERS, TURTLE))


def _sent(chosen: str | None, offers: dict[str, str], default: str) -> str:
    """The media type to send for a negotiated choice (HTML for either HTML type)."""
    if chosen in HTML_OFFERS:
        return HTML
    return offers[chosen] if chosen else default


def _not_acceptable_message(kind: str = "") -> str:
    select = ", ".join(f.media_type for f in formats.RESULTS)
    graph = ", ".join(f.media_type for f in formats.GRAPHS)
    if kind == "select":
        return f"SELECT and ASK results are available as {select}"
    if kind == "graph":
        return f"CONSTRUCT and DESCRIBE results are available as {graph}"
    return f"results are available as {select} (SELECT, ASK) or {graph} (CONSTRUCT, DESCRIBE)"


def run(query: str, select_format: str | None, graph_format: str | None,
        values: MultiDict[str, str]) -> Response:
    row_limit = _settings().row_cap
    page = HTML in (select_format, graph_format)
    out = execute(
        query,
        SPARQL_JSON if select_format == HTML else select_format,
        N_TRIPLES if graph_format == HTML else graph_format,
        default_graphs=graph_iris(values, "default-graph-uri"),
        named_graphs=graph_iris(values, "named-graph-uri"),
        cut=True, spool=not page,
    )
    if (graph_format if out.kind == "graph" else select_format) == HTML:
        response = results_page(query, out, row_limit)
    else:
        response = Response(AnswerStream(out), content_type=f"{out.media_type}; charset=utf-8")
        response.headers["Content-Length"] = str(answer_size(out))
    response.headers["Vary"] = "Accept"
    if out.kind == "select" and row_limit:
        response.headers["X-JARGRAPH-Row-Limit"] = str(row_limit)
    if out.truncated:
        response.headers["X-JARGRAPH-Truncated"] = "true"
    return response


def graph_iris(values: MultiDict[str, str], parameter: str) -> list[str]:
    """The values of ``default-graph-uri`` or ``named-graph-uri``; 400 for one that is not
    an absolute IRI (the engine would fail on it)."""
    iris = values.getlist(parameter)
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise BadRequest(f"{parameter} {iri!r} is not an absolute IRI: {exc}") from None
    return iris


def execute(query: str, select_format: str | None, graph_format: str | None,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            *, cut: bool = True, spool: bool = False) -> store.QueryOutput:
    """Run a query in a worker, turning every failure into an HTTP error with a clear message.

    With ``spool`` a large answer comes back as a file to stream (see
    :class:`jargraph.web.executor.AnswerStream`)."""
    try:
        return current_executor().execute(
            query, select_format, graph_format, default_graphs or [], named_graphs or [],
            cut=cut, spool=spool)
    except store.QuerySyntaxError as exc:
        raise BadRequest(str(exc)) from None
    except ServiceRefused as exc:
        raise Forbidden(f"{exc}; allowed endpoints are set with --allow-service "
                        "(JARGRAPH_ALLOWED_SERVICES)") from None
    except NotAcceptable as exc:
        raise HTTPNotAcceptable(_not_acceptable_message(exc.kind)) from None
    except QueryTimeout as exc:  # not 503 and no Retry-After: the same query would stop again
        raise UnprocessableEntity(
            f"{exc}: the same query would be stopped again; simplify the query or add a LIMIT"
        ) from None
    except ExecutorBusy as exc:
        raise ServiceUnavailable(f"{exc}; try again shortly", retry_after=2) from None
    except QueryCrashed as exc:
        raise InternalServerError(str(exc)) from None
    except store.StoreUnavailable as exc:
        raise ServiceUnavailable(exc.public, retry_after=2) from None
    except store.StoreError as exc:
        raise InternalServerError(str(exc)) from None


def results_page(query: str, out: store.QueryOutput, row_limit: int | None) -> Response:
    """The answer as a page of the site: a table of the rows (or triples), every IRI a
    link to its page, every literal escaped as text, the truncation said."""
    if out.kind == "graph":
        results = graph_results(out.body, row_limit)
        offered = formats.GRAPHS
    else:
        results = select_results(out.body, out.truncated)
        offered = formats.RESULTS if out.kind == "select" else formats.RESULTS[:2]
    base = request.script_root + "/sparql?"
    if len(urlencode({"query": query})) < _settings().max_url_bytes:
        results.downloads = [(f.title, base + urlencode({"query": query, "format": f.name}))
                             for f in offered]
    page = render_template(
        "sparql_results.html", title="Query results", results=results, query=query,
        row_limit=row_limit, formats=[f.media_type for f in offered],
        query_page=request.script_root + "/query?" + urlencode({"query": query}))
    return Response(page, content_type="text/html; charset=utf-8")


# ---------------------------------------------------------------- service description


def service_description() -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, as RDF or HTML."""
    offers = [*GRAPH_OFFERS, "text/html", "application/xhtml+xml"]
    accept = request.accept_mimetypes
    if request.args.get("format"):
        named = formats.find(request.args["format"], "graph")
        wanted = named.media_type if named else None
        if wanted is None:
            raise HTTPNotAcceptable(_not_acceptable_message("graph"))
    else:
        wanted = accept.best_match(offers) if accept else TURTLE
        if wanted is None:
            raise HTTPNotAcceptable(
                _not_acceptable_message("graph") + " (and as HTML for a browser)")
    endpoint_url = url_for("sparql.endpoint", _external=True)
    graphs = named_graphs()
    if wanted in ("text/html", "application/xhtml+xml"):
        html = render_template(
            "sparql_service.html", title="SPARQL endpoint", endpoint=endpoint_url,
            graphs=graphs, cfg=_settings(),
            select_formats=[f.media_type for f in formats.RESULTS],
            graph_formats=[f.media_type for f in formats.GRAPHS],
            query_page=request.script_root + "/query",
        )
        response = Response(html, content_type="text/html; charset=utf-8")
    else:
        media_type = GRAPH_OFFERS[wanted]
        body = ox.serialize(
            description(endpoint_url, graphs), format=_rdf_format(media_type),
            prefixes={"sd": SD, "formats": FORMATS_NS, "dcterms": DCTERMS},
        )
        response = Response(body, content_type=f"{media_type}; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response


def _rdf_format(media_type: str) -> ox.RdfFormat:
    found = formats.by_media_type(media_type, "graph")
    assert found is not None, media_type
    return found.rdf_format


def named_graphs() -> list[str]:
    """The store's named graphs (none when there is no store yet)."""
    try:
        out = current_executor().execute(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g", SPARQL_JSON, TURTLE)
    except store.StoreError:
        return []
    rows = json.loads(out.body)["results"]["bindings"]
    return [row["g"]["value"] for row in rows if "g" in row]


def description(endpoint_url: str, graphs: list[str]) -> list[ox.Triple]:
    """The service description as triples."""
    service = ox.NamedNode(endpoint_url)
    dataset, default_graph = ox.BlankNode(), ox.BlankNode()

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    a = ox.NamedNode(RDF_TYPE)
    triples = [
        ox.Triple(service, a, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, ox.NamedNode(DCTERMS + "title"),
                  ox.Literal("jargraph: Joint Area Reviews of children's services, 2005-2009")),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, a, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, a, sd("Graph")),
    ]
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(f.iri))
                for f in (*formats.RESULTS, *formats.GRAPHS) if f.iri]
    for graph in graphs:
        node = ox.BlankNode()
        triples += [
            ox.Triple(dataset, sd("namedGraph"), node),
            ox.Triple(node, a, sd("NamedGraph")),
            ox.Triple(node, sd("name"), ox.NamedNode(graph)),
        ]
    return triples

