"""Build folders under a home: each build complete before it is swapped in.

The store is written whole by ``jargraph build`` into a fresh folder and then
swapped in by renaming a symbolic link, so readers never see a half-built
store and an interrupted build leaves the previous one serving.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import settings
from .errors import StoreError


def home() -> Path:
    """The home folder of builds (the ``home`` setting: ``JARGRAPH_HOME`` or the default)."""
    return settings.value("home")


def current_target(base: Path | None = None) -> str | None:
    """Where the ``current`` link points: one system call, so a reader can check on
    every query whether a rebuild has swapped the store."""
    try:
        return os.readlink(current_build(base))
    except OSError:
        return None


def current_build(base: Path | None = None) -> Path:
    """The link that always points at the complete, current build folder.

    A build folder holds ``oxigraph/`` (the store) and ``dumps/`` (downloads).
    Readers resolve this link once and keep the folder they got; a rebuild swaps
    the link, so comparing ``os.readlink`` tells a reader to re-open.
    """
    return (base or home()) / "current"


def current_store_path(base: Path | None = None) -> Path:
    return current_build(base) / "oxigraph"


def current_dumps_path(base: Path | None = None) -> Path:
    return current_build(base) / "dumps"



def new_build_folder(base: Path | None = None) -> Path:
    """A fresh, uniquely named folder for a build to write into, beside the current one.

    Names start with the time, so sorting them sorts builds by age.
    """
    root = (base or home()) / "builds"
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=root))


def new_store_folder(base: Path | None = None) -> Path:
    """The ``oxigraph/`` folder of a fresh build folder (pass it or its parent to publish)."""
    return new_build_folder(base) / "oxigraph"


def publish(folder: Path, base: Path | None = None, keep: int = 2) -> None:
    """Make ``folder`` the current build in one atomic rename; prune the others.

    Kept: the new build and (with ``keep`` of 2 or more) the build it replaces.
    Any other folder under ``builds/`` is an older build or one that never
    completed (killed, disk full), and is removed, as are temporary links left
    by a publish that was killed. Call it holding :func:`build_lock`.
    """
    if folder.name == "oxigraph":
        folder = folder.parent
    link = current_build(base)
    previous = link.resolve() if link.exists() else None
    tmp = link.with_name(f".current-{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(os.path.relpath(folder, link.parent))
    os.replace(tmp, link)
    kept = {folder.resolve()} | ({previous} if previous is not None and keep > 1 else set())
    for old in folder.parent.iterdir():
        if not old.name.startswith(".") and old.resolve() not in kept:
            shutil.rmtree(old, ignore_errors=True)
    for stale in link.parent.glob(".current-*"):
        stale.unlink(missing_ok=True)


@contextmanager
def build_lock(base: Path | None = None) -> Iterator[None]:
    """Hold the home's build lock, so that one build at a time writes and prunes there.

    Taking it also checks early that the home is writable.
    """
    root = (base or home()) / "builds"
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"another build is running under {root.parent}") from None
        yield

