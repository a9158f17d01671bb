"""The dumps of a build: every named graph as TriG and as N-Quads, each document's graph
as Turtle, and a README saying what each file holds and its licences.

The files only read the finished store, so the build writes them in parts
(:data:`DATASET_FILES` one a part, the documents' Turtle in shares) beside each other and
beside the search index, each part in a process of its own where that is safe.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from . import uris
from .licences import dumps_readme
from .store.dataset import named_quads
from .vocab import PREFIXES

DATASET_FILES = {"jargraph.trig": ox.RdfFormat.TRIG, "jargraph.nq": ox.RdfFormat.N_QUADS}
"""The dumps of every named graph (the default graph is derived from them), by file name."""


def dumps_folder(folder: Path) -> Path:
    """The dumps' folder of a build folder, made if it is not there."""
    dumps = folder / "dumps"
    dumps.mkdir(exist_ok=True)
    return dumps


def write_readme(folder: Path, doc_ids: list[str]) -> None:
    (dumps_folder(folder) / "README.md").write_text(dumps_readme(doc_ids), encoding="utf-8")


def dump_dataset(folder: Path, name: str) -> None:
    """One of :data:`DATASET_FILES`: every named graph, graph by graph in order of name."""
    oxi = ox.Store.read_only(str(folder / "oxigraph"))
    ox.serialize(named_quads(oxi), dumps_folder(folder) / name, DATASET_FILES[name],
                 prefixes=PREFIXES)


def dump_documents(folder: Path, doc_ids: list[str]) -> None:
    """Each document's graph as Turtle, ``<document>.ttl``."""
    oxi = ox.Store.read_only(str(folder / "oxigraph"))
    dumps = dumps_folder(folder)
    for doc_id in doc_ids:
        oxi.dump(dumps / f"{doc_id}.ttl", ox.RdfFormat.TURTLE, prefixes=PREFIXES,
                 from_graph=ox.NamedNode(str(uris.graph(doc_id))))
