"""The closed-world check of the vocabulary: every term used must exist, as what it is.

SHACL checks what its shapes target; a misspelt optional property
(``gradeWordng`` for ``jar:gradeWording``) or class is matched by no shape and silently ignored,
and a file whose ``jar:`` prefix is bound to ``http://`` instead of
``https://`` is matched by none at all. So, whatever the shapes say:

* every term of a namespace the ontology declares terms in (``jar:``, and
  the ``dcterms:``, ``skos:``, ``prov:``, ``org:``, ``qb:``, ``vann:`` terms it
  uses) must be declared in the ontology, and used as what it is: a class as
  the object of ``rdf:type``, a property as a predicate; ``rdf:``, ``rdfs:``,
  ``owl:`` and ``xsd:`` terms must exist in those vocabularies;
* every IRI named like a concept of the schemes (``<grade/...>``,
  ``<judgement-area/...>`` ...) must be one;
* an IRI in a namespace that is one of these written slightly wrong
  (``http`` for ``https``, ``/`` for ``#``) is reported at its declaration;
* a file that uses nothing of the jargraph vocabulary is a problem, not a pass;
* a node described with jar: properties has a type: the shapes apply by type,
  so an untyped judgement would be checked by none of them.

Each unknown term is reported once, where it is first used, with the
closest terms that exist.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD, DefinedNamespaceMeta
from rdflib.term import Node

from ..ontology import ontology_graph
from ..vocab import ID, JAR, PREFIXES
from . import concepts
from .report import Finding
from .statements import Statements

_TERM_TYPES = {
    OWL.Class: "class", OWL.ObjectProperty: "property", OWL.DatatypeProperty: "property",
    OWL.AnnotationProperty: "property",
}
_CORE: tuple[DefinedNamespaceMeta, ...] = (RDF, RDFS, OWL, XSD)


@dataclass(frozen=True)
class Vocabulary:
    """The terms an encoding may use, with what each is."""

    roles: dict[str, str]
    """Term IRI -> ``class``, ``property`` or ``individual``."""
    closed: tuple[str, ...]
    """Namespaces whose every term must be declared in the ontology."""
    core: dict[str, frozenset[str]]
    """The W3C namespaces (rdf, rdfs, owl, xsd) and their terms' local names."""

    def namespace_of(self, iri: str) -> str | None:
        return next((ns for ns in self.closed + tuple(self.core) if iri.startswith(ns)), None)


@cache
def vocabulary() -> Vocabulary:
    """What the ontology declares, and the namespaces it declares terms in."""
    graph = ontology_graph()
    roles: dict[str, str] = {}
    for kind, role in _TERM_TYPES.items():
        for term in graph.subjects(RDF.type, kind):
            if isinstance(term, URIRef):
                roles.setdefault(str(term), role)
    for term in set(graph.subjects()):
        if isinstance(term, URIRef) and str(term).startswith(str(JAR)):
            roles.setdefault(str(term), "individual")
    namespaces = {ns for ns in map(_namespace, roles) if ns is not None}
    core = {str(ns._NS): frozenset(ns.__annotations__) for ns in _CORE}
    closed = sorted(namespaces - set(core), key=len, reverse=True)
    return Vocabulary(roles, tuple(closed), core)


def _namespace(iri: str) -> str | None:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > len("https://") else None


@cache
def _variants() -> dict[str, tuple[str, bool]]:
    """Near misses of each known namespace -> (the namespace, whether only an IRI ending in
    one of its terms counts): the other scheme (http for https) always counts, the other
    separator (/ for #) only before a term, since ``def/0.1.0`` is a version, not a term."""
    known = set(vocabulary().closed) | set(vocabulary().core) | {str(ID)}
    found: dict[str, tuple[str, bool]] = {}
    for ns in known:
        scheme = "http://" if ns.startswith("https://") else "https://"
        swapped = scheme + ns.split("://", 1)[1]
        other_end = ns[:-1] + ("/" if ns.endswith("#") else "#")
        for variant, needs_term in ((swapped, False), (other_end, True),
                                    (swapped[:-1] + other_end[-1], True)):
            if variant != ns and variant not in known:
                found[variant] = (ns, needs_term)
    return found


