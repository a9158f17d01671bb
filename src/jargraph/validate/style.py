"""Terms written as the file would write them, in legal Turtle, so they can be pasted.

A problem shows its node, property and value, and says what to write
instead. Everything it shows is legal Turtle for the file it is about: a
prefixed name only with a prefix the file declares and a local part Turtle
allows (``jar:grade``, never ``jarid:grade/good``), an IRI relative to the
file's own ``@base`` (``<grade/good>``), else the IRI in full
(``<https://w3id.org/jargraph/id/grade/good>``). N-Triples and N-Quads have
neither prefixes nor a base, so their problems show full IRIs; without the
file's text (the build), jargraph's own prefixes are used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..vocab import PREFIXES
from .located import Position

_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
"""A prefixed name's local part that needs no escapes (a namespace itself is shown in full)."""
_IRI_IN_TEXT = re.compile(
    r"<((?:https?|urn):[^\s<>\"{}|\\^`]*)>"
    r"|\b((?:https?|urn):[^\s,;()<>\"']*[^\s,;:()<>\"'.])"
)
_LONGEST = 60


def quoted(text: str) -> str:
    """A text as a Turtle string, quotes, backslashes and line breaks escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_SHORT_IRI = re.compile(r"\b(" + "|".join(map(re.escape, PREFIXES)) + r"):([\w./-]*[\w-])")


def expand_short(message: str) -> str:
    """``jarid:grade/good`` (how :func:`jargraph.terms.short_iri` shows an IRI, not legal
    Turtle) back to the full IRI, so :meth:`Style.text` can write it legally."""
    return _SHORT_IRI.sub(lambda m: f"<{PREFIXES[m.group(1)]}{m.group(2)}>"
                          if "/" in m.group(2) else m.group(0), message)


@dataclass(frozen=True)
class Style:
    """How one file writes IRIs: the prefixes and the base it declares."""

    prefixes: dict[str, str] = field(default_factory=dict)
    base: str | None = None

    @classmethod
    def of(cls, declarations: list[tuple[str | None, str, Position]] | None,
           fmt: str | None) -> Style:
        """The style of a file from its declarations; jargraph's prefixes without a text."""
        if declarations is None:
            return cls(dict(PREFIXES))
        if fmt in ("nt", "nquads"):
            return cls()
        prefixes = {p: ns for p, ns, _ in declarations if p is not None}
        bases = [ns for p, ns, _ in declarations if p is None]
        return cls(prefixes, bases[0] if bases and fmt != "json-ld" else None)

    def iri(self, iri: str) -> str:
        """An IRI as legal Turtle: a declared prefixed name, relative to @base, or in full."""
        best = max(
            ((len(ns), p) for p, ns in self.prefixes.items()
             if ns and iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns):])),
            default=None,
        )
        if best is not None:
            return f"{best[1]}:{iri[best[0]:]}"
        if self.base and iri.startswith(self.base) and iri != self.base:
            rest = iri[len(self.base):]
            if not re.match(r"[/?#]|[^/]*:", rest):
                return f"<{rest}>"
        return f"<{iri}>"

    def term(self, term: Node | None, shorten: bool = True) -> str:
        """Any RDF term as Turtle; long literals cut short unless ``shorten`` is False."""
        if term is None:
            return ""
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, BNode):
            return "[]"
        if isinstance(term, Literal):
            lexical = str(term)
            if shorten and len(lexical) > _LONGEST:
                lexical = lexical[: _LONGEST - 3] + "..."
            shown = json.dumps(lexical, ensure_ascii=False)
            if term.language:
                return f"{shown}@{term.language}"
            if term.datatype:
                return f"{shown}^^{self.iri(str(term.datatype))}"
            return shown
        return str(term)

    def text(self, message: str) -> str:
        """IRIs inside a message or a fix (bare or in ``<...>``) written in this style; a
        fix that declares a prefix or base keeps its IRI in full."""
        if message.startswith(("@prefix", "@base")):
            return message
        return _IRI_IN_TEXT.sub(lambda m: self.iri(m.group(1) or m.group(2)), message)
