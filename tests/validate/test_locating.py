"""Placing a problem on the line where its node is written, in each syntax."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from jargraph.validate import validate_file, validate_graph
from jargraph.vocab import ID

from .conftest import AREA_TYPE, PREFIXES, UNGRADED, write


def test_jsonld_problem_is_placed_at_its_id(tmp_path: Path) -> None:
    doc = {
        "@context": {
            "jar": "https://w3id.org/jargraph/def#",
            "jarid": "https://w3id.org/jargraph/id/",
        },
        "@graph": [
            {"@id": "jarid:area/leeds", "@type": "jar:Area"},
            {
                "@id": "jarid:area/york",
                "@type": "jar:Area",
                "jar:gssCode": "E0600014",
            },
        ],
    }
    path = write(tmp_path, "areas.jsonld", json.dumps(doc, indent=2))
    found = {(p.line, p.focus, p.path) for p in validate_file(path).problems}
    # both areas lack a name; York's GSS code has a digit missing (York is E06000014)
    assert found == {
        (8, "jarid:area/leeds", None),
        (12, "jarid:area/york", None),
        (12, "jarid:area/york", "jar:gssCode"),
    }


def test_trig_problem_is_placed_inside_its_graph(tmp_path: Path) -> None:
    text = PREFIXES + "<https://w3id.org/jargraph/graph/leeds> {\n" + UNGRADED + "}\n"
    path = write(tmp_path, "leeds.trig", text)
    problems = validate_file(path).problems
    assert (5, "jarid:review/jar-leeds-2008/judgement/safeguarding", "jar:grade") in {
        (p.line, p.focus, p.path) for p in problems
    }


def test_ntriples_problem_is_placed(tmp_path: Path) -> None:
    area = "<https://w3id.org/jargraph/id/area/leeds>"
    label = f'{area} <http://www.w3.org/2004/02/skos/core#prefLabel> "Leeds"@en .\n'
    code = f'{area} <https://w3id.org/jargraph/def#dfeCode> "38" .\n'
    text = AREA_TYPE + label + code
    path = write(tmp_path, "leeds.nt", text)
    problems = validate_file(path).problems
    assert {(p.line, p.focus, p.path, p.value) for p in problems} == {
        (3, "jarid:area/leeds", "jar:dfeCode", '"38"')
    }


def test_blank_node_is_placed_at_its_bracket(tmp_path: Path) -> None:
    text = PREFIXES + (
        "<review/jar-leeds-2008> a jar:JointAreaReview .\n"
        "[\n"
        "    a jar:Recommendation ;\n"
        "    jar:review <review/jar-leeds-2008> ;\n"
        "    jar:timeframe <timeframe/immediate> ;\n"
        '    jar:text "reduce the number of fixed-term exclusions for looked after children."@en\n'
        "] .\n"
    )
    path = write(tmp_path, "leeds.ttl", text)
    problems = [p for p in validate_file(path).problems if p.focus == "[]"]
    assert {(p.line, p.path) for p in problems} == {(5, "prov:wasDerivedFrom")}


def test_without_source_text_there_is_no_line() -> None:
    graph = Graph().parse(data=PREFIXES + UNGRADED, format="turtle", publicID=str(ID))
    report = validate_graph(graph)
    assert not report.conforms
    assert {(p.line, p.file) for p in report.problems} == {(None, None)}
