"""The hand-written encodings: the Leeds example and the template pass, each invalid one fails.

Expected values come from reading the documents (data/reports/) and the rules
in ontology/shapes.ttl; expected lines from reading the encoding files.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from jargraph.cli import main
from jargraph.resources import data_dir
from jargraph.uris import slug
from jargraph.validate import read_encoding, validate_file
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
    "DFE-CODE": "852",
    "GSS-CODE": "E06000045",
    "REGION": "South East",
    "AUTHORITY-TYPE": "unitary",
    "YEAR": "2007",
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
    "ADDRESSEE": "council",
    "ADDRESSEE-TEXT": "The council",
    "MEASURE": "population",
    "UNIT": "persons",
    "FIGURE-VALUE": "222000",
    "FIGURE-TEXT": "Southampton has a population of approximately 222,000 residents.",
}


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace whole placeholders, longest first, so GRADE-LDD does not eat GRADE-LDD-AS-PRINTED."""
    names = sorted(values, key=len, reverse=True)
    pattern = re.compile(r"(?<![A-Z])(" + "|".join(map(re.escape, names)) + r")(?![A-Z])")
    return pattern.sub(lambda m: values[m.group(1)], template)


def test_template_filled_with_southampton_is_valid(tmp_path: Path) -> None:
    text = (ENCODINGS / "template.ttl").read_text(encoding="utf-8")
    body = text[text.index("@base") :]  # the header lists the placeholders themselves
    filled = _fill(body, SOUTHAMPTON)
    statements = "\n".join(
        line for line in filled.splitlines() if not line.lstrip().startswith("#")
    )
    assert re.findall(r"\b[A-Z]{2,}(?:-[A-Z]+)+\b", statements) == []
    encoding = tmp_path / "jar-southampton-2007.ttl"
    encoding.write_text(filled, encoding="utf-8")
    report = validate_file(encoding)
    assert [str(p) for p in report.problems] == []


def test_unfilled_template_names_its_placeholders() -> None:
    report = validate_file(ENCODINGS / "template.ttl")
    values = {p.value for p in report.problems}
    assert '"PUBLISHED-DATE"^^xsd:date' in values
    assert "jarid:grade/GRADE-SAFEGUARDING" in values
    assert '"GSS-CODE"' in values


# ---------------------------------------------------------------- the invalid examples

JUDGEMENT = "jarid:review/jar-leeds-2008/judgement/safeguarding"
LEEDS_REVIEW = "jarid:review/jar-leeds-2008"
REC = (
    "jarid:review/jar-leeds-2008/recommendation/"
    "reduce-the-number-of-fixed-term-exclusions-for-looked-after-9387bc98"
)
FINDING = (
    "jarid:review/jar-leeds-2008/finding/safeguarding/strength/"
    "effective-accident-reduction-programme"
)
CAMHS = (
    "jarid:review/jar-leeds-2008/investigation/child-and-adolescent-mental-health-services-camhs"
)

EXPECTED: dict[str, set[tuple[int, str, str | None, str]]] = {
    "missing-grade.ttl": {
        (33, JUDGEMENT, "jar:grade", "A judgement needs exactly one grade from the grade scale")
    },
    "grade-outside-scale.ttl": {
        (40, JUDGEMENT, "jar:grade", "A grade is a point of the grade scale")
    },
    "two-grades.ttl": {
        (38, JUDGEMENT, "jar:grade", "A judgement needs exactly one grade from the grade scale")
    },
    "jar-2007-missing-core-judgement.ttl": {
        (
            28,
            LEEDS_REVIEW,
            None,
            "A joint area review of the April 2007 methodology needs exactly one judgement "
            "of capacity-to-improve for local services overall, but has 0",
        )
    },
    "judgement-without-provenance.ttl": {
        (33, JUDGEMENT, "prov:wasDerivedFrom", "A judgement needs provenance")
    },
    "unknown-judgement-area.ttl": {
        (37, JUDGEMENT, "jar:judgementArea", "A judgement grades exactly one judgement area")
    },
    "date-as-plain-string.ttl": {
        (
            16,
            "jarid:document/leeds-executive-board-jar-2008",
            "dcterms:issued",
            "A document needs exactly one publication date",
        )
    },
    "bad-gss-code.ttl": {
        (28, "jarid:area/leeds", "jar:gssCode", "A GSS code is the authority's nine-character")
    },
    "finding-both-strength-and-weakness.ttl": {
        (48, FINDING, None, "A finding is exactly one of a strength")
    },
    "untagged-text.ttl": {
        (51, FINDING, "jar:text", "A finding needs its words as printed, as one non-empty English")
    },
    "empty-text.ttl": {
        (52, REC, "jar:text", "A recommendation needs its words as printed, as one non-empty")
    },
    "recommendation-without-timeframe.ttl": {
        (
            48,
            LEEDS_REVIEW,
            "^jar:review",
            "A recommendation of a joint area review needs the timeframe its heading gives",
        )
    },
    "investigation-of-another-review.ttl": {
        (
            62,
            CAMHS,
            None,
            "jarid:review/jar-leeds-2008/finding/investigation-child-and-adolescent-mental-"
            "health-services-camhs/strength/good-camhs-strategy is listed under this additional "
            "investigation of review jarid:review/jar-leeds-2008, but its jar:review is "
            "jarid:review/ca-leeds-2008",
        )
    },
    "distribution-does-not-add-up.ttl": {
        (
            26,
            "jarid:distribution/jar-2007-08-report-on-outcomes/safeguarding",
            None,
            "The four grade counts for safeguarding add up to 72, but jar:totalReviews is 73",
        )
    },
}


def test_every_invalid_example_is_expected() -> None:
    assert {p.name for p in INVALID.glob("*.ttl")} == set(EXPECTED)
    assert len(EXPECTED) >= 8


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_example_fails_with_exactly_its_problems(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = INVALID / name
    assert path.read_text(encoding="utf-8").startswith("# Invalid on purpose:")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.strip().endswith("1 problem in 1 file; 0 files valid")
    report = validate_file(path)
    found = {(p.line, p.focus, p.path, p.message) for p in report.problems}
    assert len(found) == len(EXPECTED[name])
    for line, focus, prop, start in EXPECTED[name]:
        matches = [f for f in found if f[:3] == (line, focus, prop) and f[3].startswith(start)]
        assert matches, f"{name}: no problem {(line, focus, prop, start)} in {found}"
