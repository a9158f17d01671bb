"""The worked example of docs/linking.md, run exactly as written there."""

from __future__ import annotations

import re
from pathlib import Path

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
