"""The annexes: the APA letter, the corporate assessment, the enhanced youth inspection."""

from __future__ import annotations

from collections import Counter

from jargraph.model import Document

from .conftest import grades, judgement, review


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
