"""A thing's page marks, in the passage it quotes, the words the statement was read from.

On the seed graph: a Southampton weakness read from a table cell, the judgement
read from a grades-table row and from the bold sentence that opens paragraph
15, and a Leeds strength whose cell a page break cut. Expected words are read
from the documents in ``data/reports/``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from jargraph.web.things import mark

REVIEW = "/doc/review/jar-southampton-2007"


@pytest.fixture(scope="module")
def client(built_home: Path):
    from jargraph.web import create_app, shutdown

    app = create_app({"home": str(built_home), "workers": 1})
    yield app.test_client()
    shutdown(app)


def page(client, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, path
    return answer.get_data(as_text=True)


def quoted(text: str) -> list[tuple[str, str]]:
    """(marked words, whole passage as a reader sees it) of each quoted passage on a page."""
    out = []
    for block in re.findall(r"<blockquote>(.*?)</blockquote>", text, re.S):
        marks = re.findall(r"<mark>(.*?)</mark>", block, re.S)
        plain = html.unescape(re.sub(r"</?mark>", "", block))
        out.extend((html.unescape(m), plain) for m in marks)
    return out


def finding_path(client, words: str) -> str:
    """The page of the finding whose text is ``words``, found through /sparql."""
    query = ('SELECT ?f WHERE { ?f <https://w3id.org/jargraph/def#text> "' + words + '"@en }')
    answer = client.get("/sparql", query_string={"query": query},
                        headers={"Accept": "application/sparql-results+json"})
    [row] = answer.get_json()["results"]["bindings"]
    return "/doc/" + row["f"]["value"].split("/id/", 1)[1]


def test_a_weakness_page_marks_its_own_cell(client) -> None:
    # jar-southampton-2007.txt line 189: the last <p> of the Important weaknesses cell
    words = "Insufficient action to raise public awareness of private fostering."
    text = page(client, finding_path(client, words))
    [(marked, passage)] = quoted(text)
    assert marked == words
    assert passage.startswith("Safeguarding\nMajor strengths\nIncreasing effectiveness")
    assert "\nImportant weaknesses\n" in passage
    assert "<p>" not in passage and "|" not in passage
    assert "&lt;p&gt;" not in text


def test_a_judgement_page_marks_the_row_and_the_sentence(client) -> None:
    text = page(client, REVIEW + "/judgement/safeguarding")
    marks = dict(quoted(text))
    # line 106, the grades table: "Safeguarding<TAB>2"
    assert "Safeguarding 2" in marks
    assert "\nSafeguarding 2\nLooked after children 2\n" in marks["Safeguarding 2"]
    # line 160: paragraph 15 opens with its grade in bold
    sentence = ("The contribution of local services to improving outcomes for children at risk "
                "or requiring safeguarding is adequate.")
    assert sentence in marks
    assert marks[sentence].startswith(sentence + " Most children and young people feel safe")


def test_a_council_strength_cut_by_a_page_break_is_marked_whole(client) -> None:
    # leeds-executive-board-jar-2008.txt lines 120-122
    words = "Good and some outstanding support for learners as identified in Ofsted inspections."
    [(marked, passage)] = quoted(page(client, finding_path(client, words)))
    assert marked == words
    assert passage.startswith("The report identified key strengths and areas for development")


def test_the_review_page_marks_findings_in_their_sources(client) -> None:
    marks = [m for m, _ in quoted(page(client, REVIEW))]
    assert "Insufficient action to raise public awareness of private fostering." in marks


def test_mark_finds_words_across_line_breaks() -> None:
    assert mark("a <b> c\nd", ["<b> c d"]) == ("a ", "<b> c\nd", "")
    assert mark("nothing here", ["else", None, ""]) is None
    assert mark(None, ["x"]) is None


def test_mark_takes_the_first_place_and_ends_of_words_as_written() -> None:
    # the first place, whatever space the text has there; a quote may begin inside a
    # word and end inside one, as a quoted cell of a table row does
    text = "  Services are good.\n\nServices  are\tgood. Then"
    assert mark(text, ["Services are good."]) == ("  ", "Services are good.", text[20:])
    assert mark("x Services  are\tgood. Services are good.", ["Services are good"]) == (
        "x ", "Services  are\tgood", ". Services are good.")
    assert mark("pre-school\nplaces fill", ["school places f"]) == (
        "pre-", "school\nplaces f", "ill")
    assert mark("one two", ["absent", "two"]) == ("one ", "two", "")
