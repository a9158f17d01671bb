"""Hostile encodings to the validator: random and mutated Turtle, TriG, N-Triples, JSON-LD.

Seeds are the Leeds example encoding and the invalid examples, also written
as TriG, N-Triples, N-Quads and JSON-LD. Each case damages one (characters,
tokens or lines deleted, duplicated, swapped; the text cut short; random
bytes; deep nesting; odd unicode) and hands it to ``validate_file``, which
must return a report or raise ``EncodingError``; a syntax error must say on
which line. Some cases also go through ``jargraph validate``, which must exit
with 0, 1 or 2 and print no traceback. A JSON-LD ``@context`` or an
``owl:imports`` naming a URL must never be fetched (a loopback canary
listens).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef

from jargraph.cli import main as cli_main
from jargraph.validate import EncodingError, ValidationReport, read_encoding, validate_file

from . import CASE_LIMIT, CORPUS, DATA, TRACEBACK_SIGNS, count_case, note, time_limit
from .test_sparql_fuzz import Canary

MUTATION_EXAMPLES = 100
RANDOM_EXAMPLES = 60
CLI_EXAMPLES = 15
"""Hypothesis examples per property test."""

SETTINGS = settings(deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

EXAMPLE = DATA / "encodings" / "example-leeds-2008.ttl"
INVALID = sorted((DATA / "encodings" / "invalid").glob("*.ttl"))
CANARY_PLACEHOLDER = "http://canary.invalid/"

TURTLE_TOKENS = (
    "@prefix", "@base", "PREFIX", "BASE", "GRAPH", ".", ";", ",", "[", "]", "(", ")", "{", "}",
    '"', "'", '"""', "<", ">", "<>", "^^", "@en", "@", "a", "_:b", "_:", "jar:grade", "jar:",
    ":", "xsd:date", "true", "1", "-0", "1e999", "99999999999999999999999", '"2008-13-45"',
    '"x"^^xsd:integer', '"\\uD800"', '"\\U00110000"', "\\", "#", "\n", "\x00", "\ufeff",
    "\u202e", "\U0001f600", '"@context"', '"@id"', '"@graph"', '"@type"', ":", "null",
    f'"@context": "{CANARY_PLACEHOLDER}ctx"', f"owl:imports <{CANARY_PLACEHOLDER}onto>",
)
ODD_BYTES = (b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r", b"\r\n",
             b"\x1b", b"\xf4\x90\x80\x80", b"\t" * 50)
_TOKEN_RE = re.compile(r"\s+|[^\s]+")


# ---------------------------------------------------------------- seeds in every syntax


def _seeds() -> dict[str, list[tuple[str, bytes]]]:
    """Seed files by extension: the Turtle as written, and re-serialised in the other
    syntaxes (the example and the two smallest invalid files)."""
    turtles = [EXAMPLE, *INVALID]
    seeds: dict[str, list[tuple[str, bytes]]] = {
        ".ttl": [(p.name, p.read_bytes()) for p in turtles]}
    small = sorted(INVALID, key=lambda p: p.stat().st_size)[:2]
    for path in (EXAMPLE, *small):
        with warnings.catch_warnings():  # rdflib's own serialisers use deprecated names
            warnings.simplefilter("ignore", DeprecationWarning)
            seeds_in_other_syntaxes(path, seeds)
    return seeds


def seeds_in_other_syntaxes(path: Path, seeds: dict[str, list[tuple[str, bytes]]]) -> None:
    """Add the Turtle file at ``path`` as TriG, N-Quads, N-Triples and JSON-LD."""
    graph = Graph().parse(path, format="turtle")
    dataset = Dataset()
    named = dataset.graph(URIRef("https://w3id.org/jargraph/graph/" + path.stem))
    for triple in graph:
        named.add(triple)
    for ext, data in ((".trig", dataset.serialize(format="trig")),
                      (".nq", dataset.serialize(format="nquads")),
                      (".nt", graph.serialize(format="nt")),
                      (".jsonld", graph.serialize(format="json-ld", indent=1))):
        seeds.setdefault(ext, []).append((path.stem + ext, data.encode("utf-8")))


