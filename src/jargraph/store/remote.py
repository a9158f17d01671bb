"""A remote SPARQL server as the store, through the standard protocols only.

Queries go over the SPARQL 1.1 Protocol, graphs are written with the SPARQL
1.1 Graph Store HTTP Protocol (``PUT``, so a rebuild replaces each graph
rather than adding to it) and, where a server has no Graph Store endpoint,
with SPARQL 1.1 Update. Nothing vendor-specific is called, so any conformant
server works; the answers keep the contract of :func:`jargraph.store.run_query`.

One URL names the server, as in ``http://user:secret@127.0.0.1:8890/sparql``
(see :func:`remote_store_from_url`). Credentials come from the URL or from
``JARGRAPH_STORE_USER`` and ``JARGRAPH_STORE_PASSWORD``; HTTP Basic and Digest
are both answered. The update and Graph Store endpoints are derived from the
query URL by each server's conventions, or set with
``JARGRAPH_STORE_UPDATE_URL`` and ``JARGRAPH_STORE_GSP_URL``:

=====================  ===================  =========================  ==========================
server                 query URL            update URL                 Graph Store URL
=====================  ===================  =========================  ==========================
Virtuoso               ``/sparql``          ``/sparql-auth``           ``/sparql-graph-crud-auth``
Fuseki                 ``/ds/query``        ``/ds/update``             ``/ds/data``
GraphDB, RDF4J         ``/repositories/r``  ``…/statements``           ``…/rdf-graphs/service``
Oxigraph server        ``/query``           ``/update``                ``/store``
anything else          the URL              the URL                    the URL (``?graph=…``)
=====================  ===================  =========================  ==========================

(Virtuoso's ``-auth`` endpoints are used when there are credentials; they
ask for Digest authentication of a SQL user holding ``SPARQL_UPDATE``.)
A large request body is sent once, with the credentials: the server's
challenge is fetched first with ``HEAD``, because Virtuoso answers a request
without credentials before reading its body and then closes the connection.

jargraph's queries expect the default graph to be the union of all named
graphs, as the embedded store gives it. Servers differ:

* Virtuoso: the union is the default already (it includes Virtuoso's own
  system graphs, which jargraph's queries do not match).
* Fuseki: set ``tdb2:unionDefaultGraph true`` on the TDB2 dataset in its
  configuration (assembler) file, ``tdb:unionDefaultGraph true`` for TDB1.
  In-memory datasets have no such option.
* GraphDB and RDF4J: a query without ``FROM`` already sees every graph; use a
  repository with the ``empty`` ruleset so inferred statements do not appear.
* Oxigraph server: start it with ``oxigraph serve --union-default-graph``.

Answers are asked for in SPARQL JSON (or XML) and N-Triples, which every
server writes losslessly, and re-serialised here into the wanted format.
Servers' own CSV, TSV and JSON-LD writers vary (Virtuoso's TSV does not
mark IRIs, its JSON-LD drops language tags and it answers ASK with a
one-row table), and one code path then serves the row limit as well.
Virtuoso also caps results at ``ResultSetMaxRows`` in ``virtuoso.ini``
without saying so: set it above the largest answer you expect. And its
DESCRIBE finds nothing in the union default graph, so a DESCRIBE that comes
back empty is asked again with every named graph given as the default graph.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, unquote, urlencode, urlsplit

import pyoxigraph as ox

from .. import formats
from ..progress import Progress
from ..settings import BY_NAME
from ..vocab import GRAPH
from . import http
from .errors import StoreError, StoreUnavailable
from .http import Reply, passwords_for, without_credentials
from .results import QueryOutput, graph_writer, serialise_results
from .syntax import locate_syntax_error, syntax_error

log = logging.getLogger(__name__)

ENV_USER = BY_NAME["store_user"].env
ENV_PASSWORD = BY_NAME["store_password"].env
ENV_UPDATE_URL = BY_NAME["store_update_url"].env
ENV_GSP_URL = BY_NAME["store_gsp_url"].env

DEFAULT_TIMEOUT = 60.0
UPDATE_CHUNK = 2000
"""Triples per SPARQL Update request when a graph is written without the Graph Store Protocol."""

RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
_NO_GSP = {404, 405, 501}
"""Statuses with which a server says it has no Graph Store endpoint at that URL."""
BUILD_GRAPH = "urn:jargraph:build"
"""A graph naming the build last pushed (its folder's name and time), written after every
other graph, so a server serving from this store knows when the data has changed; its IRI
is outside jargraph's own, so counts of jargraph's things do not see it."""
BUILD_QUERY = (f"SELECT ?id ?modified WHERE {{ GRAPH <{BUILD_GRAPH}> {{ <{BUILD_GRAPH}> "
               "<http://purl.org/dc/terms/identifier> ?id ; "
               "<http://purl.org/dc/terms/modified> ?modified } }")


def build_stamp(folder: Path) -> bytes:
    """The N-Triples of :data:`BUILD_GRAPH` for a build folder: its name and its time."""
    modified = datetime.fromtimestamp(folder.stat().st_mtime, tz=UTC)
    subject = f"<{BUILD_GRAPH}>"
    return (f'{subject} <http://purl.org/dc/terms/identifier> "{folder.name}" .\n'
            f'{subject} <http://purl.org/dc/terms/modified> '
            f'"{modified.isoformat(timespec="seconds")}"'
            '^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n').encode()


class StoreAuthError(StoreError):
    """The server refused the credentials (or asked for some and got none)."""


class RemoteStore:
    """A SPARQL server reached over HTTP; see the module docstring.

    ``update_url`` defaults to ``query_url``. Without ``graph_store_url``
    graphs are written with SPARQL Update; :func:`remote_store_from_url`
    fills in both by the server's conventions.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        prefixes: dict[str, str] | None = None,
    ):
        self.query_url = query_url
        self.prefixes = prefixes
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url
        self.user = auth[0] if auth else None
        self.timeout = timeout
        urls = [u for u in (query_url, update_url, graph_store_url) if u]
        self._passwords = passwords_for(auth, urls)
        self._has_gsp = graph_store_url is not None

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    @property
    def location(self) -> str:
        """The query URL, without credentials: fit to print."""
        return self.query_url

    # -- reading ---------------------------------------------------------------

    def query(
        self,
        sparql: str,
        select_format: str = "application/sparql-results+json",
        graph_format: str = "text/turtle",
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        row_limit: int | None = None,
        timeout: float | None = None,
    ) -> QueryOutput:
        """Run one query on the server and serialise the answer like ``store.run_query``.

        With no ``default_graphs`` the server's default graph is used, which
        should be the union of all graphs (see the module docstring).
        """
        rdf_format = graph_writer(graph_format)
        sparql = with_prefixes(sparql, self.prefixes)
        form = query_form(sparql)
        params = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default_graphs or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        reply = self._post(self.query_url, params, _accept(form), timeout)
        if reply.status == 400:
            raise locate_syntax_error(Exception(reply.text()), sparql) from None
        self._check(reply, self.query_url, "query")
        kind = reply.content_type.split(";", 1)[0].strip().lower()
        answer = formats.by_media_type(kind, "results", "graph")
        if answer is not None and answer.family == "results":
            parsed = self._parse_results(reply, answer.results_format, form)
            return serialise_results(parsed, select_format, row_limit)
        if answer is not None:
            triples = self._parse_graph(reply, answer.rdf_format)
            if not triples and form == "describe" and not default_graphs:
                names = self.graph_names()  # Virtuoso describes nothing from the union
                if names:
                    return self.query(sparql, select_format, graph_format, names, named_graphs,
                                      row_limit, timeout)
            body = ox.serialize(triples, format=rdf_format) or b""
            return QueryOutput("graph", body, graph_format)
        raise StoreError(
            f"the SPARQL server at {self.query_url} answered with {kind or 'no content type'}, "
            f"not SPARQL results or RDF: {reply.text(200)!r}"
        )

    def graph_names(self) -> list[str]:
        """The IRIs of the server's non-empty named graphs, sorted (servers keep their own too)."""
        output = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        rows = json.loads(output.body)["results"]["bindings"]
        return sorted(row["g"]["value"] for row in rows if row["g"]["type"] == "uri")

    def ping(self) -> None:
        """Raise a clear :class:`StoreError` unless the server answers a trivial query."""
        output = self.query("ASK {}", timeout=min(self.timeout, 10.0))
        if output.kind != "ask":
            raise StoreError(f"the SPARQL server at {self.query_url} did not answer ASK {{}}")

    # -- writing ---------------------------------------------------------------

    def update(self, sparql: str, timeout: float | None = None) -> None:
        """Run one SPARQL Update request."""
        reply = self._post(self.update_url, [("update", sparql)], "*/*", timeout)
        if reply.status == 400:
            raise syntax_error(Exception(reply.text()), sparql) from None
        self._check(reply, self.update_url, "update", writing=True)

    def replace_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Make the named graph hold exactly these N-Triples, so a rebuild is idempotent.

        Uses one Graph Store ``PUT`` for the whole graph, whatever its size; a
        server without a Graph Store endpoint gets ``DROP`` then ``INSERT DATA``
        in chunks (not atomic) instead.
        """
        iri = _checked_iri(graph_iri)
        if self._has_gsp:
            url = _graph_url(self.graph_store_url or "", iri)
            headers = {"Content-Type": "application/n-triples"}
            reply = self._send("PUT", url, ntriples, headers, None)
            if reply.status not in _NO_GSP:
                self._check(reply, url, "Graph Store PUT", writing=True)
                return
            self._no_gsp("PUT", url, reply)
        requests = list(insert_requests(iri, ntriples))
        first = f" ;\n{requests[0]}" if requests else ""
        self.update(f"DROP SILENT GRAPH <{iri}>{first}")
        for request in requests[1:]:
            self.update(request)

    def drop_graph(self, graph_iri: str) -> None:
        """Remove a named graph; nothing happens if it does not exist."""
        iri = _checked_iri(graph_iri)
        if self._has_gsp:
            url = _graph_url(self.graph_store_url or "", iri)
            reply = self._send("DELETE", url, None, {}, None)
            if reply.ok:
                return
            if reply.status in _NO_GSP - {404}:
                self._no_gsp("DELETE", url, reply)
            elif reply.status != 404:
                self._check(reply, url, "Graph Store DELETE", writing=True)
        # A 404 may mean no such graph or no such endpoint; DROP SILENT is right for both.
        self.update(f"DROP SILENT GRAPH <{iri}>")

    def prepare_load(self) -> None:
        """Fail before a build starts if the server does not answer."""
        self.ping()

    def load_build(self, folder: Path, progress: Progress | None = None) -> int:
        """Replace each named graph of a build with its triples here; returns how many.

        The N-Triples come from the built store, so the server holds exactly the
        same (skolemised) triples, and each graph goes in one request, so it is
        replaced at once. Graphs of an earlier build that this one no longer has
        are dropped, so a re-build leaves the server as the store is.
        """
        built = ox.Store.read_only(str(folder / "oxigraph"))
        names = sorted(g.value for g in built.named_graphs() if isinstance(g, ox.NamedNode))
        shown = progress or Progress(lambda message: None)
        with shown.task("pushing", len(names), "graphs") as task:
            for name in names:
                data = built.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
                self.replace_graph(name, data or b"")
                task.advance()
        namespace = str(GRAPH)
        for stale in set(self.graph_names()) - set(names):
            if stale.startswith(namespace):
                self.drop_graph(stale)
        self.replace_graph(BUILD_GRAPH, build_stamp(folder))
        return len(names)

    # -- HTTP --------------------------------------------------------------------

    def _post(
        self, url: str, params: list[tuple[str, str]], accept: str, timeout: float | None
    ) -> Reply:
        """A form POST, which every server and SPARQL version accepts."""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": accept,
        }
        return self._send("POST", url, urlencode(params).encode(), headers, timeout)

    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
              timeout: float | None) -> Reply:
        return http.send(method, url, body, headers, timeout or self.timeout, self._passwords)

    def _check(self, reply: Reply, url: str, what: str, writing: bool = False) -> None:
        """Raise a clear error for a failed request; return for a successful one."""
        if reply.ok:
            return
        if reply.status in (401, 403):
            raise StoreAuthError(self._auth_message(reply, url, what, writing))
        if reply.status == 404:
            raise StoreUnavailable(
                f"there is no SPARQL {what} endpoint at {url} (HTTP 404): check the URL"
                + (f" or set {ENV_UPDATE_URL}" if what == "update" else "")
            )
        detail = reply.text()
        if reply.status >= 500 and not writing:
            raise StoreUnavailable(
                f"the SPARQL server at {url} failed (HTTP {reply.status}): {detail}"
            )
        raise StoreError(f"the SPARQL {what} at {url} failed (HTTP {reply.status}): {detail}")

    def _auth_message(self, reply: Reply, url: str, what: str, writing: bool) -> str:
        if self.user is None:
            return (
                f"the SPARQL server at {url} wants credentials for {what} "
                f"(HTTP {reply.status}): put them in the URL (http://user:password@host/...) "
                f"or set {ENV_USER} and {ENV_PASSWORD}"
            )
        rights = " (or the user may not write: on Virtuoso grant SPARQL_UPDATE)" if writing else ""
        return (
            f"the SPARQL server at {url} refused the credentials of user {self.user!r} "
            f"(HTTP {reply.status}): check the password{rights}"
        )

    def _no_gsp(self, method: str, url: str, reply: Reply) -> None:
        """Switch to SPARQL Update for good, saying so once."""
        self._has_gsp = False
        log.warning(
            "the server at %s does not support the Graph Store Protocol (%s %s returned %s); "
            "writing graphs with SPARQL Update at %s instead, which is slower and not atomic: "
            "enable the protocol or set %s",
            self.query_url, method, url, reply.status, self.update_url, ENV_GSP_URL,
        )

    def _parse_results(
        self, reply: Reply, fmt: ox.QueryResultsFormat, form: str | None
    ) -> ox.QuerySolutions | ox.QueryBoolean:
        body = reply.body
        if fmt == ox.QueryResultsFormat.JSON:
            body = normalise_json_results(body, form)
        try:
            return ox.parse_query_results(body, fmt)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot read the results from {self.query_url}: {exc}") from None

    def _parse_graph(self, reply: Reply, fmt: ox.RdfFormat) -> list[ox.Triple]:
        try:
            return [quad.triple for quad in ox.parse(reply.body, format=fmt)]
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot read the RDF from {self.query_url}: {exc}") from None


def remote_store_from_url(
    url: str,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    user: str | None = None,
    password: str | None = None,
    update_url: str | None = None,
    gsp_url: str | None = None,
    prefixes: dict[str, str] | None = None,
) -> RemoteStore:
    """A :class:`RemoteStore` from one URL; see the module docstring for what is derived.

    Credentials in the URL win over ``user`` and ``password``; ``update_url`` and
    ``gsp_url`` replace the addresses derived from the query URL.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(
            f"not an http(s) URL of a SPARQL endpoint: {without_credentials(url)}")
    user = unquote(parts.username) if parts.username else user
    password = unquote(parts.password) if parts.password is not None else (password or "")
    query_url = without_credentials(url)
    derived_update, derived_gsp = derived_endpoints(query_url, authenticated=bool(user))
    update_url = without_credentials(update_url or derived_update)
    gsp_url = without_credentials(gsp_url or derived_gsp)
    auth = (user, password) if user else None
    return RemoteStore(query_url, update_url, gsp_url, auth=auth, timeout=timeout,
                       prefixes=prefixes)


