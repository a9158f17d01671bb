"""The inspection recommendations, and the board's own kept as passages only."""

from __future__ import annotations

from jargraph.model import Document, Review


def test_recommendations(jar: Review) -> None:
    by_time: dict[str | None, list[str]] = {}
    for rec in jar.recommendations:
        by_time.setdefault(rec.timeframe, []).append(rec.text)
        assert rec.addressees == ["The local partnership"]
    assert {k: len(v) for k, v in by_time.items()} == {
        "immediate": 3, "within-six-months": 5, "longer-term": 2}
    assert by_time["immediate"][2] == (
        "reduce the number of fixed-term exclusions for looked after children.")
    assert by_time["within-six-months"][0] == (
        "ensure the electronic case record system (ESCR) provides a fixed and permanent "
        "audit trail of entries made")
    assert by_time["longer-term"][1] == (
        "ensure there is sufficient good quality education and training for young people "
        "who offend.")


def test_board_recommendations_are_passages_only(doc: Document, jar: Review) -> None:
    assert not any("Note the outcome" in r.text for r in jar.recommendations)
    assert not doc.recommendations
    board = {p.paragraph: p.text for p in doc.passages}
    assert "It is recommended that Executive Board:" in board["2.0"]
    assert "Receive the JAR Action Plan" in board["9.0"]