def _near_miss(iri: str) -> tuple[str, str] | None:
    """(the namespace as written, the one meant) if an IRI is in a near miss of one."""
    roles = vocabulary().roles
    core = vocabulary().core
    for variant, (right, needs_term) in _variants().items():
        if not iri.startswith(variant):
            continue
        local = iri[len(variant):]
        if not needs_term or right + local in roles or local in core.get(right, ()):
            return variant, right
    return None


def vocabulary_findings(statements: Statements,
                        declared: dict[str, str | None] | None = None) -> Iterator[Finding]:
    """Unknown or misused terms, unknown concepts, namespaces written wrong, no vocabulary.

    ``declared`` maps each namespace the file declares to its prefix (None for a
    ``@base``), so a fix repeats the file's own prefix name.
    """
    vocab = vocabulary()
    first: dict[tuple[str, Node], tuple[Node, Node, Node, str]] = {}
    for s, p, o in statements.triples:
        for term, where in ((s, "subject"), (p, "predicate"), (o, "object")):
            if not isinstance(term, URIRef):
                continue
            position = "type" if where == "object" and p == RDF.type else where
            key = (position, term)
            if key not in first:
                first[key] = (s, p, o, position)
    wrong: set[str] = set()
    uses_jar = False
    for (_, term), (s, p, o, position) in first.items():
        iri = str(term)
        uses_jar = uses_jar or iri.startswith(str(JAR))
        namespace = vocab.namespace_of(iri)
        if namespace is not None:
            found = _term(vocab, namespace, iri, s, p, o, position)
            if found is not None:
                yield found
        elif concepts.is_concept_iri(iri) and iri not in concepts.concepts():
            yield _unknown_concept(iri, s, p, o, position)
        elif (miss := _near_miss(iri)) is not None and miss[0] not in wrong:
            wrong.add(miss[0])
            yield _wrong_namespace(*miss, declared)
    yield from _untyped(statements)
    if not uses_jar and str(JAR) not in {_variants()[w][0] for w in wrong}:
        yield Finding(
            "NoVocabulary", None, None, None,
            f"Nothing here is written with the jargraph ontology <{JAR}>, so nothing "
            f"would be checked: declare @prefix jar: <{JAR}> . and type each thing "
            "(a jar:ReviewReport, a jar:JointAreaReview ...); start from the template "
            "(jargraph validate --template).",
            fix=f"@prefix jar: <{JAR}> .", namespace=str(JAR),
        )


def _term(vocab: Vocabulary, namespace: str, iri: str, s: Node, p: Node, o: Node,
          position: str) -> Finding | None:
    """A finding if a term is unknown, or used as what it is not."""
    local = iri[len(namespace):]
    if namespace in vocab.core:
        if local in vocab.core[namespace] or re.fullmatch(r"_\d+", local):
            return None
        close = difflib.get_close_matches(local, sorted(vocab.core[namespace]), n=3, cutoff=0.6)
        return _unknown("UnknownTerm", iri, [namespace + c for c in close], s, p, o, position,
                        f"not a term of <{namespace}>")
    role = vocab.roles.get(iri)
    wanted = {"predicate": "property", "type": "class"}.get(position)
    if role is None:
        pool = [t for t, r in vocab.roles.items() if t.startswith(namespace)
                and (wanted is None or r == wanted)]
        close = _closest(local, pool, namespace)
        what = "the jargraph ontology" if namespace == str(JAR) else (
            f"the terms of <{namespace}> the jargraph ontology uses")
        return _unknown("UnknownTerm", iri, close, s, p, o, position, f"not one of {what}")
    if wanted is None or role == wanted:
        return None
    pool = [t for t, r in vocab.roles.items() if t.startswith(namespace) and r == wanted]
    close = _closest(local, pool, namespace)
    where = "as a property (the predicate of a statement)" if wanted == "property" else (
        "as a class (after rdf:type, 'a')")
    return _unknown("TermMisused", iri, close, s, p, o, position,
                    f"a {role} of the ontology, not a {wanted}, but used {where}")


