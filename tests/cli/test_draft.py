"""``jargraph draft``: the draft to standard output or a file, never over one without
--force, and a clear error, never a traceback, for what cannot be drafted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from jargraph.cli import main
from jargraph.resources import data_dir

LEEDS = data_dir() / "reports" / "leeds-executive-board-jar-2008.txt"
JARGRAPH = Path(sys.executable).with_name("jargraph")


def test_draft_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(LEEDS)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# Draft encoding of leeds-executive-board-jar-2008.txt")
    assert len(Graph().parse(data=captured.out, format="turtle")) > 100
    assert captured.err.strip() == ("jargraph draft: wrote 87 blocks of "
                                    "leeds-executive-board-jar-2008 to standard output; "
                                    "nothing marked to CHECK")


def test_draft_to_a_file_then_validate(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "leeds.ttl"
    assert main(["draft", str(LEEDS), "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "no problems; 1 file valid"


def test_an_existing_file_is_kept_without_force(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.ttl"
    out.write_text("# my corrections\n", encoding="utf-8")
    assert main(["draft", str(LEEDS), "-o", str(out)]) == 2
    assert "give --force to replace it" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "# my corrections\n"
    assert main(["draft", str(LEEDS), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Draft encoding")
    assert not list(tmp_path.glob("*.part"))


def test_an_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(LEEDS), "-o", str(tmp_path / "no" / "such" / "dir.ttl")]) == 2
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize(("content", "message"), [
    (b"Minutes of the meeting\n", ":1: error: not a report jargraph can read"),
    (b"\x00\x01\x02", ":1: error: file is binary"),
    (b"", ":1: error: file is empty"),
    (b"\nJoint area review\n\nSomewhere\n\nIntroduction\n\n1. Text.\n",
     ":2: error: the title page names no area"),
])
def test_what_cannot_be_drafted_through_the_console_script(tmp_path: Path, content: bytes,
                                                           message: str) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(content)
    run = subprocess.run([str(JARGRAPH), "draft", str(report)], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(f"jargraph draft: {report}{message}")
    assert len(run.stderr.strip().splitlines()) == 1
