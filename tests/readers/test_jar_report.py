"""The JAR report reader on the two real reports.

Every expected value here was read off the reports by a person, not copied from
the reader's output: the grades table and the bold grade sentences, the
recommendations under each timeframe heading, the rows of every strengths and
weaknesses table, the annexes.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from jargraph.model import Document, Judgement, Review
from jargraph.readers.jar import read_jar_report

REPORTS = Path(__file__).resolve().parents[2] / "src" / "jargraph" / "data" / "reports"


@pytest.fixture(scope="module")
def southampton() -> Document:
    return read_jar_report(REPORTS / "jar-southampton-2007.txt")


@pytest.fixture(scope="module")
def leicestershire() -> Document:
    return read_jar_report(REPORTS / "jar-leicestershire-2008.txt")


def review(doc: Document, kind: str) -> Review:
    [found] = [r for r in doc.reviews if r.kind == kind]
    return found


def grades(r: Review) -> dict[str, int]:
    return {j.area_key: j.grade for j in r.judgements}


def judgement(r: Review, key: str) -> Judgement:
    [found] = [j for j in r.judgements if j.area_key == key]
    return found


def finding_counts(r: Review) -> Counter[tuple[str | None, str]]:
    return Counter((f.area_key, f.kind) for f in r.findings)


def timeframe_counts(r: Review) -> Counter[str | None]:
    return Counter(rec.timeframe for rec in r.recommendations)


# --- title page ----------------------------------------------------------------


def test_title_page_southampton(southampton: Document) -> None:
    assert southampton.id == "jar-southampton-2007"
    assert southampton.family == "jar-report"
    assert southampton.area == "Southampton"
    assert southampton.title == "Joint area review: Southampton Children's Services Authority Area"
    assert southampton.published == "2007-10-16"
    assert southampton.reference == "852"
    assert southampton.publisher == "Ofsted"
    assert southampton.inspectorates == [
        "Audit Commission", "Healthcare Commission", "HM Crown Prosecution Service Inspectorate",
        "HM Inspectorate of Constabulary", "HM Inspectorate of Prisons",
        "HM Inspectorate of Probation", "Ofsted",
    ]


def test_title_page_leicestershire(leicestershire: Document) -> None:
    assert leicestershire.area == "Leicestershire"
    assert leicestershire.published == "2008-02-19"
    assert leicestershire.reference == "855"
    assert len(leicestershire.inspectorates) == 7


def test_real_reports_give_no_warnings(southampton: Document, leicestershire: Document) -> None:
    assert [str(w) for w in southampton.warnings] == []
    assert [str(w) for w in leicestershire.warnings] == []


# --- the five core grades ------------------------------------------------------------


def test_core_grades_southampton(southampton: Document) -> None:
    jar = review(southampton, "jar")
    assert (jar.area, jar.year, jar.methodology) == ("Southampton", 2007, "2007")
    core = {k: v for k, v in grades(jar).items() if k in {
        "safeguarding", "looked-after-children", "learning-difficulties-and-disabilities",
        "service-management", "capacity-to-improve"}}
    assert core == {"safeguarding": 2, "looked-after-children": 2,
                    "learning-difficulties-and-disabilities": 3, "service-management": 3,
                    "capacity-to-improve": 3}
    assert all(j.scope == "local-services-overall" for j in jar.judgements)


def test_core_grades_leicestershire(leicestershire: Document) -> None:
    jar = review(leicestershire, "jar")
    assert (jar.year, jar.methodology) == (2008, "2007")
    assert grades(jar) == {"safeguarding": 3, "looked-after-children": 3,
                           "learning-difficulties-and-disabilities": 3, "service-management": 4,
                           "capacity-to-improve": 4,
                           "enjoyment-achievement-between-key-stages-3-4": 3}


def test_safeguarding_sources_southampton(southampton: Document) -> None:
    """Grades-table row, paragraph 15's bold sentence, and the main-findings bullet."""
    j = judgement(review(southampton, "jar"), "safeguarding")
    table, prose, bullet = j.sources
    assert (table.section, table.text, table.line) == ("Grades", "Safeguarding | 2", 106)
    assert prose.paragraph == "15"
    assert prose.section == "Safeguarding"
    assert prose.line == 160
    assert prose.text == ("The contribution of local services to improving outcomes for children "
                          "at risk or requiring safeguarding is adequate.")
    assert bullet.paragraph == "13"
    assert bullet.section == "Main findings"
    assert bullet.text.startswith("the arrangements for safeguarding children and young people "
                                  "are adequate.")
    # the bullet went on after a page break
    assert bullet.text.endswith("to promote the wider safeguarding agenda are developing well")
    assert j.wording == "adequate"


