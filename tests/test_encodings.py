"""The hand-written encodings: the Leeds example and the template pass, each invalid one fails.

Expected values come from reading the documents (data/reports/) and the rules
in ontology/shapes.ttl; expected lines from reading the encoding files.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from jargraph.cli import main
from jargraph.resources import data_dir
from jargraph.uris import slug
from jargraph.validate import EncodingError, Problem, read_encoding, validate_file
from jargraph.vocab import ID, JAR

ENCODINGS = data_dir() / "encodings"
LEEDS = ENCODINGS / "example-leeds-2008.ttl"
INVALID = ENCODINGS / "invalid"
JARGRAPH = Path(sys.executable).with_name("jargraph")

REVIEW = ID["review/jar-leeds-2008"]


# ---------------------------------------------------------------- the Leeds example


def test_leeds_example_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(LEEDS)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "no problems; 1 file valid"


def test_leeds_example_is_valid_through_the_console_script() -> None:
    run = subprocess.run(
        [str(JARGRAPH), "validate", str(LEEDS)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no problems; 1 file valid" in run.stdout
    assert "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def leeds():
    graph, _ = read_encoding(LEEDS)
    return graph


def _grade_of(graph, judgement: str) -> str:
    grade = graph.value(URIRef(f"{REVIEW}/judgement/{judgement}"), JAR.grade)
    return str(grade).rsplit("/", 1)[-1]


def test_leeds_core_grades_are_those_of_paragraph_3_1(leeds) -> None:
    # 3.1: Safeguarding 2, Looked after children 2, LDD 3, Service management 3, Capacity 3.
    assert {
        key: _grade_of(leeds, key)
        for key in (
            "safeguarding",
            "looked-after-children",
            "learning-difficulties-and-disabilities",
            "service-management",
            "capacity-to-improve",
        )
    } == {
        "safeguarding": "adequate",
        "looked-after-children": "adequate",
        "learning-difficulties-and-disabilities": "good",
        "service-management": "good",
        "capacity-to-improve": "good",
    }


def test_leeds_investigations_are_graded_as_printed(leeds) -> None:
    # 3.1: "CAMHS Services were graded as 'Good'. 14-19 was graded as 'Adequate'".
    investigations = sorted(leeds.objects(REVIEW, JAR.hasInvestigation))
    assert len(investigations) == 2
    grades = {}
    for judgement in leeds.subjects(JAR.review, REVIEW):
        area = leeds.value(judgement, JAR.judgementArea)
        if area in investigations and (judgement, RDF.type, JAR.Judgement) in leeds:
            category = str(leeds.value(area, URIRef("http://www.w3.org/2004/02/skos/core#broader")))
            grades[category.rsplit("/", 1)[-1]] = str(leeds.value(judgement, JAR.gradeWording))
    assert grades == {"camhs": "Good", "14-19-strategy": "Adequate"}


def test_leeds_corporate_assessment_has_the_eight_ratings_of_3_2(leeds) -> None:
    ca = ID["review/ca-leeds-2008"]
    ratings = {
        str(leeds.value(j, JAR.judgementArea)).rsplit("/", 1)[-1]: str(
            leeds.value(j, JAR.gradeWording)
        )
        for j in leeds.subjects(JAR.review, ca)
    }
    assert ratings == {
        "outcomes-for-children-and-young-people": "Good",
        "being-healthy": "Good",
        "staying-safe": "Adequate",
        "enjoying-and-achieving": "Good",
        "making-a-positive-contribution": "Good",
        "achieving-economic-well-being": "Adequate",
        "service-management": "Good",
        "capacity-to-improve": "Good",
    }


def test_leeds_has_every_row_of_the_tables_of_3_3(leeds) -> None:
    # Strengths per table 5, 5, 5, 4, 6, 4; weaknesses 3, 3, 2, 1, 4, 2.
    strengths = set(leeds.subjects(RDF.type, JAR.MajorStrength))
    weaknesses = set(leeds.subjects(RDF.type, JAR.ImportantWeakness))
    assert (len(strengths), len(weaknesses)) == (29, 15)
    texts = {str(leeds.value(f, JAR.text)) for f in strengths}
    # the last strength of the 14-19 table runs on below the table in the source
    assert (
        "Good and some outstanding support for learners as identified in Ofsted inspections."
        in texts
    )


def test_leeds_has_the_ten_recommendations_of_4_1(leeds) -> None:
    recommendations = set(leeds.subjects(RDF.type, JAR.Recommendation))
    timeframes = sorted(
        str(leeds.value(r, JAR.timeframe)).rsplit("/", 1)[-1] for r in recommendations
    )
    assert timeframes == ["immediate"] * 3 + ["longer-term"] * 2 + ["within-six-months"] * 5
    assert {str(leeds.value(r, JAR.addressee)) for r in recommendations} == {
        str(ID["addressee/local-partnership"])
    }


# ---------------------------------------------------------------- the template


SOUTHAMPTON_INVESTIGATION = (
    "The contribution of local services to support and challenge schools in raising attainment"
)
SOUTHAMPTON = {
    # From data/reports/jar-southampton-2007.txt and data/reference/local-authorities.csv.
    "DOC-ID": "jar-southampton-2007",
    "TITLE": "Southampton Children's Services Authority Area: "
    "Review of services for children and young people",
    "PUBLISHED-DATE": "2007-10-16",
    "OFSTED-REF": "852",
    "AREA-SLUG": "southampton",
    "AREA-NAME": "Southampton",
    "YEAR": "2007",
    "METHODOLOGY": "2007",
    "GRADE-SAFEGUARDING": "adequate",
    "GRADE-SAFEGUARDING-AS-PRINTED": "2",
    "GRADE-LOOKED-AFTER-CHILDREN": "adequate",
    "GRADE-LOOKED-AFTER-CHILDREN-AS-PRINTED": "2",
    "GRADE-LDD": "good",
    "GRADE-LDD-AS-PRINTED": "3",
    "GRADE-SERVICE-MANAGEMENT": "good",
    "GRADE-SERVICE-MANAGEMENT-AS-PRINTED": "3",
    "GRADE-CAPACITY-TO-IMPROVE": "good",
    "GRADE-CAPACITY-TO-IMPROVE-AS-PRINTED": "3",
    "INVESTIGATION-KEY": slug(SOUTHAMPTON_INVESTIGATION),
    "INVESTIGATION-TITLE": SOUTHAMPTON_INVESTIGATION,
    "INVESTIGATION-CATEGORY": "school-improvement",
    "GRADE-INVESTIGATION": "good",
    "GRADE-INVESTIGATION-AS-PRINTED": "good",
    "PARA-CONTEXT": "4",
    "PARA-CONTEXT-TEXT": "Southampton has a population of approximately 222,000 residents.",
    "PARA-INVESTIGATIONS": "3",
    "PARA-SAFEGUARDING": "26",
    "PARA-INVESTIGATION": "52",
    "STRENGTH-SLUG": slug("Tracking of children missing from care and education."),
    "STRENGTH-TEXT": "Tracking of children missing from care and education.",
    "WEAKNESS-SLUG": slug("Low rates of completion of initial assessments within 7 working days."),
    "WEAKNESS-TEXT": "Low rates of completion of initial assessments within 7 working days.",
    "INVESTIGATION-STRENGTH-SLUG": slug("Progress made by many pupils from a low base."),
    "INVESTIGATION-STRENGTH-TEXT": "Progress made by many pupils from a low base.",
    "RECOMMENDATION-SLUG": slug(
        "The council should strengthen the promotion of the independent visiting scheme "
        "for looked after children."
    ),
    "RECOMMENDATION-TEXT": "The council should strengthen the promotion of the independent "
    "visiting scheme for looked after children.",
    "TIMEFRAME": "immediate",  # line 114: "For immediate action"
    "ADDRESSEE": "council",
    "ADDRESSEE-TEXT": "The council",
    "MEASURE": "population",
    "UNIT": "persons",
    "FIGURE-VALUE": "222000",
    "FIGURE-TEXT": "Southampton has a population of approximately 222,000 residents.",
}
NOT_GIVEN = ("FIELDWORK-START", "FIELDWORK-END")
"""The Southampton report gives no months of fieldwork: their lines are deleted."""


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace whole placeholders, longest first, so GRADE-LDD does not eat GRADE-LDD-AS-PRINTED."""
    names = sorted(values, key=len, reverse=True)
    pattern = re.compile(r"(?<![A-Z])(" + "|".join(map(re.escape, names)) + r")(?![A-Z])")
    return pattern.sub(lambda m: values[m.group(1)], template)


