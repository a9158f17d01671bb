"""The package as a user installs it: a wheel in a fresh virtual environment, used from
an empty folder outside the checkout.

This is the test of "works the moment it is installed": the ontology, shapes,
named queries, seed documents and encodings must come from the installed
package, not from a source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALL_LIMIT = 900
pytestmark = pytest.mark.packaging


def run(command: list[str], cwd: Path, env: dict[str, str],
        timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, dict]]:
    """(bin folder of a fresh venv with the wheel installed, an empty folder, environment)."""
    base = tmp_path_factory.mktemp("installed")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("JARGRAPH_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["HOME"] = str(base / "user")
    wheels = base / "wheels"
    # python -m build makes the sdist, then the wheel from the sdist: both must hold the data
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(wheels), str(ROOT)],
        capture_output=True, text=True, timeout=INSTALL_LIMIT, env=env)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next(wheels.glob("jargraph-*.whl"))
    assert next(wheels.glob("jargraph-*.tar.gz"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120, env=env)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                          str(wheel)], capture_output=True, text=True, timeout=INSTALL_LIMIT,
                         env=env)
    assert pip.returncode == 0, pip.stderr[-3000:]
    logs = (built.stdout + built.stderr + pip.stderr).lower()
    assert "deprecat" not in logs, built.stdout + built.stderr + pip.stderr
    empty = base / "empty"
    empty.mkdir()
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    yield venv / "bin", empty, env


def package_file(bin_dir: Path, env: dict, *parts: str) -> Path:
    code = f"from jargraph import resources; print(resources.path(*{list(parts)!r}))"
    out = subprocess.run([str(bin_dir / "python"), "-c", code], env=env, capture_output=True,
                         text=True, check=True)
    return Path(out.stdout.strip())


def test_the_wheel_holds_the_data_and_not_the_checkout(installed) -> None:
    bin_dir, empty, env = installed
    shapes = package_file(bin_dir, env, "ontology", "shapes.ttl")
    assert shapes.is_file()
    assert ROOT not in shapes.parents


def test_validate_from_an_empty_folder(installed) -> None:
    bin_dir, empty, env = installed
    valid = package_file(bin_dir, env, "data", "encodings", "example-leeds-2008.ttl")
    done = run([str(bin_dir / "jargraph"), "validate", str(valid)], empty, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 file valid" in done.stdout
    invalid = package_file(bin_dir, env, "data", "encodings", "invalid", "missing-grade.ttl")
    done = run([str(bin_dir / "jargraph"), "validate", str(invalid)], empty, env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    module = run([str(bin_dir / "python"), "-m", "jargraph", "validate", str(valid)], empty, env)
    assert module.returncode == 0, module.stderr


def test_build_with_own_documents_query_and_serve(installed, tmp_path: Path) -> None:
    bin_dir, empty, env = installed
    mine = tmp_path / "my-reports"
    mine.mkdir()
    reports = package_file(bin_dir, env, "data", "reports")
    shutil.copy(reports / "jar-leicestershire-2008.txt", mine / "leicestershire.txt")
    home = tmp_path / "home"
    done = run([str(bin_dir / "jargraph"), "build", "--no-bundled", "--data", str(mine),
                "--home", str(home)], empty, env)
    assert done.returncode == 0, done.stderr[-3000:]
    query = run([str(bin_dir / "jargraph"), "query", "area-grades", "--home", str(home),
                 "-f", "json"], empty, env)
    assert query.returncode == 0, query.stderr
    rows = json.loads(query.stdout)["results"]["bindings"]
    assert {r["name"]["value"] for r in rows} == {"Leicestershire"}

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [str(bin_dir / "jargraph"), "serve", "--home", str(home), "--port", str(port)],
        cwd=empty, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=10) as r:
                    assert json.load(r)["boolean"] is True
                break
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "jargraph serve did not answer"
                time.sleep(0.5)
        with urllib.request.urlopen(base + "/query", timeout=30) as page:
            assert page.status == 200 and b"<textarea" in page.read()
    finally:
        server.terminate()
        server.wait(30)
