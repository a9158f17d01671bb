"""OWL consistency with HermiT: ``jargraph validate --reason`` and ``jargraph build --reason``.

The tests that run HermiT are marked ``reasoner`` and need Java; the ones
without Java check that the commands say how to install it and exit 2.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, XSD

from jargraph import reason
from jargraph.cli import main
from jargraph.resources import data_dir
from jargraph.vocab import ID, JAR

LEEDS = data_dir() / "encodings" / "example-leeds-2008.ttl"
THING = ID["test/thing"]
OTHER = ID["test/other"]
PREFIXES = """@base <https://w3id.org/jargraph/id/> .
@prefix jar: <https://w3id.org/jargraph/def#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
"""
# One finding typed as a major strength and an important weakness: the ontology makes
# strengths and weaknesses disjoint.
BOTH = PREFIXES + """
<test/thing> a jar:MajorStrength ;
    a jar:ImportantWeakness .
"""

needs_java = pytest.mark.skipif(
    shutil.which("java") is None,
    reason="HermiT runs on Java and no 'java' executable is on PATH",
)


def _graph(*triples: tuple) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the reasoner


@pytest.mark.reasoner
@needs_java
def test_the_bundled_example_is_consistent() -> None:
    found = reason.check(Graph().parse(LEEDS, format="turtle"))
    assert found.consistent and found.ok, [str(c) for c in found.clashes]
    assert found.triples > 1000


@pytest.mark.reasoner
@needs_java
def test_disjoint_types_are_named() -> None:
    found = reason.check(_graph((THING, RDF.type, JAR.MajorStrength),
                                (THING, RDF.type, JAR.ImportantWeakness)))
    assert not found.consistent and not found.ok
    [clash] = found.clashes
    assert clash.node == THING
    assert set(clash.classes) == {JAR.MajorStrength, JAR.ImportantWeakness}
    text = str(clash)
    assert text.startswith("jarid:test/thing is a jar:")
    for shown in ("jar:MajorStrength", "jar:ImportantWeakness", "jar:Strength", "jar:Weakness",
                  "disjoint"):
        assert shown in text


@pytest.mark.reasoner
@needs_java
def test_a_value_outside_its_datatype_is_named() -> None:
    found = reason.check(_graph((THING, RDF.type, JAR.GradeCount),
                                (THING, JAR.numberOfAreas, Literal("-3", datatype=XSD.integer))))
    [clash] = found.clashes
    assert not found.consistent
    assert "takes xsd:nonNegativeInteger values" in clash.detail


@pytest.mark.reasoner
@needs_java
def test_an_ill_typed_literal_is_named_not_a_crash() -> None:
    """owlready2 cannot read "many"^^xsd:nonNegativeInteger; it is reported, not raised."""
    bad = Literal("many", datatype=XSD.nonNegativeInteger)
    found = reason.check(_graph((THING, RDF.type, JAR.GradeCount),
                                (THING, JAR.numberOfAreas, bad)))
    assert not found.consistent
    assert ["not a valid xsd:nonNegativeInteger" in c.detail for c in found.clashes] == [True]


@pytest.mark.reasoner
@needs_java
def test_a_contradiction_no_clash_explains_is_narrowed_to_its_nodes() -> None:
    """owl:sameAs merges a strength and a weakness; HermiT on halves finds the two nodes."""
    found = reason.check(_graph((THING, RDF.type, JAR.MajorStrength),
                                (OTHER, RDF.type, JAR.ImportantWeakness),
                                (THING, OWL.sameAs, OTHER),
                                (ID["test/bystander"], RDF.type, JAR.Area)))
    assert not found.consistent
    assert {c.node for c in found.clashes} == {THING, OTHER}
    assert all("inconsistent with the ontology" in c.detail for c in found.clashes)


@pytest.mark.reasoner
@needs_java
def test_a_class_that_can_have_no_members_is_named() -> None:
    odd = JAR.OddFinding
    found = reason.check(_graph((odd, RDF.type, OWL.Class),
                                (odd, OWL.equivalentClass, OWL.Nothing)))
    assert found.consistent and not found.ok
    assert [c.node for c in found.clashes] == [odd]
    assert "can have no members" in found.clashes[0].detail


@pytest.mark.reasoner
@needs_java
def test_imports_are_not_followed_and_nothing_is_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An owl:imports of an address that cannot answer is dropped, not fetched; owlready2's
    temporary files (which it leaves when the ontology is inconsistent) are removed."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    graph = _graph((THING, RDF.type, JAR.MajorStrength), (THING, RDF.type, JAR.ImportantWeakness),
                   (ID["test/ontology"], OWL.imports, ID["test/unreachable.owl"]))
    assert not reason.check(graph).consistent
    assert list(scratch.iterdir()) == []


@pytest.mark.reasoner
@needs_java
def test_the_built_graph_is_consistent(
    built_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole seed graph (about 15,000 triples) with the ontology, as ``build --reason``
    checks it; a contradiction here once named two practice examples."""
    assert reason.check_build(built_home / "current") == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("the graph (") and "is consistent with the ontology" in out[-1]
    found = reason.check_file(built_home / "current" / "dumps" / "jargraph.nq")
    assert found.ok and found.triples > 10_000
    assert found.seconds < 60


