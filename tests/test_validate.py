"""``jargraph validate``: reading inputs, placing problems, the shapes, the command-line options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from jargraph.cli import main
from jargraph.resources import data_dir, ontology_dir
from jargraph.validate import (
    EncodingError,
    Problem,
    check_shapes_graph,
    read_encoding,
    validate_file,
    validate_graph,
)
from jargraph.vocab import ID, JAR

LEEDS = data_dir() / "encodings" / "example-leeds-2008.ttl"
MISSING_GRADE = data_dir() / "encodings" / "invalid" / "missing-grade.ttl"
JARGRAPH = Path(sys.executable).with_name("jargraph")

AREA_TYPE = (
    "<https://w3id.org/jargraph/id/area/leeds> "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/jargraph/def#Area> .\n"
)
PREFIXES = """@base <https://w3id.org/jargraph/id/> .
@prefix jar: <https://w3id.org/jargraph/def#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""
# A judgement of the Leeds JAR (paragraph 3.1: safeguarding 2) without its grade.
UNGRADED = """<review/jar-leeds-2008/judgement/safeguarding>
    a jar:Judgement ;
    jar:review <review/jar-leeds-2008> ;
    jar:judgementArea <judgement-area/safeguarding> ;
    jar:scope <scope/local-services-overall> ;
    jar:gradeWording "2" .
"""


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------- unreadable input


