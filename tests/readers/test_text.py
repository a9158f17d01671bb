"""The shared text helpers, on the classes of damage PDF conversion leaves."""

from __future__ import annotations

from pathlib import Path

from jargraph.readers.text import (
    Line,
    assemble_paragraphs,
    read_lines,
    rejoin_split_words,
    restore_lost_numbers,
)


def lines(*texts: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(texts, start=1)]


def test_split_contents_words_rejoined() -> None:
    words = {"introduction", "main", "findings", "recommendations", "for", "area", "assessment"}
    assert rejoin_split_words("Introdu\tction", words) == "Introduction"
    assert rejoin_split_words("Main fir\tndings", words) == "Main findings"
    assert rejoin_split_words("Recomr\tnendations", words) == "Recommendations"
    assert rejoin_split_words("Areas fo\tor investigation", words) == "Areas for investigation"
    assert rejoin_split_words("assessn\tnent report", words) == "assessment report"
    assert rejoin_split_words("Annex A\tA: The APA letter", words) == "Annex A: The APA letter"
    assert rejoin_split_words("Annex (C: Children", words) == "Annex C: Children"


def test_paragraph_assembly() -> None:
    paras = assemble_paragraphs(lines(
        "5. Provision comprises:", "", "- 62 first schools", " - five special schools",
        "6. Referrals rose by", "", "20% in the year.", "- The board is good.", "8. Last."))
    problems = restore_lost_numbers(paras)
    assert problems == []
    assert [(p.number, p.kind) for p in paras] == [("5", "numbered"), ("6", "numbered"),
                                                  ("7", "numbered"), ("8", "numbered")]
    assert [i.text for i in paras[0].items] == ["62 first schools", "five special schools"]
    assert paras[1].text == "Referrals rose by 20% in the year."
    assert paras[2].restored


def test_read_lines_normalises(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("a\u00a0b\r\n\uf0b7 item\rlast  \n".encode())
    assert read_lines(path) == [Line(1, "a b"), Line(2, "- item"), Line(3, "last"), Line(4, "")]
