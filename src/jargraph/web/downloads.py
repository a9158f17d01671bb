"""The dataset described (VoID and DCAT) and its dumps downloadable.

``/void`` (also ``/.well-known/void``) describes the dataset: title,
licences, SPARQL endpoint, dumps, counts of triples, entities and classes
taken from the store, one subset per named graph (each with its licence),
and the vocabularies it uses; as Turtle, N-Triples, JSON-LD or an HTML page,
by ``Accept`` or ``?format=``. ``/licence`` says which licence covers what
(:mod:`jargraph.licences`): the source documents' words, jargraph's
encodings and its code are under different terms. ``/data/`` lists the files
the build wrote to ``dumps/`` in the current build, and ``/data/{file}``
serves each with its type.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, render_template, request, send_file
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from .. import cube, formats, licences, store
from ..store import StoreError
from ..vocab import BASE, GRAPH, ID, JAR, PREFIXES
from .errors import store_error
from .negotiation import rdf_response, wanted_format
from .reading import bind_prefixes, integer, select

bp = Blueprint("downloads", __name__)

DATASET = URIRef(str(ID) + "dataset/jargraph")
TITLE = "jargraph: Joint Area Reviews of children's services in England, 2005-2009"
DESCRIPTION = (
    "The joint area reviews of children's services in England (2005-2009) as linked data: "
    "the reviews, the areas reviewed, the grades given to each judgement area, the strengths, "
    "weaknesses and recommendations of each report, and the grade distributions of the national "
    "reports, every statement traced to the paragraph of the document it was read from."
)
RIGHTS = licences.DATASET_RIGHTS
VOCABULARIES = (str(JAR), PREFIXES["skos"], PREFIXES["dcterms"], PREFIXES["prov"],
                PREFIXES["qb"], PREFIXES["org"])
MEDIA_TYPES = {
    **{f".{f.extension}": f.media_type for f in formats.RDF},
    ".gz": "application/gzip",
    ".zip": "application/zip",
    ".csv": "text/csv",
    ".json": "application/json",
    ".txt": "text/plain",
    ".md": "text/markdown",
}
_TEXT_TYPES = {"text/turtle", "text/csv", "text/plain", "text/markdown"}


@dataclass
class Dump:
    name: str
    size: int
    media_type: str

    @property
    def link(self) -> str:
        return "/data/" + quote(self.name)


def dumps_dir() -> Path:
    """The current build's ``dumps/`` (or, failing that, ``dumps/`` under the home)."""
    home = current_app.config["SETTINGS"].home
    current = store.current_dumps_path(home)
    return current if current.is_dir() else home / "dumps"


def media_type(path: str) -> str:
    name = path.lower()
    for suffix, media in MEDIA_TYPES.items():
        if name.endswith(suffix):
            return media
    return "application/octet-stream"


def list_dumps() -> list[Dump]:
    """Every regular file under ``dumps/`` (not following links out of it)."""
    root = dumps_dir()
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
            name = path.relative_to(root).as_posix()
            found.append(Dump(name, path.stat().st_size, media_type(name)))
    return found


# ---------------------------------------------------------------- VoID


@dataclass
class Statistics:
    triples: int
    entities: int
    classes: int
    properties: int
    graphs: list[tuple[str, int]]
    class_counts: list[tuple[str, int]]


def statistics() -> Statistics:
    """Counts from the store, through the query workers."""
    totals = select("""
SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?entities)
       (COUNT(DISTINCT ?p) AS ?properties) WHERE { ?s ?p ?o }""")
    graphs = select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g "
                    "ORDER BY ?g")
    classes = select("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c "
                     "ORDER BY ?c")
    row = totals[0] if totals else {}
    return Statistics(
        triples=integer(row.get("triples")),
        entities=integer(row.get("entities")),
        classes=len(classes),
        properties=integer(row.get("properties")),
        graphs=[(str(r["g"]), integer(r["n"])) for r in graphs],
        class_counts=[(str(r["c"]), integer(r["n"])) for r in classes],
    )