def _unreadable(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Runs the command, checks it failed with exit 2 and one line, returns that line."""
    assert main(["validate", *args]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.ttl"
    line = _unreadable(capsys, str(path))
    assert line == f"{path}: no such file; check the name and path"


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "empty.ttl", "\n  \n")
    line = _unreadable(capsys, str(path))
    assert line.startswith(f"{path}: file is empty;")


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "report.ttl", b"%PDF-1.4\x00\x01\x02\xff")
    line = _unreadable(capsys, str(path))
    assert line.startswith(f"{path}: is a binary file, not RDF text;")


def test_turtle_syntax_error_gives_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # line 5: the statement is not closed before the next subject
    text = PREFIXES + "<area/leeds> a jar:Area\n<area/york> a jar:Area .\n"
    path = _write(tmp_path, "broken.ttl", text)
    line = _unreadable(capsys, str(path))
    assert line.startswith(f"{path}:5:1: turtle syntax error:")
    assert line.endswith("fix the text here")


def test_unterminated_string_is_placed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = PREFIXES + '<area/leeds> a jar:Area ;\n    jar:region "Yorkshire and The Humber .\n'
    path = _write(tmp_path, "broken.ttl", text)
    line = _unreadable(capsys, str(path))
    assert line.startswith(f"{path}:5:")
    assert "newline found in string literal" in line


def test_unknown_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "leeds.rdfx", PREFIXES + UNGRADED)
    line = _unreadable(capsys, str(path))
    assert line.startswith(f"{path}: unknown extension '.rdfx';")
    assert "--format" in line


def test_unknown_format_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _unreadable(capsys, str(LEEDS), "--format", "rdfxml")
    assert line.startswith(f"{LEEDS}: unknown format 'rdfxml';")


def test_json_syntax_error_gives_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "broken.jsonld", '{\n  "@id": "area/leeds",\n  "@type" "x"\n}\n')
    line = _unreadable(capsys, str(path))
    assert line.startswith(f"{path}:3:11: JSON syntax error:")


@pytest.mark.parametrize(("text", "top"), [('"area/leeds"', "a string"), ("42", "a number"),
                                           ("null", "null")])
def test_jsonld_top_level_must_be_object_or_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, top: str
) -> None:
    path = _write(tmp_path, "scalar.jsonld", text + "\n")
    line = _unreadable(capsys, str(path))
    assert line.startswith(f"{path}:1:1: JSON-LD must be a JSON object")
    assert f"not {top};" in line


def test_number_too_long_to_read_is_placed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = PREFIXES + "<area/leeds> a jar:Area ;\n    jar:population " + "9" * 5000 + " .\n"
    path = _write(tmp_path, "long.ttl", text)
    line = _unreadable(capsys, str(path))
    assert line.startswith(f"{path}:5:20: a number here has more than 4,300 digits")
    assert "sys." not in line


def test_ntriples_error_gives_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = AREA_TYPE
    path = _write(tmp_path, "broken.nt", good + good.replace(" .\n", "\n") + good)
    line = _unreadable(capsys, str(path))
    assert line.startswith(f"{path}:2: nt syntax error:")


def test_unreadable_input_through_the_console_script(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "broken.ttl", PREFIXES + "<area/leeds> a jar:Area\n<area/york> a jar:Area .\n"
    )
    run = subprocess.run(
        [str(JARGRAPH), "validate", str(path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stderr.strip().startswith(f"{path}:5:1: turtle syntax error:")
    assert len(run.stderr.strip().splitlines()) == 1


def test_read_encoding_raises_encoding_error(tmp_path: Path) -> None:
    with pytest.raises(EncodingError) as caught:
        read_encoding(tmp_path / "absent.trig")
    assert (caught.value.line, caught.value.column) == (None, None)


def test_unreadable_file_among_valid_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(LEEDS), str(tmp_path / "absent.ttl")]) == 2
    captured = capsys.readouterr()
    assert captured.out.strip().endswith("no problems; 1 file valid; 1 file unreadable")


# ---------------------------------------------------------------- placing problems


def test_problem_line_format() -> None:
    problem = Problem("a.ttl", 7, "jarid:area/leeds", "jar:gssCode", '"E0800035"', "Fix it.")
    assert str(problem) == 'a.ttl:7: jarid:area/leeds jar:gssCode "E0800035": Fix it.'
    assert str(Problem("a.ttl", None, "jarid:area/leeds", None, None, "Fix it.")) == (
        "a.ttl: jarid:area/leeds: Fix it."
    )


def test_summary_over_several_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(LEEDS), str(MISSING_GRADE)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "1 problem in 1 file; 1 file valid"
    assert lines[0].startswith(
        f"{MISSING_GRADE}:33: jarid:review/jar-leeds-2008/judgement/safeguarding jar:grade: "
    )


def test_file_prefixes_are_used_for_display(tmp_path: Path) -> None:
    text = (
        "@prefix jar: <https://w3id.org/jargraph/def#> .\n"
        "@prefix j: <https://w3id.org/jargraph/id/review/jar-leeds-2008/judgement/> .\n"
        + UNGRADED.replace("<review/jar-leeds-2008/judgement/safeguarding>", "j:safeguarding")
        .replace("<review/", "<https://w3id.org/jargraph/id/review/")
        .replace("<judgement-area/", "<https://w3id.org/jargraph/id/judgement-area/")
        .replace("<scope/", "<https://w3id.org/jargraph/id/scope/")
    )
    path = _write(tmp_path, "leeds.ttl", text)
    problems = validate_file(path).problems
    assert ("j:safeguarding", "jar:grade", 3) in {(p.focus, p.path, p.line) for p in problems}


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
    path = _write(tmp_path, "areas.jsonld", json.dumps(doc, indent=2))
    found = {(p.line, p.focus, p.path) for p in validate_file(path).problems}
    # both areas lack a name; York's GSS code has a digit missing (York is E06000014)
    assert found == {
        (8, "jarid:area/leeds", None),
        (12, "jarid:area/york", None),
        (12, "jarid:area/york", "jar:gssCode"),
    }


def test_trig_problem_is_placed_inside_its_graph(tmp_path: Path) -> None:
    text = PREFIXES + "<https://w3id.org/jargraph/graph/leeds> {\n" + UNGRADED + "}\n"
    path = _write(tmp_path, "leeds.trig", text)
    problems = validate_file(path).problems
    assert (5, "jarid:review/jar-leeds-2008/judgement/safeguarding", "jar:grade") in {
        (p.line, p.focus, p.path) for p in problems
    }


def test_ntriples_problem_is_placed(tmp_path: Path) -> None:
    area = "<https://w3id.org/jargraph/id/area/leeds>"
    label = f'{area} <http://www.w3.org/2004/02/skos/core#prefLabel> "Leeds"@en .\n'
    code = f'{area} <https://w3id.org/jargraph/def#dfeCode> "38" .\n'
    text = AREA_TYPE + label + code
    path = _write(tmp_path, "leeds.nt", text)
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
    path = _write(tmp_path, "leeds.ttl", text)
    problems = [p for p in validate_file(path).problems if p.focus == "[]"]
    assert {(p.line, p.path) for p in problems} == {(5, "prov:wasDerivedFrom")}


def test_without_source_text_there_is_no_line() -> None:
    graph = Graph().parse(data=PREFIXES + UNGRADED, format="turtle", publicID=str(ID))
    report = validate_graph(graph)
    assert not report.conforms
    assert {(p.line, p.file) for p in report.problems} == {(None, None)}


def test_data_less_graph_raises_no_alarm() -> None:
    """The ontology's own concepts and inspectorates are mixed in; they must not be checked."""
    graph = Graph()
    graph.add((ID["area/leeds"], RDFS.label, Literal("Leeds", lang="en")))
    report = validate_graph(graph)
    assert report.conforms and report.problems == []


def test_core_judgement_rule_binds_each_review(tmp_path: Path) -> None:
    """Two 2007 reviews in one graph: only the one lacking a core judgement is reported."""
    leeds = LEEDS.read_text(encoding="utf-8")
    second = (
        "\n<review/jar-york-2008> a jar:JointAreaReview ;\n"
        "    jar:area <area/leeds> ;\n"
        '    jar:year "2008"^^xsd:gYear ;\n'
        "    jar:reportedIn <document/leeds-executive-board-jar-2008> ;\n"
        "    jar:methodology <methodology/2007> .\n"
    )
    path = _write(tmp_path, "two.ttl", leeds + second)
    problems = validate_file(path).problems
    assert {p.focus for p in problems} == {"jarid:review/jar-york-2008"}
    assert len(problems) == 5
    assert all("but has 0" in p.message for p in problems)


# Paragraph 8 of the 2007-08 report on outcomes ("good in 42"), encoded twice over, a passage
# named under another document, and one grade counted twice.
DUPLICATES = """@base <https://w3id.org/jargraph/id/> .
@prefix jar: <https://w3id.org/jargraph/def#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix qb: <http://purl.org/linked-data/cube#> .

<document/jar-2007-08-report-on-outcomes>
    a jar:NationalReport ;
    dcterms:title "Joint area reviews 2007–08: Report on outcomes"@en ;
    dcterms:issued "2009-04"^^xsd:gYearMonth ;
    jar:passage <document/narrowing-the-gap-2007/paragraph/8> .

<document/jar-2007-08-report-on-outcomes/paragraph/8>
    a jar:Passage ;
    dcterms:isPartOf <document/jar-2007-08-report-on-outcomes> ;
    jar:paragraphNumber "8" .

<document/jar-2007-08-report-on-outcomes/paragraph/eight>
    a jar:Passage ;
    dcterms:isPartOf <document/jar-2007-08-report-on-outcomes> ;
    jar:paragraphNumber "8" .

<document/narrowing-the-gap-2007/paragraph/8>
    a jar:Passage ;
    dcterms:isPartOf <document/jar-2007-08-report-on-outcomes> ;
    jar:paragraphNumber "9" .

<distribution/jar-2007-08-report-on-outcomes/safeguarding>
    a jar:GradeDistribution ;
    dcterms:title "Safeguarding judgements"@en ;
    jar:totalReviews "73"^^xsd:nonNegativeInteger ;
    prov:wasDerivedFrom <document/jar-2007-08-report-on-outcomes/paragraph/8> .

<distribution/jar-2007-08-report-on-outcomes/safeguarding/safeguarding/good>
    a jar:GradeCount ;
    qb:dataSet <distribution/jar-2007-08-report-on-outcomes/safeguarding> ;
    jar:judgementArea <judgement-area/safeguarding> ;
    jar:grade <grade/good> ;
    jar:numberOfAreas "42"^^xsd:nonNegativeInteger ;
    prov:wasDerivedFrom <document/jar-2007-08-report-on-outcomes/paragraph/8> .

<distribution/jar-2007-08-report-on-outcomes/safeguarding/safeguarding/good-again>
    a jar:GradeCount ;
    qb:dataSet <distribution/jar-2007-08-report-on-outcomes/safeguarding> ;
    jar:judgementArea <judgement-area/safeguarding> ;
    jar:grade <grade/good> ;
    jar:numberOfAreas "42"^^xsd:nonNegativeInteger ;
    prov:wasDerivedFrom <document/jar-2007-08-report-on-outcomes/paragraph/8> .
"""


def test_rules_across_nodes(tmp_path: Path) -> None:
    path = _write(tmp_path, "outcomes.ttl", DUPLICATES)
    document = "jarid:document/jar-2007-08-report-on-outcomes"
    table = "jarid:distribution/jar-2007-08-report-on-outcomes/safeguarding"
    found = {
        (p.line, p.focus, p.value, p.message.split(" (")[0]) for p in validate_file(path).problems
    }
    assert found == {
        (
            12,
            document,
            "jarid:document/narrowing-the-gap-2007/paragraph/8",
            "Passage jarid:document/narrowing-the-gap-2007/paragraph/8 is part of this document "
            "but is not named under the document's IRI",
        ),
        (
            19,
            document,
            f"{document}/paragraph/eight",
            "Paragraph 8 of this document is encoded 2 times",
        ),
        (
            43,
            table,
            f"{table}/safeguarding/good-again",
            "The table has 2 counts for safeguarding at grade good",
        ),
    }


# ---------------------------------------------------------------- the ontology and the shapes


def test_ontology_and_shapes_are_valid_input(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(ontology_dir() / "jargraph.ttl"), str(ontology_dir() / "shapes.ttl")]
    assert main(["validate", *files]) == 0
    assert capsys.readouterr().out.strip() == "no problems; 2 files valid"


def test_schemes_are_valid_input(capsys: pytest.CaptureFixture[str]) -> None:
    schemes = sorted(str(p) for p in (ontology_dir() / "schemes").glob("*.ttl"))
    assert schemes
    assert main(["validate", *schemes]) == 0


def test_shapes_pass_shacl_shacl() -> None:
    report = check_shapes_graph()
    assert report.conforms, [str(p) for p in report.problems]
    assert report.problems == []


def test_broken_shapes_file_fails_shacl_shacl(tmp_path: Path) -> None:
    text = (
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix jar: <https://w3id.org/jargraph/def#> .\n"
        "@prefix ex: <https://example.org/shapes#> .\n"
        "ex:AreaShape a sh:NodeShape ;\n"
        "    sh:targetClass jar:Area ;\n"
        '    sh:property [ sh:path jar:dfeCode ; sh:minCount "one" ] .\n'
    )
    path = _write(tmp_path, "shapes.ttl", text)
    problems = validate_file(path).problems
    assert problems
    assert {p.line for p in problems} == {6}


def test_every_shape_has_a_message() -> None:
    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property))
    assert len(node_shapes) >= 20
    missing = [s for s in node_shapes | property_shapes if shapes.value(s, SH.message) is None]
    assert missing == []


