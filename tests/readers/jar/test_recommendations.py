"""Recommendations in both layouts, with timeframes and addressees."""

from __future__ import annotations

from pathlib import Path

from jargraph.model import Document
from jargraph.readers.jar import read_jar_report
from jargraph.readers.jar.recommendations import split_addressees

from .conftest import LEICESTERSHIRE, SOUTHAMPTON, jar, review, timeframe_counts, variant


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


def test_recommendation_cut_by_a_page_break_in_stem_layout(tmp_path: Path) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("- reduce waiting times for some specialist services, including CAMHS and therapies\n",
         "- reduce waiting times for some specialist services, including\n\n"
         "CAMHS and therapies\n"),
    ])
    doc = read_jar_report(path)
    assert doc.warnings == []
    recs = jar(doc).recommendations
    assert len(recs) == 8
    assert recs[4].text == ("The local partnership should reduce waiting times for some "
                            "specialist services, including CAMHS and therapies")


def test_unknown_timeframe_heading(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [("For action in the longer term",
                                            "For action when resources allow")])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (133, "recommendations heading 'For action when resources allow' names no known "
              "timeframe")]
    assert [r.timeframe for r in jar(doc).recommendations][-2:] == [None, None]


def test_addressees() -> None:
    assert split_addressees("The council, Local Learning and Skills Council and Connexions") == [
        "The council", "Local Learning and Skills Council", "Connexions"]
    assert split_addressees("The council and its partners") == ["The council and its partners"]
    assert split_addressees("The council and the primary care trust") == [
        "The council", "the primary care trust"]
