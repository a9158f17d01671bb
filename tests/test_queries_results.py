"""Every named query, run on the built graph; expected values are read from the documents.

Grades: the Southampton report's "Grades" table (2, 2, 3, 3, 3), Leicestershire's
(3, 3, 3, 4, 4), the Leeds executive board report's section 3.1 (2, 2, 3, 3, 3). The
national distribution: Annex A of the 2007-08 report on outcomes. Annex B lists all
three areas among the 73 reviewed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from jargraph import store
from jargraph.named_queries import load_library
from jargraph.resources import data_dir

ID = "https://w3id.org/jargraph/id/"
CORE = ("safeguarding", "looked_after_children", "learning_difficulties_and_disabilities",
        "service_management", "capacity_to_improve")
GRADES = {
    "southampton": (2, 2, 3, 3, 3),
    "leicestershire": (3, 3, 3, 4, 4),
    "leeds": (2, 2, 3, 3, 3),
}
ANNEX_A = {  # judgement area: (outstanding, good, adequate, inadequate)
    "safeguarding": (6, 42, 20, 5),
    "looked-after-children": (6, 48, 17, 2),
    "learning-difficulties-and-disabilities": (6, 47, 19, 1),
    "service-management": (7, 50, 16, 0),
    "capacity-to-improve": (16, 43, 13, 1),
}


@pytest.fixture(scope="module")
def oxi(built_home: Path):
    return store.open_read_only(built_home)


@pytest.fixture(scope="module")
def library():
    return load_library()


def value(binding: dict) -> object:
    text = binding["value"]
    if binding.get("datatype", "").endswith(("#integer", "#nonNegativeInteger")):
        return int(text)
    if binding.get("datatype", "").endswith("#boolean"):
        return text == "true"
    if binding["type"] == "uri" and text.startswith(ID):
        return text[len(ID):]
    return text


def run(oxi, library, name: str, **params: str) -> list[dict]:
    out = store.run_query(oxi, library[name].render(params))
    data = json.loads(out.body)
    if "boolean" in data:
        return [{"boolean": data["boolean"]}]
    return [{k: value(v) for k, v in row.items()} for row in data["results"]["bindings"]]


def slug(area: str) -> str:
    return area.removeprefix("area/")


def test_area_grades(oxi, library) -> None:
    rows = run(oxi, library, "area-grades")
    assert {slug(r["area"]): tuple(r[c] for c in CORE) for r in rows} == GRADES
    assert len(rows) == 3
    south_east = run(oxi, library, "area-grades", region="South East")
    assert [slug(r["area"]) for r in south_east] == ["southampton"]


def test_grade_gap(oxi, library) -> None:
    rows = run(oxi, library, "grade-gap")  # safeguarding below capacity to improve
    assert {slug(r["area"]): (r["first_grade"], r["second_grade"], r["gap"]) for r in rows} == {
        "southampton": (2, 3, 1), "leicestershire": (3, 4, 1), "leeds": (2, 3, 1)}
    rows = run(oxi, library, "grade-gap", first="looked-after-children",
               second="learning-difficulties-and-disabilities")
    assert {slug(r["area"]) for r in rows} == {"southampton", "leeds"}


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ("southampton", {"safeguarding": (2, 5, 20, 48),
                         "looked-after-children": (2, 2, 17, 54),
                         "learning-difficulties-and-disabilities": (3, 20, 47, 6),
                         "service-management": (3, 16, 50, 7),
                         "capacity-to-improve": (3, 14, 43, 16)}),
        ("leicestershire", {"safeguarding": (3, 25, 42, 6),
                            "looked-after-children": (3, 19, 48, 6),
                            "learning-difficulties-and-disabilities": (3, 20, 47, 6),
                            "service-management": (4, 66, 7, 0),
                            "capacity-to-improve": (4, 57, 16, 0)}),
    ],
)
def test_grades_against_national(oxi, library, area, expected) -> None:
    rows = run(oxi, library, "grades-against-national", area=area)
    got = {r["judgement_area"].removeprefix("judgement-area/"):
           (r["grade"], r["lower"], r["same"], r["higher"]) for r in rows}
    assert got == expected
    assert [r["judgement_area"] for r in rows][0] == "judgement-area/safeguarding"


def test_national_distribution(oxi, library) -> None:
    rows = run(oxi, library, "national-distribution")
    got = {r["judgement_area"].removeprefix("judgement-area/"):
           (r["outstanding"], r["good"], r["adequate"], r["inadequate"]) for r in rows}
    assert got == ANNEX_A
    assert all(r["total"] == 73 for r in rows)


def test_distribution_consistency(oxi, library) -> None:
    rows = run(oxi, library, "distribution-consistency")
    assert len(rows) == 20
    assert all(r["consistent"] == "yes" for r in rows)
    encoded = {(r["judgement_area"].removeprefix("judgement-area/"), r["grade"]):
               (r["encoded"], set(filter(None, r["areas"].split(", ")))) for r in rows
               if r["encoded"]}
    assert encoded == {
        ("safeguarding", 2): (2, {"southampton", "leeds"}),
        ("safeguarding", 3): (1, {"leicestershire"}),
        ("looked-after-children", 2): (2, {"southampton", "leeds"}),
        ("looked-after-children", 3): (1, {"leicestershire"}),
        ("learning-difficulties-and-disabilities", 3): (3, {"southampton", "leicestershire",
                                                            "leeds"}),
        ("service-management", 3): (2, {"southampton", "leeds"}),
        ("service-management", 4): (1, {"leicestershire"}),
        ("capacity-to-improve", 3): (2, {"southampton", "leeds"}),
        ("capacity-to-improve", 4): (1, {"leicestershire"}),
    }
    national = {(r["judgement_area"].removeprefix("judgement-area/"), r["grade"]): r["national"]
                for r in rows}
    assert national[("safeguarding", 1)] == 5
    assert national[("service-management", 1)] == 0
    assert run(oxi, library, "distribution-within-national") == [{"boolean": True}]


def test_service_findings_camhs(oxi, library) -> None:
    rows = run(oxi, library, "service-findings", service="camhs")
    got = {(slug(r["area"]), r["kind_label"], r["text"]) for r in rows}
    assert {
        ("southampton", "major strength", "Prompt assessment following referral of children "
         "and young people to child and adolescent mental health services."),
        ("southampton", "important weakness",
         "Waiting times for tier 3 child and adolescent mental health services."),
        ("leicestershire", "important weakness", "Access to services that support children "
         "and young people's wellbeing, including CAMHS."),
        ("leeds", "major strength", "Good CAMHS strategy."),
        ("leeds", "major strength",
         "Well-established and very effective multi-agency approach to CAMHS."),
    } <= got
    assert all(r.get("document") for r in rows)
    south = next(r for r in rows if r["text"].startswith("Waiting times for tier 3"))
    assert south["judgement_area"] == "judgement-area/learning-difficulties-and-disabilities"


def test_recurring_weaknesses(oxi, library) -> None:
    rows = {r["theme"].removeprefix("theme/"): r
            for r in run(oxi, library, "recurring-weaknesses")}
    # Southampton: "School days lost due to absence or exclusion.", "Attendance in primary and
    # secondary schools."; Leicestershire: "Poor school attendance and high exclusions of older
    # looked after children.", "The level of unauthorised absence in secondary schools.";
    # Leeds: "The increasing number of fixed-term exclusions."
    attendance = rows["attendance-and-exclusions"]
    assert (attendance["weaknesses"], attendance["areas"]) == (5, 3)
    assert set(attendance["area_names"].split(", ")) == {"Southampton", "Leicestershire", "Leeds"}
    only = run(oxi, library, "recurring-weaknesses", theme="private-fostering")
    assert [(r["weaknesses"], r["area_names"]) for r in only] == [(1, "Southampton")]


def test_recurring_strengths(oxi, library) -> None:
    rows = run(oxi, library, "recurring-strengths", theme="safe-recruitment")
    assert [(r["strengths"], r["area_names"]) for r in rows] == [(1, "Southampton")]


def test_recommendations_by_timeframe(oxi, library) -> None:
    rows = run(oxi, library, "recommendations-by-timeframe", timeframe="immediate")
    partnership = next(r for r in rows if r.get("addressee") == "addressee/local-partnership")
    # One from Southampton and Leicestershire each, three from Leeds.
    assert (partnership["recommendations"], partnership["areas"]) == (5, 3)


def test_recommendations(oxi, library) -> None:
    rows = run(oxi, library, "recommendations", area="leeds", timeframe="immediate")
    assert {r["text"] for r in rows} == {
        "ensure that an appropriate way is found for the successful dissemination of the "
        "findings of this report to children and young people in the area",
        "ensure all initial child protection conferences happen on time and all core "
        "assessments are of good quality",
        "reduce the number of fixed-term exclusions for looked after children.",
    }
    counts = {}
    for timeframe in ("immediate", "within-six-months", "longer-term"):
        counts[timeframe] = len(run(oxi, library, "recommendations", timeframe=timeframe))
    # Southampton 2/8/2, Leicestershire 3/3/2, Leeds 3/5/2.
    assert counts == {"immediate": 8, "within-six-months": 16, "longer-term": 6}


def test_apa_vs_jar(oxi, library) -> None:
    rows = run(oxi, library, "apa-vs-jar", area="leeds")
    got = {(r["other_judgement_area"].removeprefix("judgement-area/"), r["other_grade"],
            r["jar_grade"], r["difference"]) for r in rows}
    # Leeds report 3.2: Stay Safe - Adequate, Service Management - Good, Capacity to Improve
    # - Good; its JAR: safeguarding 2, service management 3, capacity to improve 3.
    assert got == {("staying-safe", 2, 2, 0), ("service-management", 3, 3, 0),
                   ("capacity-to-improve", 3, 3, 0)}
    # Southampton's 2006 APA: capacity to improve good (3), as its JAR.
    south = run(oxi, library, "apa-vs-jar", area="southampton")
    assert any(r["other_review"] == "review/apa-southampton-2006" and r["other_grade"] == 3
               and r["difference"] == 0 for r in south)


def test_areas_in_national_reports(oxi, library) -> None:
    rows = run(oxi, library, "areas-in-national-reports")
    reviewed = {slug(r["area"]) for r in rows if r["role"] == "reviewed"}
    examples = {slug(r["area"]) for r in rows if r["role"] == "example"}
    assert len(reviewed) == 73
    assert examples == {"camden", "bournemouth", "shropshire", "york", "stockton-on-tees",
                        "st-helens", "norfolk", "bracknell-forest", "derby", "rotherham"}
    in_graph = {slug(r["area"]) for r in rows if r["review_in_graph"] == "yes"}
    assert in_graph == {"southampton", "leicestershire", "leeds"}
    assert {r["review_in_graph"] for r in rows} == {"yes", "no"}
    assert {slug(r["area"]) for r in rows if r["role"] == "mentioned"} == {"haringey"}


def test_provenance(oxi, library) -> None:
    rows = run(oxi, library, "provenance")  # Southampton's safeguarding judgement
    assert {r["document"] for r in rows} == {"document/jar-southampton-2007"}
    paragraph = next(r for r in rows if r.get("paragraph") == "15")
    assert "is adequate" in paragraph["quotation"]
    assert "safeguarding" in paragraph["quotation"]


def test_context_figures(oxi, library) -> None:
    rows = run(oxi, library, "context-figures", area="southampton")
    values = {(r["as_written"], float(r["value"])) for r in rows}
    assert ("foster carers", 170.0) in values  # paragraph 12
    assert any(v == 222000.0 for _, v in values)  # paragraph 4: approximately 222,000
    assert {tuple(r[c] for c in CORE) for r in rows} == {GRADES["southampton"]}


def test_area_profile(oxi, library) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import OWL

    out = store.run_query(oxi, library["area-profile"].render({"area": "southampton"}))
    g = Graph().parse(data=out.body, format="turtle")
    jar = "https://w3id.org/jargraph/def#"
    area = URIRef(f"{ID}area/southampton")
    assert (area, URIRef(jar + "dfeCode"), Literal("852")) in g
    ons = URIRef("http://statistics.data.gov.uk/id/statistical-geography/E06000045")
    assert (area, OWL.sameAs, ons) in g
    judgement = URIRef(f"{ID}review/jar-southampton-2007/judgement/safeguarding")
    assert (judgement, URIRef(jar + "grade"), URIRef(f"{ID}grade/adequate")) in g
    assert (None, URIRef(jar + "listsReviewedArea"), area) in g
    assert not list(g.subjects(URIRef(jar + "area"), URIRef(f"{ID}area/leeds")))


def test_investigations(oxi, library) -> None:
    rows = run(oxi, library, "investigations")
    got = sorted((slug(r["area"]), r["grade"]) for r in rows)
    # Southampton: schools (good) and NEET (adequate); Leicestershire: KS3-4 (good);
    # Leeds: CAMHS (good) and 14-19 (adequate).
    assert got == [("leeds", 2), ("leeds", 3), ("leicestershire", 3), ("southampton", 2),
                   ("southampton", 3)]
    camhs = run(oxi, library, "investigations", category="camhs")
    assert [(slug(r["area"]), r["grade"]) for r in camhs] == [("leeds", 3)]


def test_findings_per_judgement_area(oxi, library) -> None:
    rows = run(oxi, library, "findings-per-judgement-area", area="leeds")
    got = {r["label"]: (r["strengths"], r["weaknesses"]) for r in rows}
    assert got == {
        "Safeguarding": (5, 3),
        "Looked after children": (5, 3),
        "Learning difficulties and/or disabilities": (5, 2),
        "Service management": (4, 2),
        "Child and Adolescent Mental health Services (CAMHS)": (4, 1),
        "The impact of the 14–19 strategy in improving outcomes for young people": (6, 4),
    }
    south = run(oxi, library, "findings-per-judgement-area", area="southampton")
    core = {r["label"]: (r["strengths"], r["weaknesses"]) for r in south}
    assert core["Safeguarding"] == (5, 5)
    assert core["Looked after children"] == (6, 6)
    assert core["Learning difficulties and/or disabilities"] == (8, 3)
    assert core["Service management"] == (4, 3)


def test_areas_with_codes(oxi, library) -> None:
    rows = run(oxi, library, "areas-with-codes")
    assert len(rows) == 154
    by_slug = {slug(r["area"]): r for r in rows}
    assert (by_slug["southampton"]["dfe_code"], by_slug["southampton"]["gss_code"]) == (
        "852", "E06000045")
    assert by_slug["leeds"]["ons"] == (
        "http://statistics.data.gov.uk/id/statistical-geography/E08000035")
    assert {s for s, r in by_slug.items() if r["reviewed"] == "yes"} == set(GRADES)
    assert {r["reviewed"] for r in rows} == {"yes", "no"}
    with (data_dir() / "reference" / "local-authorities.csv").open(encoding="utf-8") as f:
        region = "Yorkshire and The Humber"
        yorkshire = sum(1 for r in csv.DictReader(f) if r["region"] == region)
    assert len(run(oxi, library, "areas-with-codes", region=region)) == yorkshire


def test_theme_statements(oxi, library) -> None:
    rows = run(oxi, library, "theme-statements", theme="quality-assurance")
    texts = {r["text"] for r in rows}
    assert "Inconsistent quality assurance of case records." in texts  # Southampton
    assert ("establish effective quality assurance systems to monitor and improve their "
            "processes for safeguarding children and young people") in texts  # national


def test_practice_examples(oxi, library) -> None:
    rows = run(oxi, library, "practice-examples")
    got = {slug(r["area"]): r for r in rows}
    assert set(got) == {"camden", "bournemouth", "shropshire", "york", "stockton-on-tees",
                        "st-helens", "norfolk", "bracknell-forest", "derby", "rotherham"}
    assert got["camden"]["title"] == "teenage pregnancy strategy"
    assert got["bournemouth"]["outcome_area"] == "judgement-area/staying-safe"
    # Derby's example is read about under "Capacity to improve", which is no outcome area.
    assert "outcome_area" not in got["derby"]


def test_national_findings(oxi, library) -> None:
    rows = run(oxi, library, "national-findings")
    outcomes = [r for r in rows if r["report"] == "document/jar-2007-08-report-on-outcomes"]
    kinds = [r["kind_label"] for r in outcomes]
    assert (kinds.count("key finding"), kinds.count("recommendation")) == (12, 6)
    data = run(oxi, library, "national-findings", theme="use-of-data")
    assert any(r["text"].startswith("In too many local partnerships, there were considerable "
                                    "weaknesses in the use of data") for r in data)


def test_areas_by_grade(oxi, library) -> None:
    def areas(**params: str) -> set[str]:
        return {slug(r["area"]) for r in run(oxi, library, "areas-by-grade", **params)}

    assert areas() == {"southampton", "leeds"}  # safeguarding adequate
    assert areas(judgement_area="looked-after-children", grade="3") == {"leicestershire"}
    assert areas(judgement_area="service-management", grade="4") == {"leicestershire"}
    assert areas(judgement_area="safeguarding", grade="1") == set()


def test_reviews(oxi, library) -> None:
    rows = run(oxi, library, "reviews")
    reviews = {r["review"].removeprefix("review/") for r in rows}
    assert {"jar-southampton-2007", "jar-leicestershire-2008", "jar-leeds-2008",
            "ca-leeds-2008", "apa-southampton-2006"} <= reviews


def test_grade_scale(oxi, library) -> None:
    rows = run(oxi, library, "grade-scale")
    assert {(r["notation"], r["label"]) for r in rows} == {
        (4, "Outstanding"), (3, "Good"), (2, "Adequate"), (1, "Inadequate")}
    assert any(r.get("descriptor_label") == "A service that delivers well above minimum "
               "requirements for users" for r in rows)  # Narrowing the gap, the LSIF scale


def test_compare_areas(oxi, library) -> None:
    rows = run(oxi, library, "compare-areas", first="southampton", second="leicestershire")
    got = {r["judgement_area"].removeprefix("judgement-area/"): (r["first_grade"],
                                                                 r["second_grade"])
           for r in rows}
    assert got == {"safeguarding": (2, 3), "looked-after-children": (2, 3),
                   "learning-difficulties-and-disabilities": (3, 3),
                   "service-management": (3, 4), "capacity-to-improve": (3, 4)}


def test_untagged_statements_have_no_theme(oxi, library) -> None:
    rows = run(oxi, library, "untagged-statements")
    texts = {r["text"] for r in rows}
    assert "Strong child-centred practice." in texts  # Leeds, no theme names it
    assert "Good CAMHS strategy." not in texts


def test_earlier_methodology_grades(oxi, library) -> None:
    rows = run(oxi, library, "earlier-methodology-grades")
    assert [r["number"] for r in rows] == list(range(1, 14))
    assert rows[10]["judgement_area"] == "judgement-area/service-management"


def test_every_query_runs_with_its_example(oxi, library) -> None:
    from jargraph.named_queries import example_values

    for q in library.values():
        store.run_query(oxi, q.render(example_values(q.example)))


# ---------------------------------------------------------------- through the web API


@pytest.fixture(scope="module")
def client(built_home: Path):
    from jargraph.web import create_app, shutdown

    app = create_app({"home": str(built_home), "workers": 1})
    yield app.test_client()
    shutdown(app)


def test_api_answers_json_csv_and_tsv(client) -> None:
    r = client.get("/api/queries/area-grades")
    assert r.status_code == 200
    assert r.mimetype == "application/sparql-results+json"
    areas = {b["area"]["value"].rsplit("/", 1)[-1] for b in r.get_json()["results"]["bindings"]}
    assert areas == set(GRADES)
    csv_text = client.get("/api/queries/area-grades?format=csv").get_data(as_text=True)
    assert csv_text.splitlines()[0].startswith("area,name,review,year,safeguarding")
    assert any(line.endswith(",2,2,3,3,3") and "southampton" in line
               for line in csv_text.splitlines())
    tsv = client.get("/api/queries/area-grades", headers={"Accept": "text/tab-separated-values"})
    assert tsv.mimetype == "text/tab-separated-values"


def test_api_construct_answers_turtle_and_json_ld(client) -> None:
    ttl = client.get("/api/queries/area-profile?area=leeds")
    assert ttl.mimetype == "text/turtle"
    assert "E08000035" in ttl.get_data(as_text=True)
    jsonld = client.get("/api/queries/area-profile?area=leeds&format=jsonld")
    assert jsonld.mimetype == "application/ld+json"
    assert any(node.get("@id") == f"{ID}area/leeds" for node in jsonld.get_json())


def test_query_page_shows_results_as_a_table(client) -> None:
    page = client.get("/queries/grade-gap?first=safeguarding&second=service-management")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<table" in html and "3 rows" in html
    assert 'href="/doc/area/southampton"' in html


MISSING_CONCEPTS = """
@prefix jar: <https://w3id.org/jargraph/def#> .
@base <https://w3id.org/jargraph/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<review/jar-testshire-2008> a jar:JointAreaReview ; jar:area <area/testshire> .
<area/testshire> skos:prefLabel "Testshire"@en .
<timeframe/immediate> skos:prefLabel "Immediately"@en ; skos:notation 1 .
<theme/safeguarding> skos:prefLabel "Safeguarding"@en .
<review/jar-testshire-2008/recommendation/r1> a jar:Recommendation ;
    jar:review <review/jar-testshire-2008> ; jar:text "Review the front door."@en .
<review/jar-testshire-2008/investigation/i1> a jar:AdditionalInvestigation ;
    jar:review <review/jar-testshire-2008> ; dcterms:title "Youth offending"@en .
"""
"""A recommendation with no timeframe or addressee and an investigation with no
category, beside other labelled concepts."""


def test_rows_missing_a_concept_are_listed_once(library) -> None:
    # An OPTIONAL label lookup on a concept the row lacks must not pair the row with
    # every label in the graph.
    import pyoxigraph as ox

    graph = ox.Store()
    graph.load(MISSING_CONCEPTS.encode(), ox.RdfFormat.TURTLE)
    recommendations = run(graph, library, "recommendations")
    assert [(r["text"], r.get("timeframe_label")) for r in recommendations] == [
        ("Review the front door.", None)]
    by_timeframe = run(graph, library, "recommendations-by-timeframe")
    assert [(r.get("timeframe_label"), r.get("addressee_label"), r["recommendations"])
            for r in by_timeframe] == [(None, None, 1)]
    investigations = run(graph, library, "investigations")
    assert [(r["title"], r.get("category_label")) for r in investigations] == [
        ("Youth offending", None)]
