"""Facts checked against the reference table and against each other, where SHACL cannot.

The shapes see only the encoding; these checks also see the reference table
of children's services authorities (``data/reference/local-authorities.csv``
through :mod:`jargraph.links`) and the grade scale's labels:

* an area is one of the table's authorities (``<area/{slug}>``), and its name,
  DfE number, GSS code, ONS link, region and type are the table's;
* a review is of an authority that was in service in the review's year;
* a judgement's grade is the one its printed wording names (``"2"`` or
  ``"Adequate"`` is ``<grade/adequate>``);
* a judgement grades what its kind of review grades: a joint area review of
  the April 2007 methodology grades local services overall in the five core
  judgement areas and its own additional investigations, the council's own
  assessments (annual performance assessment, corporate assessment, enhanced
  youth inspection) grade the council, an enhanced youth inspection its key
  aspects of youth work.

For an area the table knows, a code that is wrong or malformed is reported
here, with the table's code to write; the shapes' own finding about the same
value is then left out, so one mistake gives one problem. The rules about a
review that SHACL can say (year and area against the identifier, fieldwork
against publication, methodology against date) are in ``ontology/shapes.ttl``.
The judgement rules could be said there too, but a SPARQL constraint run for
every judgement of a document took a quarter of the time of all the shapes
together; here they cost one pass over the statements.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from .. import links
from ..ontology import schemes_graph, vocabulary_graph
from ..vocab import GRADE_WORDS, ID, JAR, ONS_GEOGRAPHY
from .report import Finding
from .statements import Statements

AREA = str(ID) + "area/"
_CODE_NAMES: dict[Node, str] = {
    JAR.dfeCode: "DfE number", JAR.gssCode: "GSS code", JAR.region: "region",
    JAR.authorityType: "authority type", OWL.sameAs: "ONS geography",
}


@cache
def _by_slug() -> dict[str, links.Authority]:
    return {a.slug: a for a in links.authorities()}


@cache
def _grade_notations() -> tuple[dict[str, int], dict[str, str]]:
    """Grade IRI -> notation, and every word for a grade (lower case) -> grade IRI."""
    graph = schemes_graph()
    notation: dict[str, int] = {}
    words: dict[str, str] = {}
    for grade in graph.subjects(SKOS.inScheme, URIRef(str(ID) + "scheme/grades")):
        number = int(str(graph.value(grade, SKOS.notation)))
        notation[str(grade)] = number
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(grade, prop):
                words[str(label).strip().lower()] = str(grade)
        words[str(number)] = words[f"grade {number}"] = str(grade)
    by_number = {n: g for g, n in notation.items()}
    for word, number in GRADE_WORDS.items():
        words.setdefault(word, by_number[number])
    return notation, words


def crosscheck_findings(statements: Statements) -> Iterator[Finding]:
    """Areas against the reference table; judgements against their wording and review."""
    areas = {str(t) for s, p, o in statements.triples for t in (s, o)
             if isinstance(t, URIRef) and t.startswith(AREA) and "/" not in t[len(AREA):]}
    for area in sorted(areas):
        authority = _by_slug().get(area[len(AREA):])
        if authority is None:
            yield _unknown_area(area, statements)
        else:
            yield from _area_facts(area, authority, statements)
    yield from _in_service(statements)
    yield from _grade_wordings(statements)
    yield from _judgements_of_review(statements)


def _unknown_area(area: str, statements: Statements) -> Finding:
    slug = area[len(AREA):]
    named = [str(o) for prop in (SKOS.prefLabel, RDFS.label) for s, o in statements.pairs(prop)
             if str(s) == area and isinstance(o, Literal)]
    close: list[links.Authority] = []
    for name in named:
        try:
            close.append(links.resolve_area(name))
        except links.LinkError:
            pass
    close += [_by_slug()[s] for s in difflib.get_close_matches(slug, list(_by_slug()), n=3,
                                                               cutoff=0.6)]
    close = list(dict.fromkeys(close))[:3]
    hint = ("; did you mean " + " or ".join(f"<{a.uri}> ({a.name})" for a in close) + "?"
            if close else "; the README's list of areas gives each authority's identifier.")
    return Finding(
        "UnknownArea", URIRef(area), None, URIRef(area),
        "not a children's services authority of 2005-2009: the reference table "
        f"(data/reference/local-authorities.csv) has no area {slug!r}{hint}",
        fix=f"<{close[0].uri}>" if close else None, first_use=area,
    )


def _area_facts(area: str, authority: links.Authority,
                statements: Statements) -> Iterator[Finding]:
    node = URIRef(area)
    expected: dict[Node, str] = {
        SKOS.prefLabel: authority.name, JAR.dfeCode: authority.dfe_code,
        JAR.region: authority.region, JAR.authorityType: authority.authority_type,
    }
    if authority.gss_code:
        expected[JAR.gssCode] = authority.gss_code
        expected[OWL.sameAs] = str(authority.ons_uri)
    given = [(prop, o) for prop in expected for s, o in statements.pairs(prop) if s == node]
    for p, o in given:
        if str(o) == expected[p]:
            continue
        if p == OWL.sameAs and not str(o).startswith(ONS_GEOGRAPHY):
            continue
        if p == SKOS.prefLabel:
            yield Finding(
                "AreaName", node, p, o,
                f'The reference table names this authority "{authority.name}"; skos:prefLabel '
                "is that name (write other spellings as rdfs:label or skos:altLabel).",
                fix=f'<{p}> "{authority.name}"@en',
            )
            continue
        what = _CODE_NAMES[p]
        shown = f"<{expected[p]}>" if p == OWL.sameAs else f'"{expected[p]}"'
        yield Finding(
            "AreaCode", node, p, o,
            f"{authority.name}'s {what} in the reference table "
            f"(data/reference/local-authorities.csv, line {authority.line}) is {shown}, "
            f"not {_shown(o)}.",
            fix=f"<{p}> {shown}",
        )


def _shown(term: Node) -> str:
    return f"<{term}>" if isinstance(term, URIRef) else f'"{term}"'


def _in_service(statements: Statements) -> Iterator[Finding]:
    """A review is of an authority that served in the review's year."""
    years = {s: str(o) for s, o in statements.pairs(JAR.year) if re.fullmatch(r"\d{4}", str(o))}
    p = JAR.area
    for s, o in statements.pairs(p):
        if s not in years or not str(o).startswith(AREA):
            continue
        authority = _by_slug().get(str(o)[len(AREA):])
        if authority is None:
            continue
        year = int(years[s])
        end = authority.end_year
        if authority.start_year <= year and (end is None or year <= end):
            continue
        when = (f"from 1 April {authority.start_year}" if year < authority.start_year
                else f"until 1 April {end}")
        yield Finding(
            "AreaInService", s, p, o,
            f"{authority.name} was a children's services authority only {when} (in service "
            f"{authority.in_service} in the reference table), so it had no review in {year}; "
            "check the review's jar:area and jar:year.",
        )


