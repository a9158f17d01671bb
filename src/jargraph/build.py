"""``jargraph build``: read every source document, encode, validate, load, dump.

Data flows one way: ``data/reports/*.txt`` -> records -> one graph per
document -> SHACL validation -> a fresh on-disk Oxigraph store (plus the
ontology, schemes, links, reference and inferred graphs) -> the search index
(:mod:`jargraph.search`) -> dumps. The new build is swapped in only when
complete (see ``jargraph.store.publish``), so an interrupted build leaves the
previous store serving, and a document whose graph fails validation is left
out while the others load.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from . import store, uris
from .cube import add_cube
from .dumps import DATASET_FILES, dump_dataset, dump_documents, write_readme
from .encode import EncodingProblem, encode_document, inspectorate_uri, matcher
from .links import LinkError, authorities, reference_graph, resolve_area
from .model import Document, Source
from .ontology import ontology_graph, schemes_graph
from .processes import forked_pool
from .progress import Progress
from .readers import UnknownDocument, read_document
from .readers.text import ReaderError
from .search import build_index
from .selection import choose_documents
from .store import Store
from .store.dataset import (
    add_triples,
    default_graph_size,
    give_one_home,
    load_dataset,
)
from .summary import GRAPH_NAME as SUMMARY
from .summary import dataset_counts, statement_links
from .themes import tag_themes, theme_matcher
from .validate import validate_graph
from .validate.shapes import run_shapes
from .vocab import JAR


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
    """Build-level failures."""
    replaced: list[str] = field(default_factory=list)
    """Bundled documents a user's file replaced, each as a sentence."""
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


def inferred_graph(graphs: Iterable[Graph], ontology: Graph) -> Graph:
    """Superclass memberships, so that asking for reviews finds joint area reviews."""
    supers: dict[Node, set[URIRef]] = {}
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
    """Area names as written -> area URIs, through the reference table of authorities;
    a name it does not know is an error (once, at its first line in ``file``)."""

    def __init__(self, file: str = "") -> None:
        self._resolve = resolve_area
        self.file = file
        self._unknown: dict[str, tuple[int, str]] = {}

    def __call__(self, name: str, source: Source | None) -> URIRef:
        try:
            authority = self._resolve(name)
        except LinkError as exc:
            line = source.line if source else 0
            known = self._unknown.get(name)
            if known is None or (line and (not known[0] or line < known[0])):
                self._unknown[name] = (line, str(exc).rstrip("."))
            return uris.area(uris.slug(name))
        return uris.area(authority.slug)

    @property
    def errors(self) -> list[str]:
        return [f"{self.file}:{line or 1}: error: {message}; if it is none of them, correct "
                "the area's name in the document" for line, message in self._unknown.values()]


def build(
    data: Path | None = None,
    base: Path | None = None,
    *,
    bundled: bool = True,
    progress: Progress | Callable[[str], None] | None = None,
    validate: bool = True,
    target: Store | None = None,
    jobs: int | None = None,
) -> BuildReport:
    """Build the whole graph into a fresh store and publish it; see the module docstring.

    The build is published under ``base`` and then loaded into ``target`` (the
    store the settings name, :func:`jargraph.store.open_store`): nothing more for
    the embedded store, every named graph replaced on a SPARQL server. A
    server that does not answer stops the build before any work.
    """
    say = progress if isinstance(progress, Progress) else Progress(
        progress or (lambda message: None))
    if data is not None and not data.is_dir():
        raise FileNotFoundError(2, "no such folder of documents", str(data))
    selection = choose_documents(data, bundled)
    paths = selection.paths
    report = BuildReport(documents=[DocumentResult(key, str(path), errors=[error])
                                    for path, key, error in selection.repeats],
                         replaced=selection.replaced)
    for sentence in selection.replaced:
        say(f"  {sentence}")
    lap = Stopwatch(report.timings)
    if target is not None:
        target.prepare_load()
    with store.build_lock(base):
        folder = store.new_build_folder(base)
        report.folder = folder
        try:
            _build_into(folder, paths, report, lap, say, validate, jobs, target)
            store.publish(folder, base)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)  # never leave a half-written build
            raise
    loaded = sum(d.loaded for d in report.documents)
    stages = ", ".join(f"{stage} {seconds:.0f} s" for stage, seconds in report.timings.items())
    say(f"built {report.triples:,} triples from {loaded:,} of {len(report.documents):,} "
        f"documents into {folder} ({stages}; reading, converting, validating, the search "
        "index and the dumps summed over the processes that share them)")
    return report


