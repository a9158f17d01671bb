"""The OWL reasoner's findings on an encoding, as problems placed in the file.

``jargraph validate --reason`` runs :mod:`jargraph.reason` after the shapes;
each contradiction it names becomes a `Problem` on the line where the node's
clashing type or property is written, worded like the shapes' problems.
"""

from __future__ import annotations

from rdflib import Graph

from ..reason import check
from .locating import Locator
from .messages import render
from .prefixes import declared_prefixes
from .report import Problem


def consistency_problems(
    data: Graph, *, source_text: str | None = None, file: str | None = None,
    format: str = "turtle",
) -> list[Problem]:
    """Check the data's consistency with the ontology (HermiT; raises
    `jargraph.reason.ReasonerUnavailable` without Java) and word what contradicts."""
    found = check(data)
    prefixes = declared_prefixes(source_text, format) if source_text else {}
    locator = Locator(source_text, format, data) if source_text else None
    return [
        Problem(
            file=file,
            line=locator.line(clash.node, clash.path, clash.value) if locator else None,
            focus=render(clash.node, prefixes),
            path=None,
            value=None,
            message=f"Inconsistent with the ontology: it {clash.detail}; {clash.hint}.",
        )
        for clash in found.clashes
    ]
