"""The two real JAR reports, and the helpers the tests of the JAR reader share.

Every expected value in the tests on the real reports was read off the reports by
a person, not copied from the reader's output. The variants stand for classes of
report among the 150 or so JARs, made by editing the real reports' text: the
reader must either read a variant or say precisely (file and line) what it could
not place; it must never crash.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from jargraph.model import Document, Judgement, Review
from jargraph.readers.jar import read_jar_report

REPORTS = Path(__file__).resolve().parents[3] / "src" / "jargraph" / "data" / "reports"
SOUTHAMPTON = REPORTS / "jar-southampton-2007.txt"
LEICESTERSHIRE = REPORTS / "jar-leicestershire-2008.txt"


@pytest.fixture(scope="module")
def southampton() -> Document:
    return read_jar_report(SOUTHAMPTON)


@pytest.fixture(scope="module")
def leicestershire() -> Document:
    return read_jar_report(LEICESTERSHIRE)


def review(doc: Document, kind: str) -> Review:
    [found] = [r for r in doc.reviews if r.kind == kind]
    return found


def grades(r: Review) -> dict[str, int]:
    return {j.area_key: j.grade for j in r.judgements}


def judgement(r: Review, key: str) -> Judgement:
    [found] = [j for j in r.judgements if j.area_key == key]
    return found


def finding_counts(r: Review) -> Counter[tuple[str | None, str]]:
    return Counter((f.area_key, f.kind) for f in r.findings)


def timeframe_counts(r: Review) -> Counter[str | None]:
    return Counter(rec.timeframe for rec in r.recommendations)


def passage(doc: Document, number: str) -> str:
    [found] = [p for p in doc.passages if p.paragraph == number]
    return found.text or ""


def variant(tmp_path: Path, original: Path, edits: list[tuple[str, str]],
            name: str | None = None) -> Path:
    """A copy of `original` with each (old, new) edit applied once; old must be present."""
    text = original.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"edit target not in {original.name}: {old[:60]!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / (name or original.name)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def jar(doc: Document) -> Review:
    return next(r for r in doc.reviews if r.kind == "jar")


def summary(doc: Document) -> tuple[object, ...]:
    """What a variant in form only must keep: grades, counts, texts, paragraph sources."""
    r = jar(doc)
    return (
        grades(r),
        Counter((f.area_key, f.kind) for f in r.findings),
        [f.text for f in r.findings],
        [(rec.timeframe, rec.text, tuple(rec.addressees)) for rec in r.recommendations],
        [[s.paragraph for s in j.sources] for j in r.judgements],
        [(i.title, i.category) for i in r.investigations],
        [(f.measure, f.value) for f in doc.figures],
        [(p.paragraph, p.section) for p in doc.passages],
        [(x.kind, x.year, grades(x)) for x in doc.reviews],
    )
