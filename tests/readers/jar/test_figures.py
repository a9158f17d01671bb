"""Figures of the Context section: population, rates and counts of provision."""

from __future__ import annotations

from decimal import Decimal

from jargraph.model import Document


def figures(doc: Document) -> dict[str, tuple[Decimal, str | None]]:
    return {f.measure: (f.value, f.unit) for f in doc.figures}


def test_context_figures_southampton(southampton: Document) -> None:
    got = figures(southampton)
    assert got["population"] == (Decimal(222000), "persons")
    assert got["unemployment rate"] == (Decimal("2.4"), "percent")
    assert got["foster carers"] == (Decimal(170), "count")
    assert got["special schools"] == (Decimal(5), "count")  # "five special schools"
    assert got["family centres"] == (Decimal(3), "count")
    assert got["first schools"] == (Decimal(62), "count")
    carers = next(f for f in southampton.figures if f.measure == "foster carers")
    assert (carers.source.paragraph, carers.source.section) == ("12", "Context")


def test_context_figures_leicestershire(leicestershire: Document) -> None:
    got = figures(leicestershire)
    assert got["population"] == (Decimal(609000), "persons")
    assert got["foster carers"] == (Decimal(203), "count")
    assert got["special schools"] == (Decimal(6), "count")
    assert got["looked after children"] == (Decimal(326), "count")
    assert got["children and young people with statements of special educational needs"] == (
        Decimal(2693), "count")
    assert got["pupil referral unit"] == (Decimal(1), "count")
