"""The ontology and the shapes, served under ``/def``.

``/def`` lists every term of ``https://w3id.org/jargraph/def#`` with an
anchor per term (so ``jar:Judgement``, i.e. ``/def#Judgement``, lands on
it); ``/def/Judgement`` is the page of one term: label, definition,
superclasses, domain and range, and the shapes that constrain it. The files
themselves are at ``/def/jargraph.ttl``, ``/def/shapes.ttl`` and
``/def/schemes/{name}.ttl``; ``/def`` asked for Turtle gives the ontology.

The files are the package's own (not the store's copy), parsed once per
process by :mod:`jargraph.ontology`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from flask import Blueprint, Response, render_template, request
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from ..ontology import ONTOLOGY_FILE, files, ontology_graph, shapes_graph
from ..vocab import BASE, JAR

bp = Blueprint("ontology_docs", __name__)

_FILE_NAME = re.compile(r"(?:schemes/)?[a-z0-9][a-z0-9-]*\.ttl")
_TERM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,99}")
_KINDS = (
    (OWL.Class, "class"),
    (OWL.ObjectProperty, "object property"),
    (OWL.DatatypeProperty, "datatype property"),
    (OWL.AnnotationProperty, "annotation property"),
)


@dataclass
class Term:
    """What the documentation says about one ``jar:`` term."""

    name: str
    iri: str
    kind: str
    label: str
    definition: str = ""
    alt_labels: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    inverse: list[str] = field(default_factory=list)
    disjoint: list[str] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)


@dataclass
class Shape:
    """A shape that constrains a term: how (targets, path, class) and its message."""

    name: str
    how: str
    message: str


@dataclass
class Vocabulary:
    ontology: Graph
    shapes: Graph
    terms: dict[str, Term]


@cache
def vocabulary() -> Vocabulary:
    """The ontology and shapes with their terms indexed, made once per process."""
    ontology, shapes = ontology_graph(), shapes_graph()
    return Vocabulary(ontology, shapes, _terms(ontology, shapes))


def plural(noun: str) -> str:
    """The plural of an English noun phrase (its last word): ``object property`` ->
    ``object properties``, ``class`` -> ``classes``."""
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def grouped(terms: list[Term]) -> list[tuple[str, list[Term]]]:
    """Terms grouped by kind, each group headed by its kind in the plural."""
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: t.kind):
        groups.setdefault(term.kind, []).append(term)
    headings = {kind: plural(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).lower())
                for kind in groups}
    return [(headings[kind][:1].upper() + headings[kind][1:], members)
            for kind, members in groups.items()]


def term_label(iri: str) -> str | None:
    """The ontology's label for a term (class or property), if it has one."""
    graph = vocabulary().ontology
    for prop in (RDFS.label, SKOS.prefLabel):
        value = graph.value(URIRef(iri), prop)
        if value is not None:
            return str(value)
    return None


def _local(iri: Node) -> str | None:
    text = str(iri)
    return text[len(str(JAR)):] if text.startswith(str(JAR)) else None


def _name(graph: Graph, node: Node) -> str:
    """A class expression as text: a term's IRI, or ``A or B`` for a union."""
    union = graph.value(node, OWL.unionOf)
    if union is not None:
        return " or ".join(_name(graph, m) for m in Collection(graph, union))
    return str(node)


def _texts(graph: Graph, node: Node, prop: URIRef) -> list[str]:
    return sorted(str(v) for v in graph.objects(node, prop))


