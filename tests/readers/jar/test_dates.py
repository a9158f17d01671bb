"""Dates in words: the publication date and the fieldwork period."""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.readers.jar import read_jar_report
from jargraph.readers.jar.dates import fieldwork_period, iso_date

from .conftest import LEICESTERSHIRE, jar, variant


@pytest.mark.parametrize("sentence, period", [
    ("The fieldwork took place between 5 and 16 November 2007.", "2007-11"),
    ("The fieldwork ran from 26 November to 7 December 2007.", "2007-11/2007-12"),
])
def test_fieldwork_period_when_stated(tmp_path: Path, sentence: str, period: str) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("a two week fieldwork stage", f"a two week fieldwork stage. {sentence} It had")])
    doc = read_jar_report(path)
    assert doc.warnings == []
    assert jar(doc).fieldwork == period
    assert jar(read_jar_report(LEICESTERSHIRE)).fieldwork is None


@pytest.mark.parametrize("text, iso", [
    ("16 October 2007", "2007-10-16"),
    ("October 2007", "2007-10"),
    (" 19 February 2008 ", "2008-02-19"),
    ("31 February 2008", None),
    ("Octember 2007", None),
    ("2007", None),
])
def test_iso_date(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


@pytest.mark.parametrize("text, period", [
    ("The fieldwork took place between 5 and 16 November 2007.", "2007-11"),
    ("The fieldwork ran from 26 November to 7 December 2007.", "2007-11/2007-12"),
    ("The fieldwork ran from December 2007 to January 2008.", "2007-12/2008-01"),
    ("The fieldwork ran for two weeks.", None),
    ("Inspectors visited in November 2007.", None),
])
def test_fieldwork_period(text: str, period: str | None) -> None:
    assert fieldwork_period(text) == period
