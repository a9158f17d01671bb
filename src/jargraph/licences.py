"""The licences of what jargraph publishes, stated once: the data's and the code's.

They are different things. The data holds the words of the source documents,
quoted without adaptation: those stay Crown copyright, and may be reproduced
only on the terms printed in each document. Around those words, jargraph makes
its own encodings (identifiers, structure, grades as data, classifications,
links, counts): those are released under CC BY 4.0. jargraph's code, with the
ontology and concept schemes that ship in its package, is under the MIT
licence (``LICENSE``), which says nothing about the documents or the data.

The dataset description (``/void``), the licence page (``/licence``), the
dumps' ``README.md`` written by the build and the README all read this
module, so they say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocab import GRAPH


@dataclass(frozen=True)
class Licence:
    key: str
    """A short name: ``source-documents``, ``encodings``, ``code``."""
    title: str
    iri: str | None
    """The licence's own address, where it has one (the documents' terms have none)."""
    covers: str
    """What it covers, as a sentence."""
    terms: str
    """The terms in short."""


SOURCE_DOCUMENTS = Licence(
    key="source-documents",
    title="Crown copyright: non-commercial reproduction without adaptation",
    iri=None,
    covers=(
        "The words of the source documents quoted in the data (the text of every passage, "
        "finding, recommendation and quotation): the Ofsted reports are Crown copyright "
        "(2007, 2008, 2009 as printed on each), and the Leeds City Council paper reproduces "
        "the Crown copyright Ofsted report on Leeds and is included on the same terms."
    ),
    terms=(
        "May be reproduced in whole or in part for non-commercial (educational) purposes, "
        "provided that the information quoted is reproduced without adaptation and the "
        "source and date of publication are stated. The data states both for every "
        "statement (dcterms:isPartOf its document, whose dcterms:title and dcterms:issued "
        "are in the graph). Commercial reuse of the quoted words needs the copyright "
        "holder's permission."
    ),
)
ENCODINGS = Licence(
    key="encodings",
    title="Creative Commons Attribution 4.0 International (CC BY 4.0)",
    iri="https://creativecommons.org/licenses/by/4.0/",
    covers=(
        "The encodings jargraph makes of the documents, without their quoted words: the "
        "identifiers, the structure, the grades, counts and figures as data, the "
        "classifications (themes, services, addressees), the links between reviews, areas "
        "and codes, and the reference and inferred graphs."
    ),
    terms="Reuse for any purpose, giving credit to jargraph.",
)
CODE = Licence(
    key="code",
    title="MIT licence",
    iri="https://opensource.org/licenses/MIT",
    covers=(
        "jargraph's code, and the ontology and concept schemes that ship in its package "
        "(the ontology and schemes graphs). It is not a licence of the documents or of the "
        "data made from them."
    ),
    terms="See LICENSE in the source distribution.",
)
LICENCES = (SOURCE_DOCUMENTS, ENCODINGS, CODE)

DATASET_RIGHTS = (
    "The data mixes two things under two sets of terms. The words quoted from the source "
    "documents are Crown copyright and may be reproduced only for non-commercial purposes, "
    "without adaptation, with their source and date stated (which the data does for every "
    "statement). jargraph's own encodings, without the quoted words, are under CC BY 4.0. "
    "So the dataset as a whole (the dumps, the SPARQL endpoint) may be reused on the source "
    "documents' terms; the encodings alone on CC BY 4.0. jargraph's code (MIT licence) is "
    "not a licence of the data."
)
"""The rights statement of the whole dataset."""

CODE_GRAPHS = ("ontology", "schemes")
ENCODING_GRAPHS = ("reference", "inferred")


def graph_licence(graph: str) -> Licence:
    """The licence of one named graph of the dataset: a document's graph quotes its
    document, the ontology and schemes ship with the code, the rest is jargraph's own."""
    name = graph[len(str(GRAPH)):] if graph.startswith(str(GRAPH)) else graph
    if name in CODE_GRAPHS:
        return CODE
    if name in ENCODING_GRAPHS:
        return ENCODINGS
    return SOURCE_DOCUMENTS


def dumps_readme(documents: list[str]) -> str:
    """The ``README.md`` a build writes beside its dumps: what each file holds, and the
    licences that apply to them."""
    files = [
        "| `jargraph.trig` | every named graph, in TriG |",
        "| `jargraph.nq` | the same, in N-Quads |",
        *(f"| `{doc}.ttl` | the graph of the document `{doc}`, in Turtle |" for doc in documents),
    ]
    licences = "\n\n".join(
        f"### {licence.title}\n\n{licence.covers}\n\n{licence.terms}"
        + (f" <{licence.iri}>" if licence.iri else "")
        for licence in LICENCES)
    return "\n".join([
        "# jargraph dumps",
        "",
        "The Joint Area Reviews of children's services in England, 2005-2009, as linked "
        "data: the named graphs of one build. The default graph of a SPARQL server is the "
        "union of these graphs; each triple is in one of them only.",
        "",
        "| file | holds |",
        "| --- | --- |",
        *files,
        "",
        "## Licences",
        "",
        DATASET_RIGHTS,
        "",
        "The graphs `ontology` and `schemes` are under the MIT licence; `reference` and "
        "`inferred` under CC BY 4.0; each document's graph quotes that document, whose "
        "words are under its own terms, the rest of the graph under CC BY 4.0.",
        "",
        licences,
        "",
    ])
