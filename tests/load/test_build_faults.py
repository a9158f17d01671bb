"""A build killed part-way through each stage leaves the previous build serving.

``jargraph build`` runs in a subprocess with one stage's function replaced so
that the build (with any conversion process it forked) ends abruptly, with
``os._exit`` and no clean-up, part-way through that stage: at the second
document read, converted or validated, while the shared graphs are made,
after the first graphs are loaded into the new store, at the first
document's Turtle dump (the other dumps and the search index being written
beside it), and just before the ``current`` link is swapped. The stages run
one after another in the same home; one more build is killed with SIGKILL when
its progress output shows the first document done. After each, the
``current`` link is unchanged, the previous store opens and answers as
before, and no process of the killed build is left running. Then a build
completes, with dumps byte-identical to a clean build's, and removes the
folders the killed builds left (they were never published), keeping only
itself and the build it replaced.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from jargraph import store
from jargraph.cli import main

from .conftest import SMALL_DOCUMENTS, copy_home, fingerprint, left_running

KILLED = (9, -signal.SIGKILL)
"""Exit status of a build ended by the replaced stage function (itself, or from a
document's conversion process)."""
RUN_LIMIT = 120.0

INTERRUPT = '''
import os
import signal
import sys

import jargraph.build as b
from jargraph.cli import main

stage, data, home, second = sys.argv[1:5]
MAIN = os.getpid()


def die():
    """End the build at once, with no clean-up, as a power cut or the OOM killer would."""
    sys.stderr.flush()
    if os.getpid() != MAIN:  # a document's conversion process: the whole build goes
        os.kill(MAIN, signal.SIGKILL)
    os._exit(9)


def on_call(module, name, document=None, number=1):
    """Replace module.name so that its call number ``number`` ends the build.

    With ``document``, only calls whose last argument names it count, so that
    the end comes part-way whether documents are converted in one process or many.
    """
    real = getattr(module, name)
    calls = [0]

    def wrapper(*args, **kwargs):
        if document is None or document in str(args[-1]):
            calls[0] += 1
            if calls[0] == number:
                die()
        return real(*args, **kwargs)

    setattr(module, name, wrapper)


if stage == "read":
    on_call(b, "_read", second)
elif stage == "convert":
    on_call(b, "_encode", second)
elif stage == "validate":
    on_call(b, "_validate", second)
elif stage == "link":
    on_call(b, "reference_graph")
elif stage == "load":
    on_call(b, "skolemised", number=2)
elif stage == "dump":
    import types

    import jargraph.dumps as d
    import pyoxigraph as ox

    class Dying:
        """A read-only store whose dumps (a document's Turtle, in whichever process
        writes it) end the build."""

        def __init__(self, real):
            self.real = real

        def __getattr__(self, name):
            return getattr(self.real, name)

        def dump(self, *args, **kwargs):
            die()

    fake = types.SimpleNamespace(**{n: getattr(ox, n) for n in dir(ox) if n[0] != "_"})
    fake.Store = types.SimpleNamespace(read_only=lambda path: Dying(ox.Store.read_only(path)))
    d.ox = fake  # only the dumps read the store through this module
elif stage == "publish":
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if os.path.basename(os.fspath(dst)) == "current":
            die()
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace
else:
    raise SystemExit(f"unknown stage {stage}")
sys.exit(main(["build", "--no-bundled", "--data", data, "--home", home]))
'''

STAGES = ["read", "convert", "validate", "link", "load", "dump", "publish"]


def builds(home: Path) -> set[str]:
    return {p.name for p in (home / "builds").iterdir() if not p.name.startswith(".")}


def dumps(home: Path) -> dict[str, bytes]:
    folder = store.current_dumps_path(home)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def assert_previous_serves(home: Path, link: str, before: list[dict[str, str]]) -> None:
    """The ``current`` link is as it was and its store answers as before."""
    current = store.current_build(home)
    assert os.readlink(current) == link, "the interrupted build was published"
    assert (current / "dumps" / "jargraph.nq").is_file()
    assert fingerprint(home) == before


def assert_rebuild_matches(home: Path, data: Path, clean: Path, link: str,
                           leftovers: set[str]) -> None:
    """A new build completes, equals a clean build, and leaves no half-built folder."""
    assert main(["build", "--no-bundled", "--data", str(data), "--home", str(home)]) == 0
    assert os.readlink(store.current_build(home)) != link
    assert dumps(home) == dumps(clean)
    assert fingerprint(home) == fingerprint(clean)
    left = builds(home)
    assert not left & leftovers, f"half-built folders still there after a rebuild: {leftovers}"
    assert left == {Path(link).name, store.current_build(home).resolve().name}, left
    assert not list(home.glob(".current-*")), "a temporary link of the killed build is left"


def interrupt(stage: str, data: Path, home: Path, log: Path) -> int:
    """Run a build that ends part-way through ``stage``; returns its exit status."""
    second = Path(SMALL_DOCUMENTS[1]).stem
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-c", INTERRUPT, stage, str(data), str(home),
                                 second], stdout=subprocess.DEVNULL, stderr=err)
        try:
            proc.wait(RUN_LIMIT)
        finally:
            orphans = left_running(str(home))
    assert proc.returncode in KILLED, (stage, proc.returncode, log.read_text()[-2000:])
    assert not orphans, f"{stage}: processes of the killed build are still running"
    return proc.returncode


def test_build_interrupted_in_each_stage(small_data: Path, small_home: Path,
                                         tmp_path: Path) -> None:
    """One stage after another in the same home, then one build that completes."""
    home = copy_home(small_home, tmp_path / "home")
    link = os.readlink(store.current_build(home))
    before = fingerprint(home)
    earlier = builds(home)
    for stage in STAGES:
        interrupt(stage, small_data, home, tmp_path / f"{stage}.txt")
        try:
            assert_previous_serves(home, link, before)
        except AssertionError as exc:
            raise AssertionError(f"after a build killed in {stage}: {exc}") from None
    leftovers = builds(home) - earlier
    assert_rebuild_matches(home, small_data, small_home, link, leftovers)


def test_build_killed_by_a_signal(small_data: Path, small_home: Path, tmp_path: Path) -> None:
    """SIGKILL when the progress output shows the first document done."""
    home = copy_home(small_home, tmp_path / "home")
    link = os.readlink(store.current_build(home))
    before = fingerprint(home)
    earlier = builds(home)

    proc = subprocess.Popen(
        [sys.executable, "-m", "jargraph.cli", "build", "--no-bundled", "--data", str(small_data),
         "--home", str(home)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(RUN_LIMIT, proc.kill)
    watchdog.start()
    seen: list[str] = []
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            seen.append(line)
            if line.startswith("converting: 1 of "):  # the first document done
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(RUN_LIMIT)
    finally:
        watchdog.cancel()
        proc.stderr.close()  # type: ignore[union-attr]
        orphans = left_running(str(home))
    assert proc.returncode == -signal.SIGKILL, "".join(seen)[-2000:]
    assert not orphans, "processes of the killed build are still running"

    assert_previous_serves(home, link, before)
    assert_rebuild_matches(home, small_data, small_home, link, builds(home) - earlier)
