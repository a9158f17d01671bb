"""Encodings and helpers the validator's tests share: the bundled Leeds example and the
encoding with a grade missing, prefixes and a judgement written out, and a way to run
``jargraph validate`` on a file that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from jargraph.cli import main
from jargraph.resources import data_dir

LEEDS = data_dir() / "encodings" / "example-leeds-2008.ttl"
MISSING_GRADE = data_dir() / "encodings" / "invalid" / "missing-grade.ttl"

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


def parsed(statements: str) -> Graph:
    """Turtle statements, with the base and the jar:, xsd:, skos: prefixes, as a graph."""
    return Graph().parse(data=(
        "@base <https://w3id.org/jargraph/id/> .\n"
        "@prefix jar: <https://w3id.org/jargraph/def#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n" + statements),
        format="turtle", publicID="https://w3id.org/jargraph/id/")


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def unreadable(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Runs the command, checks it failed with exit 2 and one line, returns that line."""
    assert main(["validate", *args]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]