def void_graph(base_url: str, stats: Statistics, dumps: list[Dump]) -> Graph:
    """The VoID and DCAT description of the dataset, with absolute links to this server."""
    g = bind_prefixes(Graph())
    g.bind("foaf", FOAF)
    d = DATASET
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((d, RDFS.label, Literal(TITLE, lang="en")))
    g.add((d, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    g.add((d, DCTERMS.license, URIRef(base_url + "/licence")))
    g.add((d, DCTERMS.rights, Literal(RIGHTS, lang="en")))
    for licence in licences.LICENCES:
        node = licence_iri(base_url, licence)
        g.add((node, RDF.type, DCTERMS.LicenseDocument))
        g.add((node, RDFS.label, Literal(licence.title, lang="en")))
        g.add((node, DCTERMS.description, Literal(f"{licence.covers} {licence.terms}",
                                                  lang="en")))
    g.add((d, DCTERMS.temporal, Literal("2005-09/2009-04")))
    g.add((d, DCTERMS.spatial, Literal("England", lang="en")))
    g.add((d, FOAF.homepage, URIRef(base_url + "/")))
    g.add((d, VOID.sparqlEndpoint, URIRef(base_url + "/sparql")))
    g.add((d, VOID.uriSpace, Literal(str(ID))))
    g.add((d, VOID.uriLookupEndpoint, Literal(base_url + "/doc/")))
    g.add((d, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    g.add((d, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    g.add((d, VOID.classes, Literal(stats.classes, datatype=XSD.integer)))
    g.add((d, VOID.properties, Literal(stats.properties, datatype=XSD.integer)))
    g.add((d, VOID.exampleResource, URIRef(str(ID) + "area/southampton")))
    for vocabulary in VOCABULARIES:
        g.add((d, VOID.vocabulary, URIRef(vocabulary)))
    g.add((d, DCTERMS.conformsTo, URIRef(BASE + "def")))
    for name, count in stats.graphs:
        subset = URIRef(name)
        g.add((d, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, VOID.triples, Literal(count, datatype=XSD.integer)))
        g.add((subset, DCTERMS.license, licence_iri(base_url, licences.graph_licence(name))))
        if name.startswith(str(GRAPH)):
            g.add((subset, RDFS.label, Literal(name[len(str(GRAPH)):])))
    for cls, count in stats.class_counts:
        partition = BNode()
        g.add((d, VOID.classPartition, partition))
        g.add((partition, VOID["class"], URIRef(cls)))
        g.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    for dump in dumps:
        url = URIRef(base_url + dump.link)
        g.add((d, VOID.dataDump, url))
        dist = BNode()
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(dump.name)))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(
            "https://www.iana.org/assignments/media-types/" + dump.media_type)))
        g.add((dist, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger)))
    cube.describe(g, d, base_url, [dump.name for dump in dumps])
    return g


def licence_iri(base_url: str, licence: licences.Licence) -> URIRef:
    """A licence's own address, or its part of this site's licence page."""
    return URIRef(licence.iri or f"{base_url}/licence#{licence.key}")


@bp.route("/licence")
def licence_page() -> Response:
    """Which licence covers what: the documents' words, jargraph's encodings, its code."""
    return Response(render_template("licence.html", title="Licences", rights=RIGHTS,
                                    licences=licences.LICENCES), mimetype="text/html")


@bp.route("/void")
@bp.route("/.well-known/void")
def void() -> Response:
    """The dataset description: Turtle by default, HTML for browsers."""
    fmt = wanted_format(request.args.get("format"), default="ttl")
    try:
        stats = statistics()
    except StoreError as exc:
        return store_error(exc)
    dumps = list_dumps()
    base_url = request.host_url.rstrip("/")
    graph = void_graph(base_url, stats, dumps)
    if fmt is None:
        response = Response(render_template(
            "void.html", title="About the dataset", stats=stats, dumps=dumps,
            dataset=str(DATASET), description=DESCRIPTION, rights=RIGHTS,
            licences=[(lic, str(licence_iri(base_url, lic))) for lic in licences.LICENCES],
            base_url=base_url,
        ), mimetype="text/html")
    else:
        response = rdf_response(graph, fmt)
    response.headers["Vary"] = "Accept"
    return response


# ---------------------------------------------------------------- dumps


@bp.route("/data")
@bp.route("/data/")
def listing() -> Response:
    return Response(render_template("downloads.html", title="Downloads", dumps=list_dumps()),
                    mimetype="text/html")


@bp.route("/data/<path:name>")
def download(name: str) -> Response:
    """One dump file, with its media type; anything outside ``dumps/`` is a 404."""
    known = {d.name: d for d in list_dumps()}
    dump = known.get(name)
    if dump is None:
        abort(404, description="no such download; see /data/ for the list")
    path = dumps_dir() / dump.name
    response = send_file(path, mimetype=dump.media_type, as_attachment=False,
                         download_name=Path(dump.name).name, conditional=True)
    if dump.media_type in _TEXT_TYPES:
        response.content_type = f"{dump.media_type}; charset=utf-8"
    return response
