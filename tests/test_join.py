"""``jargraph join``: a CSV of names in variant spellings and codes gets each row's area,
codes and a named query's columns; checked against the reference table and the grades
tables of the reports, read here.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_cube import REVIEWS, grades_table

from jargraph.join import JoinError, csv_bytes, join, read_csv

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "areas-to-join.csv"
TABLE = ROOT / "src" / "jargraph" / "data" / "reference" / "local-authorities.csv"
EXPECTED_AREAS = {  # the fixture's value -> the reference table's official name
    "Southampton City Council": "Southampton",
    "LEEDS": "Leeds",
    "Leicestershire County Council": "Leicestershire",
    "Bristol, City of": "Bristol, City of",
    "Newcastle on Tyne": "Newcastle upon Tyne",
    "852": "Southampton",
    "E10000018": "Leicestershire",
    "St Helens": "St. Helens",
    "Durham": "County Durham",
}
UNMATCHED = {"Atlantis", "Kingston"}


def reference() -> dict[str, dict[str, str]]:
    with TABLE.open(newline="", encoding="utf-8") as handle:
        return {row["name"]: row for row in csv.DictReader(handle)}


def run_join(home: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "JARGRAPH_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "jargraph", "join", *args], env=env,
                          capture_output=True, timeout=300, check=False)


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_join_adds_areas_codes_and_grades(built_home: Path, tmp_path: Path) -> None:
    before = FIXTURE.read_bytes()
    out = tmp_path / "joined.csv"
    done = run_join(built_home, str(FIXTURE), "--column", "authority", "--query",
                    "area-grades", "-o", str(out))
    assert done.returncode == 1, done.stderr.decode()  # two rows matched no area
    assert FIXTURE.read_bytes() == before
    rows = rows_of(out.read_bytes())
    assert [r["authority"] for r in rows] == [
        r["authority"] for r in csv.DictReader(io.StringIO(before.decode()))]
    table = reference()
    grades = {gss: grades_table(report) for report, gss, _year in REVIEWS}
    for row in rows:
        official = EXPECTED_AREAS.get(row["authority"])
        if official is None:
            assert row["area_iri"] == row["gss_code"] == row["safeguarding"] == ""
            continue
        expected = table[official]
        assert row["area_name"] == official
        assert row["gss_code"] == expected["gss_code"]
        assert row["dfe_code"] == expected["dfe_la_code"]
        assert row["area_iri"].startswith("https://w3id.org/jargraph/id/area/")
        reviewed = grades.get(expected["gss_code"])
        for key in ("safeguarding", "looked-after-children", "service-management",
                    "capacity-to-improve"):
            column = key.replace("-", "_")
            assert row[column] == (str(reviewed[key]) if reviewed else ""), (official, key)
    stderr = done.stderr.decode()
    assert "9 of 11 rows matched an area; 2 did not" in stderr
    assert "line 11: 'Atlantis' matches no authority" in stderr
    assert "'Kingston' matches no authority; closest: Kingston upon Hull, City of" in stderr
    assert "Kingston upon Thames" in stderr


def test_join_to_standard_output_without_a_query(built_home: Path) -> None:
    done = run_join(built_home, str(FIXTURE), "--column", "authority")
    rows = rows_of(done.stdout)
    assert list(rows[0]) == ["authority", "figure", "area_iri", "area_name", "gss_code",
                             "dfe_code"]
    assert rows[0]["area_iri"] == "https://w3id.org/jargraph/id/area/southampton"
    assert len(rows) == 11


def test_a_query_keyed_on_area_iris_is_joined_on_them(built_home: Path) -> None:
    done = run_join(built_home, str(FIXTURE), "--column", "authority", "--query",
                    "areas-with-codes", "--param", "region=South East")
    rows = rows_of(done.stdout)
    southampton = [r for r in rows if r["authority"] == "852"][0]
    assert southampton["reviewed"] == "yes" and southampton["region"] == "South East"
    leeds = [r for r in rows if r["authority"] == "LEEDS"][0]
    assert leeds["reviewed"] == "" and leeds["area_name"] == "Leeds"


@pytest.mark.parametrize(("args", "message"), [
    (["--column", "council"], "has no column 'council'; its columns are 'authority', 'figure'"),
    (["--column", "authority", "--query", "no-such-query"], "no named query 'no-such-query'"),
    (["--column", "authority", "--param", "region=London"], "--param is for the named query"),
    (["--column", "authority", "--query", "area-grades", "--param", "region=Mars"],
     "'Mars' is not allowed"),
])
def test_clear_errors(built_home: Path, args: list[str], message: str) -> None:
    done = run_join(built_home, str(FIXTURE), *args)
    assert done.returncode == 2 and done.stdout == b""
    assert message in done.stderr.decode()


def test_files_it_cannot_read(built_home: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("authority\nSouthend\u2013on\u2013Sea\n".encode("cp1252"))
    done = run_join(built_home, str(latin), "--column", "authority")
    assert done.returncode == 2
    assert "line 2 is not UTF-8" in done.stderr.decode()
    assert "CSV UTF-8" in done.stderr.decode()
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "is empty" in run_join(built_home, str(empty), "--column", "a").stderr.decode()
    missing = run_join(built_home, str(tmp_path / "nowhere.csv"), "--column", "a")
    assert missing.returncode == 2 and "cannot read" in missing.stderr.decode()
    same = run_join(built_home, str(FIXTURE), "--column", "authority", "-o", str(FIXTURE))
    assert same.returncode == 2 and "the input is never changed" in same.stderr.decode()


def test_semicolons_and_a_byte_order_mark_are_kept() -> None:
    data = "\ufeffname;n\r\nCity of York;1\r\n".encode()
    joined = join(read_csv(data, "york.csv"), "name")
    out = csv_bytes(joined.table)
    assert out.startswith(b"\xef\xbb\xbfname;n;area_iri;area_name;gss_code;dfe_code\r\n")
    assert b";York;E06000014;816" in out


def test_a_column_the_file_has_already_is_not_overwritten() -> None:
    joined = join(read_csv(b"area,gss_code\nLeeds,mine\n", "f.csv"), "AREA")
    assert joined.table.header[-4:] == ["area_iri", "area_name", "jargraph_gss_code",
                                        "dfe_code"]
    assert joined.table.rows[0][1] == "mine"


def test_no_header_is_an_error() -> None:
    with pytest.raises(JoinError, match="no header row"):
        read_csv(b",,\nLeeds,1,2\n", "f.csv")
