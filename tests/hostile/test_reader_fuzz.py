"""Hostile report text to the readers: mutations of the five seed reports, and a corpus.

Each case is a damaged copy of a seed report (lines deleted, duplicated or
shuffled by section, the text cut short, random bytes, CRLF, tabs, ``<p>``
tags taken away or added, numbers and grade words changed, the grades table
emptied). ``read_document`` must return a Document (warnings allowed) or
raise ``ReaderError``/``UnknownDocument`` naming the file; nothing else.
A Document must then encode (area names resolved as the build does) or
raise ``EncodingProblem``; nothing else.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jargraph.build import AreaResolver
from jargraph.encode import EncodingProblem, encode_document
from jargraph.model import Document
from jargraph.readers import FAMILIES, UnknownDocument, detect_family, read_document
from jargraph.readers.text import ReaderError

from . import CASE_LIMIT, CORPUS, DATA, count_case, note, time_limit

EXAMPLES_PER_FAMILY = 50
"""Hypothesis examples per document family (each case reads and encodes a whole report)."""

SETTINGS = settings(max_examples=EXAMPLES_PER_FAMILY, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SEEDS = sorted((DATA / "reports").glob("*.txt"))
GRADE_WORDS = ("outstanding", "good", "adequate", "inadequate", "excellent", "poor", "Good",
               "ADEQUATE", "satisfactory", "")
ODD_BYTES = (b"\x00", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x80\x81", b"\r", b"\x0c",
             b"\x1b[2J", b"\xe2\x80\xae", b"\xef\xbb\xbf", b"\xf4\x90\x80\x80")
ODD_NUMBERS = ("0", "-1", "5", "9", "99999999999999999999999", "1.5", "½", "٣", "1e9", "")
_GRADE_ROW = re.compile(r"^([^\t\n]+\t\s*)[1-4](\s*)$", re.M)
_NUMBER = re.compile(r"\d+")
_GRADE_WORD = re.compile(r"\b(outstanding|good|adequate|inadequate|excellent)\b", re.I)


def families() -> dict[str, list[Path]]:
    """The seed reports by family, as ``detect_family`` sees them."""
    found: dict[str, list[Path]] = {}
    for path in SEEDS:
        head = "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:40])
        found.setdefault(detect_family(path, head), []).append(path)
    return found


SEED_FAMILIES = families()


# ---------------------------------------------------------------- mutations


def _sections(lines: list[bytes]) -> list[list[bytes]]:
    """The lines in blocks separated by blank lines."""
    blocks: list[list[bytes]] = [[]]
    for line in lines:
        blocks[-1].append(line)
        if not line.strip():
            blocks.append([])
    return [b for b in blocks if b]


@st.composite
def damaged(draw: st.DrawFn, seeds: list[Path]) -> bytes:
    """A seed report with one to four kinds of damage."""
    data = draw(st.sampled_from(seeds)).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        lines = data.splitlines(keepends=True) or [b""]
        n = len(lines)
        op = draw(st.sampled_from((
            "delete-lines", "duplicate-lines", "shuffle-sections", "truncate", "random-bytes",
            "crlf", "lone-cr", "tabs", "strip-p", "add-p", "numbers", "grade-words",
            "empty-grades", "drop-grade-rows", "odd-unicode",
        )))
        at = draw(st.integers(0, n - 1))
        if op == "delete-lines":
            del lines[at:at + draw(st.integers(1, 60))]
        elif op == "duplicate-lines":
            chunk = lines[at:at + draw(st.integers(1, 40))]
            lines[at:at] = chunk * draw(st.integers(1, 5))
        elif op == "shuffle-sections":
            blocks = _sections(lines)
            order = draw(st.permutations(range(len(blocks)))) if len(blocks) < 400 else \
                list(range(len(blocks)))[::-1]
            lines = [line for i in order for line in blocks[i]]
        elif op == "truncate":
            data = data[:draw(st.integers(0, len(data)))]
            continue
        elif op == "random-bytes":
            pos = draw(st.integers(0, len(data)))
            noise = draw(st.one_of(st.sampled_from(ODD_BYTES), st.binary(min_size=1,
                                                                          max_size=40)))
            data = data[:pos] + noise + data[pos:]
            continue
        elif op == "crlf":
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            continue
        elif op == "lone-cr":
            data = data.replace(b"\n", b"\r")
            continue
        elif op == "tabs":
            lines = [line.replace(b" ", b"\t", draw(st.integers(0, 3))) for line in lines]
        elif op == "strip-p":
            data = re.sub(rb"</?p>", b"", data)
            continue
        elif op == "add-p":
            lines[at:] = [b"<p>" + line.rstrip(b"\r\n") + b"</p>\n" if i % 2 else line
                          for i, line in enumerate(lines[at:])]
        elif op == "numbers":
            text = data.decode("utf-8", "surrogateescape")
            text = _NUMBER.sub(lambda m: draw(st.sampled_from((m.group(), *ODD_NUMBERS))),
                               text, count=draw(st.integers(1, 200)))
            data = text.encode("utf-8", "surrogateescape")
            continue
        elif op == "grade-words":
            text = data.decode("utf-8", "surrogateescape")
            text = _GRADE_WORD.sub(lambda m: draw(st.sampled_from(GRADE_WORDS)), text,
                                   count=draw(st.integers(1, 100)))
            data = text.encode("utf-8", "surrogateescape")
            continue
        elif op == "empty-grades":
            text = data.decode("utf-8", "surrogateescape")
            data = _GRADE_ROW.sub(r"\1\2", text).encode("utf-8", "surrogateescape")
            continue
        elif op == "drop-grade-rows":
            text = data.decode("utf-8", "surrogateescape")
            data = _GRADE_ROW.sub("", text).encode("utf-8", "surrogateescape")
            continue
        else:
            odd = draw(st.sampled_from(("\u00a0", "\u200b", "\ufeff", "\uf0b7", "\u2022 ",
                                        "\u202e", "\U0001f600", "\t\t\t", "|", "*", "**")))
            lines[at] = odd.encode("utf-8") + lines[at]
        data = b"".join(lines)
    return data


# ---------------------------------------------------------------- the check


def check_report(path: Path) -> str:
    """Read and encode one file; returns what happened, fails on anything not allowed."""
    with time_limit(CASE_LIMIT, f"reading {path.name}"):
        try:
            doc = read_document(path)
        except (ReaderError, UnknownDocument) as exc:
            assert str(path) in str(exc), f"the message does not name the file: {exc}"
            cause = exc.__cause__
            if cause is not None and not isinstance(cause, ReaderError):
                note(f"reader: {type(cause).__name__} inside a reader, reported as "
                     f"ReaderError: {str(exc)[len(str(path)):][:160]}")
            return type(exc).__name__
        assert isinstance(doc, Document)
        try:
            encode_document(doc, AreaResolver())
        except EncodingProblem as exc:
            assert str(exc).strip()
            return "EncodingProblem"
    return "Document"


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="hostile-reports-") as folder:
        yield Path(folder)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_damaged_seed_reports(family: str, scratch: Path) -> None:
    seeds = SEED_FAMILIES.get(family)
    assert seeds, f"no seed report of the family {family}"
    target = scratch / f"damaged-{family}.txt"
    outcomes: dict[str, int] = {}

    @settings(SETTINGS)
    @given(data=damaged(seeds))
    def case(data: bytes) -> None:
        count_case(f"readers: damaged {family}")
        target.write_bytes(data)
        outcome = check_report(target)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1

    case()
    note(f"readers: damaged {family}: " + ", ".join(f"{k} {v}" for k, v in
                                                    sorted(outcomes.items())))


REPORT_CORPUS = sorted((CORPUS / "reports").glob("*.txt"))


@pytest.mark.parametrize("path", REPORT_CORPUS, ids=[p.stem for p in REPORT_CORPUS])
def test_corpus(path: Path, scratch: Path) -> None:
    count_case("readers: corpus")
    check_report(path)


def test_every_seed_family_is_fuzzed() -> None:
    assert set(SEED_FAMILIES) == set(FAMILIES)


def test_unreadable_paths() -> None:
    """A folder, or a file that is not there, is a ReaderError naming it."""
    for path in (CORPUS / "reports", CORPUS / "reports" / "no-such-report.txt"):
        count_case("readers: unreadable paths")
        with time_limit(CASE_LIMIT, f"reading {path.name}"):
            try:
                read_document(path)
            except (ReaderError, UnknownDocument) as exc:
                assert str(path) in str(exc)
            else:
                pytest.fail(f"{path.name}: read as a document")