def test_judgement_shape_requires_what_the_rules_say() -> None:
    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    required = {}
    for prop in shapes.objects(
        URIRef("https://w3id.org/jargraph/shapes#JudgementShape"), SH.property
    ):
        path = shapes.value(prop, SH.path)
        low, high = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
        if low is not None:
            required[path] = (int(low), int(high) if high is not None else None)
    assert required == {
        JAR.review: (1, 1),
        JAR.judgementArea: (1, 1),
        JAR.grade: (1, 1),
        JAR.scope: (1, 1),
        URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"): (1, None),
    }


# ---------------------------------------------------------------- options


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", str(MISSING_GRADE)]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["conforms"] is False
    assert report["errors"] == []
    [problem] = report["problems"]
    assert problem == {
        "file": str(MISSING_GRADE),
        "line": 33,
        "focus": "jarid:review/jar-leeds-2008/judgement/safeguarding",
        "path": "jar:grade",
        "value": None,
        "message": problem["message"],
        "severity": "violation",
    }
    assert problem["message"].startswith("A judgement needs exactly one grade")
    assert "1 problem in 1 file" in captured.err


def test_json_output_when_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", str(LEEDS)]) == 0
    assert json.loads(capsys.readouterr().out) == {"conforms": True, "problems": [], "errors": []}


