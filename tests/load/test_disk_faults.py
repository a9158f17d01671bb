"""A full disk or a read-only home: a clear error, and nothing half-written kept.

The home (or the export's folder) is a small tmpfs mounted for the test:
filled with one file until a little space is left, or remounted read-only
(``chmod`` would not stop root). ``jargraph build`` runs as a subprocess on
it; ``jargraph export -o`` writes into it. Each must exit 2 with one line on
standard error that names the folder and the problem, and no traceback; the
previous store must still serve, and no half-written build folder or partial
file may be left.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jargraph import store
from jargraph.cli import main

from .conftest import copy_home, fill, fingerprint, left_running, remount, tmpfs

SIZE = 32 * 1024 * 1024
"""The tmpfs: room for the previous build (about 6 MB) and a filler file."""
RUN_LIMIT = 120.0
FULL = "No space left on device"
READ_ONLY = "Read-only file system"


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "mnt", SIZE) as path:
        yield path


def run_build(data: Path, home: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "jargraph.cli", "build", "--no-bundled", "--data", str(data),
             "--home", str(home)], capture_output=True, text=True, timeout=RUN_LIMIT)
    finally:
        left_running(str(home))


def error_lines(stderr: str, command: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"jargraph {command}:")]


def assert_one_clear_line(stderr: str, command: str, folder: Path, problem: str) -> None:
    assert "Traceback" not in stderr, stderr[-3000:]
    lines = error_lines(stderr, command)
    assert len(lines) == 1, stderr[-3000:]
    assert str(folder) in lines[0] and problem in lines[0], lines[0]


def build_folders(home: Path) -> set[str]:
    builds = home / "builds"
    return {p.name for p in builds.iterdir() if not p.name.startswith(".")} if builds.exists() \
        else set()


@pytest.mark.parametrize("leave", [64 * 1024, 4 * 1024 * 1024], ids=["64KiB-free", "4MiB-free"])
def test_build_on_a_full_disk(leave: int, mounted: Path, small_data: Path,
                              small_home: Path) -> None:
    home = copy_home(small_home, mounted / "home")
    link = os.readlink(store.current_build(home))
    before = fingerprint(home)
    earlier = build_folders(home)
    fill(mounted, leave)

    proc = run_build(small_data, home)

    assert proc.returncode == 2, (proc.returncode, proc.stderr[-3000:])
    assert_one_clear_line(proc.stderr, "build", home, FULL)
    assert os.readlink(store.current_build(home)) == link
    assert fingerprint(home) == before
    assert build_folders(home) == earlier, "a half-written build folder was left behind"
    assert not list(home.glob(".current-*"))


def test_build_into_a_read_only_home(mounted: Path, small_data: Path,
                                     small_home: Path) -> None:
    home = copy_home(small_home, mounted / "home")
    link = os.readlink(store.current_build(home))
    before = fingerprint(home)
    earlier = build_folders(home)
    remount(mounted, read_only=True)

    proc = run_build(small_data, home)

    assert proc.returncode == 2, (proc.returncode, proc.stderr[-3000:])
    assert_one_clear_line(proc.stderr, "build", home, READ_ONLY)
    assert os.readlink(store.current_build(home)) == link
    assert fingerprint(home) == before
    assert build_folders(home) == earlier


def test_first_build_into_a_read_only_home(mounted: Path, small_data: Path) -> None:
    home = mounted / "home"
    home.mkdir()
    remount(mounted, read_only=True)

    proc = run_build(small_data, home)

    assert proc.returncode == 2, (proc.returncode, proc.stderr[-3000:])
    assert_one_clear_line(proc.stderr, "build", home, READ_ONLY)
    assert not store.current_build(home).exists()


@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_export_into_a_full_or_read_only_folder(fault: str, mounted: Path, small_home: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = mounted / "out"
    folder.mkdir()
    output = folder / "all.nq"
    output.write_text("an earlier export\n")
    if fault == "full":
        fill(mounted, 16 * 1024)
    else:
        remount(mounted, read_only=True)

    code = main(["export", "--home", str(small_home), "-f", "nq", "-o", str(output)])

    err = capsys.readouterr().err
    assert code == 2
    assert_one_clear_line(err, "export", folder, FULL if fault == "full" else READ_ONLY)
    assert sorted(p.name for p in folder.iterdir()) == ["all.nq"], "a partial file is left"
    assert output.read_text() == "an earlier export\n"
