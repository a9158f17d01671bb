"""Validation time per document: the validator now against the one before its new checks.

A build validates every document it converts, so a build of 1,000 reports
pays for each check 1,000 times. This script converts the seed documents
(and, with ``--synthetic N``, N synthetic JAR reports made as
``synthetic.py`` makes them) into the graphs a build validates, then times
on each, interleaved and repeated:

* the baseline: what validation was before the closed-world vocabulary,
  literal, cross-check and placeholder checks, that is pySHACL over the data
  with the ontology mixed in and the shapes of that time
  (``baseline/shapes-before-closed-world.ttl``, a copy kept for this), and
* ``jargraph.validate.validate_graph`` as it is now: every check.

It prints the median time per document (CPU time of this process, which other
work on the machine disturbs least, and wall-clock time) and the ratio of the
two, measured in the same run. The target is about 1.3 or less.

    python benchmarks/validation_benchmark.py [--repeat 5] [--synthetic 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyshacl
from rdflib import Graph

from jargraph.build import AreaResolver, report_paths
from jargraph.encode import encode_document
from jargraph.readers import read_document
from jargraph.themes import tag_themes
from jargraph.validate import validate_graph
from jargraph.validate.shapes import _with_ontology

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import generate  # noqa: E402

BASELINE_SHAPES = Path(__file__).with_name("baseline") / "shapes-before-closed-world.ttl"


def graphs(paths: list[Path]) -> list[Graph]:
    """The graph a build validates for each document: read, encoded, tagged with themes."""
    found = []
    for path in paths:
        graph, _ = encode_document(read_document(path), AreaResolver())
        graph += tag_themes(graph)
        found.append(graph)
    return found


def baseline(shapes: Graph) -> Callable[[Graph], object]:
    def run(graph: Graph) -> object:
        return pyshacl.validate(_with_ontology(graph), shacl_graph=shapes, inference="none",
                                inplace=True)
    return run


def current(graph: Graph) -> object:
    report = validate_graph(graph)
    if report.problems:
        raise SystemExit(f"a seed document does not validate: {report.problems[0]}")
    return report


def timed(run: Callable[[Graph], object], graph: Graph) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    run(graph)
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per document")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N",
                        help="also N synthetic JAR reports")
    args = parser.parse_args()
    paths = report_paths()
    with tempfile.TemporaryDirectory() as scratch:
        if args.synthetic:
            paths += generate(args.synthetic, Path(scratch))
        documents = graphs(paths)
    runs = {"baseline": baseline(Graph().parse(BASELINE_SHAPES)), "current": current}
    for run in runs.values():  # warm up: parsed shapes, prepared queries, schemes
        for graph in documents:
            run(graph)
    times: dict[str, dict[str, list[float]]] = {n: {"cpu": [], "wall": []} for n in runs}
    for _ in range(args.repeat):
        for graph in documents:
            for name, run in runs.items():
                cpu, wall = timed(run, graph)
                times[name]["cpu"].append(cpu)
                times[name]["wall"].append(wall)
    print(f"{len(documents)} documents ({len(report_paths())} seed, {args.synthetic} synthetic), "
          f"{args.repeat} timed runs each, interleaved")
    print(f"{'':10} {'CPU ms/doc':>11} {'wall ms/doc':>12}")
    for name in runs:
        cpu = statistics.median(times[name]["cpu"]) * 1000
        wall = statistics.median(times[name]["wall"]) * 1000
        print(f"{name:10} {cpu:11.1f} {wall:12.1f}")
    for kind in ("cpu", "wall"):
        ratio = sum(times["current"][kind]) / sum(times["baseline"][kind])
        print(f"ratio current / baseline ({kind} time, all runs summed): {ratio:.2f}")


if __name__ == "__main__":
    main()