SEEDS = _seeds()


# ---------------------------------------------------------------- mutations


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """(extension, bytes): a seed in one syntax with one to four kinds of damage."""
    ext = draw(st.sampled_from(sorted(SEEDS)))
    _, data = draw(st.sampled_from(SEEDS[ext]))
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        at = draw(st.integers(0, size))
        op = draw(st.sampled_from((
            "delete", "insert-token", "duplicate", "swap-tokens", "delete-token",
            "swap-lines", "delete-lines", "truncate", "random-bytes", "nest", "long-literal",
            "crlf", "case",
        )))
        if op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)):]
        elif op == "insert-token":
            token = draw(st.sampled_from(TURTLE_TOKENS)).encode("utf-8")
            data = data[:at] + b" " + token + b" " + data[at:]
        elif op == "duplicate":
            end = min(size, at + draw(st.integers(1, 300)))
            data = data[:end] + data[at:end] * draw(st.integers(1, 10)) + data[end:]
        elif op in ("swap-tokens", "delete-token"):
            parts = _TOKEN_RE.findall(data.decode("utf-8", "surrogateescape"))
            words = [i for i, p in enumerate(parts) if not p.isspace()]
            if not words:
                continue
            i, j = draw(st.sampled_from(words)), draw(st.sampled_from(words))
            if op == "swap-tokens":
                parts[i], parts[j] = parts[j], parts[i]
            else:
                parts[i] = ""
            data = "".join(parts).encode("utf-8", "surrogateescape")
        elif op in ("swap-lines", "delete-lines"):
            lines = data.splitlines(keepends=True)
            if len(lines) < 2:
                continue
            i = draw(st.integers(0, len(lines) - 1))
            if op == "swap-lines":
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                del lines[i:i + draw(st.integers(1, 30))]
            data = b"".join(lines)
        elif op == "truncate":
            data = data[:at]
        elif op == "random-bytes":
            noise = draw(st.one_of(st.sampled_from(ODD_BYTES), st.binary(min_size=1,
                                                                          max_size=30)))
            data = data[:at] + noise + data[at:]
        elif op == "nest":
            depth = draw(st.sampled_from((2, 50, 300, 3000)))
            opener, closer = draw(st.sampled_from(((b"[", b"]"), (b"(", b")"), (b"{", b"}"))))
            inner = draw(st.sampled_from((b" <p:x> ", b" ", b" 1 ")))
            data = data[:at] + (opener + inner) * depth + closer * depth + data[at:]
        elif op == "long-literal":
            data = data[:at] + b' "' + b"x" * draw(st.sampled_from((1000, 100_000))) + \
                b'" ' + data[at:]
        elif op == "crlf":
            data = data.replace(b"\n", b"\r\n")
        else:
            data = data[:at] + data[at:at + 40].swapcase() + data[at + 40:]
    return ext, data


random_inputs = st.tuples(
    st.sampled_from((".ttl", ".trig", ".nt", ".nq", ".jsonld", ".json")),
    st.one_of(
        st.binary(max_size=500),
        st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.sampled_from(TURTLE_TOKENS), max_size=80).map(
            lambda ts: " ".join(ts).encode("utf-8")),
    ),
)


# ---------------------------------------------------------------- the checks


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    found = Canary()
    yield found
    found.close()


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="hostile-encodings-") as folder:
        yield Path(folder)


def write_case(scratch: Path, ext: str, data: bytes, canary: Canary) -> Path:
    path = scratch / f"case{ext}"
    path.write_bytes(data.replace(CANARY_PLACEHOLDER.encode(), canary.url.encode()))
    return path


def check_validate(path: Path, canary: Canary) -> str:
    """Validate one file; returns how it ended, fails on anything not allowed."""
    before = len(canary.hits)
    with time_limit(CASE_LIMIT, f"validating {path.name}"):
        try:
            report = validate_file(path)
        except EncodingError as exc:
            assert exc.file == str(path) and exc.message.strip()
            assert "Traceback" not in exc.message
            if "syntax error" in exc.message:
                assert exc.line is not None, f"a syntax error without its line: {exc}"
            elif exc.line is None:
                note(f"validator: EncodingError without a line: {exc.message[:150]}")
            outcome = "EncodingError"
        else:
            assert isinstance(report, ValidationReport)
            outcome = "report with problems" if report.problems else "report, valid"
    assert len(canary.hits) == before, f"{path.name}: the validator fetched a URL: " \
        f"{canary.hits[before:][:1]!r}"
    return outcome


