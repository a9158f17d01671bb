"""Checks of the OWL ontology and the SKOS concept schemes under ``ontology/``.

Labels and definitions are what pages and people see, so every term needs them.
The schemes are also what readers map the documents' wording onto, so the
wordings the source documents really use are checked against them. The
reasoner tests show that the axioms agree with each other, and that the
disjointness axioms do catch a contradiction.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import owlready2
import pytest
import rdflib.namespace as ns
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, QB, RDF, RDFS, SKOS

from jargraph import uris
from jargraph.vocab import ID, JAR

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "src" / "jargraph" / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "jargraph.ttl"
SCHEME_FILES = sorted((ONTOLOGY_DIR / "schemes").glob("*.ttl"))
REPORTS = ROOT / "src" / "jargraph" / "data" / "reports"
ONTOLOGY_IRI = URIRef("https://w3id.org/jargraph/def")

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)

needs_java = pytest.mark.skipif(
    shutil.which("java") is None,
    reason="HermiT runs on Java and no 'java' executable is on PATH",
)


def _parse(*paths: Path) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


TBOX = _parse(ONTOLOGY)
SCHEMES = {path.stem: _parse(path) for path in SCHEME_FILES}
ALL = _parse(ONTOLOGY, *SCHEME_FILES)


def _jar_terms(graph: Graph) -> set[URIRef]:
    return {
        s for t in TERM_TYPES for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(str(JAR))
    }


def _concept_classes() -> set[URIRef]:
    """skos:Concept and every class the ontology makes a subclass of it."""
    found = {SKOS.Concept}
    changed = True
    while changed:
        changed = False
        for sub, sup in TBOX.subject_objects(RDFS.subClassOf):
            if sup in found and sub not in found:
                found.add(sub)
                changed = True
    return found


CONCEPT_CLASSES = _concept_classes()


def _concepts(graph: Graph) -> set[URIRef]:
    return {s for c in CONCEPT_CLASSES for s in graph.subjects(RDF.type, c)}


def _english(graph: Graph, subject: URIRef, prop: URIRef) -> list[Literal]:
    return [o for o in graph.objects(subject, prop)
            if isinstance(o, Literal) and o.language == "en"]


def _norm(text: str) -> str:
    """Case, dashes and curly quotes do not distinguish one wording from another."""
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip().strip(".").lower()


def _lookup(scheme: str, wording: str) -> set[URIRef]:
    """The concepts of a scheme whose label or abbreviation is this wording."""
    graph = SCHEMES[scheme]
    found = {s for p in LABELS for s, o in graph.subject_objects(p) if _norm(o) == _norm(wording)}
    found |= {s for s, o in graph.subject_objects(JAR.abbreviation) if str(o) == wording.strip()}
    return found


def _pattern_lookup(scheme: str, wording: str) -> set[URIRef]:
    """Concepts of a scheme matched by label, else by jar:matchPattern."""
    found = _lookup(scheme, wording)
    if found:
        return found
    graph = SCHEMES[scheme]
    return {
        s for s, o in graph.subject_objects(JAR.matchPattern)
        if re.search(str(o), _norm(wording), re.IGNORECASE)
    }


# ---------------------------------------------------------------------------
# The ontology
# ---------------------------------------------------------------------------


def test_ontology_header() -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in TBOX
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, OWL.versionInfo):
        assert TBOX.value(ONTOLOGY_IRI, prop) is not None, prop
    assert not list(TBOX.objects(None, OWL.imports)), "no network: declare, don't import"


def test_every_term_has_english_label_and_definition() -> None:
    terms = _jar_terms(TBOX)
    assert len(terms) > 80
    missing = [
        t for t in sorted(terms)
        if not _english(TBOX, t, RDFS.label)
        or not (_english(TBOX, t, SKOS.definition) or _english(TBOX, t, RDFS.comment))
    ]
    assert not missing


REQUIRED_SUBCLASSES = [
    ("Document", PROV.Entity), ("ReviewReport", JAR.Document), ("CouncilReport", JAR.Document),
    ("NationalReport", JAR.Document), ("Passage", PROV.Entity), ("Review", PROV.Activity),
    ("JointAreaReview", JAR.Review), ("AnnualPerformanceAssessment", JAR.Review),
    ("CorporateAssessment", JAR.Review), ("EnhancedYouthInspection", JAR.Review),
    ("Area", DCTERMS.Location), ("Inspectorate", URIRef("http://www.w3.org/ns/org#Organization")),
    ("Judgement", PROV.Entity), ("JudgementArea", SKOS.Concept),
    ("CoreJudgementArea", JAR.JudgementArea), ("OutcomeArea", JAR.JudgementArea),
    ("CouncilJudgementArea", JAR.JudgementArea), ("YouthKeyAspect", JAR.JudgementArea),
    ("InvestigationCategory", JAR.JudgementArea), ("AdditionalInvestigation", JAR.JudgementArea),
    ("Grade", SKOS.Concept), ("Scope", SKOS.Concept), ("Timeframe", SKOS.Concept),
    ("Methodology", SKOS.Concept), ("Service", SKOS.Concept), ("Addressee", SKOS.Concept),
    ("Theme", SKOS.Concept), ("Measure", SKOS.Concept), ("Finding", PROV.Entity),
    ("Strength", JAR.Finding), ("Weakness", JAR.Finding), ("MajorStrength", JAR.Strength),
    ("ImportantWeakness", JAR.Weakness), ("AreaForDevelopment", JAR.Weakness),
    ("KeyFinding", JAR.Finding), ("Recommendation", PROV.Entity), ("ContextFigure", PROV.Entity),
    ("GradeDistribution", QB.DataSet), ("GradeCount", QB.Observation),
    ("PracticeExample", PROV.Entity), ("GradeDescriptor", PROV.Entity),
]


@pytest.mark.parametrize(("name", "parent"), REQUIRED_SUBCLASSES)
def test_class_hierarchy(name: str, parent: URIRef) -> None:
    assert (JAR[name], RDF.type, OWL.Class) in TBOX
    assert (JAR[name], RDFS.subClassOf, parent) in TBOX


OBJECT_PROPERTIES = (
    "area reportedIn reports methodology review hasInvestigation judgementArea grade scope "
    "timeframe addressee service theme measure outcomeArea listsReviewedArea citesExampleFrom "
    "passage"
).split()
DATATYPE_PROPERTIES = (
    "text quotation gradeWording addresseeText ofstedReference paragraphNumber section "
    "sourceLine dfeCode gssCode region authorityType year fieldworkStart fieldworkEnd "
    "periodStart periodEnd numberOfAreas totalReviews unit matchPattern"
).split()


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_object_properties(name: str) -> None:
    assert (JAR[name], RDF.type, OWL.ObjectProperty) in TBOX
    assert TBOX.value(JAR[name], RDFS.range) is not None


@pytest.mark.parametrize("name", DATATYPE_PROPERTIES)
def test_datatype_properties(name: str) -> None:
    assert (JAR[name], RDF.type, OWL.DatatypeProperty) in TBOX


def test_special_properties() -> None:
    assert (JAR.reportedIn, OWL.inverseOf, JAR.reports) in TBOX
    assert (JAR.passage, RDFS.subPropertyOf, DCTERMS.hasPart) in TBOX
    assert (DCTERMS.hasPart, OWL.inverseOf, DCTERMS.isPartOf) in TBOX
    assert (JAR.abbreviation, RDFS.subPropertyOf, SKOS.altLabel) in TBOX
    assert (JAR.judgementArea, RDF.type, QB.DimensionProperty) in TBOX
    assert (JAR.grade, RDF.type, QB.DimensionProperty) in TBOX
    assert (JAR.numberOfAreas, RDF.type, QB.MeasureProperty) in TBOX
    assert (JAR.Strength, OWL.disjointWith, JAR.Weakness) in TBOX
    assert TBOX.value(JAR.dfeCode, RDFS.range) == ns.XSD.string
    assert TBOX.value(JAR.year, RDFS.range) == ns.XSD.gYear


def test_grade_distribution_structure() -> None:
    dsd = JAR.gradeDistributionStructure
    assert (dsd, RDF.type, QB.DataStructureDefinition) in TBOX
    components = list(TBOX.objects(dsd, QB.component))
    dimensions = {TBOX.value(c, QB.dimension) for c in components} - {None}
    measures = {TBOX.value(c, QB.measure) for c in components} - {None}
    assert dimensions == {JAR.judgementArea, JAR.grade}
    assert measures == {JAR.numberOfAreas}


def _jar_terms_used(graph: Graph) -> set[URIRef]:
    used: set[URIRef] = set()
    for triple in graph:
        used |= {t for t in triple if isinstance(t, URIRef) and t.startswith(str(JAR))}
    return used


def test_every_jar_term_used_is_declared() -> None:
    undeclared = _jar_terms_used(ALL) - _jar_terms(TBOX) - {JAR.gradeDistributionStructure}
    assert not undeclared


def test_external_terms_are_declared_for_reasoners() -> None:
    """Without owl:imports, every external class or property the ontology uses is declared."""
    declared = {s for t in TERM_TYPES for s in ALL.subjects(RDF.type, t)}
    external: set[URIRef] = set()
    for s, p, o in TBOX:
        if p in (RDFS.subClassOf, RDFS.domain, RDFS.range, RDFS.subPropertyOf):
            external |= {x for x in (s, o) if isinstance(x, URIRef)}
    builtin = (str(ns.XSD._NS), str(RDF._NS), str(RDFS._NS), str(OWL._NS))
    missing = {x for x in external - declared if not str(x).startswith(builtin)}
    assert not missing


# ---------------------------------------------------------------------------
# The concept schemes
# ---------------------------------------------------------------------------


def test_scheme_files_present() -> None:
    expected = {"grades", "judgement-areas", "scopes", "timeframes", "methodologies",
                "services", "addressees", "measures", "inspectorates"}
    assert expected <= set(SCHEMES)


@pytest.mark.parametrize("name", sorted(SCHEMES))
def test_one_scheme_per_file(name: str) -> None:
    graph = SCHEMES[name]
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == [ID[f"scheme/{name}"]]
    scheme = schemes[0]
    assert len(_english(graph, scheme, SKOS.prefLabel)) == 1
    assert _english(graph, scheme, SKOS.definition)


@pytest.mark.parametrize("name", sorted(SCHEMES))
def test_concepts_have_labels_definitions_and_types(name: str) -> None:
    graph = SCHEMES[name]
    scheme = ID[f"scheme/{name}"]
    members = set(graph.subjects(SKOS.inScheme, scheme))
    assert members, name
    assert _concepts(graph) <= members, "a concept outside its file's scheme"
    for member in members:
        assert len(_english(graph, member, SKOS.prefLabel)) == 1, member
        assert _english(graph, member, SKOS.definition), member
        jar_types = {t for t in graph.objects(member, RDF.type) if t.startswith(str(JAR))}
        assert jar_types, f"{member} has no jar: type"
        assert re.fullmatch(str(ID) + r"[a-z-]+/[a-z0-9-]+", member), member


def test_every_concept_in_exactly_one_scheme() -> None:
    counts = Counter(s for graph in SCHEMES.values() for s in graph.subjects(SKOS.inScheme, None))
    concepts = set().union(*(_concepts(g) for g in SCHEMES.values()))
    assert concepts
    assert {c: n for c, n in counts.items() if n != 1} == {}
    assert concepts <= set(counts)


@pytest.mark.parametrize("name", sorted(SCHEMES))
def test_top_concepts_and_hierarchy(name: str) -> None:
    graph = SCHEMES[name]
    scheme = ID[f"scheme/{name}"]
    tops = set(graph.objects(scheme, SKOS.hasTopConcept))
    assert tops == set(graph.subjects(SKOS.topConceptOf, scheme))
    for concept in _concepts(graph):
        broader = set(graph.objects(concept, SKOS.broader))
        assert (concept in tops) != bool(broader), f"{concept}: top concept xor broader"
        for parent in broader:
            assert (parent, SKOS.inScheme, scheme) in graph, parent


@pytest.mark.parametrize("name", sorted(SCHEMES))
def test_labels_pick_out_one_concept(name: str) -> None:
    """No wording maps onto two concepts of a scheme, so matching is unambiguous."""
    graph = SCHEMES[name]
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for prop in LABELS:
        for s, o in graph.subject_objects(prop):
            owners[_norm(o)].add(s)
    for s, o in graph.subject_objects(JAR.abbreviation):
        owners["abbr:" + str(o)].add(s)
    assert {w: c for w, c in owners.items() if len(c) > 1} == {}


@pytest.mark.parametrize("name", sorted(SCHEMES))
def test_match_patterns_compile(name: str) -> None:
    for _, pattern in SCHEMES[name].subject_objects(JAR.matchPattern):
        re.compile(str(pattern), re.IGNORECASE)


def test_grade_notations() -> None:
    graph = SCHEMES["grades"]
    notations = {c: graph.value(c, SKOS.notation) for c in _concepts(graph)}
    expected = {uris.grade(n): n for n in (1, 2, 3, 4)}
    assert {c: n.toPython() for c, n in notations.items()} == expected
    assert all(n.datatype == ns.XSD.integer for n in notations.values())


def test_timeframes_ordered() -> None:
    graph = SCHEMES["timeframes"]
    order = sorted(_concepts(graph), key=lambda c: graph.value(c, SKOS.notation).toPython())
    assert [str(c).rsplit("/", 1)[1] for c in order] == ["immediate", "within-six-months",
                                                          "longer-term"]


def test_investigation_categories_grouped_as_the_national_report_groups_them() -> None:
    graph = SCHEMES["judgement-areas"]

    def parent(key: str) -> str:
        value = graph.value(uris.concept("judgement-area", key), SKOS.broader)
        return str(value).rsplit("/", 1)[1]

    for group in ("health-investigation", "education-investigation", "other-investigation"):
        assert parent(group) == "additional-investigation"
    for key in ("camhs", "teenage-conceptions-and-sexual-health", "substance-misuse"):
        assert parent(key) == "health-investigation"
    for key in ("14-19-strategy", "standards-and-achievement", "school-improvement",
                "not-in-education-employment-or-training"):
        assert parent(key) == "education-investigation"
    assert parent("vulnerable-groups") == "other-investigation"


# ---------------------------------------------------------------------------
# The documents' own wordings map onto the schemes
# ---------------------------------------------------------------------------


def _lines(name: str) -> list[str]:
    return (REPORTS / f"{name}.txt").read_text(encoding="utf-8").splitlines()


JAR_REPORTS = ("jar-southampton-2007", "jar-leicestershire-2008")


@pytest.mark.parametrize("report", JAR_REPORTS)
def test_title_page_inspectorates(report: str) -> None:
    lines = [line.strip() for line in _lines(report)]
    start = lines.index("Review of services for children and young people") + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Age group"))
    names = [line for line in lines[start:end] if line]
    assert len(names) == 7
    for name in names:
        assert len(_lookup("inspectorates", name)) == 1, name


GRADE_TABLE_ROWS = {
    "Safeguarding": "safeguarding",
    "Looked after children": "looked-after-children",
    "Learning difficulties and/or disabilities": "learning-difficulties-and-disabilities",
    "Service management": "service-management",
    "Capacity to improve": "capacity-to-improve",
}


@pytest.mark.parametrize("report", [*JAR_REPORTS, "leeds-executive-board-jar-2008"])
def test_grades_table_rows(report: str) -> None:
    row = re.compile(r"^[A-Z][^\t]*\t[1-4]$")
    rows = [line.split("\t")[0] for line in _lines(report) if row.match(line)]
    rows = rows[rows.index("Safeguarding"):]
    assert rows[:5] == list(GRADE_TABLE_ROWS)
    for row in rows[:5]:
        assert _lookup("judgement-areas", row) == {
            uris.concept("judgement-area", GRADE_TABLE_ROWS[row])}


WORDINGS = {
    # Leeds council report: core elements, additional investigations, corporate assessment.
    "Looked After Children (LAC)": "looked-after-children",
    "Children with Learning Difficulties and/or Disabilities (LDD)":
        "learning-difficulties-and-disabilities",
    "Child and Adolescent Mental health Services (CAMHS)": "camhs",
    "The impact of the 14\u201319 strategy in improving outcomes for young people":
        "14-19-strategy",
    "The impact of the 14-19 strategy on improving outcomes for young people": "14-19-strategy",
    "Outcomes for Children and Young People": "outcomes-for-children-and-young-people",
    "Be Healthy": "being-healthy",
    "Stay Safe": "staying-safe",
    "Enjoy and Achieve": "enjoying-and-achieving",
    "Make a Positive Contribution": "making-a-positive-contribution",
    "Achieve Economic Wellbeing": "achieving-economic-well-being",
    "Children and Young People with Learning Difficulties and/or Disabilities":
        "learning-difficulties-and-disabilities",
    "Child and Adolescent Mental Health Services": "camhs",
    # JAR reports: section headings, annex tables.
    "Looked after children and young people": "looked-after-children",
    "Children and young people with learning difficulties and/or disabilities":
        "learning-difficulties-and-disabilities",
    "The council's overall capacity to improve its services for children and young people":
        "council-capacity-to-improve",
    "The contribution of the local authority's children's services in maintaining and "
    "improving outcomes for children and young people.": "council-overall-contribution",
    "Standards of young people's achievement": "youth-standards-of-achievement",
    "Quality of youth work practice": "youth-work-practice",
    "Quality of curriculum and resources": "youth-curriculum-and-resources",
    "Leadership and management": "youth-leadership-and-management",
    "The enjoyment and achievement of children and young people between Key Stages 3 and 4":
        "standards-and-achievement",
    "An investigation into the contribution of local services to support and challenge "
    "schools in raising attainment": "school-improvement",
    "An investigation into the impact of local services in reducing the number of young "
    "people not in employment, education and training": "not-in-education-employment-or-training",
    # National reports: headings and the 2005 methodology's thirteen grades.
    "Health investigations": "health-investigation",
    "Education investigations": "education-investigation",
    "Other investigations": "other-investigation",
    "Teenage conceptions and sexual health": "teenage-conceptions-and-sexual-health",
    "Substance misuse": "substance-misuse",
    "14 to 19 strategies": "14-19-strategy",
    "Standards and achievement": "standards-and-achievement",
    "School improvement services": "school-improvement",
    "Being healthy": "being-healthy",
    "Achieving economic well-being": "achieving-economic-well-being",
    "contribution of the council's education services to outcomes for children and young "
    "people": "council-education-services",
    "health service for children and young people": "health-services",
    "capacity for improvement of services for children and young people in the local area":
        "capacity-to-improve",
}


@pytest.mark.parametrize(("wording", "key"), list(WORDINGS.items()))
def test_document_wordings_name_judgement_areas(wording: str, key: str) -> None:
    assert _lookup("judgement-areas", wording) == {uris.concept("judgement-area", key)}


def test_wordings_are_quoted_from_the_documents() -> None:
    """The wordings above are the documents' own, not invented."""
    text = _norm(" ".join(path.read_text(encoding="utf-8") for path in REPORTS.glob("*.txt")))
    absent = [w for w in WORDINGS if _norm(w) not in text]
    assert not absent


