"""The parts of the encoding guide (``data/encodings/README.md``) made from the data.

The guide lists every concept an encoding may use and every area with its
identifier; both are written here from the schemes and the reference table,
between ``<!-- generated: NAME -->`` and ``<!-- end: NAME -->`` marks, so
they cannot drift from what the validator accepts (a test compares them).
After changing a scheme or the table, rewrite them with

    python -m jargraph.validate.guide
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from .. import links, resources
from ..ontology import ontology_graph, schemes_graph, superclasses
from ..vocab import JAR
from . import concepts

GUIDE = "README.md"


def concept_lists() -> str:
    """One table per kind of concept: what to write, what it means, and (where a kind has
    several) which kind of concept it is, a core judgement area or an outcome area."""
    by_kind: dict[str, list[concepts.Concept]] = {}
    for concept in concepts.concepts().values():
        if concept.kind != "scheme":
            by_kind.setdefault(concept.kind, []).append(concept)
    parts = []
    for kind in sorted(by_kind):
        listed = sorted(by_kind[kind], key=lambda c: c.key)
        classes = {c.iri: _class_label(c.iri) for c in listed}
        several = len(set(classes.values())) > 1
        parts.append(f"**{concepts.scheme_label(kind)}**\n")
        parts.append("| write | means | is a |\n| --- | --- | --- |" if several
                     else "| write | means |\n| --- | --- |")
        for concept in listed:
            extra = f" {classes[concept.iri]} |" if several else ""
            parts.append(f"| `<{kind}/{concept.key}>` | {concept.label} |{extra}")
        parts.append("")
    return "\n".join(parts).strip()


def _class_label(iri: str) -> str:
    """The label of the most specific jargraph class a concept is typed with."""
    ontology = ontology_graph()
    found = [c for c in schemes_graph().objects(URIRef(iri), RDF.type)
             if str(c).startswith(str(JAR))]
    found.sort(key=lambda c: -len(superclasses(str(c))))
    return str(ontology.value(found[0], RDFS.label)) if found else ""


def area_list() -> str:
    """Every children's services authority of 2005-2009: identifier, name and codes."""
    rows = ["| write | skos:prefLabel | DfE | GSS | in service |",
            "| --- | --- | --- | --- | --- |"]
    for authority in sorted(links.authorities(), key=lambda a: a.slug):
        rows.append(f"| `<area/{authority.slug}>` | {authority.name} | {authority.dfe_code} "
                    f"| {authority.gss_code or ''} | {authority.in_service} |")
    return "\n".join(rows)


SECTIONS = {"concepts": concept_lists, "areas": area_list}


def refreshed(text: str) -> str:
    """The guide's text with each generated section written anew."""
    for name, make in SECTIONS.items():
        pattern = re.compile(
            rf"(<!-- generated: {name} -->\n)(?:.*?\n)?(<!-- end: {name} -->)", re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"the guide has no <!-- generated: {name} --> section")
        match = pattern.search(text)
        assert match is not None
        text = text[: match.start()] + match.group(1) + make() + "\n" + match.group(2) + (
            text[match.end():])
    return text


def main() -> int:
    path = Path(resources.encodings_dir()) / GUIDE
    path.write_text(refreshed(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"rewrote the generated sections of {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
