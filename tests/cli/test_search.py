"""``jargraph search`` on the real build: hits, filters, facets, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jargraph.cli import main

WEAKNESS = "Insufficient action to raise public awareness of private fostering."
"""jar-southampton-2007.txt, the safeguarding table's important weaknesses."""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["search", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_which_areas_had_weaknesses_in_private_fostering(capsys, built_home: Path) -> None:
    code, out, _ = run(capsys, "private", "fostering", "--kind", "Weakness",
                       "--home", str(built_home))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == '1 result for "private fostering"'
    assert lines[1] == f"  1. {WEAKNESS}  (important weakness)"
    assert lines[2] == "     Southampton · Safeguarding · 2007"
    assert "[private] [fostering]" in lines[3]
    assert lines[4].startswith("     https://w3id.org/jargraph/id/review/jar-southampton-2007/")
    assert lines[5] == ("     from Joint area review: Southampton Children's Services "
                        "Authority Area, “Safeguarding”")


def test_facet_counts(capsys, built_home: Path) -> None:
    # Southampton's report lists 12 recommendations, Leicestershire's 8, and Leeds' council
    # report speaks of "the ten recommendations".
    code, out, _ = run(capsys, "--kind", "Recommendation", "--facets", "-n", "1",
                       "--home", str(built_home))
    assert code == 0
    area = out[out.index("Area (--area):"):].splitlines()[1:4]
    assert area == ["  southampton (Southampton): 12", "  leeds (Leeds): 10",
                    "  leicestershire (Leicestershire): 8"]


def test_json_and_csv(capsys, built_home: Path) -> None:
    code, out, _ = run(capsys, "private fostering", "--area", "southampton", "-f", "json",
                       "--home", str(built_home))
    data = json.loads(out)
    assert code == 0 and data["total"] == 3
    assert data["query"]["filters"] == {"area": ["southampton"]}
    code, out, _ = run(capsys, "private fostering", "-f", "csv", "--home", str(built_home))
    assert any(row["title"] == WEAKNESS for row in csv.DictReader(io.StringIO(out)))
    code, out, _ = run(capsys, "private fostering", "-f", "csv", "--facets",
                       "--home", str(built_home))
    assert {"facet": "area", "value": "southampton", "label": "Southampton", "count": "3",
            "chosen": ""} in list(csv.DictReader(io.StringIO(out)))


@pytest.mark.parametrize(("argv", "says"), [
    (['"private fostering'], "not closed"),
    (["*"], "follows no word"),
    (["fostering", "--limit", "500"], "between 1 and 100"),
])
def test_a_search_that_cannot_be_read_exits_2(capsys, built_home: Path, argv, says) -> None:
    code, out, err = run(capsys, *argv, "--home", str(built_home))
    assert code == 2 and says in err and "Traceback" not in err


def test_nothing_found_exits_1(capsys, built_home: Path) -> None:
    code, out, _ = run(capsys, "zzqqx", "--home", str(built_home))
    assert code == 1 and out.startswith('0 results for "zzqqx"')


def test_no_index_says_to_build(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "fostering", "--home", str(tmp_path))
    assert code == 2 and "jargraph build" in err


def test_minus_words_after_double_dash(built_home: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "PYTHONPATH": str(src), "JARGRAPH_HOME": str(built_home)}
    done = subprocess.run([sys.executable, "-m", "jargraph", "search", "-f", "json", "--",
                           "fostering", "-private"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["query"]["q"] == "fostering -private" and data["total"] > 0
    assert all("private" not in hit["snippet"].lower() for hit in data["hits"])
