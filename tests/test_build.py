"""`jargraph build`, `query` and `export` on the real documents."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from jargraph import store
from jargraph.build import build
from jargraph.cli import main
from jargraph.resources import data_dir

PREFIX = "PREFIX jar: <https://w3id.org/jargraph/def#>\n"


def select(oxi: ox.Store, sparql: str) -> list[dict[str, str]]:
    out = store.run_query(oxi, PREFIX + sparql)
    data = json.loads(out.body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_every_document_loads_into_its_own_named_graph(built_store: ox.Store) -> None:
    graphs = {g.value.rsplit("/", 1)[-1] for g in built_store.named_graphs()}
    documents = {p.stem for p in (data_dir() / "reports").glob("*.txt")}
    assert documents <= graphs
    assert {"ontology", "schemes", "reference", "inferred"} <= graphs


def test_which_paragraph_says_southampton_safeguarding_is_adequate(built_store) -> None:
    rows = select(built_store, """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?paragraph ?quote WHERE {
          ?review a jar:JointAreaReview ; jar:area <https://w3id.org/jargraph/id/area/southampton> .
          ?j jar:review ?review ;
             jar:judgementArea <https://w3id.org/jargraph/id/judgement-area/safeguarding> ;
             jar:grade <https://w3id.org/jargraph/id/grade/adequate> ;
             prov:qualifiedDerivation ?d .
          ?d prov:entity ?passage ; jar:quotation ?quote .
          ?passage jar:paragraphNumber ?paragraph .
        }""")
    paragraphs = {r["paragraph"]: r["quote"] for r in rows}
    assert "15" in paragraphs
    assert "is adequate" in paragraphs["15"]
    assert "safeguarding" in paragraphs["15"]


def test_asking_for_reviews_finds_joint_area_reviews(built_store) -> None:
    rows = select(built_store, "SELECT DISTINCT ?r WHERE { ?r a jar:Review } ORDER BY ?r")
    names = {r["r"].rsplit("/", 1)[-1] for r in rows}
    assert {"jar-southampton-2007", "jar-leicestershire-2008", "jar-leeds-2008"} <= names


def test_rebuild_gives_byte_identical_dumps(built_home: Path, tmp_path: Path) -> None:
    report = build(None, tmp_path)
    assert report.ok
    first = store.current_dumps_path(built_home)
    second = store.current_dumps_path(tmp_path)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert "jargraph.trig" in names and "jargraph.nq" in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_document_that_fails_validation_is_left_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copy(data_dir() / "reports" / "jar-leicestershire-2008.txt", data / "reports")
    broken = (data_dir() / "reports" / "jar-southampton-2007.txt").read_text(encoding="utf-8")
    # No grade for safeguarding anywhere: not in the table, the main findings or the prose.
    broken = broken.replace("Safeguarding\t2\n", "", 1)
    broken = broken.replace("safeguarding children and young people are adequate", "")
    broken = broken.replace("requiring safeguarding is adequate.", "requiring safeguarding.")
    (data / "reports" / "jar-southampton-2007.txt").write_text(broken, encoding="utf-8")
    home = tmp_path / "home"
    code = main(["build", "--no-bundled", "--data", str(data), "--home", str(home)])
    assert code == 1
    oxi = store.open_read_only(home)
    graphs = {g.value.rsplit("/", 1)[-1] for g in oxi.named_graphs()}
    assert "jar-leicestershire-2008" in graphs
    assert "jar-southampton-2007" not in graphs


def test_interrupted_build_leaves_previous_store_serving(tmp_path: Path) -> None:
    assert build(None, tmp_path).ok
    before = store.current_build(tmp_path).resolve()
    script = (
        "import os, sys, jargraph.build as b\n"
        "def die(*a, **k): os._exit(9)\n"
        "b._index_and_dump = die\n"
        f"b.build(None, __import__('pathlib').Path({str(tmp_path)!r}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == 9
    assert store.current_build(tmp_path).resolve() == before
    oxi = store.open_read_only(tmp_path)
    assert select(oxi, "SELECT (COUNT(*) AS ?n) WHERE { ?j a jar:Judgement }")[0]["n"] != "0"
    assert build(None, tmp_path).ok


def test_query_command_prints_a_table(built_home: Path, capsys) -> None:
    code = main(["query", "--home", str(built_home),
                 "SELECT ?r WHERE { ?r a jar:JointAreaReview } ORDER BY ?r"])
    out = capsys.readouterr().out
    assert code == 0
    assert "jarid:review/jar-leeds-2008" in out
    assert "jarid:review/jar-southampton-2007" in out
    assert "(3 rows)" in out


def test_query_syntax_error_names_line_and_column(built_home: Path, capsys) -> None:
    code = main(["query", "--home", str(built_home), "SELECT ?x WHERE {\n  ?x ?y \n}}"])
    err = capsys.readouterr().err
    assert code == 2
    assert "line 2, column 3" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_export_whole_dataset(built_home: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    assert main(["export", "--home", str(built_home), "-f", fmt, "-o", str(out)]) == 0
    dataset = ox.Dataset(ox.parse(path=str(out)))
    assert len(dataset) > 1000


def test_export_one_graph_as_turtle(built_home: Path, capsysbinary) -> None:
    assert main(["export", "--home", str(built_home), "-f", "ttl",
                 "--graph", "jar-southampton-2007"]) == 0
    data = capsysbinary.readouterr().out
    triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(triples) > 100


def test_export_without_a_store_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["export", "--home", str(tmp_path / "none")]) == 2
    assert "jargraph build" in capsys.readouterr().err


def test_reports_under_any_name_build_and_the_unreadable_are_left_out(tmp_path: Path,
                                                                      capsys) -> None:
    """Files named as downloads are named: each is read for what its text says it is. One
    that replaces a bundled report replaces it; one that cannot be read or linked, or
    repeats another, is reported with its file and line and left out; the rest build."""
    reports = data_dir() / "reports"
    southampton = (reports / "jar-southampton-2007.txt").read_text(encoding="utf-8")
    data = tmp_path / "data"
    (data / "Downloads").mkdir(parents=True)
    files = {
        "somewhere_851.txt": southampton.replace("Children's Services Authority Area",
                                                 "Children\u2019s Services Authority Area"),
        "Downloads/JAR Report (1).TXT": southampton.replace("Southampton", "Portsmouth")
        .replace("Reference no: 852", "Reference no: 851").replace("\n", "\r\n"),
        "Downloads/JAR Report (2).txt": southampton.replace("Southampton", "Portsmouth"),
        "Downloads/report.txt": southampton.replace("Southampton", "Somewhere"),
        "broken.txt": "Minutes of the meeting\n",
    }
    for name, text in files.items():
        (data / name).write_bytes(text.encode("utf-8"))
    home = tmp_path / "home"
    code = main(["build", "--data", str(data), "--home", str(home), "--jobs", "2"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.out + captured.err
    graphs = {g.value.rsplit("/", 1)[-1] for g in store.open_read_only(home).named_graphs()}
    assert {"jar-southampton-2007", "jar-portsmouth-2007", "jar-leicestershire-2008",
            "leeds-executive-board-jar-2008"} <= graphs
    assert not {g for g in graphs if "somewhere" in g}
    assert (f"{data / 'somewhere_851.txt'} replaces the bundled jar-southampton-2007.txt "
            "(the same document, jar-southampton-2007)") in captured.err
    assert f"{data / 'broken.txt'}:1: error: not a report jargraph can read" in captured.out
    assert (f"{data / 'Downloads' / 'JAR Report (2).txt'}:1: error: the same document "
            f"(jar-portsmouth-2007) as {data / 'Downloads' / 'JAR Report (1).TXT'}"
            in captured.out)
    assert (f"{data / 'Downloads' / 'report.txt'}:3: error: unknown area 'Somewhere'"
            in captured.out)
    # the Southampton graph is the user's file's: its title keeps the curly apostrophe
    rows = select(store.open_read_only(home), """
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?title WHERE { <https://w3id.org/jargraph/id/document/jar-southampton-2007>
                              dcterms:title ?title }""")
    assert rows == [{"title": "Joint area review: Southampton Children\u2019s Services "
                              "Authority Area"}]
