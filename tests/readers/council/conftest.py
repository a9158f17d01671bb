"""The Leeds Executive Board paper of 11 June 2008, and the helpers the tests of the
council-report reader share. Expected values were read off the paper itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.model import Document, Review
from jargraph.readers.council import read_council_report
from jargraph.resources import data_dir

LEEDS = data_dir() / "reports" / "leeds-executive-board-jar-2008.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_council_report(LEEDS)


@pytest.fixture(scope="module")
def jar(doc: Document) -> Review:
    return next(r for r in doc.reviews if r.kind == "jar")


@pytest.fixture(scope="module")
def ca(doc: Document) -> Review:
    return next(r for r in doc.reviews if r.kind == "corporate-assessment")


def grades(review: Review) -> dict[str, int]:
    return {j.area_key: j.grade for j in review.judgements}


def variant(tmp_path: Path, old: str, new: str, name: str = "leeds-variant.txt") -> Path:
    text = LEEDS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path
