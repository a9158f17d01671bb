"""OWL consistency: a graph with the ontology, checked by the HermiT reasoner.

SHACL checks that each node has what it must; it cannot see that statements
contradict the ontology's axioms taken together (a strength that is also a
weakness, a practice example given a property whose domain excludes it).
HermiT, run through owlready2 on Java, can. It says only *that* a graph is
inconsistent, so :mod:`jargraph.clashes` then says *why*, and when no clash it
knows of explains it, HermiT is run on halves of the data to name the nodes
the contradiction lies in.

The graph goes to owlready2 from memory: nothing the person gave is written
to, owl:imports are dropped so nothing is fetched, and owlready2's temporary
files go into a folder removed afterwards.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import owlready2
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL
from rdflib.term import Node

from .clashes import Clash, find_clashes, ill_typed, name
from .ontology import vocabulary_graph

INSTALL_JAVA = (
    "the OWL reasoner (HermiT) runs on Java, and there is no 'java' on PATH; "
    "install a Java runtime (e.g. `apt-get install default-jre-headless`) and run this again"
)
NARROWING_BUDGET = 60.0
"""Seconds spent at most on naming the nodes of a contradiction no clash explains."""
_ONTOLOGY_IRI = "https://w3id.org/jargraph/reasoning/"
_TEMPDIR_LOCK = threading.Lock()


class ReasonerUnavailable(Exception):
    """Java is missing or HermiT could not run; the message says what to do."""


@dataclass
class Consistency:
    """What the reasoner found: consistent or not, and why, in sentences."""

    consistent: bool
    clashes: list[Clash] = field(default_factory=list)
    """Why the graph is inconsistent, or the classes that can have no members."""
    seconds: float = 0.0
    triples: int = 0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.clashes


def require_java() -> None:
    """Raise ReasonerUnavailable, saying how to install Java, if there is none to run."""
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise ReasonerUnavailable(INSTALL_JAVA)


def java_missing(command: str) -> bool:
    """For ``jargraph COMMAND --reason``: True, having said how to install Java, if there
    is none (checked before any work, so no time is spent on a check that cannot run)."""
    try:
        require_java()
    except ReasonerUnavailable as exc:
        print(f"jargraph {command} --reason: {exc}", file=sys.stderr)
        return True
    return False


def check(data: Graph) -> Consistency:
    """Whether ``data`` (a graph, or every graph of a dataset) is consistent with the
    ontology and concept schemes; raises ReasonerUnavailable without Java."""
    require_java()
    started = time.perf_counter()
    merged = _merged(data)
    invalid = []
    for triple, clash in list(ill_typed(merged)):
        merged.remove(triple)
        invalid += [clash] if clash else []
    whole = merged + vocabulary_graph()
    consistent, nothing = _hermit(whole)
    if consistent:
        clashes = [Clash(cls, "can have no members: the reasoner finds its axioms "
                              "contradictory (it is equivalent to owl:Nothing)",
                         "check its subclass, disjointness, domain and range axioms",
                         classes=(cls,)) for cls in nothing]
    else:
        clashes = find_clashes(whole) or _narrowed(merged, started + NARROWING_BUDGET)
    return Consistency(consistent and not invalid, invalid + clashes,
                       time.perf_counter() - started, len(whole))


def check_file(path: Path) -> Consistency:
    """Check a dump of a whole graph (N-Quads, TriG or any format rdflib guesses)."""
    fmt = {".nq": "nquads", ".trig": "trig"}.get(path.suffix.lower())
    data = Dataset()
    data.parse(path, format=fmt)
    return check(data)


def check_build(folder: Path, out: TextIO | None = None) -> int:
    """``jargraph build --reason``: check the whole graph a build wrote (its N-Quads
    dump) and print what the reasoner finds (to standard output by default); 0
    consistent, 1 not, 2 it could not run."""
    out = out or sys.stdout
    print("checking the graph's OWL consistency with HermiT ...", file=sys.stderr, flush=True)
    try:
        found = check_file(folder / "dumps" / "jargraph.nq")
    except ReasonerUnavailable as exc:
        print(f"jargraph build --reason: {exc}", file=sys.stderr)
        return 2
    for clash in found.clashes:
        print(clash, file=out)
    verdict = "consistent" if found.consistent else "INCONSISTENT"
    print(f"the graph ({found.triples} triples with the ontology) is {verdict} with the "
          f"ontology; {len(found.clashes)} problems ({found.seconds:.1f} s)", file=out)
    return 0 if found.ok else 1


def _merged(data: Graph) -> Graph:
    """The data as one graph, every named graph merged, without owl:imports."""
    merged = Graph()
    graphs = data.graphs() if isinstance(data, Dataset) else [data]
    for graph in graphs:
        merged += graph
    merged.remove((None, OWL.imports, None))
    return merged


def _hermit(graph: Graph) -> tuple[bool, list[URIRef]]:
    """Run HermiT: (consistent, the classes it makes equivalent to owl:Nothing)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    world = owlready2.World()
    noise = io.StringIO()  # owlready2 prints warnings about punned properties
    with _TEMPDIR_LOCK, tempfile.TemporaryDirectory(prefix="jargraph-reason-") as scratch:
        saved, tempfile.tempdir = tempfile.tempdir, scratch
        try:
            with redirect_stderr(noise):
                ontology = world.get_ontology(_ONTOLOGY_IRI).load(
                    fileobj=io.BytesIO(data), format="ntriples")
                with ontology:
                    # HermiT knows only the OWL 2 datatype map; xsd:gYear and friends are skipped
                    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                                   ignore_unsupported_datatypes=True)
            return True, sorted(URIRef(cls.iri) for cls in world.inconsistent_classes()
                                if cls is not None and cls.iri != str(OWL.Nothing))
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, []
        except owlready2.OwlReadyOntologyParsingError as exc:
            raise ReasonerUnavailable(f"owlready2 could not read the graph: {exc}") from None
        except owlready2.OwlReadyJavaError as exc:
            raise ReasonerUnavailable(f"HermiT failed: {_first_line(str(exc))}") from None
        except OSError as exc:
            raise ReasonerUnavailable(f"{INSTALL_JAVA} ({exc.strerror})") from None
        finally:
            tempfile.tempdir = saved
            world.close()


