"""Reading an encoding: every unreadable input is one line that says where and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from jargraph.validate import EncodingError, read_encoding
from jargraph.validate.reading import DATASET_PARSERS, parser_for, parser_for_extension

from .conftest import AREA_TYPE, LEEDS, PREFIXES, UNGRADED, unreadable, write


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.ttl"
    line = unreadable(capsys, str(path))
    assert line == f"{path}: no such file; check the name and path"


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "empty.ttl", "\n  \n")
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}: file is empty;")


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "report.ttl", b"%PDF-1.4\x00\x01\x02\xff")
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}: is a binary file, not RDF text;")


def test_turtle_syntax_error_gives_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the statement on line 4 is not closed before the next subject, on line 5
    text = PREFIXES + "<area/leeds> a jar:Area\n<area/york> a jar:Area .\n"
    path = write(tmp_path, "broken.ttl", text)
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}:4:24: turtle syntax error: '.' is probably missing")


@pytest.mark.parametrize(("written", "mark", "where"), [
    # another property of the same subject on the next line: a ';'
    ('<area/leeds> a jar:Area\n    jar:dfeCode "383" .\n', ";", "4:24"),
    # another value of the same property on the next line: a ','
    ("<document/x> jar:passage <document/x/paragraph/1>\n    <document/x/paragraph/2> .\n",
     ",", "4:50"),
    # a new subject at the start of the next line: a '.'
    ("<area/leeds> a jar:Area\n\n# York\n<area/york> a jar:Area .\n", ".", "4:24"),
])
def test_a_missing_separator_is_named(
    written: str, mark: str, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "broken.ttl", PREFIXES + written)
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}:{where}: turtle syntax error: '{mark}' is probably missing "
                           f"at the end of line {where.split(':')[0]}")
    assert "expected '.' or '}' or ']'" not in line


def test_unterminated_string_is_placed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = PREFIXES + '<area/leeds> a jar:Area ;\n    jar:region "Yorkshire and The Humber .\n'
    path = write(tmp_path, "broken.ttl", text)
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}:5:")
    assert "newline found in string literal" in line


def test_unknown_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "leeds.rdfx", PREFIXES + UNGRADED)
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}: unknown extension '.rdfx';")
    assert "--format" in line


def test_unknown_format_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = unreadable(capsys, str(LEEDS), "--format", "rdfxml")
    assert line.startswith(f"{LEEDS}: unknown format 'rdfxml';")


def test_json_syntax_error_gives_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "broken.jsonld", '{\n  "@id": "area/leeds",\n  "@type" "x"\n}\n')
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}:3:11: JSON syntax error:")


@pytest.mark.parametrize(("text", "top"), [('"area/leeds"', "a string"), ("42", "a number"),
                                           ("null", "null")])
def test_jsonld_top_level_must_be_object_or_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, top: str
) -> None:
    path = write(tmp_path, "scalar.jsonld", text + "\n")
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}:1:1: JSON-LD must be a JSON object")
    assert f"not {top};" in line


def test_number_too_long_to_read_is_placed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = PREFIXES + "<area/leeds> a jar:Area ;\n    jar:population " + "9" * 5000 + " .\n"
    path = write(tmp_path, "long.ttl", text)
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}:5:20: a number here has more than 4,300 digits")
    assert "sys." not in line


def test_ntriples_error_gives_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = AREA_TYPE
    path = write(tmp_path, "broken.nt", good + good.replace(" .\n", "\n") + good)
    line = unreadable(capsys, str(path))
    assert line.startswith(f"{path}:2: nt syntax error:")


def test_read_encoding_raises_encoding_error(tmp_path: Path) -> None:
    with pytest.raises(EncodingError) as caught:
        read_encoding(tmp_path / "absent.trig")
    assert (caught.value.line, caught.value.column) == (None, None)


# ---------------------------------------------------------------- formats, from the shared table


@pytest.mark.parametrize(("name", "parser"), [
    ("leeds.ttl", "turtle"), ("leeds.TTL", "turtle"), ("leeds.trig", "trig"),
    ("leeds.jsonld", "json-ld"), ("leeds.json", "json-ld"), ("leeds.nt", "nt"),
    ("leeds.nq", "nquads"),
])
def test_the_extension_names_the_parser(name: str, parser: str) -> None:
    assert parser_for(Path(name), None) == parser


@pytest.mark.parametrize(("asked", "parser"), [
    ("turtle", "turtle"), ("ttl", "turtle"), ("JSON-LD", "json-ld"), ("jsonld", "json-ld"),
    ("n-triples", "nt"), ("nquads", "nquads"), ("nq", "nquads"), ("trig", "trig"),
])
def test_the_format_asked_for_wins_over_the_extension(asked: str, parser: str) -> None:
    assert parser_for(Path("leeds.txt"), asked) == parser


def test_rdf_xml_is_not_an_encoding_format() -> None:
    """The locator cannot place a node in XML, so the validator does not read RDF/XML."""
    with pytest.raises(EncodingError) as caught:
        parser_for(Path("leeds.rdf"), None)
    assert caught.value.message == (
        "unknown extension '.rdf'; name the file .ttl, .nt, .jsonld, .trig, .nq, or pass --format")
    with pytest.raises(EncodingError) as caught:
        parser_for(Path("leeds.ttl"), "xml")
    assert caught.value.message == (
        "unknown format 'xml'; use one of json-ld, nquads, nt, trig, turtle")


def test_a_file_without_an_extension_needs_a_format() -> None:
    assert parser_for_extension("") is None
    assert parser_for_extension(".") is None
    assert parser_for_extension(".srj") is None  # a results format, not RDF


def test_dataset_formats_read_into_a_dataset(tmp_path: Path) -> None:
    path = write(tmp_path, "leeds.nq", AREA_TYPE)
    graph, text = read_encoding(path)
    assert isinstance(graph, Dataset)
    assert text == AREA_TYPE
    assert {"trig", "nquads", "json-ld"} == DATASET_PARSERS


def test_remote_jsonld_context_is_refused_and_placed(tmp_path: Path) -> None:
    text = '{\n  "@context": "https://example.org/context.jsonld",\n  "@id": "area/leeds"\n}\n'
    path = write(tmp_path, "leeds.jsonld", text)
    with pytest.raises(EncodingError) as caught:
        read_encoding(path)
    assert (caught.value.line, caught.value.column) == (2, 16)
    assert "the validator fetches nothing" in caught.value.message