def _build_into(folder: Path, paths: list[Path], report: BuildReport, lap: Stopwatch,
                say: Progress, validate: bool, jobs: int | None,
                target: Store | None) -> None:
    graphs_dir = folder / "graphs"
    graphs_dir.mkdir()
    doc_files: dict[str, Path] = {}
    loading: list[DocumentResult] = []
    with lap("documents"), say.task("converting", len(paths), "documents") as task:
        for converted in convert_all(paths, graphs_dir, validate, jobs):
            result = converted.result
            report.documents.append(result)
            for stage, seconds in converted.timings.items():
                report.timings[stage] = report.timings.get(stage, 0.0) + seconds
            if converted.graph_file is not None:
                doc_files[result.doc_id] = converted.graph_file
                loading.append(result)
            elif converted.validated:
                say(f"  {Path(result.path).name}: {len(result.errors)} problems; not loaded")
            else:
                say(f"  {Path(result.path).name}: left out: {'; '.join(result.errors)}")
            task.advance(warnings=len(result.warnings), failed=converted.graph_file is None)
    with lap("link"):
        extra = _shared_graphs()
    say(f"loading {len(doc_files) + len(extra):,} graphs into the store")
    with lap("load"):
        _load(folder, doc_files, extra)
    with lap("cube"):
        add_cube(folder, report.errors)
    with lap("summary"):
        report.triples = _add_counts(folder)
    shutil.rmtree(graphs_dir)
    say("writing the search index and the dumps")
    with lap("index and dumps"):
        _index_and_dump(folder, sorted(doc_files), report.timings, jobs)
    if target is not None:
        with lap("push"):
            pushed = target.load_build(folder, say)
        if pushed:
            say(f"loaded {pushed} graphs into {target.location}")
    for result in loading:
        result.loaded = True


@dataclass
class Converted:
    """One document read, converted and validated, as the main process needs it back."""

    result: DocumentResult
    graph_file: Path | None = None
    """N-Quads of the document's graph and its superclass memberships (in the
    inferred graph); None when the document is not to be loaded."""
    validated: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def convert_document(path: Path, graphs_dir: Path, validate: bool = True) -> Converted:
    """Read, convert, tag and validate one document; write its graph for loading. One
    that cannot be read, linked or converted comes back with its errors and no graph."""
    converted = Converted(DocumentResult(path.stem, str(path)))
    try:
        _convert(path, graphs_dir, validate, converted)
    except Exception as exc:  # noqa: BLE001 - one document never stops the build
        converted.graph_file = None
        converted.result.errors.append(
            f"{path}: error: could not convert this document ({exc!r}); it is left out: "
            "please report this with the file")
    return converted


def _convert(path: Path, graphs_dir: Path, validate: bool, converted: Converted) -> None:
    result = converted.result
    lap = Stopwatch(converted.timings)
    resolver = AreaResolver(str(path))
    with lap("read"):
        doc = _read(path, result)
    if doc is None:
        return
    result.doc_id = doc.id
    with lap("convert"):
        graph = _encode(doc, resolver, result)
    if resolver.errors:
        result.errors.extend(resolver.errors)
        return
    if graph is None:
        return
    with lap("convert"):
        links = statement_links(graph)
    if validate:
        with lap("validate"):
            problems = _validate(graph, links, path)
        converted.validated = True
        if problems:
            result.errors.extend(problems)
            return
    result.triples = len(graph)
    with lap("convert"):
        graph_file = graphs_dir / f"{doc.id}.nq"
        with open(graph_file, "wb") as out:
            out.write(as_nquads(graph, uris.graph(doc.id)))
            out.write(as_nquads(inferred_graph([graph], ontology_graph()),
                                uris.graph("inferred")))
            out.write(as_nquads(links, uris.graph(SUMMARY)))
    converted.graph_file = graph_file


