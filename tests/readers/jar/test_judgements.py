"""The JAR's grades: the grades table, the sentences that state them, the main-findings
bullets, and what is said when they are missing or disagree."""

from __future__ import annotations

from pathlib import Path

from jargraph.model import Document
from jargraph.readers.jar import read_jar_report

from .conftest import LEICESTERSHIRE, SOUTHAMPTON, grades, jar, judgement, review, variant


def test_core_grades_southampton(southampton: Document) -> None:
    jar = review(southampton, "jar")
    assert (jar.area, jar.year, jar.methodology) == ("Southampton", 2007, "2007")
    core = {k: v for k, v in grades(jar).items() if k in {
        "safeguarding", "looked-after-children", "learning-difficulties-and-disabilities",
        "service-management", "capacity-to-improve"}}
    assert core == {"safeguarding": 2, "looked-after-children": 2,
                    "learning-difficulties-and-disabilities": 3, "service-management": 3,
                    "capacity-to-improve": 3}
    assert all(j.scope == "local-services-overall" for j in jar.judgements)


def test_core_grades_leicestershire(leicestershire: Document) -> None:
    jar = review(leicestershire, "jar")
    assert (jar.year, jar.methodology) == (2008, "2007")
    assert grades(jar) == {"safeguarding": 3, "looked-after-children": 3,
                           "learning-difficulties-and-disabilities": 3, "service-management": 4,
                           "capacity-to-improve": 4,
                           "enjoyment-achievement-between-key-stages-3-4": 3}


def test_safeguarding_sources_southampton(southampton: Document) -> None:
    """Grades-table row, paragraph 15's bold sentence, and the main-findings bullet."""
    j = judgement(review(southampton, "jar"), "safeguarding")
    table, prose, bullet = j.sources
    assert (table.section, table.text, table.line) == ("Grades", "Safeguarding 2", 106)
    assert prose.paragraph == "15"
    assert prose.section == "Safeguarding"
    assert prose.line == 160
    assert prose.text == ("The contribution of local services to improving outcomes for children "
                          "at risk or requiring safeguarding is adequate.")
    assert bullet.paragraph == "13"
    assert bullet.section == "Main findings"
    assert bullet.text.startswith("the arrangements for safeguarding children and young people "
                                  "are adequate.")
    # the bullet went on after a page break
    assert bullet.text.endswith("to promote the wider safeguarding agenda are developing well")
    assert j.wording == "adequate"


def test_joint_service_management_paragraph(southampton: Document,
                                            leicestershire: Document) -> None:
    sm = judgement(review(southampton, "jar"), "service-management")
    cap = judgement(review(southampton, "jar"), "capacity-to-improve")
    assert sm.sources[1].paragraph == cap.sources[1].paragraph == "60"
    assert cap.sources[1].text == "Capacity to improve further is good."
    sm = judgement(review(leicestershire, "jar"), "service-management")
    assert [s.paragraph for s in sm.sources] == [None, "68", "11"]
    assert sm.wording == "outstanding"


def test_paragraph_sources_leicestershire(leicestershire: Document) -> None:
    jar = review(leicestershire, "jar")
    assert [s.paragraph for s in judgement(jar, "safeguarding").sources] == [None, "14", "11"]
    assert [s.paragraph for s in judgement(jar, "looked-after-children").sources] == [
        None, "30", "11"]
    assert [s.paragraph for s in judgement(
        jar, "learning-difficulties-and-disabilities").sources] == [None, "42", "11"]


def test_other_grades_in_table_and_prose(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [
        ("Safeguarding\t2", "Safeguarding\t1"),
        ("requiring safeguarding is adequate.**", "requiring safeguarding is inadequate.**"),
        ("- the arrangements for safeguarding children and young people are adequate.",
         "- the arrangements for safeguarding children and young people are inadequate."),
        ("Capacity to improve\t3", "Capacity to improve\t4"),
        ("Capacity to improve further is good.**", "Capacity to improve further is outstanding.**"),
        ("The capacity to improve further is also good.",
         "The capacity to improve further is outstanding."),
    ])
    doc = read_jar_report(path)
    assert doc.warnings == []
    got = grades(jar(doc))
    assert (got["safeguarding"], got["capacity-to-improve"]) == (1, 4)
    wording = {j.area_key: j.wording for j in jar(doc).judgements}
    assert wording["safeguarding"] == "inadequate"


def test_table_and_prose_disagree(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [("Looked after children\t2",
                                            "Looked after children\t3")])
    doc = read_jar_report(path)
    assert grades(jar(doc))["looked-after-children"] == 3  # the table's grade is kept
    lines = sorted((w.line, w.file) for w in doc.warnings)
    assert lines == [(95, str(path)), (195, str(path))]  # main-findings bullet, paragraph 27
    assert "adequate (2) here but good (3) in 'Grades' line 107" in doc.warnings[0].message


def test_grades_table_row_missing(tmp_path: Path) -> None:
    path = variant(tmp_path, SOUTHAMPTON, [("Safeguarding\t2\n", "")])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (101, "the grades table has no row for safeguarding; its grade is taken from the "
              "section's own sentence")]
    safeguarding = next(j for j in jar(doc).judgements if j.area_key == "safeguarding")
    assert [s.paragraph for s in safeguarding.sources] == ["15", "13"]
    assert safeguarding.grade == 2
    assert jar(doc).methodology == "2007"


def test_missing_looked_after_children_section(tmp_path: Path) -> None:
    text = SOUTHAMPTON.read_text(encoding="utf-8")
    start = text.index("Looked after children and young people\n\n\n\n27.")
    end = text.index("Children and young people with learning difficulties and/or disabilities\n\n"
                     "Inadequate")
    path = tmp_path / SOUTHAMPTON.name
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    doc = read_jar_report(path)
    assert [(w.file, w.line) for w in doc.warnings] == [(str(path), 107)]
    assert "no 'Looked after children and young people' section" in doc.warnings[0].message
    assert str(doc.warnings[0]).startswith(f"{path}:107: warning: ")
    # what there is is still read
    assert grades(jar(doc))["looked-after-children"] == 2
    assert not [f for f in jar(doc).findings if f.area_key == "looked-after-children"]


def test_section_without_grade_sentence(tmp_path: Path) -> None:
    path = variant(tmp_path, LEICESTERSHIRE, [
        ("14. The contribution of local services to improving outcomes for children and young "
         "people at risk, or requiring safeguarding is good.",
         "14. Local services work together to safeguard children and young people.")])
    doc = read_jar_report(path)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (143, "section 'Safeguarding' has no sentence stating the grade for safeguarding")]
    assert grades(jar(doc))["safeguarding"] == 3


def test_missing_grades_section(tmp_path: Path) -> None:
    text = SOUTHAMPTON.read_text(encoding="utf-8")
    start, end = text.index("Grades\n\n4: outstanding"), text.index("Recommendations\n\nFor")
    path = tmp_path / SOUTHAMPTON.name
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    doc = read_jar_report(path)
    assert [w.message for w in doc.warnings][:1] == [
        "no 'Grades' section: the JAR grades are read from the prose only"]
    assert grades(jar(doc))["safeguarding"] == 2
    assert jar(doc).methodology is None
