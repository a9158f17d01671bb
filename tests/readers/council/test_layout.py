"""The paper's numbered paragraphs, each one passage under its section."""

from __future__ import annotations

from jargraph.model import Document


def test_numbered_paragraphs_are_passages(doc: Document) -> None:
    numbers = [p.paragraph for p in doc.passages]
    assert numbers == [
        "1.0", "2.0", "1.1", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1", "5.1",
        "6.1", "7.1", "7.2", "7.3", "7.4", "7.5", "8.1", "8.2", "9.0"]
    sections = {p.paragraph: p.section for p in doc.passages}
    assert sections["3.1"] == "Outcome of the inspection"
    assert sections["7.4"] == "Legal And Resource Implications"
    text = {p.paragraph: p.text for p in doc.passages}
    assert text["7.5"] == (
        "The actions arising from the recommendations should not incur significant additional "
        "costs. Most of the actions are already factored in to ongoing work, as they address "
        "priority areas which are already highlighted within existing strategic plans.")
