"""The records the scanners fill: each statement as written, with where its parts are.

A statement's subject and object are keys: an IRI (a string), a literal
(``("literal", lexical form)``), a labelled blank node (``("bnode", label)``)
or, for an unlabelled blank node (a Turtle ``[ ... ]``, a JSON-LD object
without ``@id``), a number that ``Sink.anonymous`` describes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in the text."""

    line: int
    column: int


@dataclass(frozen=True)
class Written:
    """One statement as the file writes it, with where each part is."""

    subject: object
    predicate: str
    obj: object
    subject_at: Position
    predicate_at: Position
    object_at: Position


@dataclass
class Sink:
    """What a scanner found in one text."""

    statements: list[Written] = field(default_factory=list)
    anonymous: dict[int, tuple[object, str, Position]] = field(default_factory=dict)
    """Unlabelled blank node -> (key of what points at it, the property, where it opens)."""
    declarations: list[tuple[str | None, str, Position]] = field(default_factory=list)
    """(prefix, or None for a base; namespace IRI; where it is declared)."""
