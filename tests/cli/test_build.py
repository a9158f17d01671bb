"""What ``jargraph build`` and ``jargraph export`` show while they work."""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.cli import export, main


def test_build_shows_progress_and_a_summary_not_a_line_per_document(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--home", str(tmp_path), "--no-validate", "--jobs", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "converting: 5 documents"
    assert any(line.startswith("converting: 5 documents in ") for line in err)
    assert not any("jar-southampton-2007.txt" in line for line in err)
    summary = err[-1]
    assert summary.startswith("built ") and "from 5 of 5 documents" in summary
    assert "load " in summary and "dump " in summary


def test_export_of_a_large_graph_shows_progress(
        built_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "PROGRESS_FROM", 1000)
    monkeypatch.setattr(export, "COUNT_EVERY", 100)
    out = tmp_path / "all.nq"
    assert main(["export", "--home", str(built_home), "-f", "nq", "-o", str(out)]) == 0
    quads = len(out.read_bytes().splitlines())
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"exporting: {quads:,} quads"
    assert any("% " in line or "%)" in line for line in err[1:-1])
    assert err[-1].startswith(f"exporting: {quads:,} quads in ")


def test_export_of_a_small_graph_is_quiet(
        built_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--home", str(built_home), "-f", "nq",
                 "-o", str(tmp_path / "x.nq")]) == 0
    assert capsys.readouterr().err == ""