def test_joint_service_management_paragraph(southampton: Document,
                                            leicestershire: Document) -> None:
    sm = judgement(review(southampton, "jar"), "service-management")
    cap = judgement(review(southampton, "jar"), "capacity-to-improve")
    assert sm.sources[1].paragraph == cap.sources[1].paragraph == "60"
    assert cap.sources[1].text == "Capacity to improve further is good."
    sm = judgement(review(leicestershire, "jar"), "service-management")
    assert [s.paragraph for s in sm.sources] == [None, "68", "11"]
    assert sm.wording == "outstanding"


def test_paragraph_sources_leicestershire(leicestershire: Document) -> None:
    jar = review(leicestershire, "jar")
    assert [s.paragraph for s in judgement(jar, "safeguarding").sources] == [None, "14", "11"]
    assert [s.paragraph for s in judgement(jar, "looked-after-children").sources] == [
        None, "30", "11"]
    assert [s.paragraph for s in judgement(
        jar, "learning-difficulties-and-disabilities").sources] == [None, "42", "11"]


# --- additional investigations ----------------------------------------------------


def test_investigations_southampton(southampton: Document) -> None:
    jar = review(southampton, "jar")
    found = [(i.title, i.category) for i in jar.investigations]
    assert found == [
        ("The contribution of local services to support and challenge schools in raising "
         "attainment", "school-improvement"),
        ("The impact of local services in reducing the number of young people not in "
         "employment, education and training", "not-in-education-employment-or-training"),
    ]
    school, neet = jar.investigations
    assert judgement(jar, school.key).grade == 3
    assert judgement(jar, neet.key).grade == 2
    assert [s.paragraph for s in judgement(jar, school.key).sources] == ["47", "13"]
    assert [s.paragraph for s in judgement(jar, neet.key).sources] == ["53", "13"]
    assert school.source.line == 258


def test_investigation_leicestershire(leicestershire: Document) -> None:
    jar = review(leicestershire, "jar")
    [inv] = jar.investigations
    assert inv.title == ("The enjoyment and achievement of children and young people between "
                         "Key Stages 3 and 4")
    assert inv.category == "standards-and-achievement"
    j = judgement(jar, inv.key)
    assert (j.grade, j.wording) == (3, "good")
    assert [s.paragraph for s in j.sources] == ["57", "11"]


# --- recommendations -------------------------------------------------------------


def test_recommendations_southampton(southampton: Document) -> None:
    recs = review(southampton, "jar").recommendations
    assert timeframe_counts(review(southampton, "jar")) == {
        "immediate": 2, "within-six-months": 8, "longer-term": 2}
    three = recs[4]
    assert three.addressees == ["The council", "Local Learning and Skills Council", "Connexions"]
    assert three.text.startswith("The council, Local Learning and Skills Council and Connexions "
                                 "should ensure all young people")
    assert recs[1].text == ("The council should strengthen the promotion of the independent "
                            "visiting scheme for looked after children.")
    assert recs[1].timeframe == "immediate"
    # one item cut by a page break, joined again
    joined = recs[6]
    assert joined.text == (
        "The council and its partners should ensure that the development of 14-19 education and "
        "training is co-ordinated effectively across schools, colleges and work-based learning "
        "providers together with appropriate, targeted support to ensure the needs of young people"
        " who are not in education, training or employment or are at risk of being so, are met.")
    assert joined.addressees == ["The council and its partners"]
    assert recs[-1].timeframe == "longer-term"
    assert recs[-1].addressees == ["The council", "Local Learning and Skills Council",
                                   "Connexions"]


def test_recommendations_leicestershire(leicestershire: Document) -> None:
    recs = review(leicestershire, "jar").recommendations
    assert timeframe_counts(review(leicestershire, "jar")) == {
        "immediate": 3, "within-six-months": 3, "longer-term": 2}
    assert recs[0].addressees == ["The local partnership"]
    assert recs[0].text == ("The local partnership should ensure that an appropriate way is found "
                            "to successfully disseminate the findings of this report to children "
                            "and young people in the area.")
    assert recs[1].addressees == ["The Children's Services Department", "schools"]
    assert recs[1].text.endswith("should reduce unauthorised absence in secondary schools")
    assert recs[4].text == ("The local partnership should reduce waiting times for some "
                            "specialist services, including CAMHS and therapies")
    assert recs[4].timeframe == "within-six-months"
    assert recs[4].source.text == ("reduce waiting times for some specialist services, including "
                                   "CAMHS and therapies")


# --- strengths and weaknesses ------------------------------------------------------


