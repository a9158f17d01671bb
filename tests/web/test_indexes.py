"""The index pages over HTTP: /doc/area with each area's latest grades, /doc/review,
/doc/judgement-area. Grades are read from the documents' grades tables."""

from __future__ import annotations

import html
import re

from .conftest import fetch

HTML = "text/html"


def rows(text: str) -> dict[str, list[str]]:
    """The index table's rows as cell texts, by the first cell."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", text, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        found[cells[0]] = cells[1:]
    return found


def test_every_area_with_its_latest_grades(seed_url: str) -> None:
    answer = fetch(seed_url, "/doc/area", accept=HTML)
    assert answer.status == 200 and answer.media_type == HTML
    table = rows(answer.text)
    assert table.pop("Area") == ["Region", "Authority", "Reviews", "Safeguarding",
                                 "Looked after children",
                                 "Learning difficulties and/or disabilities",
                                 "Service management", "Capacity to improve"]
    assert len(table) == 154, "every authority of the reference table"
    # The grades tables ("Local services overall") of each joint area review.
    assert table["Southampton"][3:] == ["2 adequate", "2 adequate", "3 good", "3 good", "3 good"]
    assert table["Leicestershire"][3:] == ["3 good", "3 good", "3 good", "4 outstanding",
                                           "4 outstanding"]
    assert table["Leeds"][3:] == ["2 adequate", "2 adequate", "3 good", "3 good", "3 good"]
    assert table["Southampton"][:2] == ["South East", "unitary"]
    assert table["Camden"][3:] == ["", "", "", "", ""], "no review of Camden is held"
    assert 'href="/doc/review/jar-southampton-2007" title="Joint area review: Southampton, 2007"' \
        not in answer.text
    assert 'title="Joint area review: Southampton, 2007"' in answer.text
    assert 'href="/doc/area/southampton"' in answer.text


def test_the_filter_is_there_for_the_script_and_hidden_without_it(seed_url: str) -> None:
    text = fetch(seed_url, "/doc/area", accept=HTML).text
    assert '<div class="filter" data-filter="areas" hidden>' in text
    assert "/static/filter.js" in text


def test_every_review(seed_url: str) -> None:
    table = rows(fetch(seed_url, "/doc/review", accept=HTML).text)
    table.pop("Review")
    assert len(table) == 9
    # Southampton's report: five grades in its grades table and two graded additional
    # investigations (schools' attainment; young people not in employment, education or
    # training), and 12 recommendations
    southampton = table["Joint area review: Southampton, 2007"]
    assert southampton[:3] == ["Joint area review", "Southampton", "2007"]
    assert southampton[3] == "7" and southampton[5] == "12"
    assert table["Annual performance assessment: Southampton, 2006"][:3] == [
        "Annual performance assessment", "Southampton", "2006"]


def test_every_judgement_area_by_kind(seed_url: str) -> None:
    text = fetch(seed_url, "/doc/judgement-area", accept=HTML).text
    headings = re.findall(r"<h2>([^<]*)</h2>", text)
    assert headings[0] == "Core judgement areas (5)"
    assert "Outcome areas (5)" in headings
    table = rows(text)
    assert table["Safeguarding"][0] == "3", "one safeguarding judgement per joint area review"


def test_indexes_work_on_any_graph(site_url: str) -> None:
    for path in ("/doc/area", "/doc/review", "/doc/judgement-area"):
        answer = fetch(site_url, path, accept=HTML)
        assert answer.status == 200, path
        assert "&lt;script&gt;" in answer.text or path != "/doc/area"
        assert "<script>alert(" not in answer.text
