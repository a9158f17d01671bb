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

import base64
import json
import logging
import os
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from . import store
from .store import QueryOutput, StoreError, StoreUnavailable

log = logging.getLogger(__name__)

ENV_USER = "JARGRAPH_STORE_USER"
ENV_PASSWORD = "JARGRAPH_STORE_PASSWORD"
ENV_UPDATE_URL = "JARGRAPH_STORE_UPDATE_URL"
ENV_GSP_URL = "JARGRAPH_STORE_GSP_URL"

DEFAULT_TIMEOUT = 60.0
UPDATE_CHUNK = 2000
"""Triples per SPARQL Update request when a graph is written without the Graph Store Protocol."""
PREAUTH_BYTES = 16 * 1024
"""Request bodies at least this large go with the credentials in the first request."""

RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
_GRAPH_TYPES = {**store.GRAPH_FORMATS, "text/plain": ox.RdfFormat.N_TRIPLES}
_NO_GSP = {404, 405, 501}
"""Statuses with which a server says it has no Graph Store endpoint at that URL."""


class StoreAuthError(StoreError):
    """The server refused the credentials (or asked for some and got none)."""


@dataclass
class Reply:
    """One HTTP answer, whatever its status."""

    status: int
    content_type: str
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def text(self, limit: int = 500) -> str:
        """The server's message, without Virtuoso's echo of the query."""
        text = self.body.decode("utf-8", "replace").split("\n\nSPARQL query:", 1)[0].strip()
        return text[:limit] + ("..." if len(text) > limit else "")


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
    ):
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url
        self.user = auth[0] if auth else None
        self.timeout = timeout
        urls = [u for u in (query_url, update_url, graph_store_url) if u]
        self._passwords = _passwords(auth, urls)
        self._has_gsp = graph_store_url is not None

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    # -- reading ---------------------------------------------------------------

    def query(
        self,
        sparql: str,
        select_format: str = "application/sparql-results+json",
        graph_format: str = "text/turtle",
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        row_limit: int | None = None,
        timeout: float | None = None,
    ) -> QueryOutput:
        """Run one query on the server and serialise the answer like ``store.run_query``.

        With no ``default_graphs`` the server's default graph is used, which
        should be the union of all graphs (see the module docstring).
        """
        rdf_format = store.GRAPH_FORMATS[graph_format]
        form = query_form(sparql)
        params = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default_graphs or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        reply = self._post(self.query_url, params, _accept(form), timeout)
        if reply.status == 400:
            raise store.locate_syntax_error(Exception(reply.text()), sparql) from None
        self._check(reply, self.query_url, "query")
        kind = _media_type(reply.content_type)
        if kind in _RESULT_TYPES:
            parsed = self._parse_results(reply, _RESULT_TYPES[kind], form)
            return store.serialise_results(parsed, select_format, row_limit)
        if kind in _GRAPH_TYPES:
            triples = self._parse_graph(reply, _GRAPH_TYPES[kind])
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
            raise store.syntax_error(Exception(reply.text()), sparql) from None
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

    def _send(
        self,
        method: str,
        url: str,
        body: bytes | None,
        headers: dict[str, str],
        timeout: float | None,
    ) -> Reply:
        """One request; any HTTP status comes back, network failures raise StoreUnavailable."""
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        wait = timeout or self.timeout
        opener = _opener(self._passwords)
        if body is not None and len(body) >= PREAUTH_BYTES:
            refused = self._preauthorise(request, wait)
            if refused is not None:
                return refused
            if request.has_header("Authorization"):
                opener = urllib.request.build_opener()  # a refusal comes back, not resent
        try:
            with opener.open(request, timeout=wait) as response:
                return Reply(response.status, response.headers.get("Content-Type", ""),
                             response.read())
        except urllib.error.HTTPError as exc:
            content = exc.read() if exc.fp is not None else b""
            return Reply(exc.code, exc.headers.get("Content-Type", "") if exc.headers else "",
                         content)
        except TimeoutError:
            raise StoreUnavailable(
                f"the SPARQL server at {url} did not answer within {wait:g} s; "
                "is it overloaded, or is the query too expensive?"
            ) from None
        except ValueError as exc:  # a malformed URL, or an authentication scheme urllib lacks
            raise StoreError(f"cannot send a request to {url}: {exc}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = _reason(exc)
            raise StoreUnavailable(
                f"cannot reach SPARQL server at {url}: {reason}; is it running?"
            ) from None

    def _preauthorise(self, request: urllib.request.Request, wait: float) -> Reply | None:
        """Put the answer to the server's authentication challenge in the request up front.

        urllib sends a request without credentials and, on a 401, sends it again
        with them; Virtuoso answers the 401 and closes the connection before it
        reads the body, so a large body fails with a broken pipe or a reset. So
        ``HEAD`` requests on the same URL (they change nothing) fetch the
        challenge and try the answer, which then goes with the one real request.
        Returns the server's refusal of the credentials, the body unsent, or None.
        """
        if self._passwords is None:
            return None
        probe = urllib.request.Request(request.full_url, method="HEAD")
        challenged = _head(probe, wait)
        answer = authorizer(self._passwords, challenged.challenges if challenged else [])
        if answer is None or challenged is None:
            return None  # no credentials asked for, or none that can be given up front
        header = answer(probe)
        if header is None:
            return None
        probe.add_unredirected_header("Authorization", header)
        checked = _head(probe, wait)
        if checked is not None and checked.reply.status == 401:
            return checked.reply
        header = answer(request)
        if header is not None:
            request.add_unredirected_header("Authorization", header)
        return None

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


def remote_store_from_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> RemoteStore:
    """A :class:`RemoteStore` from one URL; see the module docstring for what is derived."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(
            f"not an http(s) URL of a SPARQL endpoint: {_without_credentials(url)}")
    user = unquote(parts.username) if parts.username else os.environ.get(ENV_USER)
    password = (
        unquote(parts.password) if parts.password is not None
        else os.environ.get(ENV_PASSWORD, "")
    )
    query_url = _without_credentials(url)
    update_url, gsp_url = derived_endpoints(query_url, authenticated=bool(user))
    update_url = _without_credentials(os.environ.get(ENV_UPDATE_URL) or update_url)
    gsp_url = _without_credentials(os.environ.get(ENV_GSP_URL) or gsp_url)
    auth = (user, password) if user else None
    return RemoteStore(query_url, update_url, gsp_url, auth=auth, timeout=timeout)


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
        first = next(iter(rows[0].values()), {}) if rows else {}
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


def _passwords(
    auth: tuple[str, str] | None, urls: list[str]
) -> urllib.request.HTTPPasswordMgr | None:
    """The credentials, offered only to the servers of ``urls``."""
    if not auth:
        return None
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    servers = {f"{p.scheme}://{p.netloc}/" for p in map(urlsplit, urls)}
    passwords.add_password(None, sorted(servers), auth[0], auth[1])
    return passwords


@dataclass
class Challenge:
    """A 401 answer and the ``WWW-Authenticate`` challenges it carries."""

    reply: Reply
    challenges: list[str]


def _head(probe: urllib.request.Request, wait: float) -> Challenge | None:
    """Send a ``HEAD`` without answering challenges; the 401 if there was one, else None."""
    try:
        with urllib.request.build_opener().open(probe, timeout=wait):
            return None
    except urllib.error.HTTPError as exc:
        headers = exc.headers
        exc.close()
        if exc.code != 401:
            return None
        reply = Reply(401, headers.get("Content-Type", "") if headers else "", b"")
        return Challenge(reply, headers.get_all("WWW-Authenticate", []) if headers else [])
    except (urllib.error.URLError, OSError, ValueError):
        return None  # the real request will say what is wrong


def authorizer(
    passwords: urllib.request.HTTPPasswordMgr, challenges: list[str]
) -> Callable[[urllib.request.Request], str | None] | None:
    """What computes the ``Authorization`` value answering these challenges, request by request.

    Digest is preferred to Basic (the Digest nonce count goes up with each
    request answered); None when no challenge can be answered.
    """
    parsed = [c.strip().partition(" ") for c in challenges]
    schemes = {scheme.lower(): params for scheme, _, params in parsed}
    if "digest" in schemes:
        items = urllib.request.parse_http_list(schemes["digest"])
        challenge = urllib.request.parse_keqv_list([item for item in items if item])
        handler = urllib.request.HTTPDigestAuthHandler(passwords)

        def digest(request: urllib.request.Request) -> str | None:
            try:
                answer = handler.get_authorization(request, challenge)
            except (urllib.error.URLError, ValueError):  # e.g. only qop=auth-int offered
                return None
            return f"Digest {answer}" if answer else None

        return digest
    if "basic" in schemes:

        def basic(request: urllib.request.Request) -> str | None:
            user, password = passwords.find_user_password(None, request.full_url)
            if user is None:
                return None
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            return f"Basic {token}"

        return basic
    return None


def _opener(passwords: urllib.request.HTTPPasswordMgr | None) -> urllib.request.OpenerDirector:
    """An opener that answers Basic and Digest challenges (Virtuoso uses Digest).

    A new one per request: the Digest handler counts retries and nonces,
    so sharing one between threads could fail a good login.
    """
    if passwords is None:
        return urllib.request.build_opener()
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def _accept(form: str | None) -> str:
    if form in ("select", "ask"):
        return RESULTS_ACCEPT
    if form in ("construct", "describe"):
        return GRAPH_ACCEPT
    return f"{RESULTS_ACCEPT}, {GRAPH_ACCEPT}"


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _graph_url(graph_store_url: str, graph_iri: str) -> str:
    joiner = "&" if "?" in graph_store_url else "?"
    return f"{graph_store_url}{joiner}graph={quote(graph_iri, safe='')}"


def _checked_iri(graph_iri: str) -> str:
    """The IRI, refused if it could not be written between ``<`` and ``>``."""
    try:
        return ox.NamedNode(graph_iri).value
    except ValueError:
        raise StoreError(f"not a valid graph IRI: {graph_iri!r}") from None


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timed out"
    return str(reason) or type(reason).__name__


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