def test_template_filled_with_southampton_is_valid(tmp_path: Path) -> None:
    text = (ENCODINGS / "template.ttl").read_text(encoding="utf-8")
    body = text[text.index("@base") :]  # the header lists the placeholders themselves
    body = "\n".join(line for line in body.splitlines()
                     if not any(name in line for name in NOT_GIVEN))
    filled = _fill(body, SOUTHAMPTON)
    statements = "\n".join(
        line for line in filled.splitlines() if not line.lstrip().startswith("#")
    )
    assert re.findall(r"\b[A-Z]{2,}(?:-[A-Z]+)+\b", statements) == []
    encoding = tmp_path / "jar-southampton-2007.ttl"
    encoding.write_text(filled, encoding="utf-8")
    report = validate_file(encoding)
    assert [str(p) for p in report.problems] == []


def test_unfilled_template_names_every_placeholder() -> None:
    """Every placeholder the template's header lists is reported until it is filled, and
    nothing else is: a placeholder's consequences (a date that is not one) are not."""
    text = (ENCODINGS / "template.ttl").read_text(encoding="utf-8")
    header = text[: text.index("@base")]
    entries = re.findall(r"^#   ([A-Z…][A-Z…-]*) ", header, re.MULTILINE)
    listed = {e for e in entries if "…" not in e}
    families = [re.escape(e).replace("…", "[A-Z-]+") for e in entries if "…" in e]
    used = set(re.findall(r"\b[A-Z]{2,}(?:-[A-Z]+)*\b", "\n".join(
        line for line in text[text.index("@base"):].splitlines()
        if not line.lstrip().startswith("#"))))
    assert {"TITLE", "AREA-NAME", "YEAR", "OFSTED-REF", "PARA-CONTEXT-TEXT"} <= listed
    assert all(name in listed or any(re.fullmatch(f, name) for f in families)
               for name in used - {"AREA-SLUG-YEAR"})
    problems = validate_file(ENCODINGS / "template.ttl").problems
    assert {p.rule for p in problems} == {"Placeholder"}
    named = {n for p in problems for n in re.findall(r"\b([A-Z][A-Z-]*[A-Z]) (?:is a|and|are)",
                                                    p.message)}
    assert listed <= named
    assert used <= named | {"AREA-SLUG-YEAR"}  # jar-AREA-SLUG-YEAR holds two of them


