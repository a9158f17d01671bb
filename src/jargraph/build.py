"""``jargraph build``: read every source document, encode, validate, load, dump.

Data flows one way: ``data/reports/*.txt`` -> records -> one graph per
document -> SHACL validation -> a fresh on-disk Oxigraph store (plus the
ontology, schemes, links, reference and inferred graphs) -> dumps. The new
build is swapped in only when complete (see ``jargraph.store.publish``), so an
interrupted build leaves the previous store serving, and a document whose
graph fails validation is left out while the others load.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, RDFS

from . import DATA_DIR, ONTOLOGY_DIR, store, uris
from .model import Document, Source
from .readers import UnknownDocument, read_document
from .vocab import PREFIXES

if TYPE_CHECKING:
    from .remote import RemoteStore

Progress = Callable[[str], None]


@dataclass
class DocumentResult:
    doc_id: str
    path: str
    triples: int = 0
    loaded: bool = False
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Problems that kept the document out of the store, as ``jargraph validate`` prints them."""


@dataclass
class BuildReport:
    documents: list[DocumentResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Build-level failures (e.g. an area name that matches no authority)."""
    timings: dict[str, float] = field(default_factory=dict)
    folder: Path | None = None
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and all(d.loaded for d in self.documents)


class Stopwatch:
    """Adds the time spent in each stage to a report's ``timings``."""

    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    def __call__(self, stage: str):
        return _Lap(self.timings, stage)


class _Lap:
    def __init__(self, timings: dict[str, float], stage: str):
        self.timings, self.stage = timings, stage

    def __enter__(self):
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        elapsed = time.perf_counter() - self.start
        self.timings[self.stage] = self.timings.get(self.stage, 0.0) + elapsed


def report_paths(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "reports").glob("*.txt"))


def ontology_graph() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_DIR / "jargraph.ttl", format="turtle")
    return graph


