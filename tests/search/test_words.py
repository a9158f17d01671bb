"""Reading what a person types into FTS5 expressions: words, phrases, OR, -, prefixes,
and a clear error (never an FTS5 syntax error) for anything else."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jargraph.search.words import MAX_LENGTH, MAX_TERMS, SearchSyntaxError, parse


def expression(text: str, any_word: bool = False) -> str:
    return parse(text).expression(any_word)


def test_words_must_all_match() -> None:
    assert expression("private fostering") == '("private") AND ("fostering")'
    assert expression("private fostering", any_word=True) == '("private") OR ("fostering")'


def test_a_quoted_phrase_stays_one_term() -> None:
    assert expression('"looked after" children') == '("looked after") AND ("children")'


def test_or_joins_its_neighbours_only() -> None:
    assert expression("safeguarding inadequate OR outstanding") == \
        '("safeguarding") AND ("inadequate" OR "outstanding")'


def test_minus_and_not_leave_things_out() -> None:
    assert expression('fostering -private NOT "foster carers"') == \
        '(("fostering")) NOT ("private" OR "foster carers")'


def test_a_star_after_a_word_is_a_prefix() -> None:
    assert expression("priv*") == '("priv"*)'
    assert expression('"private fost"*') == '("private fost"*)'


def test_the_common_words_of_a_question_are_left_out() -> None:
    parsed = parse("which areas had weaknesses in private fostering?")
    assert [t.text for t in parsed.terms] == ["areas", "weaknesses", "private", "fostering?"]
    assert parsed.ignored == ["which", "had", "in"]
    assert [t.text for t in parse('"in the"').terms] == ["in the"], "unless quoted"
    assert [t.text for t in parse("the which").terms] == ["the", "which"], "or all there is"


@pytest.mark.parametrize("text", ["NEAR(", "title:foster", "names:x OR", "a AND b", "^x",
                                  "x + y", "(((", "{x}", "x:y:z", "col1 : abc"])
def test_fts5_syntax_is_plain_text(text: str) -> None:
    parsed = parse(text)
    for term in parsed.terms:
        assert term.fts().startswith('"')


@pytest.mark.parametrize(("text", "says"), [
    ('"private fostering', "quotation mark at character 1 is not closed"),
    ('fostering "private', "quotation mark at character 11 is not closed"),
    ("*", "follows no word"),
    ("fostering *", "follows no word"),
    ("-private", "only says what to leave out"),
    ("NOT fostering", "only says what to leave out"),
    ("x" * (MAX_LENGTH + 1), f"at most {MAX_LENGTH}"),
    (" ".join(f"w{i}" for i in range(MAX_TERMS + 1)), f"at most {MAX_TERMS}"),
])
def test_what_cannot_be_read_says_what_to_change(text: str, says: str) -> None:
    with pytest.raises(SearchSyntaxError, match=says):
        parse(text)


def test_nothing_to_search_for_is_no_terms() -> None:
    assert parse("").terms == []
    assert parse("  - ( ) ").terms == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list('ab *"-()^:+{}NEAROTD\t\x00é')
                                + [" OR ", " NOT ", "NEAR(", " AND "]), max_size=40))
def test_any_input_is_a_clear_error_or_an_expression_fts5_accepts(pieces: list[str]) -> None:
    text = "".join(pieces)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='porter unicode61')")
    db.execute("INSERT INTO t VALUES ('a b near ab')")
    try:
        parsed = parse(text)
    except SearchSyntaxError as exc:
        assert str(exc)
        return
    if parsed.terms:
        for any_word in (False, True):
            db.execute("SELECT rowid FROM t WHERE t MATCH ?",
                       (parsed.expression(any_word),)).fetchall()