def warm_caches() -> None:
    """Load once, before forking, what every conversion needs (schemes and their
    matchers, the authorities, the ontology, the shapes and their parsed SPARQL), so
    that the workers share it instead of each paying for it."""
    for scheme_name in ("services", "addressees", "measures"):
        matcher(scheme_name)
    inspectorate_uri("Ofsted")
    theme_matcher()
    authorities()
    ontology_graph()
    sample = Graph()
    for cls in (JAR.ReviewReport, JAR.GradeDistribution, JAR.AdditionalInvestigation,
                JAR.JointAreaReview, JAR.Judgement, JAR.MajorStrength, JAR.Recommendation):
        sample.add((URIRef(f"{uris.thing('warm-up', cls.fragment)}"), RDF.type, cls))
    validate_graph(sample)  # the results do not matter: the shapes are now parsed


def convert_all(paths: list[Path], graphs_dir: Path, validate: bool,
                jobs: int | None) -> Iterable[Converted]:
    """Convert documents in parallel processes where that is safe, in the given order."""
    pool = forked_pool(jobs, len(paths))
    if pool is None:
        return (convert_document(p, graphs_dir, validate) for p in paths)
    warm_caches()  # the pool forks at its first task: the workers share what this loads
    results = pool.map(convert_document, paths, repeat(graphs_dir), repeat(validate))

    def ordered() -> Iterable[Converted]:
        with pool:
            yield from results

    return ordered()


def _index_and_dump(folder: Path, doc_ids: list[str], timings: dict[str, float],
                    jobs: int | None) -> None:
    """The search index and the dumps (:mod:`jargraph.dumps`), which only read the
    finished store, written side by side; each part's seconds are added to ``timings``
    under "search index" or "dump", summed over the processes that share them."""
    write_readme(folder, doc_ids)
    half = (len(doc_ids) + 1) // 2
    parts: list[tuple[str, Callable[..., object], tuple[object, ...]]] = [
        ("search index", build_index, (folder,)),
        *(("dump", dump_dataset, (folder, name)) for name in DATASET_FILES),
        ("dump", dump_documents, (folder, doc_ids[:half])),
        ("dump", dump_documents, (folder, doc_ids[half:])),
    ]
    pool = forked_pool(jobs, len(parts))
    if pool is None:
        done = [_timed(stage, work, args) for stage, work, args in parts]
    else:
        with pool:
            done = list(pool.map(_timed, *zip(*parts, strict=True)))
    for stage, seconds in done:
        timings[stage] = timings.get(stage, 0.0) + seconds


def _timed(stage: str, work: Callable[..., object], args: tuple[object, ...]) -> tuple[str, float]:
    began = time.perf_counter()
    work(*args)
    return stage, time.perf_counter() - began


def _read(path: Path, result: DocumentResult) -> Document | None:
    try:
        doc = read_document(path)
    except (UnknownDocument, ReaderError, OSError, UnicodeError) as exc:
        result.errors.append(str(exc))
        return None
    result.warnings.extend(str(w) for w in doc.warnings)
    return doc


def _encode(doc: Document, resolver: AreaResolver, result: DocumentResult) -> Graph | None:
    try:
        graph, warnings = encode_document(doc, resolver)
    except EncodingProblem as exc:
        result.errors.append(str(exc))
        return None
    result.warnings.extend(str(w) for w in warnings)
    graph += tag_themes(graph)
    return graph


def _validate(graph: Graph, links: Graph, path: Path) -> list[str]:
    """The problems of a document's graph with its summary links beside it. The links
    it lacks are added for the check and taken out after: a copy of the whole graph
    cost more than they do."""
    added = [triple for triple in links if triple not in graph]
    graph.addN((s, p, o, graph) for s, p, o in added)
    try:
        report = validate_graph(graph, file=str(path))
    finally:
        for triple in added:
            graph.remove(triple)
    return [str(problem) for problem in report.problems]