def derived_endpoints(query_url: str, authenticated: bool = False) -> tuple[str, str]:
    """The update and Graph Store URLs that go with a query URL, by each server's habits."""
    parts = urlsplit(query_url)
    base = f"{parts.scheme}://{parts.netloc}"
    path = parts.path.rstrip("/")
    if path in ("/sparql", "/sparql-auth"):
        auth = "-auth" if authenticated else ""
        return f"{base}/sparql{auth}", f"{base}/sparql-graph-crud{auth}"
    if re.fullmatch(r"/repositories/[^/]+", path):
        return f"{base}{path}/statements", f"{base}{path}/rdf-graphs/service"
    if path == "/query":
        return f"{base}/update", f"{base}/store"
    if path.endswith(("/query", "/sparql")):
        dataset = path.rsplit("/", 1)[0]
        return f"{base}{dataset}/update", f"{base}{dataset}/data"
    return query_url, query_url


_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.I)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_form(sparql: str) -> str | None:
    """``select``, ``ask``, ``construct`` or ``describe``; None when it cannot be told."""
    prologue = _PROLOGUE.match(sparql)
    match = _FORM.match(sparql, prologue.end() if prologue else 0)
    return match.group(1).lower() if match else None


_DECLARED = re.compile(r"PREFIX\s+([^\s:]*):", re.I)


