"""The worked example of docs/linking.md, run exactly as written there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]

DOC = PROJECT_ROOT / "docs" / "linking.md"
FIXTURE = Path(__file__).parent / "fixtures" / "area-populations.csv"


def example_code() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "docs/linking.md should have exactly one python example"
    return blocks[0]


def test_the_fixture_is_the_one_the_doc_shows() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        assert line.split(',"')[0] in doc


def test_population_csv_becomes_quads_keyed_on_ons_uris() -> None:
    namespace: dict = {"__name__": "linking_example"}
    exec(compile(example_code(), str(DOC), "exec"), namespace)
    quads = namespace["population_quads"](FIXTURE)
    subjects = {q.subject.value: int(q.object.value) for q in quads}
    assert subjects == {
        "http://statistics.data.gov.uk/id/statistical-geography/E06000045": 222000,
        "http://statistics.data.gov.uk/id/statistical-geography/E10000018": 609000,
    }


def test_the_example_joins_populations_with_grades(built_home: Path) -> None:
    namespace: dict = {"__name__": "linking_example"}
    exec(compile(example_code(), str(DOC), "exec"), namespace)
    rows = namespace["join_populations"](built_home, FIXTURE)
    # The printed answer in docs/linking.md; grades from each report's "Grades" table.
    assert rows == [
        ("Leicestershire", "E10000018", 609000, 3),
        ("Southampton", "E06000045", 222000, 2),
    ]
    doc = DOC.read_text(encoding="utf-8")
    for name, gss, population, grade in rows:
        assert f"{name}\t{gss}\t{population}\t{grade}" in doc


def test_the_readme_shows_the_query_this_example_runs() -> None:
    namespace: dict = {"__name__": "linking_example"}
    exec(compile(example_code(), str(DOC), "exec"), namespace)
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert namespace["QUERY"].strip() in readme


# ---------------------------------------------------------------------------
# The reconciliation, join and data cube examples, each block marked in the doc by
# "<!-- example: NAME -->" and run as written.
# ---------------------------------------------------------------------------


def example(name: str) -> str:
    found = re.search(rf"<!-- example: {re.escape(name)} -->\n```\w*\n(.*?)```",
                      DOC.read_text(encoding="utf-8"), re.S)
    assert found, f"docs/linking.md has no example {name!r}"
    return found.group(1)


def curl_form(command: str) -> tuple[str, str]:
    """The path and the one --data-urlencode field of a documented curl command."""
    import shlex
    from urllib.parse import urlsplit

    words = shlex.split(command)
    assert words[:2] == ["curl", "-s"] and words[3] == "--data-urlencode"
    return urlsplit(words[2]).path, words[4]


@pytest.fixture(scope="module")
def service(built_home: Path):
    from web.conftest import start_server

    url, stop = start_server({"home": built_home, "workers": 1, "timeout": 20.0})
    yield url
    stop()


@pytest.mark.parametrize("name", ["reconcile", "extend"])
def test_the_reconciliation_requests_get_the_documented_answers(service: str,
                                                                name: str) -> None:
    import json
    from urllib.parse import urlencode

    from web.conftest import fetch

    path, field = curl_form(example(f"{name}-request").strip())
    key, _, value = field.partition("=")
    answer = fetch(service, path, method="POST", body=urlencode({key: value}).encode(),
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 200, answer.text
    assert json.loads(answer.body) == json.loads(example(f"{name}-answer"))


def test_the_join_prints_and_writes_what_the_doc_shows(built_home: Path,
                                                       tmp_path: Path) -> None:
    import os
    import shlex
    import shutil
    import subprocess
    import sys

    (tmp_path / "tests" / "fixtures").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "tests" / "fixtures" / "areas-to-join.csv",
                tmp_path / "tests" / "fixtures")
    words = shlex.split(example("join-command").strip())
    assert words[0] == "jargraph"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src"),
           "JARGRAPH_HOME": str(built_home)}
    done = subprocess.run([sys.executable, "-m", "jargraph", *words[1:]], cwd=tmp_path,
                          env=env, capture_output=True, timeout=300, check=False)
    assert done.returncode == 1
    assert done.stderr.decode() == example("join-stderr")
    written = (tmp_path / "joined.csv").read_text(encoding="utf-8").splitlines()
    shown = example("join-output").splitlines()
    assert written[:len(shown)] == shown


def test_the_cube_query_joins_the_example_cube(built_home: Path) -> None:
    import pyoxigraph as ox

    from jargraph import store

    dataset = ox.Store()
    dataset.extend(store.open_read_only(built_home).quads_for_pattern(None, None, None, None))
    dataset.load(path=PROJECT_ROOT / "tests" / "fixtures" / "example-population-cube.ttl",
                 format=ox.RdfFormat.TURTLE)
    rows = ["\t".join(term.value for term in row) for row in dataset.query(
        example("cube-query"), use_default_graph_as_union=True)]
    assert rows == example("cube-answer").splitlines()


def test_the_example_cube_is_well_formed() -> None:
    from rdflib import Graph

    from jargraph.cube_constraints import violations

    cube = Graph().parse(PROJECT_ROOT / "tests" / "fixtures" / "example-population-cube.ttl")
    assert violations(cube) == []
