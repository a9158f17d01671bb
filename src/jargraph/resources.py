"""The files that ship inside the package, found with ``importlib.resources``.

The ontology, shapes and SKOS schemes (``ontology/``), the named queries
(``queries/``), the seed documents, the reference table of local authorities
and the encoding template and examples (``data/``) are package data, so an
installed jargraph works from any folder. pip installs a wheel unpacked, so
each resource is a real file; :func:`path` says so plainly if it is not.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = "jargraph"


def path(*parts: str) -> Path:
    """The file or folder ``parts`` inside the installed package, as a real path."""
    found = Path(str(files(PACKAGE).joinpath(*parts)))
    if not found.exists():
        raise FileNotFoundError(
            f"{'/'.join(parts)} is missing from the jargraph package at {found.parent}: "
            "reinstall jargraph (pip install --force-reinstall jargraph)")
    return found


def ontology_dir() -> Path:
    """``ontology/``: ``jargraph.ttl``, ``shapes.ttl`` and ``schemes/*.ttl``."""
    return path("ontology")


def ontology_file(name: str) -> Path:
    return path("ontology", name)


def scheme_file(name: str) -> Path:
    """One SKOS concept scheme, e.g. ``themes.ttl``."""
    return path("ontology", "schemes", name)


def scheme_files() -> list[Path]:
    return sorted(path("ontology", "schemes").glob("*.ttl"))


def queries_dir() -> Path:
    """``queries/``: the named query library, one ``.rq`` file per query."""
    return path("queries")


def data_dir() -> Path:
    """``data/``: the seed documents, the reference table and the encodings."""
    return path("data")


def reports_dir() -> Path:
    """The bundled source documents (``data/reports/*.txt``)."""
    return path("data", "reports")


def reference_csv() -> Path:
    """The local authorities of 2005-2009 with their DfE numbers and GSS codes."""
    return path("data", "reference", "local-authorities.csv")


def encodings_dir() -> Path:
    """The encoding template, a worked example and examples of mistakes."""
    return path("data", "encodings")