def with_prefixes(sparql: str, prefixes: dict[str, str] | None) -> str:
    """The query with ``PREFIX`` lines put first for the prefixes it uses but does not
    declare, as the embedded store declares them itself."""
    if not prefixes:
        return sparql
    declared = set(_DECLARED.findall(sparql))
    missing = [p for p in prefixes if p not in declared and f"{p}:" in sparql]
    head = "".join(f"PREFIX {p}: <{prefixes[p]}>\n" for p in missing)
    return head + sparql


def normalise_json_results(body: bytes, form: str | None) -> bytes:
    """Make a server's SPARQL JSON readable by Oxigraph's strict parser.

    Handles SPARQL 1.0 ``typed-literal``, blank node labels that are not
    valid in SPARQL (Virtuoso's ``nodeID://b1``) and ASK answered as a
    one-row table (Virtuoso 7.2).
    """
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise StoreError(f"the server's SPARQL JSON results do not parse: {exc}") from None
    if form == "ask" and "boolean" not in data:
        rows = data.get("results", {}).get("bindings", [])
        first: dict = next(iter(rows[0].values()), {}) if rows else {}
        answer = bool(rows) and first.get("value") not in ("0", "false")
        return json.dumps({"head": {}, "boolean": answer}).encode()
    for row in data.get("results", {}).get("bindings", []):
        for term in row.values():
            _normalise_term(term)
    return json.dumps(data).encode()