def _closest(local: str, pool: list[str], namespace: str) -> list[str]:
    locals_ = {t[len(namespace):]: t for t in pool}
    same_case = [t for name, t in locals_.items() if name.lower() == local.lower()]
    close = difflib.get_close_matches(local, sorted(locals_), n=3, cutoff=0.6)
    return list(dict.fromkeys(same_case + [locals_[c] for c in close]))[:3]


def _unknown(rule: str, iri: str, close: list[str], s: Node, p: Node, o: Node,
             position: str, said: str) -> Finding:
    hint = "; did you mean " + " or ".join(f"<{c}>" for c in close) + "?" if close else (
        "; check it against the ontology (jargraph.ttl, or the site's /def page).")
    fix = None
    if close:
        fix = {"predicate": f"<{close[0]}> {_object(o)}", "type": f"a <{close[0]}>"}.get(
            position, f"<{close[0]}>")
    return Finding(rule, s, p, o, said + hint, fix=fix,
                   part="object" if position in ("type", "object") else position,
                   first_use=iri,
                   instead=URIRef(close[0]) if close and position == "predicate" else None)


def _object(o: Node) -> str:
    if isinstance(o, URIRef):
        return f"<{o}>"
    return o.n3() if hasattr(o, "n3") else str(o)


def _unknown_concept(iri: str, s: Node, p: Node, o: Node, position: str) -> Finding:
    kind = iri[len(str(ID)):].split("/", 1)[0]
    close = concepts.closest(iri)
    hint = "; did you mean " + " or ".join(f"<{c}>" for c in close) + "?" if close else (
        "; the concepts are listed in the encoding README (jargraph validate --guide).")
    fix = None
    if close:
        fix = f"<{p}> <{close[0]}>" if position == "object" else f"<{close[0]}>"
    return Finding(
        "UnknownConcept", s, p, o,
        f"not a concept of the {concepts.scheme_label(kind)} scheme{hint}",
        fix=fix, part="object" if position in ("type", "object") else position,
        first_use=iri,
    )


def _wrong_namespace(variant: str, right: str, declared: dict[str, str | None] | None
                     ) -> Finding:
    conventional = {ns: p for p, ns in PREFIXES.items()}.get(right)
    name = (declared or {}).get(variant, conventional)
    if name is None and right == str(ID):
        fix = f"@base <{right}> ."
    else:
        fix = f"@prefix {name or conventional or 'ns'}: <{right}> ."
    return Finding(
        "WrongNamespace", None, None, None,
        f"<{variant}> is not a namespace jargraph knows, but looks like <{right}> written "
        "wrong (http for https, or / for #); nothing written with it is checked or "
        "understood. Declare the namespace exactly as it is.",
        fix=fix, namespace=variant, instead=URIRef(right),
    )


@cache
def _domains() -> dict[str, frozenset[str]]:
    """Each jar: property -> the classes its rdfs:domain allows (a union's members)."""
    graph = ontology_graph()
    found: dict[str, frozenset[str]] = {}
    for prop, domain in graph.subject_objects(RDFS.domain):
        if not str(prop).startswith(str(JAR)):
            continue
        members = graph.value(domain, OWL.unionOf)
        classes = list(Collection(graph, members)) if members is not None else [domain]
        found[str(prop)] = frozenset(str(c) for c in classes)
    return found


def _untyped(statements: Statements) -> Iterator[Finding]:
    """A node described with jar: properties but no type at all."""
    typed = {s for s, _ in statements.pairs(RDF.type)}
    domains = _domains()
    used: dict[Node, list[Node]] = {}
    for s, p, _ in statements.triples:
        if s not in typed and str(p) in domains:
            used.setdefault(s, []).append(p)
    for node, props in used.items():
        allowed = frozenset.intersection(*(domains[str(p)] for p in props))
        names = " or ".join(f"<{c}>" for c in sorted(allowed)) if allowed else "a jar: class"
        yield Finding(
            "Untyped", node, None, None,
            f"This node has no type, so no rule checks it; its properties "
            f"({', '.join(sorted({f'<{p}>' for p in props}))}) say it is {names}: give it "
            "its type.",
            fix=f"a <{next(iter(allowed))}>" if len(allowed) == 1 else None, part="subject",
        )
