"""The OWL reasoner's findings on an encoding, as problems placed in the file.

``jargraph validate --reason`` runs :mod:`jargraph.reason` after the other
checks; each contradiction it names becomes a `Problem` where the node's
clashing type or property is written, worded like the other problems.
"""

from __future__ import annotations

from rdflib import Graph

from ..reason import check
from .locating import Locator
from .messages import place
from .report import Finding, Problem
from .style import expand_short


def consistency_problems(
    data: Graph, *, source_text: str | None = None, file: str | None = None,
    format: str = "turtle",
) -> list[Problem]:
    """Check the data's consistency with the ontology (HermiT; raises
    `jargraph.reason.ReasonerUnavailable` without Java) and word what contradicts."""
    found = check(data)
    locator = Locator(source_text, format, data) if source_text else None
    findings = [
        (Finding("Consistency", clash.node, clash.path, clash.value,
                 expand_short(f"Inconsistent with the ontology: it {clash.detail}; {clash.hint}."),
                 part="subject" if clash.path is None else None), "violation")
        for clash in found.clashes
    ]
    problems = place(findings, data, locator, file, format)
    return [Problem(p.file, p.line, p.focus, None, None, p.message, p.severity, p.column,
                    p.rule, p.fix) for p in problems]
