"""Areas against the reference table; judgements against their wording and their review.

Expected values from data/reference/local-authorities.csv: Leeds 383 / E08000035,
Yorkshire and The Humber, metropolitan district; Bedford 822, in service from 2009;
Barnsley's later GSS code E08000038 (notes)."""

from __future__ import annotations

from jargraph.validate.crosschecks import crosscheck_findings, grade_named
from jargraph.validate.statements import Statements

from .conftest import parsed

LEEDS = """<area/leeds> a jar:Area ;
    skos:prefLabel "Leeds"@en ; jar:dfeCode "383" ; jar:gssCode "E08000035" ;
    jar:region "Yorkshire and The Humber" ; jar:authorityType "metropolitan district" .
"""


def _found(statements: str) -> list[tuple[str, str | None]]:
    return sorted((f.rule, f.fix) for f in crosscheck_findings(Statements.of(parsed(statements))))


def test_an_area_as_the_table_gives_it_passes() -> None:
    assert _found(LEEDS) == []


def test_each_code_is_the_tables() -> None:
    for old, new, fix in (('"383"', '"384"', 'def#dfeCode> "383"'),
                          ('"E08000035"', '"E08000038"', 'def#gssCode> "E08000035"'),
                          ('"Yorkshire and The Humber"', '"North West"', "Yorkshire"),
                          ('"metropolitan district"', '"unitary"', "metropolitan district")):
        [(rule, written)] = _found(LEEDS.replace(old, new))
        assert rule == "AreaCode" and written is not None and fix in written


def test_the_name_is_the_tables_official_name() -> None:
    assert _found(LEEDS.replace('"Leeds"@en', '"Leeds City"@en')) == [
        ("AreaName", '<http://www.w3.org/2004/02/skos/core#prefLabel> "Leeds"@en')]


def test_an_unknown_area_is_named_with_the_closest_and_its_label_resolved() -> None:
    # "Southampton City Council" resolves through the table's spellings to southampton
    [(rule, fix)] = _found('<area/soton> a jar:Area ; skos:prefLabel '
                           '"Southampton City Council"@en .')
    assert (rule, fix) == ("UnknownArea", "<https://w3id.org/jargraph/id/area/southampton>")


def test_an_authority_in_service_only_later() -> None:
    found = _found('<review/jar-bedford-2008> a jar:JointAreaReview ; jar:area <area/bedford> ;'
                   ' jar:year "2008"^^xsd:gYear .')
    assert [r for r, _ in found] == ["AreaInService"]
    assert _found('<review/jar-bedford-2009> a jar:JointAreaReview ; jar:area <area/bedford> ;'
                  ' jar:year "2009"^^xsd:gYear .') == []


def test_printed_wordings_name_grades() -> None:
    for wording, grade in (("2", "adequate"), ("Good", "good"), ("excellent", "outstanding"),
                           ("satisfactory", "adequate"), ("Grade 1", "inadequate"),
                           (" Adequate. ", "adequate")):
        assert grade_named(wording) == f"https://w3id.org/jargraph/id/grade/{grade}", wording
    assert grade_named("see paragraph 4") is None


JUDGEMENT = """<review/{r}> a jar:{kind} {more} .
<review/{r}/judgement/x> a jar:Judgement ; jar:review <review/{r}> ;
    jar:judgementArea <judgement-area/{area}> ; jar:scope <scope/{scope}> ."""


def test_a_judgement_grades_what_its_kind_of_review_grades() -> None:
    def rules(kind: str, more: str, area: str, scope: str) -> list[str]:
        return [r for r, _ in _found(JUDGEMENT.format(r="r", kind=kind, more=more, area=area,
                                                      scope=scope))]
    jar_2007 = "; jar:methodology <methodology/2007>"
    assert rules("JointAreaReview", jar_2007, "safeguarding", "local-services-overall") == []
    assert rules("JointAreaReview", jar_2007, "safeguarding", "council") == [
        "JudgementScopeOfReview"]
    assert rules("JointAreaReview", jar_2007, "being-healthy", "local-services-overall") == [
        "JudgementAreaOfReview"]
    # the September 2005 methodology grades outcome areas, for the council too
    assert rules("JointAreaReview", "; jar:methodology <methodology/2005>", "being-healthy",
                 "council") == []
    assert rules("CorporateAssessment", "", "staying-safe", "council") == []
    assert rules("AnnualPerformanceAssessment", "", "staying-safe",
                 "local-services-overall") == ["JudgementScopeOfReview"]
    assert rules("EnhancedYouthInspection", "", "youth-work-practice", "council") == []
    assert rules("EnhancedYouthInspection", "", "safeguarding", "council") == [
        "JudgementAreaOfReview"]