SHARED_ORDER = ("ontology", "schemes", "reference")
"""Graphs that come before the documents as a triple's home (:func:`_load`); the
superclass memberships (``inferred``) come after them."""


def _shared_graphs() -> dict[str, Graph]:
    """The graphs every build has beside the documents' own."""
    ontology = ontology_graph()
    schemes = schemes_graph()  # already parsed for matching; read, never changed here
    reference = reference_graph()
    return {
        "ontology": ontology,
        "schemes": schemes,
        "reference": reference,
        "inferred": inferred_graph([schemes, reference], ontology),
    }


GENID = "https://w3id.org/jargraph/.well-known/genid/"


def skolemised(graph: Graph) -> Graph:
    """Blank nodes (OWL lists, restrictions) replaced by IRIs that depend on the graph's
    content alone, so that every build writes byte-identical dumps."""
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return graph
    canonical = to_canonical_graph(graph)
    out = Graph()
    for s, p, o in canonical:
        out.add((_skolem(s), _skolem(p), _skolem(o)))
    return out


def _skolem(term: Node) -> Node:
    return URIRef(GENID + str(term)) if isinstance(term, BNode) else term


def as_nquads(graph: Graph, name: URIRef) -> bytes:
    """A graph's triples as N-Quads in the named graph ``name``."""
    triples = skolemised(graph).serialize(format="nt", encoding="utf-8")
    suffix = f" <{name}> .\n".encode()
    return b"".join(line[:-2] + suffix for line in triples.splitlines() if line.endswith(b" ."))


def _load(folder: Path, doc_files: dict[str, Path], extra: dict[str, Graph]) -> None:
    """One bulk load of every graph into the build's new store, each triple in one home
    graph so that their union, the default graph, is a set
    (:mod:`jargraph.store.dataset`).

    The shared graphs go first; a document's triples that a shared graph already
    states (an area's type, which the reference graph gives) are left out as the
    file is written, and any repeat left is removed after the load.
    """
    everything = folder / "graphs" / "all.nq"
    shared = [name for name in SHARED_ORDER if name in extra]
    stated: set[bytes] = set()
    with open(everything, "wb") as out:
        for name in shared:
            lines = as_nquads(extra[name], uris.graph(name))
            stated.update(line.rsplit(b" <", 1)[0] for line in lines.splitlines())
            out.write(lines)
        for _, graph_file in sorted(doc_files.items()):
            with open(graph_file, "rb") as part:
                out.writelines(line for line in part
                               if line.rsplit(b" <", 1)[0] not in stated)
        for name in sorted(set(extra) - set(shared)):
            out.write(as_nquads(extra[name], uris.graph(name)))
    oxi = ox.Store(str(folder / "oxigraph"))
    load_dataset(oxi, everything, ox.RdfFormat.N_QUADS)
    precedence = [str(uris.graph(name)) for name in [*shared, *sorted(doc_files)]]
    give_one_home(oxi, precedence)


def _add_counts(folder: Path) -> int:
    """The summary's counts (reviews per area, instances per class) of the whole store,
    once every graph is in it; returns the number of distinct triples."""
    oxi = ox.Store(str(folder / "oxigraph"))
    counts = dataset_counts(oxi)
    conforms, results = run_shapes(counts)  # the shapes alone: the counts describe things
    if not conforms:  # typed elsewhere; made by the build itself, a failure here is a bug
        messages = sorted(str(m) for m in results.objects(None, SH.resultMessage))
        raise RuntimeError(f"the build's counts break the shapes: {messages[:1]}")
    add_triples(oxi, as_nquads(counts, uris.graph(SUMMARY)))
    return default_graph_size(oxi)


def print_report(report: BuildReport, out=None) -> None:
    out = out or sys.stdout  # the stream of the moment, not the one at import
    for result in report.documents:
        for warning in result.warnings:
            print(warning, file=out)
        for error in result.errors:
            print(error, file=out)