def test_strengths_and_weaknesses_southampton(southampton: Document) -> None:
    jar = review(southampton, "jar")
    school, neet = (i.key for i in jar.investigations)
    assert finding_counts(jar) == {
        ("safeguarding", "strength"): 5, ("safeguarding", "weakness"): 5,
        ("looked-after-children", "strength"): 6, ("looked-after-children", "weakness"): 6,
        ("learning-difficulties-and-disabilities", "strength"): 8,
        ("learning-difficulties-and-disabilities", "weakness"): 3,
        (school, "strength"): 7, (school, "weakness"): 3,
        (neet, "strength"): 4, (neet, "weakness"): 3,
        ("service-management", "strength"): 4, ("service-management", "weakness"): 3,
    }
    texts = {(f.area_key, f.text) for f in jar.findings}
    assert ("looked-after-children", "Services to support young people leaving care") in texts
    assert ("safeguarding", "Tracking of children missing from care and education.") in texts
    assert (school, "Support for developing the 14–19 curriculum.") in texts
    assert ("service-management", "Lack of a strategic approach to workforce planning.") in texts


def test_strengths_and_weaknesses_leicestershire(leicestershire: Document) -> None:
    jar = review(leicestershire, "jar")
    [inv] = jar.investigations
    assert finding_counts(jar) == {
        ("safeguarding", "strength"): 4, ("safeguarding", "weakness"): 1,
        ("looked-after-children", "strength"): 6, ("looked-after-children", "weakness"): 3,
        ("learning-difficulties-and-disabilities", "strength"): 6,
        ("learning-difficulties-and-disabilities", "weakness"): 2,
        (inv.key, "strength"): 4, (inv.key, "weakness"): 1,
        ("service-management", "strength"): 6,
    }


def test_wrapped_cells_leicestershire(leicestershire: Document) -> None:
    """Three lines of the weaknesses column hold two weaknesses."""
    jar = review(leicestershire, "jar")
    weaknesses = [f for f in jar.findings if f.kind == "weakness"
                  and f.area_key == "learning-difficulties-and-disabilities"]
    assert [w.text for w in weaknesses] == [
        "Thresholds and waiting lists for some specialist services, including CAMHS and "
        "therapies.",
        "Inconsistent support for young people with more challenging behaviour.",
    ]
    assert [w.source.line for w in weaknesses] == [213, 214]
    assert weaknesses[0].source.section == (
        "Children and young people with learning difficulties and/or disabilities")
    strengths = [f.text for f in jar.findings if f.kind == "strength"
                 and f.area_key == "learning-difficulties-and-disabilities"]
    assert strengths[-1] == "Provision for children with disabilities."


# --- the APA letter ------------------------------------------------------------


def test_apa_southampton(southampton: Document) -> None:
    apa = review(southampton, "apa")
    assert (apa.year, apa.area) == (2006, "Southampton")
    assert apa.url is not None and apa.url.endswith("apa_2006_852.pdf")
    assert grades(apa) == {"council-overall-contribution": 3, "council-capacity-to-improve": 3,
                           "making-a-positive-contribution": 4}
    assert all(j.scope == "council" for j in apa.judgements)
    assert judgement(apa, "making-a-positive-contribution").wording == "excellent"
    overall = judgement(apa, "council-overall-contribution")
    # the table row, the summary sentence, and the introduction's paragraphs 1 and 3
    assert [s.paragraph for s in overall.sources] == [None, None, "1", "3"]
    assert overall.sources[0].section == "Annex A: Summary"


def test_apa_leicestershire(leicestershire: Document) -> None:
    apa = review(leicestershire, "apa")
    assert apa.year == 2007  # from the address: "apa 2007 855.pdf"
    assert apa.url is not None and apa.url.endswith("apa 2007 855.pdf")
    assert grades(apa) == {
        "council-overall-contribution": 3, "council-capacity-to-improve": 4,
        "being-healthy": 3, "staying-safe": 3, "enjoying-and-achieving": 3,
        "achieving-economic-well-being": 3, "making-a-positive-contribution": 4,
    }
    overall = judgement(apa, "council-overall-contribution")
    assert overall.sources[0].text == ("The council consistently delivers services for children "
                                       "and young people at a good level.")


# --- corporate assessment and youth inspection ---------------------------------------


def test_corporate_assessment_leicestershire(leicestershire: Document) -> None:
    ca = review(leicestershire, "corporate-assessment")
    assert ca.year == 2008
    assert grades(ca) == {
        "outcomes-for-children-and-young-people": 3, "service-management": 4,
        "being-healthy": 3, "staying-safe": 3, "enjoying-and-achieving": 3,
        "making-a-positive-contribution": 3, "achieving-economic-well-being": 3,
        "council-capacity-to-improve": 4,
    }
    assert all(j.scope == "council" for j in ca.judgements)
    assert judgement(ca, "service-management").sources[0].paragraph == "C.2"
    # its first paragraph lost its number; the next is numbered 2
    assert judgement(ca, "outcomes-for-children-and-young-people").sources[0].paragraph == "C.1"


