"""Placing a problem at the line and column of the offending value, in each syntax."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from jargraph.validate import validate_file, validate_graph
from jargraph.vocab import ID

from .conftest import AREA_TYPE, PREFIXES, UNGRADED, write


def test_jsonld_problem_is_placed_at_the_value(tmp_path: Path) -> None:
    """Not at the first mention of the node's IRI (here a reference from another node)."""
    doc = {
        "@context": {
            "jar": "https://w3id.org/jargraph/def#",
            "jarid": "https://w3id.org/jargraph/id/",
        },
        "@graph": [
            {"@id": "https://example.org/list",
             "http://www.w3.org/2000/01/rdf-schema#seeAlso": {"@id": "jarid:area/york"}},
            {"@id": "jarid:area/leeds", "@type": "jar:Area"},
            {
                "@id": "jarid:area/york",
                "@type": "jar:Area",
                "jar:gssCode": "E0600014",
            },
        ],
    }
    path = write(tmp_path, "areas.jsonld", json.dumps(doc, indent=2))
    found = {(p.line, p.column, p.focus, p.path) for p in validate_file(path).problems}
    # both areas lack a name; York's GSS code has a digit missing (York is E06000014)
    # York is first named on line 10, by another node; its own block starts on line 18
    assert found == {
        (14, 14, "<https://w3id.org/jargraph/id/area/leeds>", None),
        (18, 14, "<https://w3id.org/jargraph/id/area/york>", None),
        (20, 22, "<https://w3id.org/jargraph/id/area/york>", "jar:gssCode"),
    }


def test_jsonld_block_pasted_twice_is_placed_at_the_copy(tmp_path: Path) -> None:
    """The same node object twice, the copy edited: the problem is at the copy's value."""
    node = {"@id": "jarid:area/leeds", "@type": "jar:Area",
            "skos:prefLabel": {"@value": "Leeds", "@language": "en"}, "jar:dfeCode": "383"}
    doc = {
        "@context": {
            "jar": "https://w3id.org/jargraph/def#",
            "jarid": "https://w3id.org/jargraph/id/",
            "skos": "http://www.w3.org/2004/02/skos/core#",
        },
        "@graph": [node, {**node, "jar:dfeCode": "38"}],
    }
    path = write(tmp_path, "twice.jsonld", json.dumps(doc, indent=1))
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = validate_file(path).problems
    assert {(p.rule, p.value) for p in problems} == {
        ("AreaCode", '"38"'), ("AreaDfeCode", None)}
    wrong = next(p for p in problems if p.value == '"38"')
    assert lines[wrong.line - 1].strip() == '"jar:dfeCode": "38"'
    assert wrong.line > lines.index('   "@id": "jarid:area/leeds",', 10)


def test_turtle_block_pasted_twice_is_placed_at_the_copy(tmp_path: Path) -> None:
    block = ("<area/leeds> a jar:Area ;\n"
             '    skos:prefLabel "Leeds"@en ;\n'
             '    jar:dfeCode "383" .\n')
    text = (PREFIXES + "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            + block + "\n" + block.replace('"383"', '"389"'))
    [problem] = [p for p in validate_file(write(tmp_path, "twice.ttl", text)).problems
                 if p.rule == "AreaCode"]
    assert (problem.line, problem.column, problem.value) == (11, 17, '"389"')


def test_a_value_too_many_is_placed_at_the_last_and_names_every_line(tmp_path: Path) -> None:
    text = PREFIXES + UNGRADED.replace(
        'jar:gradeWording "2" .', 'jar:grade <grade/adequate> ;\n    jar:grade <grade/good> .')
    path = write(tmp_path, "two.ttl", text)
    [problem] = [p for p in validate_file(path).problems if p.rule == "JudgementGradeCount"]
    assert (problem.line, problem.column) == (10, 15)
    assert problem.message.endswith("(given on lines 9 and 10)")


def test_trig_problem_is_placed_inside_its_graph(tmp_path: Path) -> None:
    text = PREFIXES + "<https://w3id.org/jargraph/graph/leeds> {\n" + UNGRADED + "}\n"
    path = write(tmp_path, "leeds.trig", text)
    problems = validate_file(path).problems
    assert (5, 1, "<review/jar-leeds-2008/judgement/safeguarding>", "jar:grade") in {
        (p.line, p.column, p.focus, p.path) for p in problems
    }


def test_ntriples_problem_is_placed(tmp_path: Path) -> None:
    area = "<https://w3id.org/jargraph/id/area/leeds>"
    label = f'{area} <http://www.w3.org/2004/02/skos/core#prefLabel> "Leeds"@en .\n'
    code = f'{area} <https://w3id.org/jargraph/def#dfeCode> "38" .\n'
    text = AREA_TYPE + label + code
    path = write(tmp_path, "leeds.nt", text)
    problems = validate_file(path).problems
    # N-Triples has no prefixes: the terms are shown, and the fix written, in full
    assert {(p.line, p.column, p.focus, p.path, p.value, p.fix) for p in problems} == {
        (3, 83, "<https://w3id.org/jargraph/id/area/leeds>",
         "<https://w3id.org/jargraph/def#dfeCode>", '"38"',
         '<https://w3id.org/jargraph/def#dfeCode> "383"')
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