def test_a_placeholder_is_reported_until_it_is_filled(tmp_path: Path) -> None:
    text = (ENCODINGS / "template.ttl").read_text(encoding="utf-8")
    body = "\n".join(line for line in text[text.index("@base"):].splitlines()
                     if not any(name in line for name in NOT_GIVEN))
    for name in ("TITLE", "OFSTED-REF", "STRENGTH-TEXT", "YEAR"):
        rest = {k: v for k, v in SOUTHAMPTON.items() if k != name}
        path = tmp_path / f"{name}.ttl"
        path.write_text(_fill(body, rest), encoding="utf-8")
        problems = validate_file(path).problems
        assert problems
        for problem in problems:  # YEAR is in every identifier under the review
            assert problem.rule == "Placeholder"
            assert problem.message.startswith(f"{name} is a placeholder of the template")


# ---------------------------------------------------------------- the invalid examples


@dataclass(frozen=True)
class Expected:
    """The one problem an invalid example has: where, which rule, how it starts, the fix."""

    line: int | None
    column: int | None
    rule: str
    message: str
    fix: str | None


@dataclass(frozen=True)
class Unreadable:
    """An example that cannot be read at all: where the reader stopped, and why."""

    line: int
    column: int
    message: str


# Lines and columns are those of the offending value in each file (read from the files;
# each file's header says what is wrong). Fixes are Turtle the file itself could take:
# its own prefixes and base, full IRIs where it has none (N-Triples, N-Quads).
EXPECTED: dict[str, Expected | Unreadable] = {
    "area-not-in-identifier.ttl": Expected(
        36, 14, "ReviewAreaInIdentifier", "The review's identifier names the area l",
        'jar:area <area/leeds>'),
    "area-not-in-service.ttl": Expected(
        28, 14, "AreaInService", "Bedford was a children's services author",
        None),
    "area-wrong-dfe-number.ttl": Expected(
        27, 17, "AreaCode", "Leeds's DfE number in the reference tabl",
        'jar:dfeCode "383"'),
    "area-wrong-gss-code.ttl": Expected(
        29, 17, "AreaCode", "Leeds's GSS code in the reference table ",
        'jar:gssCode "E08000035"'),
    "area-wrong-name.ttl": Expected(
        27, 20, "AreaName", 'The reference table names this authority',
        'skos:prefLabel "Leeds"@en'),
    "area-wrong-ons-link.ttl": Expected(
        33, 16, "AreaCode", "Leeds's ONS geography in the reference t",
        'owl:sameAs <http://statistics.data.gov.uk/id/statistical-geography/E08000035>'),
    "area-wrong-region.ttl": Expected(
        29, 16, "AreaCode", "Leeds's region in the reference table (d",
        'jar:region "Yorkshire and The Humber"'),
    "bad-gss-code.ttl": Expected(
        29, 17, "AreaCode", "Leeds's GSS code in the reference table ",
        'jar:gssCode "E08000035"'),
    "base-http.ttl": Expected(
        5, 1, "WrongNamespace", '<http://w3id.org/jargraph/id/> is not a ',
        '@base <https://w3id.org/jargraph/id/> .'),
    "block-pasted-twice.ttl": Expected(
        62, 14, "FindingText", 'A finding needs its words as printed, as',
        None),
    "class-used-as-property.ttl": Expected(
        46, 5, "TermMisused", 'a class of the ontology, not a property,',
        'jar:judgementArea <judgement-area/safeguarding>'),
    "date-as-plain-string.ttl": Expected(
        16, 20, "DocumentIssued", 'A document needs exactly one publication',
        'dcterms:issued "2008-06-11"^^xsd:date'),
    "date-as-year-month.ttl": Expected(
        39, 24, "LexicalForm", '"2007-11-05" is not a year and month: "2',
        'jar:fieldworkStart "2007-11"^^xsd:gYearMonth'),
    "date-day-first.ttl": Expected(
        18, 20, "LexicalForm", '"11/06/2008" is not a date: year, month ',
        'dcterms:issued "2008-06-11"^^xsd:date'),
    "date-that-does-not-exist.ttl": Expected(
        17, 20, "LexicalForm", '"2008-06-31" is not a date: year, month ',
        None),
    "decimal-with-comma.ttl": Expected(
        30, 15, "LexicalForm", '"222,000" is not a decimal number: digit',
        'rdf:value "222000"^^xsd:decimal'),
    "distribution-does-not-add-up.ttl": Expected(
        26, 1, "DistributionAddsUp", 'The four grade counts for safeguarding a',
        None),
    "empty-text.ttl": Expected(
        52, 14, "RecommendationText", 'A recommendation needs its words as prin',
        None),
    "fieldwork-after-publication.ttl": Expected(
        40, 22, "FieldworkBeforePublication", 'Fieldwork in 2008-07 is after the review',
        None),
    "fieldwork-ends-before-it-starts.ttl": Expected(
        40, 22, "FieldworkOrder", 'Fieldwork ends (2007-11) before it start',
        None),
    "finding-both-strength-and-weakness.ttl": Expected(
        48, 1, "Finding", 'A finding is exactly one of a strength (',
        None),
    "grade-outside-scale.ttl": Expected(
        41, 15, "UnknownConcept", 'not a concept of the Grade scale scheme;',
        'jar:grade <grade/outstanding>'),
    "grade-wording-disagrees.ttl": Expected(
        47, 15, "GradeWording", 'The grade is printed "2", which is grade',
        'jar:grade <grade/adequate>'),
    "investigation-of-another-review.ttl": Expected(
        62, 1, "SameReviewAsInvestigation", '<review/jar-leeds-2008/finding/investiga',
        None),
    "jar-2007-missing-core-judgement.ttl": Expected(
        28, 1, "CoreJudgements", 'A joint area review of the April 2007 me',
        None),
    "jar-prefix-http.ttl": Expected(
        8, 1, "WrongNamespace", '<http://w3id.org/jargraph/def#> is not a',
        '@prefix jar: <https://w3id.org/jargraph/def#> .'),
    "jsonld-area-wrong-gss-code.jsonld": Expected(
        29, 22, "AreaCode", "Leeds's GSS code in the reference table ",
        'jar:gssCode "E08000035"'),
    "jsonld-block-pasted-twice.jsonld": Expected(
        51, 28, "JudgementGradeCount", 'A judgement needs exactly one grade from',
        None),
    "judgement-area-of-another-kind-of-review.ttl": Expected(
        93, 23, "JudgementAreaOfReview", 'This judgement belongs to a joint area r',
        None),
    "judgement-without-type.ttl": Expected(
        23, 1, "Untyped", 'This node has no type, so no rule checks i',
        'a jar:Judgement'),
    "judgement-without-provenance.ttl": Expected(
        33, 1, "JudgementProvenance", 'A judgement needs provenance: prov:wasDe',
        None),
    "kind-not-in-identifier.ttl": Expected(
        52, 7, "ReviewKindInIdentifier", "The review's identifier begins ca-, whic",
        'a jar:CorporateAssessment'),
    "language-tag-not-bcp47.ttl": Expected(
        55, 14, "LanguageTag", '"@english" is not a language tag: a tag ',
        'jar:text "Effective single point of contact for social care enquiries and referrals '
        '– Contact Leeds."@en'),
    "methodology-outside-its-time.ttl": Expected(
        39, 21, "MethodologyPeriod", 'The review follows <methodology/2005>, b',
        'jar:methodology <methodology/2007>'),
    "missing-grade.ttl": Expected(
        33, 1, "JudgementGradeCount", 'A judgement needs exactly one grade from',
        'jar:grade <grade/adequate>'),
    "misspelt-class.ttl": Expected(
        53, 7, "UnknownTerm", 'not one of the jargraph ontology; did yo',
        'a jar:MajorStrength'),
    "misspelt-optional-property.ttl": Expected(
        50, 5, "UnknownTerm", 'not one of the jargraph ontology; did yo',
        'jar:gradeWording "2"'),
    "misspelt-rdfs-term.ttl": Expected(
        36, 5, "UnknownTerm", 'not a term of <http://www.w3.org/2000/01',
        'rdfs:label "Joint area review: Leeds, 2008"@en'),
    "misspelt-required-property.ttl": Expected(
        47, 5, "UnknownTerm", 'not one of the jargraph ontology; did yo',
        'jar:grade <grade/adequate>'),
    "no-vocabulary.ttl": Expected(
        None, None, "NoVocabulary", 'Nothing here is written with the jargrap',
        '@prefix jar: <https://w3id.org/jargraph/def#> .'),
    "nquads-wrong-dfe-number.nq": Expected(
        6, 89, "AreaCode", "Southampton's DfE number in the referenc",
        '<https://w3id.org/jargraph/def#dfeCode> "852"'),
    "ntriples-year-with-letter-o.nt": Expected(
        7, 97, "LexicalForm", '"2OO7" is not a year: four digits, "2008',
        '<https://w3id.org/jargraph/def#year> "2007"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
    "placeholder-left.ttl": Expected(
        17, 19, "Placeholder", 'TITLE is a placeholder of the template s',
        None),
    "positive-integer-zero.ttl": Expected(
        24, 20, "LexicalForm", '"0" is not a whole number, digits only, ',
        None),
    "property-used-as-class.ttl": Expected(
        53, 7, "UnknownTerm", 'not one of the jargraph ontology; did yo',
        'a jar:Recommendation'),
    "prov-prefix-https.ttl": Expected(
        14, 1, "WrongNamespace", '<https://www.w3.org/ns/prov#> is not a n',
        '@prefix prov: <http://www.w3.org/ns/prov#> .'),
    "recommendation-without-timeframe.ttl": Expected(
        48, 1, "ReviewRecommendationTimeframe", 'A recommendation of a joint area review ',
        None),
    "scope-of-another-kind-of-review.ttl": Expected(
        61, 15, "JudgementScopeOfReview", 'This judgement belongs to a corporate as',
        'jar:scope <scope/council>'),
    "syntax-missing-dot.ttl": Unreadable(32, 82, "turtle syntax error: '.' is probably missing "),
    "syntax-missing-semicolon.ttl": Unreadable(
        47, 31, "turtle syntax error: ';' is probably missing "),
    "trig-unknown-scope.trig": Expected(
        36, 19, "UnknownConcept", 'not a concept of the Scopes of judgement',
        'jar:scope <scope/local-services-overall>'),
    "two-grades.ttl": Expected(
        40, 15, "JudgementGradeCount", 'A judgement needs exactly one grade from',
        None),
    "two-reviews-one-identity.ttl": Expected(
        52, 1, "OneReviewPerIdentifier", '<review/jar-leeds-2008> is already the r',
        None),
    "unknown-addressee.ttl": Expected(
        55, 19, "UnknownConcept", 'not a concept of the Recommendation addr',
        'jar:addressee <addressee/local-partnership>'),
    "unknown-area.ttl": Expected(
        26, 1, "UnknownArea", "not a children's services authority of 2",
        '<area/leeds>'),
    "unknown-datatype.ttl": Expected(
        37, 14, "UnknownDatatype", 'xsd:gyear is not a datatype of XML Schem',
        'jar:year "2008"^^xsd:gYear'),
    "unknown-dcterms-term.ttl": Expected(
        19, 5, "UnknownTerm", 'not one of the terms of <http://purl.org',
        'dcterms:title "Leeds Joint Area Review"@en'),
    "unknown-judgement-area.ttl": Expected(
        38, 23, "UnknownConcept", 'not a concept of the Judgement areas sch',
        'jar:judgementArea <judgement-area/safeguarding>'),
    "unknown-methodology.ttl": Expected(
        39, 21, "UnknownConcept", 'not a concept of the Joint area review m',
        'jar:methodology <methodology/2007>'),
    "unknown-timeframe.ttl": Expected(
        54, 19, "UnknownConcept", 'not a concept of the Recommendation time',
        'jar:timeframe <timeframe/within-six-months>'),
    "untagged-text.ttl": Expected(
        51, 14, "FindingText", 'A finding needs its words as printed, as',
        'jar:text "Effective accident reduction programme."@en'),
    "year-not-in-identifier.ttl": Expected(
        37, 14, "ReviewYearInIdentifier", "The review's identifier ends in 2008, bu",
        'jar:year "2008"^^xsd:gYear'),
    "year-with-letter-o.ttl": Expected(
        37, 14, "LexicalForm", '"20O8" is not a year: four digits, "2008',
        'jar:year "2008"^^xsd:gYear'),
}
PYTHON_RULES = {
    "UnknownTerm", "TermMisused", "UnknownConcept", "WrongNamespace", "NoVocabulary",
    "LexicalForm", "LanguageTag", "UnknownDatatype", "UnknownArea", "AreaName", "AreaCode",
    "AreaInService", "GradeWording", "JudgementScopeOfReview", "JudgementAreaOfReview",
    "Placeholder", "Untyped",
}
"""Every rule the Python checks apply (validate/vocabulary, literals, crosschecks,
placeholders); each has an example."""
NEW_SHAPES = {
    "ReviewYearInIdentifier", "ReviewAreaInIdentifier", "ReviewKindInIdentifier",
    "OneReviewPerIdentifier", "FieldworkOrder", "FieldworkBeforePublication",
    "MethodologyPeriod",
}


def _examples() -> list[Path]:
    return sorted(p for p in INVALID.iterdir() if p.is_file())


def test_every_invalid_example_is_expected() -> None:
    assert {p.name for p in _examples()} == set(EXPECTED)
    assert len(EXPECTED) >= 40


def test_every_rule_has_an_example() -> None:
    rules = {e.rule for e in EXPECTED.values() if isinstance(e, Expected)}
    assert PYTHON_RULES | NEW_SHAPES <= rules
    suffixes = {Path(name).suffix for name in EXPECTED}
    assert suffixes == {".ttl", ".trig", ".nt", ".nq", ".jsonld"}


def _header(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonld":
        return json.loads(text)["@comment"]
    return text.removeprefix("# ")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_example_fails_with_exactly_its_problem(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = INVALID / name
    expected = EXPECTED[name]
    assert _header(path).startswith("Invalid on purpose:")
    if isinstance(expected, Unreadable):
        assert main(["validate", str(path)]) == 2
        with pytest.raises(EncodingError) as raised:
            validate_file(path)
        error = raised.value
        assert (error.line, error.column) == (expected.line, expected.column)
        assert error.message.startswith(expected.message)
        return
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.strip().endswith("1 problem in 1 file; 0 files valid")
    [problem] = validate_file(path).problems
    assert (problem.line, problem.column, problem.rule, problem.fix) == (
        expected.line, expected.column, expected.rule, expected.fix)
    assert problem.message.startswith(expected.message), problem.message
    assert f"[{expected.rule}]" in out
    if expected.fix:
        assert f"\n    write instead: {expected.fix}\n" in out


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items()
                                        if isinstance(e, Expected) and e.fix and e.line))
def test_the_fix_of_each_example_mends_it(name: str, tmp_path: Path) -> None:
    """The fix, pasted as it is printed, makes the example valid."""
    path = INVALID / name
    [problem] = validate_file(path).problems
    mended = tmp_path / name
    mended.write_text(_mend(path.read_text(encoding="utf-8"), problem, path.suffix),
                      encoding="utf-8")
    assert [str(p) for p in validate_file(mended).problems] == []


def _mend(text: str, problem: Problem, suffix: str) -> str:
    """What a person does with a fix: a declaration replaces the declaration; a term that
    is written in several places replaces it everywhere; a missing statement goes under
    the node (the problem is then placed at the node); otherwise the fix replaces the
    statement on its line."""
    assert problem.line is not None and problem.column is not None and problem.fix
    lines = text.split("\n")
    at, fix = problem.line - 1, problem.fix
    line = lines[at]
    if fix.startswith("@"):
        lines[at] = fix
    elif " " not in fix:
        return text.replace(problem.focus, fix)
    elif problem.value is None and (problem.path is not None or problem.column == 1):
        lines.insert(at + 1, f"    {fix} ;")  # a statement the node lacks
    elif suffix == ".jsonld":
        written = re.match(r'"(?:[^"\\]|\\.)*"', line[problem.column - 1:])
        assert written is not None
        value = json.dumps(re.fullmatch(r'\S+ "(.*)"', fix).group(1))  # type: ignore[union-attr]
        start = problem.column - 1
        lines[at] = line[:start] + value + line[start + len(written.group()):]
    elif suffix in (".nt", ".nq"):
        subject = line.split(" ", 1)[0]
        graph = line.rsplit(" ", 2)[-2] if suffix == ".nq" else ""
        lines[at] = " ".join(part for part in (subject, fix, graph, ".") if part)
    else:
        indent = line[: len(line) - len(line.lstrip())]
        end = line.rstrip()[-1]
        lines[at] = f"{indent}{fix} {end}"
    return "\n".join(lines)
