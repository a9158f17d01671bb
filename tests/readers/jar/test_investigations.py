"""The additional investigations: titles, keys, categories, grades."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from jargraph.model import Document
from jargraph.readers.jar import read_jar_report
from jargraph.readers.jar.investigations import investigation_category

from .conftest import LEICESTERSHIRE, SOUTHAMPTON, grades, jar, judgement, review, variant


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


def test_other_investigation_title_and_grade(tmp_path: Path) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("- The contribution of services to the enjoyment and achievement of children and young "
         "people between Key Stages 3 and is good.",
         "- The contribution of local services to reducing teenage conceptions and improving "
         "sexual health is inadequate."),
        ("The enjoyment and achievement of children and young people between Key Stages 3 and 4"
         "\n\n57.",
         "Teenage conceptions and sexual health\n\n57."),
        ("57. The contribution of services to the enjoyment and achievement of children and young "
         "people between Key Stage 3 and Key Stage 4 is good.",
         "57. The contribution of local services to reducing teenage conceptions and improving "
         "sexual health is inadequate."),
        ("- 2. The results of the 2006 APA and other sources of evidence led to the following "
         "investigation being carried out:\n - the contribution of services to the enjoyment and "
         "achievement of children and young people between Key Stage 3 and Key Stage 4.",
         "- 2. The results of the 2006 APA and other sources of evidence led to the following "
         "investigation being carried out:\n - teenage conceptions and sexual health."),
    ])
    doc = read_jar_report(path)
    assert doc.warnings == []
    [inv] = jar(doc).investigations
    assert inv.title == "Teenage conceptions and sexual health"
    assert inv.category == "teenage-conceptions-and-sexual-health"
    assert inv.key == "teenage-conceptions-sexual-health"
    j = next(j for j in jar(doc).judgements if j.area_key == inv.key)
    assert (j.grade, j.wording) == (1, "inadequate")
    assert [s.paragraph for s in j.sources] == ["57", "11"]
    assert Counter(f.kind for f in jar(doc).findings if f.area_key == inv.key) == {
        "strength": 4, "weakness": 1}


def test_third_investigation_under_an_investigation_into_heading(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [
        ("Service management\n",
         "An investigation into the contribution of local services to improving child and "
         "adolescent mental health services (CAMHS)\n\n"
         "90. **The contribution of local services to improving child and adolescent mental health "
         "services is outstanding.** Waiting times are short.\n\n"
         "Major strengths\tImportant weaknesses\n"
         "<p>Short waiting times.</p>\t<p>Transition to adult services.</p>\n"
         "\nService management\n"),
    ])
    doc = read_jar_report(path)
    titles = {i.title: i for i in jar(doc).investigations}
    camhs = titles["The contribution of local services to improving child and adolescent mental "
                   "health services (CAMHS)"]
    assert camhs.category == "camhs"
    assert grades(jar(doc))[camhs.key] == 4
    assert {(f.kind, f.text) for f in jar(doc).findings if f.area_key == camhs.key} == {
        ("strength", "Short waiting times."), ("weakness", "Transition to adult services.")}
    # the introduction names two investigations only: the reader says so
    messages = [w.message for w in doc.warnings]
    assert any("introduction lists 2 additional investigation(s) but 3" in m for m in messages)
    assert len(doc.warnings) == 1


@pytest.mark.parametrize("title, category", [
    ("The contribution of local services to support and challenge schools in raising attainment",
     "school-improvement"),
    ("The impact of local services in reducing the number of young people not in employment, "
     "education and training", "not-in-education-employment-or-training"),
    ("The enjoyment and achievement of children and young people between Key Stages 3 and 4",
     "standards-and-achievement"),
    ("Child and adolescent mental health services", "camhs"),
    ("The effectiveness of the 14–19 strategy", "14-19-strategy"),
    ("Reducing substance misuse by young people", "substance-misuse"),
    ("Outcomes for young carers", "vulnerable-groups"),
    ("Reducing childhood obesity", "health-investigation"),
    ("Community cohesion", "other-investigation"),
])
def test_investigation_categories(title: str, category: str) -> None:
    assert investigation_category(title) == category