def schemes_graph() -> Graph:
    graph = Graph()
    for path in sorted((ONTOLOGY_DIR / "schemes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def inferred_graph(graphs: Iterable[Graph], ontology: Graph) -> Graph:
    """Superclass memberships, so that asking for reviews finds joint area reviews."""
    supers: dict[URIRef, set[URIRef]] = {}
    for cls in set(ontology.subjects(RDFS.subClassOf, None)):
        closure = set(ontology.transitive_objects(cls, RDFS.subClassOf)) - {cls}
        supers[cls] = {c for c in closure if isinstance(c, URIRef)}
    inferred = Graph()
    for graph in graphs:
        for subject, cls in graph.subject_objects(RDF.type):
            for parent in supers.get(cls, ()):
                if (subject, RDF.type, parent) not in graph:
                    inferred.add((subject, RDF.type, parent))
    return inferred


class AreaResolver:
    """Area names as written -> area URIs, through the reference table of authorities."""

    def __init__(self) -> None:
        from .links import resolve_area

        self._resolve = resolve_area
        self.names: dict[URIRef, set[str]] = {}
        self.errors: list[str] = []

    def __call__(self, name: str, source: Source | None) -> URIRef:
        from .links import LinkError

        try:
            authority = self._resolve(name)
        except LinkError as exc:
            where = f"{source.document} line {source.line}: " if source else ""
            self.errors.append(f"{where}{exc}")
            uri = uris.area(uris.slug(name))
        else:
            uri = uris.area(authority.slug)
        self.names.setdefault(uri, set()).add(name)
        return uri


def build(
    data_dir: Path = DATA_DIR,
    base: Path | None = None,
    *,
    progress: Progress | None = None,
    validate: bool = True,
    store_url: str | None = None,
) -> BuildReport:
    """Build the whole graph into a fresh store and publish it; see the module docstring.

    With ``store_url`` every named graph is also pushed to that SPARQL server
    (see :func:`push`); an unreachable server stops the build before any work.
    """
    say = progress or (lambda message: None)
    report = BuildReport()
    lap = Stopwatch(report.timings)
    remote = _remote(store_url)
    resolver = AreaResolver()
    doc_graphs: dict[str, Graph] = {}

    for path in report_paths(data_dir):
        result = DocumentResult(path.stem, str(path))
        report.documents.append(result)
        with lap("read"):
            doc = _read(path, result)
        if doc is None:
            say(f"  {path.name}: not read: {'; '.join(result.errors)}")
            continue
        with lap("convert"):
            graph = _encode(doc, resolver, result)
        if graph is None:
            say(f"  {path.name}: not converted: {'; '.join(result.errors)}")
            continue
        if validate:
            with lap("validate"):
                problems = _validate(graph, path)
            if problems:
                result.errors.extend(problems)
                say(f"  {path.name}: {len(problems)} problems; not loaded")
                continue
        result.triples = len(graph)
        doc_graphs[doc.id] = graph
        say(f"  {path.name}: {len(graph)} triples, {len(result.warnings)} warnings")

    report.errors.extend(resolver.errors)
    if resolver.errors:
        for error in resolver.errors:
            say(f"  link: {error}")
    with lap("link"):
        extra = _shared_graphs(doc_graphs, resolver)
    with lap("load"):
        folder = store.new_build_folder(base)
        report.folder = folder
        report.triples = _load(folder, doc_graphs, extra)
    with lap("dump"):
        _dump(folder, doc_graphs)
    if remote is not None:
        with lap("push"):
            pushed = push(folder, remote)
        say(f"pushed {pushed} graphs to {remote.query_url}")
    for result in report.documents:
        result.loaded = result.doc_id in doc_graphs
    store.publish(folder, base)
    say(f"built {report.triples} triples from {len(doc_graphs)} of "
        f"{len(report.documents)} documents into {folder}")
    return report


def _remote(store_url: str | None) -> RemoteStore | None:
    """The server to push to, checked now so that a wrong URL fails before the build."""
    if not store_url:
        return None
    from .remote import remote_store_from_url

    remote = remote_store_from_url(store_url)
    remote.ping()
    return remote


def push(folder: Path, remote: RemoteStore) -> int:
    """Replace each named graph of the built store on the server; returns how many.

    The N-Triples come from the built store, so the server holds exactly the
    same (skolemised) triples. Graphs of an earlier build that this one no
    longer has are dropped, so a re-build leaves the server as the store is.
    """
    oxi = ox.Store.read_only(str(folder / "oxigraph"))
    names = sorted(g.value for g in oxi.named_graphs() if isinstance(g, ox.NamedNode))
    for name in names:
        data = oxi.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""
        first, *rest = _chunks(data)
        remote.replace_graph(name, first)
        for chunk in rest:
            remote.update(f"INSERT DATA {{ GRAPH <{name}> {{\n{chunk.decode()}}} }}")
    namespace = str(uris.graph(""))
    for stale in set(remote.graph_names()) - set(names):
        if stale.startswith(namespace):
            remote.drop_graph(stale)
    return len(names)


PUSH_CHUNK_BYTES = 32 * 1024
"""Largest request body of a push: a server may answer an authentication challenge
before reading a larger body and close the connection on the rest."""


def _chunks(ntriples: bytes) -> list[bytes]:
    """N-Triples cut at line ends into pieces of at most about ``PUSH_CHUNK_BYTES``."""
    chunks: list[bytes] = []
    current: list[bytes] = []
    size = 0
    for line in ntriples.splitlines(keepends=True):
        if current and size + len(line) > PUSH_CHUNK_BYTES:
            chunks.append(b"".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line)
    chunks.append(b"".join(current))
    return chunks


def _read(path: Path, result: DocumentResult) -> Document | None:
    from .readers.text import ReaderError

    try:
        doc = read_document(path)
    except (UnknownDocument, ReaderError, OSError, UnicodeError) as exc:
        result.errors.append(str(exc))
        return None
    result.warnings.extend(str(w) for w in doc.warnings)
    return doc


def _encode(doc: Document, resolver: AreaResolver, result: DocumentResult) -> Graph | None:
    from .encode import EncodingProblem, encode_document
    from .themes import tag_themes

    try:
        graph, warnings = encode_document(doc, resolver)
    except EncodingProblem as exc:
        result.errors.append(str(exc))
        return None
    result.warnings.extend(str(w) for w in warnings)
    graph += tag_themes(graph)
    return graph


def _validate(graph: Graph, path: Path) -> list[str]:
    from .validate import validate_graph

    report = validate_graph(graph, file=str(path))
    return [str(problem) for problem in report.problems]


def _shared_graphs(doc_graphs: dict[str, Graph], resolver: AreaResolver) -> dict[str, Graph]:
    from .links import links_graph, reference_graph

    ontology = ontology_graph()
    schemes = schemes_graph()
    areas = {uri: sorted(names)[0] for uri, names in resolver.names.items()}
    links = links_graph(areas)
    return {
        "ontology": ontology,
        "schemes": schemes,
        "links": links,
        "reference": reference_graph(),
        "inferred": inferred_graph([*doc_graphs.values(), schemes, links], ontology),
    }


GENID = "https://w3id.org/jargraph/.well-known/genid/"


def skolemised(graph: Graph) -> Graph:
    """Blank nodes (OWL lists, restrictions) replaced by IRIs that depend on the graph's
    content alone, so that every build writes byte-identical dumps."""
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return graph
    canonical = to_canonical_graph(graph)
    out = Graph()
    for triple in canonical:
        out.add(tuple(URIRef(GENID + str(t)) if isinstance(t, BNode) else t for t in triple))
    return out


def _load(folder: Path, doc_graphs: dict[str, Graph], extra: dict[str, Graph]) -> int:
    oxi = ox.Store(str(folder / "oxigraph"))
    total = 0
    for name, graph in [*sorted(doc_graphs.items()), *sorted(extra.items())]:
        data = skolemised(graph).serialize(format="nt", encoding="utf-8")
        oxi.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES,
                      to_graph=ox.NamedNode(str(uris.graph(name))))
        total += len(graph)
    oxi.flush()
    oxi.optimize()
    del oxi
    return total


def _dump(folder: Path, doc_graphs: dict[str, Graph]) -> None:
    """TriG and N-Quads of the whole dataset, Turtle per document."""
    dumps = folder / "dumps"
    dumps.mkdir()
    oxi = ox.Store.read_only(str(folder / "oxigraph"))
    oxi.dump(dumps / "jargraph.trig", ox.RdfFormat.TRIG, prefixes=PREFIXES)
    oxi.dump(dumps / "jargraph.nq", ox.RdfFormat.N_QUADS)
    for doc_id in sorted(doc_graphs):
        oxi.dump(dumps / f"{doc_id}.ttl", ox.RdfFormat.TURTLE, prefixes=PREFIXES,
                 from_graph=ox.NamedNode(str(uris.graph(doc_id))))


def print_report(report: BuildReport, out=sys.stdout) -> None:
    for result in report.documents:
        for warning in result.warnings:
            print(warning, file=out)
        for error in result.errors:
            print(error, file=out)
