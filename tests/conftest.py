"""Fixtures shared by the whole suite.

``built_home`` builds the real graph from ``data/`` once per test session into
a temporary ``JARGRAPH_HOME``, so tests query exactly what ``jargraph build``
produces.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from jargraph.build import build

    home = tmp_path_factory.mktemp("jargraph-home")
    report = build(None, home)
    problems = [e for d in report.documents for e in d.errors] + report.errors
    assert report.ok, "the build of data/ failed:\n" + "\n".join(problems)
    return home


@pytest.fixture(scope="session")
def built_store(built_home: Path):
    """A read-only pyoxigraph store of the built graph."""
    from jargraph.store import open_read_only

    return open_read_only(built_home)
