"""The synthetic corpus reads back, through the real readers, as exactly what was planned."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import synthetic

from jargraph import uris
from jargraph.readers import read_document
from jargraph.resources import reports_dir

COUNT = 24


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[synthetic.Plan, Path]]:
    out = tmp_path_factory.mktemp("synthetic")
    plans = synthetic.plan_corpus(COUNT, seed=3)
    paths = synthetic.generate(COUNT, out, seed=3)
    return list(zip(plans, paths, strict=True))


def test_every_report_reads_without_a_warning(corpus) -> None:
    for _, path in corpus:
        doc = read_document(path)
        assert doc.family == "jar-report"
        assert doc.warnings == [], path.name


def test_the_grades_read_are_the_grades_planned(corpus) -> None:
    for plan, path in corpus:
        reviews = {r.kind: r for r in read_document(path).reviews}
        jar = reviews["jar"]
        assert (jar.area, jar.year) == (plan.area, plan.year)
        grades = {j.area_key: j.grade for j in jar.judgements}
        assert {k: grades[k] for k in synthetic.CORE} == plan.grades
        investigations = {i.title.lower(): (i.category, grades[i.key]) for i in jar.investigations}
        assert len(investigations) == len(plan.investigations)
        for planned in plan.investigations:
            category, grade = investigations[planned.title.lower()]
            assert grade == planned.grade
            if planned.category != "other-investigation":
                assert category == planned.category
        apa = reviews["apa"]
        assert apa.year == plan.year - 1
        assert {j.area_key: j.grade for j in apa.judgements} == plan.apa
        corporate = {j.area_key: j.grade for j in reviews["corporate-assessment"].judgements}
        assert corporate["achieving-economic-well-being"] == (
            plan.corporate["making-a-positive-contribution"])
        assert {k: corporate[k] for k in plan.corporate} == plan.corporate
        assert ("enhanced-youth-inspection" in reviews) == (plan.youth is not None)


def test_the_findings_and_recommendations_read_are_those_planned(corpus) -> None:
    for plan, path in corpus:
        jar = next(r for r in read_document(path).reviews if r.kind == "jar")
        kinds = Counter(f.kind for f in jar.findings)
        assert kinds["strength"] == sum(len(v) for v in plan.strengths.values())
        assert kinds["weakness"] == sum(len(v) for v in plan.weaknesses.values())
        timeframes = Counter(r.timeframe for r in jar.recommendations)
        assert timeframes == Counter({k: len(v) for k, v in plan.recommendations.items()})


def test_reports_vary_as_real_ones_do(corpus) -> None:
    plans = [plan for plan, _ in corpus]
    for key in synthetic.CORE:
        assert len({p.grades[key] for p in plans}) >= 2, key
    assert {len(p.investigations) for p in plans} >= {1, 2}
    texts = [frozenset(s for v in p.strengths.values() for s in v) for p in plans]
    assert len(set(texts)) == len(texts)
    assert len({p.area for p in plans}) == len(plans)


def test_the_same_seed_gives_the_same_texts(tmp_path: Path) -> None:
    first = synthetic.generate(5, tmp_path / "a", seed=11)
    second = synthetic.generate(5, tmp_path / "b", seed=11)
    other = synthetic.generate(5, tmp_path / "c", seed=12)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_no_review_takes_the_uri_of_another_or_of_a_seed_review() -> None:
    seed = set()
    for path in reports_dir().glob("*.txt"):
        for review in read_document(path).reviews:
            seed.add(uris.review(review.kind, uris.slug(review.area), review.year))
    plans = synthetic.plan_corpus(400, seed=1)
    mine = [uris.review(kind, uris.slug(p.area), year) for p in plans
            for kind, year in (("jar", p.year), ("apa", p.year - 1),
                               ("corporate-assessment", p.year))]
    assert len(set(mine)) == len(mine)
    assert not set(mine) & seed


def test_grades_follow_the_national_distribution() -> None:
    """Over many reports each core grade's share is near the national report's."""
    plans = synthetic.plan_corpus(600, seed=5)
    national = dict(synthetic.seed_pools().distributions["safeguarding"][0][1])
    total = sum(national.values())
    drawn = Counter(p.grades["safeguarding"] for p in plans)
    for grade, count in national.items():
        assert abs(drawn[grade] / len(plans) - count / total) < 0.07, grade