# ---------------------------------------------------------------- jargraph validate --reason


@pytest.mark.reasoner
@needs_java
def test_validate_reason_passes_the_bundled_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--reason", str(LEEDS)]) == 0
    assert capsys.readouterr().out.strip() == "no problems; 1 file valid"


@pytest.mark.reasoner
@needs_java
def test_validate_reason_reports_the_contradiction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "both.ttl", BOTH)
    original = path.read_bytes()
    assert main(["validate", "--reason", str(path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    [line] = [x for x in lines if "Inconsistent with the ontology" in x]
    assert line.startswith(f"{path}:6:7: <test/thing>: Inconsistent with the ontology: it is a")
    for shown in ("jar:MajorStrength", "jar:ImportantWeakness", "disjoint", "keep one type"):
        assert shown in line
    assert path.read_bytes() == original


@pytest.mark.reasoner
@needs_java
def test_validate_without_reason_does_not_run_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "both.ttl", BOTH)
    assert main(["validate", str(path)]) == 1
    assert "Inconsistent with the ontology" not in capsys.readouterr().out


@pytest.mark.reasoner
@needs_java
def test_validate_reason_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "both.ttl", BOTH)
    assert main(["validate", "--reason", "--json", str(path)]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert any(p["message"].startswith("Inconsistent with the ontology") and p["line"] == 6
               for p in problems)


# ---------------------------------------------------------------- without Java


@pytest.fixture
def no_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH with no ``java`` on it."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("java") is None
    return empty


def test_validate_reason_without_java_says_how_to_install_it(
    no_java: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--reason", str(LEEDS)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert captured.out == ""
    [line] = captured.err.strip().splitlines()
    assert line.startswith("jargraph validate --reason: ")
    assert "apt-get install default-jre-headless" in line


def test_build_reason_without_java_stops_before_building(
    no_java: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    assert main(["build", "--reason", "--home", str(home)]) == 2
    assert "apt-get install default-jre-headless" in capsys.readouterr().err
    assert not (home / "current").exists()


def test_reasoner_without_java_raises_a_plain_error(no_java: Path) -> None:
    with pytest.raises(reason.ReasonerUnavailable, match="default-jre-headless"):
        reason.check(_graph((THING, RDF.type, JAR.Area)))


def test_no_traceback_through_the_console_script(no_java: Path) -> None:
    env = {**os.environ, "PATH": str(no_java)}
    run = subprocess.run([sys.executable, "-m", "jargraph", "validate", "--reason", str(LEEDS)],
                         capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "apt-get install default-jre-headless" in run.stderr