def grade_named(wording: str) -> str | None:
    """The grade a printed wording names ("2", "Good", "excellent", "Grade 3"), if any."""
    return _grade_notations()[1].get(" ".join(wording.split()).strip(" .").lower())


def review_scope(review: Node, statements: Statements) -> str | None:
    """The scope a review's judgements have, where its kind fixes it."""
    methodology = {s: str(o) for s, o in statements.pairs(JAR.methodology)}
    return _kind(review, statements.values(RDF.type), methodology)[1] or None


def _grade_wordings(statements: Statements) -> Iterator[Finding]:
    """A judgement's grade agrees with the grade as printed."""
    notation = _grade_notations()[0]
    given_grades = statements.values(JAR.grade)
    grades = {s: g[0] for s, g in given_grades.items() if len(g) == 1 and str(g[0]) in notation}
    for s, o in statements.pairs(JAR.gradeWording):
        if s not in grades:
            continue
        meant = grade_named(str(o))
        given = str(grades[s])
        if meant is None or meant == given:
            continue
        yield Finding(
            "GradeWording", s, JAR.grade, grades[s],
            f'The grade is printed "{o}", which is grade {notation[meant]} (<{meant}>), but '
            f"jar:grade is <{given}> (grade {notation[given]}); write the grade the report "
            "prints.",
            fix=f"<{JAR.grade}> <{meant}>",
        )


