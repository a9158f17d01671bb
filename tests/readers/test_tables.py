"""Tables in the converted text: rows read along the line, statement tables down each column."""

from __future__ import annotations

from jargraph.readers.tables import (
    cell_items,
    columns_text,
    p_items,
    quoted_row,
    row_text,
    table_columns,
)
from jargraph.readers.text import Line


def test_p_cells_and_wrapped_cells() -> None:
    assert p_items("<p>One.</p> <p>Two</p>") == (["One.", "Two"], "")
    assert p_items("<p>One.</p> junk <p>Two") == (["One.", "Two"], "junk")
    items = cell_items([("Thresholds for services, including CAMHS", 1),
                        ("and therapies. Inconsistent support for young people", 2),
                        ("with more challenging behaviour.", 3), ("Another weakness.", 4)])
    assert [(i.text, i.line) for i in items] == [
        ("Thresholds for services, including CAMHS and therapies.", 1),
        ("Inconsistent support for young people with more challenging behaviour.", 2),
        ("Another weakness.", 4)]


def test_rows_read_along_the_line() -> None:
    assert row_text("Safeguarding\t2") == "Safeguarding 2"
    assert row_text("\tLocal services overall\t") == "Local services overall"
    assert row_text("**Capacity to improve**\t<b>3</b>") == "Capacity to improve 3"
    assert quoted_row("Referrals\t2006\t2007") == "Referrals | 2006 | 2007"


def test_statement_tables_read_down_each_column() -> None:
    # jar-southampton-2007.txt lines 188-189 (first two items of each column)
    header = "Major strengths\tImportant weaknesses"
    row = Line(189, "<p>Tracking of children missing from care and education.</p> "
                    "<p>Support to young carers' groups.</p>\t<p>Low rates of completion of "
                    "initial assessments within 7 working days.</p> junk")
    columns, garbled = table_columns(header, [row])
    assert [(c.heading, [i.text for i in c.items]) for c in columns] == [
        ("Major strengths", ["Tracking of children missing from care and education.",
                             "Support to young carers' groups."]),
        ("Important weaknesses", ["Low rates of completion of initial assessments within 7 "
                                  "working days."])]
    assert garbled == [(189, 1, "junk")]
    assert columns_text(columns) == [
        "Major strengths", "Tracking of children missing from care and education.",
        "Support to young carers' groups.", "Important weaknesses",
        "Low rates of completion of initial assessments within 7 working days."]
