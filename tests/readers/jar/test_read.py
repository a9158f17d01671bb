"""Reading a whole JAR report: the real ones without a warning, the same text in other
encodings of lines and spaces, and files that cannot be read at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from jargraph.model import Document
from jargraph.readers.jar import read_jar_report
from jargraph.readers.text import ReaderError

from .conftest import LEICESTERSHIRE, SOUTHAMPTON, jar, summary


def test_real_reports_give_no_warnings(southampton: Document, leicestershire: Document) -> None:
    assert [str(w) for w in southampton.warnings] == []
    assert [str(w) for w in leicestershire.warnings] == []


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
@pytest.mark.parametrize("original", [SOUTHAMPTON, LEICESTERSHIRE])
def test_other_line_endings_read_the_same(tmp_path: Path, original: Path, ending: str) -> None:
    text = original.read_text(encoding="utf-8").replace("\n", ending)
    path = tmp_path / original.name
    path.write_bytes(text.encode("utf-8"))
    doc = read_jar_report(path)
    assert doc.warnings == []
    assert summary(doc) == summary(read_jar_report(original))
    # line numbers are still those an editor shows
    safeguarding = next(j for j in jar(doc).judgements if j.area_key == "safeguarding")
    assert [s.line for s in safeguarding.sources] == [
        s.line for s in next(j for j in jar(read_jar_report(original)).judgements
                             if j.area_key == "safeguarding").sources]


def test_non_breaking_spaces_and_byte_order_mark(tmp_path: Path) -> None:
    text = SOUTHAMPTON.read_text(encoding="utf-8")
    text = "\ufeff" + text.replace("Safeguarding\t2", "Safeguarding\u00a0\t2").replace(
        "170 foster carers", "170\u00a0foster carers")
    path = tmp_path / SOUTHAMPTON.name
    path.write_text(text, encoding="utf-8")
    doc = read_jar_report(path)
    assert doc.warnings == []
    assert summary(doc) == summary(read_jar_report(SOUTHAMPTON))


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(ReaderError, match=r"empty\.txt:1: error: file is empty") as info:
        read_jar_report(path)
    assert (info.value.file, info.value.line) == (str(path), 1)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf.txt"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02")
    with pytest.raises(ReaderError, match=r"report\.pdf\.txt:3: error: file is binary"):
        read_jar_report(path)


def test_non_utf8_file(tmp_path: Path) -> None:
    text = SOUTHAMPTON.read_text(encoding="utf-8").replace("Published: 16", "Published: \u00e916")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    with pytest.raises(ReaderError, match=r"latin1\.txt:19: error: not UTF-8 text \(byte 0xe9\)"):
        read_jar_report(path)


def test_text_that_is_not_a_jar_report(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes of the meeting\n\nApologies were received.\n", encoding="utf-8")
    with pytest.raises(ReaderError, match=r"minutes\.txt:1: error: .*not a joint area review"):
        read_jar_report(path)