def test_corporate_assessment_southampton_reports_others(southampton: Document) -> None:
    """Southampton's section only repeats the APA's and the JAR's grades: none of its own."""
    ca = review(southampton, "corporate-assessment")
    assert ca.judgements == []
    assert ca.source.section == "Annex B"


def test_youth_inspection_leicestershire(leicestershire: Document) -> None:
    eyi = review(leicestershire, "enhanced-youth-inspection")
    assert grades(eyi) == {"youth-standards-of-achievement": 3, "youth-work-practice": 3,
                           "youth-curriculum-and-resources": 4,
                           "youth-leadership-and-management": 3}
    kinds = Counter(f.kind for f in eyi.findings)
    assert kinds == {"strength": 6, "area-for-development": 2}
    assert eyi.findings[-1].text == ("Improve the monitoring and reporting of the quality of "
                                     "youth work undertaken by voluntary and community sector "
                                     "partners.")


def test_no_youth_inspection_in_southampton(southampton: Document) -> None:
    assert sorted(r.kind for r in southampton.reviews) == ["apa", "corporate-assessment", "jar"]


# --- context figures ---------------------------------------------------------------


def figures(doc: Document) -> dict[str, tuple[Decimal, str | None]]:
    return {f.measure: (f.value, f.unit) for f in doc.figures}


def test_context_figures_southampton(southampton: Document) -> None:
    got = figures(southampton)
    assert got["population"] == (Decimal(222000), "persons")
    assert got["unemployment rate"] == (Decimal("2.4"), "percent")
    assert got["foster carers"] == (Decimal(170), "count")
    assert got["special schools"] == (Decimal(5), "count")  # "five special schools"
    assert got["family centres"] == (Decimal(3), "count")
    assert got["first schools"] == (Decimal(62), "count")
    carers = next(f for f in southampton.figures if f.measure == "foster carers")
    assert (carers.source.paragraph, carers.source.section) == ("12", "Context")


def test_context_figures_leicestershire(leicestershire: Document) -> None:
    got = figures(leicestershire)
    assert got["population"] == (Decimal(609000), "persons")
    assert got["foster carers"] == (Decimal(203), "count")
    assert got["special schools"] == (Decimal(6), "count")
    assert got["looked after children"] == (Decimal(326), "count")
    assert got["children and young people with statements of special educational needs"] == (
        Decimal(2693), "count")
    assert got["pupil referral unit"] == (Decimal(1), "count")


# --- passages ------------------------------------------------------------------------


def passage(doc: Document, number: str) -> str:
    [found] = [p for p in doc.passages if p.paragraph == number]
    return found.text or ""


def test_numbered_paragraphs_are_unique_passages(southampton: Document,
                                                 leicestershire: Document) -> None:
    for doc in (southampton, leicestershire):
        numbers = [p.paragraph for p in doc.passages if p.paragraph]
        assert len(numbers) == len(set(numbers))
        sections = [p.section for p in doc.passages if not p.paragraph]
        assert len(sections) == len(set(sections))
    assert [p for p in southampton.passages if p.paragraph and p.paragraph.startswith("C.")][
        -1].paragraph == "C.4"


def test_paragraphs_mended_across_page_breaks(southampton: Document) -> None:
    assert passage(southampton, "67").endswith("integration of service delivery.")
    assert "expenditure on staff training is above average." in passage(southampton, "67")
    # paragraph 43 runs on after a footnote at the foot of its page
    assert passage(southampton, "43").endswith("for those who require special transport.")


def test_lost_paragraph_numbers_restored(leicestershire: Document) -> None:
    assert passage(leicestershire, "26").startswith("The LSCB is outstanding.")
    assert passage(leicestershire, "37").startswith("Increasing attainment was identified")
    assert passage(leicestershire, "B.2").startswith("Strong partnership working with the "
                                                     "voluntary and community sector")
    lscb = next(p for p in leicestershire.passages if p.paragraph == "26")
    assert (lscb.section, lscb.line) == ("Safeguarding", 168)


def test_equality_and_contents_passages(southampton: Document,
                                        leicestershire: Document) -> None:
    assert passage(southampton, "14").startswith("Services and partners identify and prioritise")
    contents = next(p.text or "" for p in leicestershire.passages if p.section == "Contents")
    assert "Introduction (2)" in contents
    assert "Main findings (3)" in contents
    assert "Recommendations (4)" in contents
    assert "Areas for investigation through fieldwork during the joint area review" in contents
    assert ("Annex C: Children and young people's section of the corporate assessment report (25)"
            in contents)
