"""The search index of the real build of the bundled documents, opened once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from jargraph.search import current_index_path, open_index


@pytest.fixture(scope="session")
def index(built_home: Path) -> Iterator[sqlite3.Connection]:
    db = open_index(current_index_path(built_home))
    yield db
    db.close()