def test_shacl_report_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.ttl"
    assert main(["validate", "--shacl-report", str(target), str(MISSING_GRADE)]) == 1
    report = Graph().parse(target, format="turtle")
    [result] = report.subjects(RDF.type, SH.ValidationResult)
    assert report.value(result, SH.resultPath) == JAR.grade
    assert report.value(result, SH.focusNode) == ID["review/jar-leeds-2008/judgement/safeguarding"]
    assert (None, SH.conforms, Literal(False)) in report
    assert capsys.readouterr().out.strip().endswith("1 problem in 1 file; 0 files valid")


def test_shacl_report_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--shacl-report", "-", str(LEEDS)]) == 0
    captured = capsys.readouterr()
    report = Graph().parse(data=captured.out, format="turtle")
    assert (None, SH.conforms, Literal(True)) in report
    assert "no problems; 1 file valid" in captured.err


def test_shacl_report_to_an_unwritable_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "dir" / "report.ttl"
    assert main(["validate", "--shacl-report", str(target), str(LEEDS)]) == 2
    assert "cannot write the SHACL report" in capsys.readouterr().err


def test_format_option_overrides_the_extension(tmp_path: Path) -> None:
    path = _write(tmp_path, "leeds.txt", LEEDS.read_text(encoding="utf-8"))
    assert main(["validate", "--format", "turtle", str(path)]) == 0