def check_cli(path: Path, canary: Canary) -> int:
    """``jargraph validate FILE`` (also ``--json``): exit 0, 1 or 2 and no traceback."""
    codes = []
    for extra in ([], ["--json"]):
        out, err = io.StringIO(), io.StringIO()
        with time_limit(CASE_LIMIT, f"jargraph validate {path.name}"), \
                contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main(["validate", *extra, str(path)])
        assert code in (0, 1, 2), f"exit code {code}: {err.getvalue()[:1000]}"
        for sign in TRACEBACK_SIGNS:
            assert sign not in err.getvalue(), err.getvalue()[:2000]
        if extra:
            json.loads(out.getvalue())
        codes.append(code)
    assert codes[0] == codes[1], f"--json changed the exit code: {codes}"
    return codes[0]


def _tally(outcomes: dict[str, int], outcome: str) -> None:
    outcomes[outcome] = outcomes.get(outcome, 0) + 1


# ---------------------------------------------------------------- property tests


def test_damaged_encodings(scratch: Path, canary: Canary) -> None:
    outcomes: dict[str, int] = {}

    @settings(SETTINGS, max_examples=MUTATION_EXAMPLES)
    @given(case=damaged())
    def case(case: tuple[str, bytes]) -> None:
        count_case("validator: damaged encodings")
        ext, data = case
        _tally(outcomes, check_validate(write_case(scratch, ext, data, canary), canary))

    case()
    note("validator: damaged encodings: " + ", ".join(f"{k} {v}" for k, v in
                                                      sorted(outcomes.items())))


def test_random_input(scratch: Path, canary: Canary) -> None:
    outcomes: dict[str, int] = {}

    @settings(SETTINGS, max_examples=RANDOM_EXAMPLES)
    @given(case=random_inputs)
    def case(case: tuple[str, bytes]) -> None:
        count_case("validator: random input")
        ext, data = case
        _tally(outcomes, check_validate(write_case(scratch, ext, data, canary), canary))

    case()
    note("validator: random input: " + ", ".join(f"{k} {v}" for k, v in
                                                 sorted(outcomes.items())))


def test_command_line(scratch: Path, canary: Canary) -> None:
    @settings(SETTINGS, max_examples=CLI_EXAMPLES)
    @given(case=st.one_of(damaged(), random_inputs))
    def case(case: tuple[str, bytes]) -> None:
        count_case("validator: jargraph validate (x2: text and --json)")
        ext, data = case
        check_cli(write_case(scratch, ext, data, canary), canary)

    case()


RDF_CORPUS = sorted([*(CORPUS / "turtle").iterdir(), *(CORPUS / "jsonld").iterdir()])


@pytest.mark.parametrize("source", RDF_CORPUS, ids=[p.name for p in RDF_CORPUS])
def test_corpus(source: Path, scratch: Path, canary: Canary) -> None:
    """Each corpus file by ``validate_file`` and by ``jargraph validate``."""
    count_case("validator: corpus")
    name = source.name
    path = write_case(scratch, source.suffix, source.read_bytes(), canary)
    path = path.rename(scratch / name)
    check_validate(path, canary)
    check_cli(path, canary)


def test_unreadable_paths(scratch: Path, canary: Canary) -> None:
    """A folder, a missing file, an unknown extension: EncodingError, exit code 2."""
    odd = scratch / "encoding.unknown"
    odd.write_text("<a:b> <a:c> <a:d> .", encoding="utf-8")
    for path in (scratch, scratch / "missing.ttl", odd):
        count_case("validator: unreadable paths")
        with pytest.raises(EncodingError):
            read_encoding(path)
        assert check_cli(path, canary) == 2
