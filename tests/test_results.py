"""Query results as a text table for the command line."""

from __future__ import annotations

import json

from jargraph.results import cell, table


def test_a_table_aligns_columns_and_shortens_iris() -> None:
    body = json.dumps({"head": {"vars": ["area", "n"]}, "results": {"bindings": [
        {"area": {"type": "uri", "value": "https://w3id.org/jargraph/id/area/leeds"},
         "n": {"type": "literal", "value": "3",
               "datatype": "http://www.w3.org/2001/XMLSchema#integer"}},
        {"area": {"type": "uri", "value": "http://example.org/x"}},
    ]}}).encode()
    lines = table(body).splitlines()
    assert lines[0].split() == ["area", "n"]
    assert lines[2].split() == ["jarid:area/leeds", "3"]
    assert lines[3].strip() == "<http://example.org/x>"
    assert lines[-1] == "(2 rows)"


def test_ask_and_long_text() -> None:
    assert table(json.dumps({"head": {}, "boolean": True}).encode()) == "true"
    long = {"head": {"vars": ["t"]}, "results": {"bindings": [
        {"t": {"type": "literal", "value": "word " * 40}}]}}
    assert table(json.dumps(long).encode(), max_width=20).splitlines()[2].endswith("…")
    assert cell({"type": "bnode", "value": "b0"}) == "_:b0"
