"""Readers: one per document family, turning report text into `jargraph.model` records.

``read_document`` picks the reader from the document's own opening lines, so a
new report of a known family needs no configuration.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ..model import Document
from .text import ReaderError

FAMILIES: dict[str, tuple[str, str, re.Pattern[str]]] = {
    # family: (module, function, what the first lines of such a document say)
    "jar-report": ("jar", "read_jar_report",
                   re.compile(r"^\s*Joint area review\s*$", re.M | re.I)),
    "council-report": ("council", "read_council_report",
                       re.compile(r"Subject:\s*.*Joint Area Review", re.I)),
    "national-outcomes": ("national_outcomes", "read_national_outcomes",
                          re.compile(r"Joint area reviews \d{4}.\d{2}.*\n(?:.*\n){0,3}.*"
                                     r"Report on outcomes", re.I)),
    "national-overview": ("national_overview", "read_national_overview",
                          re.compile(r"the inspection of children.s services", re.I)),
}
HEAD_LINES = 40


class UnknownDocument(Exception):
    """No reader recognises the document."""


def detect_family(path: Path, head: str) -> str:
    for family, (_, _, pattern) in FAMILIES.items():
        if pattern.search(head):
            return family
    raise UnknownDocument(
        f"{path}: not a known kind of report (joint area review, council report on a "
        "review, national outcomes report, national overview); see data/reports/README.md"
    )


def reader_for(family: str) -> Callable[[Path], Document]:
    module, function, _ = FAMILIES[family]
    return getattr(import_module(f"{__name__}.{module}"), function)


def read_document(path: Path) -> Document:
    """Read one source document with the reader for its family."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = "".join(handle.readline() for _ in range(HEAD_LINES))
    except OSError as exc:  # a folder, a missing or unreadable file: say which, no traceback
        raise ReaderError(str(path), 0, f"cannot read file: {exc.strerror or exc}") from None
    return reader_for(detect_family(path, head))(path)