SCOPE = str(ID) + "scope/"
_COUNCIL_KINDS = {
    JAR.AnnualPerformanceAssessment: "an annual performance assessment",
    JAR.CorporateAssessment: "a corporate assessment",
    JAR.EnhancedYouthInspection: "an enhanced youth inspection",
}
_JAR_2007 = "a joint area review of the April 2007 methodology"


@cache
def _concept_types() -> dict[str, frozenset[str]]:
    """Concept IRI -> its classes in the schemes (``jar:CoreJudgementArea`` ...)."""
    found: dict[str, set[str]] = {}
    for s, o in vocabulary_graph().subject_objects(RDF.type):
        found.setdefault(str(s), set()).add(str(o))
    return {k: frozenset(v) for k, v in found.items()}


def _judgements_of_review(statements: Statements) -> Iterator[Finding]:
    """A judgement's scope and judgement area are what its kind of review grades."""
    types = statements.values(RDF.type)
    methodology = {s: str(o) for s, o in statements.pairs(JAR.methodology)}
    reviews = {s: o for s, o in statements.pairs(JAR.review)}
    judgements = set(statements.values(RDF.type).keys())
    areas = statements.values(JAR.judgementArea)
    for judgement, scope in statements.pairs(JAR.scope):
        review = reviews.get(judgement)
        if review is None or judgement not in judgements:
            continue
        kind, expected = _kind(review, types, methodology)
        if kind is None:
            continue
        if str(scope).startswith(SCOPE) and str(scope) != expected:
            whose = "the council's own services" if expected.endswith("/council") else (
                "local services overall")
            yield Finding(
                "JudgementScopeOfReview", judgement, JAR.scope, scope,
                f"This judgement belongs to {kind}, which grades {whose}, but its jar:scope "
                f"is <{scope}>.",
                fix=f"<{JAR.scope}> <{expected}>",
            )
        for area in areas.get(judgement, []):
            finding = _area_of_review(judgement, area, kind, types)
            if finding is not None:
                yield finding


def _kind(review: Node, types: dict[Node, list[Node]], methodology: dict[Node, str]
          ) -> tuple[str | None, str]:
    """How a message names a review's kind, and the scope it grades (None: not checked)."""
    kinds = types.get(review, [])
    if JAR.JointAreaReview in kinds:
        if methodology.get(review) == str(ID) + "methodology/2007":
            return _JAR_2007, SCOPE + "local-services-overall"
        return None, ""
    for cls, name in _COUNCIL_KINDS.items():
        if cls in kinds:
            return name, SCOPE + "council"
    return None, ""


def _area_of_review(judgement: Node, area: Node, kind: str,
                    types: dict[Node, list[Node]]) -> Finding | None:
    """A 2007 joint area review grades its core areas and its own investigations; an
    enhanced youth inspection the key aspects of youth work."""
    allowed: tuple[str, ...]
    if kind == _JAR_2007:
        allowed = (str(JAR.CoreJudgementArea), str(JAR.AdditionalInvestigation))
        what = ("the five core judgement areas (safeguarding, looked-after-children, "
                "learning-difficulties-and-disabilities, service-management, "
                "capacity-to-improve) and its own additional investigations")
    elif kind == _COUNCIL_KINDS[JAR.EnhancedYouthInspection]:
        allowed = (str(JAR.YouthKeyAspect),)
        what = "the four key aspects of youth work (youth-standards-of-achievement ...)"
    else:
        return None
    classes = set(_concept_types().get(str(area), ())) | {str(t) for t in types.get(area, [])}
    if not classes or classes & set(allowed):
        return None  # an unknown concept is reported as such
    return Finding(
        "JudgementAreaOfReview", judgement, JAR.judgementArea, area,
        f"This judgement belongs to {kind}, which grades {what}; <{area}> is not one of them. "
        "Check jar:judgementArea, or the review the judgement belongs to.",
    )
