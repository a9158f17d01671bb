"""The encoding guide (data/encodings/README.md) tells the truth: its concept and area lists
are the schemes' and the reference table's, its worked example is what `jargraph validate`
really prints, and it names every rule; the files it points at are reachable from the
command line of an installed jargraph."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from jargraph.cli import main
from jargraph.resources import encodings_dir
from jargraph.validate import guide
from jargraph.validate.concepts import concepts

GUIDE = encodings_dir() / "README.md"
TEXT = GUIDE.read_text(encoding="utf-8")


def test_generated_lists_are_those_of_the_schemes_and_the_table() -> None:
    assert guide.refreshed(TEXT) == TEXT, (
        "the guide's lists are out of date: run python -m jargraph.validate.guide")


def test_every_concept_and_area_is_listed() -> None:
    for concept in concepts().values():
        if concept.kind != "scheme":
            assert f"`<{concept.kind}/{concept.key}>`" in TEXT
    # from data/reference/local-authorities.csv: Southampton 852 / E06000045
    assert "| `<area/southampton>` | Southampton | 852 | E06000045 | 2005- |" in TEXT
    assert "| `<area/kingston-upon-hull>` | Kingston upon Hull, City of |" in TEXT


def test_every_rule_is_named() -> None:
    rules = re.findall(r"^\| (`\w+`(?:, `\w+`)*) \|", TEXT, re.MULTILINE)
    named = {name.strip("`") for row in rules for name in row.split(", ")}
    assert {
        "UnknownTerm", "TermMisused", "Untyped", "UnknownConcept", "WrongNamespace", "NoVocabulary",
        "Placeholder", "LexicalForm", "LanguageTag", "UnknownDatatype", "UnknownArea",
        "AreaName", "AreaCode", "AreaInService", "GradeWording", "JudgementScopeOfReview",
        "JudgementAreaOfReview", "ReviewYearInIdentifier", "ReviewAreaInIdentifier",
        "ReviewKindInIdentifier", "OneReviewPerIdentifier", "FieldworkOrder",
        "FieldworkBeforePublication", "MethodologyPeriod",
    } <= named


def test_the_sample_output_is_what_validate_prints(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = TEXT[TEXT.index("## What `jargraph validate` prints"):]
    printed = re.search(r"```\n(.*?)```", section, re.DOTALL)
    assert printed is not None
    name = printed.group(1).split(":", 1)[0]
    monkeypatch.chdir(encodings_dir())
    assert main(["validate", name]) == 1
    assert capsys.readouterr().out == printed.group(1)


def _runs() -> list[tuple[str, str]]:
    """(command, what it prints) of each run of the worked example, in order."""
    found = re.findall(r"<!-- run \d -->\n```\n\$ (.*?)\n(.*?)```", TEXT, re.DOTALL)
    assert len(found) == 3
    return found


def _edits(section: str) -> list[tuple[int, str]]:
    """The edits the guide tells the reader to make: (line number, the line as it becomes)."""
    edits = [(int(n), new) for n, new in re.findall(r"line\s+(\d+)\s+becomes\s+`(.*?)`",
                                                    section)]
    for number, written, added in re.findall(
            r"Line\s+(\d+)\s+is\s+`(.*?)`:\s+add\s+`(.*?)`\s+at\s+its\s+end", section):
        edits.append((int(number), written + added))
    return edits


def test_the_worked_example_is_what_validate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(encodings_dir() / "worked-example.ttl", tmp_path)
    monkeypatch.chdir(tmp_path)
    example = tmp_path / "worked-example.ttl"
    section = TEXT[TEXT.index("## A worked example"):TEXT.index("## Concepts")]
    steps = re.split(r"<!-- run \d -->", section)[1:]
    for (command, printed), step in zip(_runs(), steps, strict=True):
        status = main(command.split()[1:])
        captured = capsys.readouterr()
        assert captured.err + captured.out == printed
        outcome = ("unreadable" if "unreadable" in printed else
                   "valid" if printed.strip() == "no problems; 1 file valid" else "problems")
        assert status == {"unreadable": 2, "valid": 0, "problems": 1}[outcome]
        lines = example.read_text(encoding="utf-8").split("\n")
        edits = _edits(step)
        assert len(edits) == {"unreadable": 1, "valid": 0, "problems": 2}[outcome]
        for number, new in edits:
            written = lines[number - 1]
            assert written.strip().split()[0] == new.strip().split()[0]  # the same statement
            lines[number - 1] = new
        example.write_text("\n".join(lines), encoding="utf-8")
    assert printed.strip() == "no problems; 1 file valid"


@pytest.mark.parametrize(("flag", "name"), [
    ("--template", "template.ttl"), ("--example", "example-leeds-2008.ttl"),
    ("--guide", "README.md"),
])
def test_the_bundled_files_are_printed(
    flag: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", flag]) == 0
    assert capsys.readouterr().out == (encodings_dir() / name).read_text(encoding="utf-8")


def test_the_encodings_folder_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--encodings-dir"]) == 0
    folder = Path(capsys.readouterr().out.strip())
    assert (folder / "template.ttl").is_file() and (folder / "invalid").is_dir()


def test_nothing_to_validate_says_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2
    assert "--template" in capsys.readouterr().err
    assert main(["validate", "--template", "--example"]) == 2
    assert "one of them" in capsys.readouterr().err
