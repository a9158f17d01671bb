"""The strengths and weaknesses tables, one per area or investigation."""

from __future__ import annotations

from pathlib import Path

from jargraph.model import Review
from jargraph.readers.council import read_council_report

from .conftest import variant


def test_strengths_and_weaknesses_per_table(jar: Review) -> None:
    keys = {i.category: i.key for i in jar.investigations}
    counts: dict[tuple[str | None, str], int] = {}
    for finding in jar.findings:
        key = (finding.area_key, finding.kind)
        counts[key] = counts.get(key, 0) + 1
    assert counts == {
        ("safeguarding", "strength"): 5, ("safeguarding", "weakness"): 3,
        ("looked-after-children", "strength"): 5, ("looked-after-children", "weakness"): 3,
        ("learning-difficulties-and-disabilities", "strength"): 5,
        ("learning-difficulties-and-disabilities", "weakness"): 2,
        (keys["camhs"], "strength"): 4, (keys["camhs"], "weakness"): 1,
        (keys["14-19-strategy"], "strength"): 6, (keys["14-19-strategy"], "weakness"): 4,
        ("service-management", "strength"): 4, ("service-management", "weakness"): 2,
    }


def test_finding_texts(jar: Review) -> None:
    texts = {(f.kind, f.text) for f in jar.findings}
    assert ("strength", "Effective single point of contact for social care enquiries and "
            "referrals \u2013 Contact Leeds.") in texts
    assert ("weakness", "The computer system does not ensure a secure audit trail of "
            "entries made.") in texts
    assert ("weakness", "No plan in place to address the changing needs caused by "
            "demographic change.") in texts
    assert ("weakness", "Not all initial child protection conferences happen on time and not "
            "all core assessments are of good quality") in texts


def test_cell_continued_after_page_break(jar: Review) -> None:
    strategy = next(i.key for i in jar.investigations if i.category == "14-19-strategy")
    strengths = [f for f in jar.findings if f.area_key == strategy and f.kind == "strength"]
    assert strengths[-1].text == (
        "Good and some outstanding support for learners as identified in Ofsted inspections.")
    assert not any(f.text.startswith("for learners") for f in jar.findings)


def test_missing_continuation_row_is_no_loss(tmp_path: Path) -> None:
    path = variant(tmp_path, "for learners as identified in Ofsted inspections.\t\n", "")
    jar = read_council_report(path).reviews[0]
    assert "Good and some outstanding support" in {f.text for f in jar.findings}
