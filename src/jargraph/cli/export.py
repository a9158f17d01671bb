"""``jargraph export``: the whole built dataset, or one named graph, in an RDF format.

The whole dataset is its named graphs; the default graph (the set of their
triples) is not written again, as a SPARQL server would rebuild it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

import pyoxigraph as ox

from .. import formats, settings, uris
from ..store import StoreError, open_read_only
from ..store.dataset import named_quads
from ..vocab import PREFIXES

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
        data = _serialised(oxi, fmt, graph)
    except (StoreError, OSError) as exc:
        print(f"jargraph export: {exc}", file=sys.stderr)
        return 2
    if args.output is None:
        sys.stdout.buffer.write(data)
        return 0
    return _write(args.output, data)


def _serialised(oxi: ox.Store, fmt: ox.RdfFormat, graph: ox.NamedNode | None) -> bytes:
    if fmt.supports_datasets and graph is not None:
        return ox.serialize(oxi.quads_for_pattern(None, None, None, graph), format=fmt) or b""
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    if graph is not None:
        return oxi.dump(format=fmt, prefixes=prefixes, from_graph=graph) or b""
    return ox.serialize(named_quads(oxi), format=fmt, prefixes=prefixes) or b""


def _write(output: Path, data: bytes) -> int:
    """Write through a ``.part`` file, so a failed write leaves no half file."""
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(output)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        print(f"jargraph export: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0