def _first_line(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    useful = [line for line in lines if "Exception" in line or "Error" in line]
    return (useful or lines or ["no message"])[-1][:300]


def _narrowed(data: Graph, deadline: float) -> list[Clash]:
    """Name the nodes a contradiction lies in: HermiT on parts of the data, grouped by
    subject, keeps the fewest subjects whose statements are still inconsistent (as far
    as the time allows)."""
    groups: dict[Node, Graph] = defaultdict(Graph)
    for triple in data:
        groups[triple[0]].add(triple)
    vocabulary = vocabulary_graph()

    def inconsistent(subjects: list[Node]) -> bool:
        graph = Graph() + vocabulary
        for subject in subjects:
            graph += groups[subject]
        return not _hermit(graph)[0]

    def narrow(candidates: list[Node], fixed: list[Node]) -> list[Node]:
        """The fewest of ``candidates`` that, with ``fixed``, are inconsistent."""
        if len(candidates) <= 1 or time.perf_counter() > deadline:
            return candidates
        half = len(candidates) // 2
        first, second = candidates[:half], candidates[half:]
        if inconsistent(fixed + first):
            return narrow(first, fixed)
        if inconsistent(fixed + second):
            return narrow(second, fixed)
        kept = narrow(first, fixed + second)  # the contradiction needs both halves
        return kept + narrow(second, fixed + kept)

    found = narrow(sorted(groups, key=name), [])
    return [Clash(node, f"is among the {len(found)} nodes whose statements together the "
                        "reasoner finds inconsistent with the ontology, though not by disjoint "
                        "classes or a datatype",
                  "check their types and values against the ontology's axioms")
            for node in found[:10]]
