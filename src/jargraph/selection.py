"""Which documents a build reads: the bundled seed and the user's own, told apart by what
their text says they are, never by their files' names.

A user's file that is the same document as a bundled one (the same review, by its
text: :func:`jargraph.readers.identify`) replaces it, so a user can correct or extend
the seed without touching the installed package; of two of the user's files that are
one document the first (by path) is read and the other left out with a message. A
file that cannot be identified is kept, for its reading to say why it cannot be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import resources
from .readers import identify


@dataclass
class Selection:
    """The documents to read, and what choosing them found."""

    paths: list[Path] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    """Each bundled document a user's file replaces, as a sentence."""
    repeats: list[tuple[Path, str, str]] = field(default_factory=list)
    """(file, document id, error) for each user's file left out as a repeat of another."""


def user_files(data: Path) -> list[Path]:
    """Every ``.txt`` file (in any case: ``Report (1).TXT``) under ``data``, in any
    sub-folder but hidden ones, in order of path."""
    return sorted(p for p in data.rglob("*") if p.suffix.lower() == ".txt" and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(data).parts))


def choose_documents(data: Path | None = None, bundled: bool = True) -> Selection:
    """The bundled seed documents (unless ``bundled`` is False) and the user's files of
    ``data``, one file per document (see the module's docstring)."""
    selection = Selection()
    chosen: dict[str, Path] = {}
    for path in user_files(data) if data is not None else []:
        key = _identity(path) or str(path)
        if key in chosen:
            selection.repeats.append((path, key, f"{path}:1: error: the same document ({key})"
                                      f" as {chosen[key]}; left out: keep one of the two"))
        else:
            chosen[key] = path
    for path in sorted(resources.reports_dir().glob("*.txt")) if bundled else []:
        key = _identity(path) or str(path)
        if key in chosen:
            selection.replaced.append(f"{chosen[key]} replaces the bundled {path.name} (the "
                                      f"same document, {key})")
        else:
            chosen[key] = path
    selection.paths = sorted(chosen.values(), key=lambda p: (p.name, str(p)))
    return selection


def _identity(path: Path) -> str | None:
    try:
        return identify(path).id
    except Exception:  # noqa: BLE001 - not identified: reading it says why, in its turn
        return None
