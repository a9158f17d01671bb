"""The JAR as the paper restates it: its dates, methodology and investigations."""

from __future__ import annotations

from jargraph.model import Review


def test_jar_review(jar: Review) -> None:
    assert (jar.area, jar.year, jar.methodology, jar.fieldwork) == (
        "Leeds", 2008, "2007", "2007-11/2007-12")
    assert jar.source.paragraph == "1.0"


def test_investigations_and_their_grades(jar: Review) -> None:
    by_category = {i.category: i for i in jar.investigations}
    assert set(by_category) == {"camhs", "14-19-strategy"}
    camhs, strategy = by_category["camhs"], by_category["14-19-strategy"]
    assert camhs.title == "Child and Adolescent Mental health Services (CAMHS)"
    assert strategy.title == (
        "The impact of the 14\u201319 strategy in improving outcomes for young people")
    graded = {j.area_key: (j.grade, j.wording) for j in jar.judgements if j.wording}
    assert graded == {camhs.key: (3, "Good"), strategy.key: (2, "Adequate")}
    assert len({i.key for i in jar.investigations}) == 2
