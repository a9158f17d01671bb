"""Which documents a build reads: files under any name, told apart by what they are."""

from __future__ import annotations

import shutil
from pathlib import Path

from jargraph.resources import data_dir
from jargraph.selection import choose_documents, user_files

REPORTS = data_dir() / "reports"
BUNDLED = sorted(REPORTS.glob("*.txt"))


def test_the_bundled_documents_alone() -> None:
    selection = choose_documents(None)
    assert selection.paths == BUNDLED
    assert (selection.replaced, selection.repeats) == ([], [])


def test_files_under_any_name_and_case(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    names = ["somewhere_851.txt", "JAR Report (1).TXT", "sub/notes.Txt", ".hidden/x.txt",
             "report.pdf", "readme.md"]
    for name in names:
        (tmp_path / name).write_text("text\n", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in user_files(tmp_path)] == [
        "JAR Report (1).TXT", "somewhere_851.txt", "sub/notes.Txt"]


def test_a_users_file_replaces_the_bundled_document_it_is(tmp_path: Path) -> None:
    # the Southampton report saved under a download's name, with a curly apostrophe
    text = (REPORTS / "jar-southampton-2007.txt").read_text(encoding="utf-8")
    mine = tmp_path / "somewhere_851.txt"
    mine.write_text(text.replace("Children's Services Authority Area",
                                 "Children\u2019s Services Authority Area"), encoding="utf-8")
    unreadable = tmp_path / "broken.txt"
    unreadable.write_bytes(b"\x00\x01binary")
    selection = choose_documents(tmp_path)
    assert REPORTS / "jar-southampton-2007.txt" not in selection.paths
    assert mine in selection.paths and unreadable in selection.paths  # to be reported
    assert selection.replaced == [f"{mine} replaces the bundled jar-southampton-2007.txt (the "
                                  "same document, jar-southampton-2007)"]
    assert len(selection.paths) == len(BUNDLED) + 1
    assert choose_documents(tmp_path, bundled=False).paths == [unreadable, mine]  # by name


def test_two_files_of_one_document(tmp_path: Path) -> None:
    first = tmp_path / "a" / "leicestershire.txt"
    second = tmp_path / "b" / "JAR (2).txt"
    for path in (first, second):
        path.parent.mkdir()
        shutil.copy(REPORTS / "jar-leicestershire-2008.txt", path)
    selection = choose_documents(tmp_path, bundled=False)
    assert selection.paths == [first]
    [(path, key, error)] = selection.repeats
    assert (path, key) == (second, "jar-leicestershire-2008")
    assert error == (f"{second}:1: error: the same document (jar-leicestershire-2008) as "
                     f"{first}; left out: keep one of the two")