def test_thirteen_grades_of_2005_map_onto_judgement_areas() -> None:
    lines = _lines("narrowing-the-gap-2007")
    start = lines.index("Thirteen grades are reported in a joint area review:") + 1
    items = [line[2:] for line in lines[start:start + 16] if line.startswith("- ")]
    assert len(items) == 13
    for item in items:
        wording = re.sub(r" \(as for the annual performance assessment\)$", "", item)
        assert len(_lookup("judgement-areas", wording)) == 1, wording


def test_grade_descriptors_map_onto_grades() -> None:
    rows = [re.match(r"<b>Grade (\d):</b> <b>(.+?)</b>", line)
            for line in _lines("narrowing-the-gap-2007")]
    found = [(int(m.group(1)), m.group(2)) for m in rows if m]
    assert len(found) == 4
    for number, descriptor in found:
        assert _lookup("grades", descriptor) == {uris.grade(number)}


def _addressee_phrases() -> Iterable[str]:
    pattern = re.compile(r"^(?:- )?(The [^.]*?|Local authorities and their partners|"
                         r"Councils and their partners|LSCBs) should\b")
    for path in sorted(REPORTS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = pattern.match(line.strip())
            if match:
                yield match.group(1)


def _split_addressees(phrase: str) -> list[URIRef]:
    """Consume a phrase by the longest addressee label at its start, then a separator."""
    labels = sorted(
        ((str(o), s) for p in (*LABELS, JAR.abbreviation)
         for s, o in SCHEMES["addressees"].subject_objects(p)),
        key=lambda pair: -len(pair[0]),
    )
    found: list[URIRef] = []
    rest = phrase
    while rest:
        for label, concept in labels:
            if rest.lower().startswith(label.lower()):
                found.append(concept)
                rest = re.sub(r"^(,\s*|\s+and\s+)", "", rest[len(label):])
                break
        else:
            raise AssertionError(f"no addressee for {rest!r} in {phrase!r}")
    return found


def test_recommendation_addressees() -> None:
    phrases = set(_addressee_phrases())
    assert "The council, Local Learning and Skills Council and Connexions" in phrases
    assert len(phrases) >= 8
    for phrase in phrases:
        assert _split_addressees(phrase)
    council = uris.concept("addressee", "council")
    assert _split_addressees("The council, Local Learning and Skills Council and Connexions") == [
        council, uris.concept("addressee", "local-learning-and-skills-council"),
        uris.concept("addressee", "connexions")]


CONTEXT_PHRASES = {
    "population": "population",
    "private or voluntary early years settings": "early-years-settings",
    "early years providers": "early-years-settings",
    "children's centres": "childrens-centres",
    "childminders": "childminders",
    "nursery school": "nursery-schools",
    "nursery": "nursery-schools",
    "infant": "infant-schools",
    "junior": "junior-schools",
    "primary": "primary-schools",
    "primary schools": "primary-schools",
    "first schools": "first-schools",
    "secondary schools": "secondary-schools",
    "upper and high schools": "secondary-schools",
    "special schools": "special-schools",
    "pupil referral units": "pupil-referral-units",
    "pupil referral unit (PRU)": "pupil-referral-units",
    "sixth form": "sixth-forms",
    "maintained sixth form schools": "sixth-forms",
    "independent sixth form schools": "independent-sixth-form-schools",
    "general further education college": "further-education-colleges",
    "further education colleges": "further-education-colleges",
    "sixth form colleges": "sixth-form-colleges",
    "main work-based training providers": "work-based-training-providers",
    "work-based learning providers": "work-based-training-providers",
    "foster carers": "foster-carers",
    "children's residential homes": "childrens-residential-homes",
    "children's residential care homes": "childrens-residential-homes",
    "family centres": "family-centres",
    "field social work/support teams": "field-social-work-teams",
    "field social work teams": "field-social-work-teams",
    "unemployment rate": "unemployment-rate",
    "looked after children": "looked-after-children",
}


@pytest.mark.parametrize(("phrase", "key"), list(CONTEXT_PHRASES.items()))
def test_context_phrases_name_measures(phrase: str, key: str) -> None:
    assert _pattern_lookup("measures", phrase) == {uris.concept("measure", key)}


def test_measures_have_units() -> None:
    graph = SCHEMES["measures"]
    units = {graph.value(c, JAR.unit) for c in _concepts(graph)}
    assert None not in units
    assert {str(u) for u in units} <= {"persons", "count", "percent", "rank"}


SERVICE_WORDINGS = {
    "CAMHS": "camhs",
    "Child and adolescent mental health services": "camhs",
    "Local Safeguarding Children's Board": "lscb",
    "Local Children Safeguarding Board": "lscb",
    "LSCB": "lscb",
    "local safeguarding children boards": "lscb",
    "Youth Offending Service": "youth-offending-service",
    "youth offending team": "youth-offending-service",
    "YOT": "youth-offending-service",
    "YOS": "youth-offending-service",
    "Southampton City Primary Care Trust": "primary-care-trust",
    "PCT": "primary-care-trust",
    "Sure Start": "sure-start-and-childrens-centres",
    "children's centres": "sure-start-and-childrens-centres",
    "Education Welfare Service": "education-welfare-service",
    "speech and language therapy services": "speech-and-language-therapy",
    "the pathways team": "leaving-care",
    "Local Learning and Skills Council": "local-learning-and-skills-council",
    "LSC": "local-learning-and-skills-council",
    "link advisers": "school-improvement",
    "pupil referral units": "pupil-referral-units",
    "respite care": "short-breaks",
    "parent partnership services": "parent-partnership",
    "youth service": "youth-service",
    "Connexions": "connexions",
}


@pytest.mark.parametrize(("wording", "key"), list(SERVICE_WORDINGS.items()))
def test_service_wordings(wording: str, key: str) -> None:
    assert _pattern_lookup("services", wording) == {uris.concept("service", key)}


def test_abbreviations_match_case_sensitively() -> None:
    assert _lookup("services", "camhs") == set()
    assert _lookup("services", "CAMHS") == {uris.concept("service", "camhs")}


# ---------------------------------------------------------------------------
# The reasoner: HermiT through Owlready2, over the ontology and schemes only
# ---------------------------------------------------------------------------


README_EXAMPLE = re.search(
    r"```turtle\n(.*?)```", (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8"), re.S
)


def test_readme_example_uses_declared_terms() -> None:
    assert README_EXAMPLE, "ontology/README.md has a Turtle example"
    example = Graph().parse(data=README_EXAMPLE.group(1), format="turtle")
    assert len(example) > 50
    assert _jar_terms_used(example) - _jar_terms(TBOX) - {JAR.gradeDistributionStructure} == set()
    concepts = {o for o in example.objects() if isinstance(o, URIRef)
                and re.match(str(ID) + r"(grade|judgement-area|scope|timeframe|methodology|"
                             r"service|addressee|measure|inspectorate)/", o)}
    assert concepts
    assert all((c, SKOS.inScheme, None) in ALL for c in concepts)


def _reason(graph: Graph, tmp_path: Path) -> None:
    """Run HermiT on the graph; raises OwlReadyInconsistentOntologyError if inconsistent."""
    path = tmp_path / "graph.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        # HermiT knows only the OWL 2 datatype map; xsd:gYear and friends are skipped.
        owlready2.sync_reasoner(world, infer_property_values=False, debug=0,
                                ignore_unsupported_datatypes=True)


def _with(*extra: tuple) -> Graph:
    graph = Graph()
    for triple in ALL:
        graph.add(triple)
    for triple in extra:
        graph.add(triple)
    return graph


@pytest.mark.reasoner
@needs_java
def test_ontology_and_schemes_are_consistent(tmp_path: Path) -> None:
    _reason(_with(), tmp_path)


@pytest.mark.reasoner
@needs_java
def test_readme_example_is_consistent(tmp_path: Path) -> None:
    assert README_EXAMPLE
    graph = _with()
    graph.parse(data=README_EXAMPLE.group(1), format="turtle")
    _reason(graph, tmp_path)


THING = ID["test/thing"]


@pytest.mark.reasoner
@needs_java
@pytest.mark.parametrize(
    "triples",
    [
        pytest.param([(THING, RDF.type, JAR.MajorStrength),
                      (THING, RDF.type, JAR.ImportantWeakness)], id="strength-and-weakness"),
        pytest.param([(THING, RDF.type, JAR.JointAreaReview),
                      (THING, RDF.type, JAR.AnnualPerformanceAssessment)], id="two-review-kinds"),
        pytest.param([(THING, RDF.type, JAR.Judgement),
                      (THING, JAR.grade, uris.concept("scope", "council"))], id="grade-range"),
    ],
)
def test_contradiction_is_inconsistent(triples: list[tuple], tmp_path: Path) -> None:
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(_with(*triples), tmp_path)
