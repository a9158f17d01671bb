"""Readers: one per document family, turning report text into `jargraph.model` records.

``read_document`` picks the reader from the document's own opening lines, so a
new report of a known family needs no configuration, and the reader takes the
document's identity (family, area, year, reference, and the identifier made of
them) from its text, never from the file's name: ``identify`` gives that
identity alone, cheaply, so a build can tell that two files are one document.

Text is read however it was saved: any line endings, curly or straight quotes,
and, where an editor turned the tabs between table columns into spaces, the
columns are found again (:func:`restore_tabs`). ``read_text`` reads report text
held in memory (pasted into a form).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ..model import Document, ReaderWarning
from .text import Line, ReaderError, read_lines, text_lines

FAMILIES: dict[str, tuple[str, re.Pattern[str]]] = {
    # family: (module, what the first lines of such a document say)
    "jar-report": ("jar", re.compile(r"^\s*Joint area review\s*$", re.M | re.I)),
    "council-report": ("council", re.compile(r"Subject:\s*.*Joint Area Review", re.I)),
    "national-outcomes": ("national_outcomes",
                          re.compile(r"Joint area reviews \d{4}.\d{2}.*\n(?:.*\n){0,3}.*"
                                     r"Report on outcomes", re.I)),
    "national-overview": ("national_overview",
                          re.compile(r"the inspection of children.s services", re.I)),
}
HEAD_LINES = 40
KNOWN = ("a joint area review report (its title page starts 'Joint area review'), a "
         "council's report on its review ('Subject: <Area> Joint Area Review'), or an "
         "Ofsted national report ('Joint area reviews 2007–08: Report on outcomes', "
         "'... the inspection of children's services')")


class UnknownDocument(Exception):
    """No reader recognises the document."""


@dataclass(frozen=True)
class Identity:
    """What a document is, as its own text says: enough to tell two files apart or alike."""

    id: str
    """The document identifier (``jar-southampton-2007``), made from the fields below."""
    family: str
    title: str
    area: str | None
    year: int | None
    reference: str | None
    path: str

    @classmethod
    def of(cls, doc: Document) -> Identity:
        year = doc.published[:4]
        return cls(doc.id, doc.family, doc.title, doc.area,
                   int(year) if year.isdigit() else None, doc.reference, doc.path)


def detect_family(path: Path | str, head: str) -> str:
    for family, (_, pattern) in FAMILIES.items():
        if pattern.search(head):
            return family
    raise UnknownDocument(f"{path}:1: error: not a report jargraph can read: it should be {KNOWN}"
                          "; see data/reports/README.md")


def _module(family: str):
    return import_module(f"{__name__}.{FAMILIES[family][0]}")


def read_document(path: Path) -> Document:
    """Read one source document with the reader for its family."""
    return _read(str(path), read_lines(Path(path)), "from_lines")


def read_text(text: str, name: str = "pasted") -> Document:
    """Read report text held in memory; ``name`` stands for the file in messages."""
    if not text.strip():
        raise ReaderError(name, 1, "no text: paste the text of a report")
    if "\x00" in text:
        raise ReaderError(name, 1, "binary data (contains NUL characters), not report text")
    return _read(name, text_lines(text), "from_lines")


COVER_LINES = 100
"""Lines read to identify a document: its cover and the start of its body. When they
do not settle it (the reader of the cover warns), the whole file is read."""


def identify(path: Path) -> Identity:
    """The document's identity from its cover alone (raises as ``read_document`` does)."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    if not text.strip() or "\x00" in text:
        return Identity.of(_read(str(path), read_lines(path), "cover"))  # read_lines says why
    start = text_lines(text, COVER_LINES + 1)
    if len(start) > COVER_LINES:
        try:
            doc = _read(str(path), start[:COVER_LINES], "cover", tabs="\t" in text)
        except (ReaderError, UnknownDocument):
            doc = None
        if doc is not None and not doc.warnings:
            return Identity.of(doc)
    return Identity.of(_read(str(path), text_lines(text), "cover"))


def _read(name: str, lines: list[Line], step: str, tabs: bool | None = None) -> Document:
    """Read ``lines`` with ``step`` (``from_lines`` or ``cover``) of their family's reader;
    ``tabs`` says whether the whole file has tabs, when ``lines`` are only its start."""
    family = detect_family(name, "\n".join(line.text for line in lines[:HEAD_LINES]) + "\n")
    module = _module(family)
    lines, restored = restore_tabs(lines, tabs)
    doc = _guarded(name, module.KIND, getattr(module, step), lines)
    if restored:
        doc.warnings.insert(0, ReaderWarning(name, restored, "the file has no tabs: table "
                                             "columns were read from runs of spaces; check "
                                             "the tables"))
    return doc


def _guarded(name: str, kind: str, read: Callable[[str, list[Line]], Document],
             lines: list[Line]) -> Document:
    """Whatever goes wrong deep inside a reader reaches the user as one ReaderError."""
    try:
        return read(name, lines)
    except ReaderError:
        raise
    except Exception as exc:  # never a traceback from deep inside: say which file
        raise ReaderError(name, 0, f"could not read as {kind}: {exc!r}") from exc


_COLUMN_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
_LEADING_GAP = re.compile(r"^ {2,}(?=[^\s\-\u2022*])")
"""A row whose first cell is empty ("\tLocal services overall"); not a list item's indent."""
_SENTENCE_GAP = re.compile(r"[.!?:;]['\"’”)]?$")
_HEADER_GAP = re.compile(r"^(Major strengths?) (Important weakness(?:es)?)\s*$", re.I)
_LAST_NUMBER = re.compile(r"(?<=\S) (\d{1,2})$")
"""A last cell of one or two digits (a grade, a page) that a single space was left before."""


def restore_tabs(lines: list[Line], tabs: bool | None = None) -> tuple[list[Line], int]:
    """The lines with the tabs between table columns put back, for a file that has no
    tab at all (an editor set to replace tabs by spaces).

    A run of spaces inside a line is a column gap, except two spaces after the end of
    a sentence before a capital (how some people type prose); so is a run that starts
    a line other than a list item. A tab that became a single space cannot be told
    from one, except before a number that ends a row among rows that end so (a grade,
    a page of the contents). Returns the lines and the number of the first line
    changed (0: none). ``tabs`` says whether the file has tabs, when ``lines`` are only
    part of it."""
    if tabs if tabs is not None else any("\t" in line.text for line in lines):
        return lines, 0
    texts = [_LEADING_GAP.sub("\t", _COLUMN_GAP.sub(_gap, _HEADER_GAP.sub(r"\1\t\2", ln.text)))
             for ln in lines]
    filled = [i for i, text in enumerate(texts) if text.strip()]
    for position, i in enumerate(filled):
        neighbours = filled[max(position - 1, 0):position] + filled[position + 1:position + 2]
        if _LAST_NUMBER.search(texts[i]) and any(
                re.search(r"\t\d{1,2}$", texts[j]) for j in neighbours):
            texts[i] = _LAST_NUMBER.sub(r"\t\1", texts[i])
    changed = [ln.number for ln, text in zip(lines, texts, strict=True) if text != ln.text]
    if not changed:
        return lines, 0
    return [Line(ln.number, text) for ln, text in zip(lines, texts, strict=True)], changed[0]


def _gap(match: re.Match[str]) -> str:
    before, after = match.string[: match.start()], match.string[match.end():]
    if (len(match.group(0)) == 2 and _SENTENCE_GAP.search(before)
            and re.match(r"['\"‘“(]?[A-Z]", after)):
        return match.group(0)  # two spaces after a full stop: the same paragraph
    return "\t"
