"""``jargraph export``: the whole built dataset, or one named graph, in an RDF format.

The whole dataset is its named graphs; the default graph (the set of their
triples) is not written again, as a SPARQL server would rebuild it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .. import formats, settings, uris
from ..progress import Progress, Task
from ..store import StoreError, open_read_only
from ..store.dataset import named_quads, named_size
from ..vocab import PREFIXES

PROGRESS_FROM = 200_000
"""Quads from which an export shows its progress on standard error."""
COUNT_EVERY = 10_000
"""Quads written between two updates of the progress."""
EXPORTS = {f.name: f for f in formats.RDF} | {"rdfxml": formats.find("rdf", "graph"),
                                               "n3": formats.TURTLE}


def add_parser(sub: argparse._SubParsersAction, words: list[str]) -> None:
    p = sub.add_parser("export", help="write the whole dataset in an RDF format")
    p.add_argument("--format", "-f", default="trig", choices=sorted(EXPORTS),
                   help="RDF format (default: trig)")
    p.add_argument("--output", "-o", type=Path, default=None, help="file (default: stdout)")
    p.add_argument("--graph", default=None,
                   help="one named graph only (a document id such as jar-southampton-2007)")
    settings.add_options(p, ("home",))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    chosen = EXPORTS[args.format]
    assert chosen is not None
    fmt = chosen.rdf_format
    graph = ox.NamedNode(str(uris.graph(args.graph))) if args.graph else None
    if not fmt.supports_datasets and graph is None:
        print(f"jargraph export: {args.format} holds one graph only: add --graph NAME "
              "or choose trig or nq", file=sys.stderr)
        return 2
    try:
        oxi = open_read_only(settings.from_args(args).home)
        if graph is not None and not oxi.contains_named_graph(graph):
            names = sorted(str(g.value).rsplit("/", 1)[-1] for g in oxi.named_graphs())
            print(f"jargraph export: no graph {args.graph!r}; graphs: {', '.join(names)}",
                  file=sys.stderr)
            return 2
        if args.output is None:
            _serialise(oxi, fmt, graph, sys.stdout.buffer)
            return 0
    except BrokenPipeError:  # the reader stopped early (``| head``): nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (StoreError, OSError) as exc:
        print(f"jargraph export: {exc}", file=sys.stderr)
        return 2
    return _write(args.output, lambda out: _serialise(oxi, fmt, graph, out))


def _serialise(oxi: ox.Store, fmt: ox.RdfFormat, graph: ox.NamedNode | None,
               out: BinaryIO) -> None:
    """Write the quads (or one graph's triples) as they are read, with a progress bar
    or progress lines on standard error for a large graph."""
    total = _size(oxi, graph)
    quads = oxi.quads_for_pattern(None, None, None, graph) if graph is not None else (
        named_quads(oxi))
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    shown = Progress(sys.stderr) if total >= PROGRESS_FROM else Progress(lambda line: None)
    with shown.task("exporting", total, "quads") as task:
        counted = _counted(quads, task)
        terms = counted if fmt.supports_datasets else (q.triple for q in counted)
        ox.serialize(terms, out, format=fmt, prefixes=prefixes)


def _size(oxi: ox.Store, graph: ox.NamedNode | None) -> int:
    """Quads to write: one graph's, or those of every named graph (the default graph,
    their set, is not written)."""
    if graph is None:
        return named_size(oxi)
    found = oxi.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
    assert isinstance(found, ox.QuerySolutions)
    return int(next(iter(found))["n"].value)


def _counted(quads: Iterable[ox.Quad], task: Task) -> Iterator[ox.Quad]:
    step = 0
    for quad in quads:
        yield quad
        step += 1
        if step == COUNT_EVERY:
            task.advance(step)
            step = 0
    task.advance(step)


def _write(output: Path, write: Callable[[BinaryIO], None]) -> int:
    """Write through a ``.part`` file, so a failed write leaves no half file."""
    tmp = output.with_name(output.name + ".part")
    try:
        with open(tmp, "wb") as out:
            write(out)
        tmp.replace(output)
    except (OSError, StoreError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"jargraph export: cannot write {output}: {reason}", file=sys.stderr)
        return 2
    return 0