def _normalise_term(term: dict) -> None:
    if term.get("type") == "typed-literal":
        term["type"] = "literal"
    elif term.get("type") == "bnode":
        label = term["value"].rsplit("://", 1)[-1]
        term["value"] = re.sub(r"[^A-Za-z0-9_]", "_", label) or "b"
    elif term.get("type") == "triple":
        for part in term.get("value", {}).values():
            _normalise_term(part)


def insert_requests(graph_iri: str, ntriples: bytes) -> Iterator[str]:
    """SPARQL Update requests that insert N-Triples into a graph, a chunk at a time.

    Yields nothing for no triples. Triples with blank nodes go
    together in one ``INSERT … WHERE {}`` so that a label names one node
    (and because some servers refuse blank nodes in ``INSERT DATA``).
    """
    lines = [line for line in ntriples.decode("utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    blank = [line for line in lines if "_:" in line]
    plain = [line for line in lines if "_:" not in line]
    chunks = [plain[i: i + UPDATE_CHUNK] for i in range(0, len(plain), UPDATE_CHUNK)]
    for chunk in chunks:
        yield f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n" + "\n".join(chunk) + "\n} }"
    if blank:
        yield (f"INSERT {{ GRAPH <{graph_iri}> {{\n" + "\n".join(blank) + "\n} } WHERE {}")


def _accept(form: str | None) -> str:
    if form in ("select", "ask"):
        return RESULTS_ACCEPT
    if form in ("construct", "describe"):
        return GRAPH_ACCEPT
    return f"{RESULTS_ACCEPT}, {GRAPH_ACCEPT}"


def _graph_url(graph_store_url: str, graph_iri: str) -> str:
    joiner = "&" if "?" in graph_store_url else "?"
    return f"{graph_store_url}{joiner}graph={quote(graph_iri, safe='')}"


def _checked_iri(graph_iri: str) -> str:
    """The IRI, refused if it could not be written between ``<`` and ``>``."""
    try:
        return ox.NamedNode(graph_iri).value
    except ValueError:
        raise StoreError(f"not a valid graph IRI: {graph_iri!r}") from None


