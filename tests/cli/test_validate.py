"""``jargraph validate``: exit codes, the summary, --json, --shacl-report, --format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH

from jargraph.cli import main
from jargraph.resources import data_dir
from jargraph.vocab import ID, JAR

LEEDS = data_dir() / "encodings" / "example-leeds-2008.ttl"
MISSING_GRADE = data_dir() / "encodings" / "invalid" / "missing-grade.ttl"
JARGRAPH = Path(sys.executable).with_name("jargraph")
PREFIXES = """@base <https://w3id.org/jargraph/id/> .
@prefix jar: <https://w3id.org/jargraph/def#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_unreadable_input_through_the_console_script(tmp_path: Path) -> None:
    path = write(
        tmp_path, "broken.ttl", PREFIXES + "<area/leeds> a jar:Area\n<area/york> a jar:Area .\n"
    )
    run = subprocess.run(
        [str(JARGRAPH), "validate", str(path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    # the statement on line 4 is not closed before the next subject: the '.' goes after it
    assert run.stderr.strip().startswith(
        f"{path}:4:24: turtle syntax error: '.' is probably missing at the end of line 4")
    assert len(run.stderr.strip().splitlines()) == 1


def test_unreadable_file_among_valid_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(LEEDS), str(tmp_path / "absent.ttl")]) == 2
    captured = capsys.readouterr()
    assert captured.out.strip().endswith("no problems; 1 file valid; 1 file unreadable")


def test_summary_over_several_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(LEEDS), str(MISSING_GRADE)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "1 problem in 1 file; 1 file valid"
    assert lines[0].startswith(
        f"{MISSING_GRADE}:33:1: <review/jar-leeds-2008/judgement/safeguarding> jar:grade: "
    )
    assert lines[0].endswith(" [JudgementGradeCount]")
    # the printed wording "2" says which grade is missing
    assert lines[1] == "    write instead: jar:grade <grade/adequate>"


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
        "column": 1,
        "focus": "<review/jar-leeds-2008/judgement/safeguarding>",
        "path": "jar:grade",
        "value": None,
        "message": problem["message"],
        "severity": "violation",
        "rule": "JudgementGradeCount",
        "fix": "jar:grade <grade/adequate>",
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
    path = write(tmp_path, "leeds.txt", LEEDS.read_text(encoding="utf-8"))
    assert main(["validate", "--format", "turtle", str(path)]) == 0