def _terms(ontology: Graph, shapes: Graph) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for cls, kind in _KINDS:
        for node in ontology.subjects(RDF.type, cls):
            name = _local(node)
            if not name or name in terms:
                continue
            label = ontology.value(node, RDFS.label) or ontology.value(node, SKOS.prefLabel)
            definition = ontology.value(node, SKOS.definition) or ontology.value(
                node, RDFS.comment)
            parent_prop = RDFS.subClassOf if cls == OWL.Class else RDFS.subPropertyOf
            terms[name] = Term(
                name=name,
                iri=str(node),
                kind=kind,
                label=str(label or name),
                definition=str(definition or ""),
                alt_labels=_texts(ontology, node, SKOS.altLabel),
                parents=sorted(_name(ontology, p) for p in ontology.objects(node, parent_prop)),
                children=sorted(str(c) for c in ontology.subjects(parent_prop, node)),
                domain=sorted(_name(ontology, d) for d in ontology.objects(node, RDFS.domain)),
                range=sorted(_name(ontology, r) for r in ontology.objects(node, RDFS.range)),
                inverse=sorted(
                    {str(i) for i in ontology.objects(node, OWL.inverseOf)}
                    | {str(i) for i in ontology.subjects(OWL.inverseOf, node)}
                ),
                disjoint=sorted(str(d) for d in ontology.objects(node, OWL.disjointWith)),
                shapes=_shapes_for(shapes, node),
            )
    for node in ontology.subjects(RDF.type, None):
        name = _local(node)
        if name and name not in terms:
            kinds = sorted(str(t).rsplit("#", 1)[-1] for t in ontology.objects(node, RDF.type))
            terms[name] = Term(name, str(node), ", ".join(kinds),
                               str(ontology.value(node, RDFS.label) or name),
                               str(ontology.value(node, SKOS.definition) or ""))
    return dict(sorted(terms.items(), key=lambda item: item[0].lower()))


def _shapes_for(shapes: Graph, node: Node) -> list[Shape]:
    """Shapes that target the term, check values against it, or constrain it as a path."""
    found: list[Shape] = []

    def add(shape: Node, how: str) -> None:
        message = " ".join(_texts(shapes, shape, SH.message))
        found.append(Shape(_shape_name(shape), how, message))

    for shape in shapes.subjects(SH.targetClass, node):
        add(shape, "targets its instances (sh:targetClass)")
    for shape in shapes.subjects(SH.targetSubjectsOf, node):
        add(shape, "targets the subjects of this property")
    for shape in shapes.subjects(SH.targetObjectsOf, node):
        add(shape, "targets the objects of this property")
    for shape in shapes.subjects(SH.path, node):
        owners = [_shape_name(o) for o in shapes.subjects(SH.property, shape)]
        where = f" in {', '.join(sorted(owners))}" if owners else ""
        add(shape, f"constrains its values (sh:path){where}")
    for shape in shapes.subjects(SH["class"], node):
        add(shape, "requires values of this class (sh:class)")
    unique = {(s.name, s.how): s for s in found}
    return sorted(unique.values(), key=lambda s: (s.name, s.how))


def _shape_name(shape: Node) -> str:
    text = str(shape)
    for prefix in (BASE + "shapes#",):
        if text.startswith(prefix):
            return "jars:" + text[len(prefix):]
    return text if text.startswith("http") else "(an anonymous shape)"


# ---------------------------------------------------------------- routes


@bp.route("/def")
@bp.route("/def/")
def index() -> Response:
    """Every term, with an anchor each; Turtle gives the ontology file."""
    best = request.accept_mimetypes.best_match(["text/html", "text/turtle"], default="text/html")
    if best == "text/turtle" or request.args.get("format") in ("ttl", "turtle"):
        return _file(ONTOLOGY_FILE)
    vocab = vocabulary()
    about = vocab.ontology.value(URIRef(BASE + "def"), URIRef("http://purl.org/dc/terms/description"))
    response = Response(render_template(
        "def_index.html", groups=grouped(list(vocab.terms.values())), files=list(files()),
        about=str(about or ""), title="The jargraph ontology",
    ))
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/def/<path:name>")
def term(name: str) -> Response:
    """One term's page, or one of the ontology's files."""
    if _FILE_NAME.fullmatch(name):
        return _file(name)
    vocab = vocabulary()
    if not _TERM_NAME.fullmatch(name) or name not in vocab.terms:
        response = Response(render_template(
            "def_missing.html", name=name[:200], terms=list(vocab.terms.values()),
            title="No such term",
        ), status=404)
        return response
    return Response(render_template(
        "def_term.html", term=vocab.terms[name], title=f"jar:{name}",
    ))


def _file(name: str) -> Response:
    path = files().get(name)
    if path is None:
        return Response(
            render_template("def_missing.html", name=name[:200], terms=[], title="No such file"),
            status=404,
        )
    response = Response(path.read_bytes(), mimetype="text/turtle")
    response.content_type = "text/turtle; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{path.name}"'
    return response
