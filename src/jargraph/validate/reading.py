"""Reading an encoding: any RDF syntax jargraph reads, into a graph, or a one-line error.

Every way an input can fail to be RDF (no such file, a binary file, not UTF-8,
a syntax error, JSON-LD that would fetch a context from the network, input
nested too deep for the parser) becomes an `EncodingError` that names the
line and column where the parser stopped and says what to do, never a
traceback: the person reading it wrote the file by hand.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from json import JSONDecodeError
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from .. import formats
from ..ontology import rdflib_quiet
from ..vocab import ID
from .report import EncodingError

READABLE: tuple[formats.Format, ...] = tuple(f for f in formats.RDF if f.rdflib != "xml")
"""The formats an encoding may be written in: every RDF format but RDF/XML, whose
elements the locator could not place on a line."""
_PARSERS = frozenset(str(f.rdflib) for f in READABLE)
DATASET_PARSERS = frozenset({str(f.rdflib) for f in formats.DATASETS} | {"json-ld"})
"""Parsers whose input can hold named graphs (JSON-LD too), so they read into a Dataset."""


class _RemoteDocument(Exception):
    """A JSON-LD text that would make the parser fetch a document (a context) by URL."""

    def __init__(self, url: str, offset: int) -> None:
        super().__init__(f"the JSON-LD refers to a context at {url!r}")
        self.url, self.offset = url, offset


class _NotJsonLdDocument(Exception):
    """JSON whose top level is neither an object nor an array (rdflib fails inside)."""

    def __init__(self, top: str) -> None:
        super().__init__(f"the JSON holds {top} at the top")
        self.top = top


def _refuse_unreadable_jsonld(text: str) -> None:
    """Raise `_NotJsonLdDocument` when the top level is not an object or array, and
    `_RemoteDocument` when JSON-LD names a context by URL (``"@context": "..."`` or
    ``"@import"``): rdflib would fetch it, and the validator reads only what it is given."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return  # not JSON: the parser reports where
    if not isinstance(data, (dict, list)):
        raise _NotJsonLdDocument({str: "a string", bool: "true or false",
                                  type(None): "null"}.get(type(data), "a number"))
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                named = value if key == "@context" and isinstance(value, list) else [value]
                if key in ("@context", "@import"):
                    for item in named:
                        if isinstance(item, str):
                            written = text.find(json.dumps(item)[1:-1])
                            raise _RemoteDocument(item, max(written, text.find(key)))
                stack.append(value)


def parse_quietly(graph: Graph, **kwargs: object) -> Graph:
    """rdflib logs ill-typed literals; the shapes report those, so keep stderr clean.

    JSON-LD that names a remote context is refused before parsing: the
    validator never fetches anything from the network. So is JSON-LD whose top
    level is not an object or array, which rdflib fails on inside.
    """
    if kwargs.get("format") == "json-ld" and isinstance(kwargs.get("data"), str):
        _refuse_unreadable_jsonld(kwargs["data"])  # type: ignore[arg-type]
    with rdflib_quiet():
        return graph.parse(**kwargs)  # type: ignore[arg-type]


def parser_for(path: Path, fmt: str | None) -> str:
    """The rdflib parser for a file: the one asked for, else the one its extension names."""
    if fmt:
        name = readable_parser(fmt)
        if not name:
            known = ", ".join(sorted(_PARSERS))
            raise EncodingError(
                str(path), None, None, f"unknown format '{fmt}'; use one of {known}"
            )
        return name
    name = parser_for_extension(path.suffix)
    if not name:
        known = ", ".join("." + f.extension for f in READABLE)
        raise EncodingError(
            str(path),
            None,
            None,
            f"unknown extension '{path.suffix}'; name the file {known}, or pass --format",
        )
    return name


def parser_for_extension(suffix: str) -> str | None:
    """The rdflib parser a file extension (``.ttl``, ``.json``) names, if it is readable."""
    return readable_parser(suffix[1:]) if suffix.startswith(".") and len(suffix) > 1 else None


def readable_parser(key: str) -> str | None:
    """The rdflib parser of the readable format a name, alias or extension asks for."""
    found = formats.find(key, "graph", "dataset")
    return found.rdflib if found in READABLE else None


def _read_text(path: Path) -> str:
    """The file as UTF-8 text, or an EncodingError saying why it is not."""
    file = str(path)
    if not path.exists():
        raise EncodingError(file, None, None, "no such file; check the name and path")
    if path.is_dir():
        raise EncodingError(file, None, None, "is a directory; give the encoding files in it")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise EncodingError(
            file, None, None, f"cannot be read ({err.strerror}); check its permissions"
        ) from None
    if not raw.strip():
        raise EncodingError(
            file, None, None, "file is empty; copy data/encodings/template.ttl to start an encoding"
        )
    if b"\x00" in raw:
        raise EncodingError(
            file,
            None,
            None,
            "is a binary file, not RDF text; give a .ttl, .trig, .jsonld, .nt or .nq file",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _line_column(raw, err.start)
        raise EncodingError(
            file, line, column, "is not UTF-8 text; save the file as UTF-8"
        ) from None


def _line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    newline = "\n" if isinstance(text, str) else b"\n"
    before = text[:offset]
    line = before.count(newline) + 1  # type: ignore[arg-type]
    column = offset - (before.rfind(newline) + 1) + 1  # type: ignore[arg-type]
    return line, column


def syntax_error(file: str, text: str, fmt: str, err: Exception) -> EncodingError:
    """The parser's complaint as one line, with the line and column where it has them."""
    if isinstance(err, _RemoteDocument):
        line, column = _line_column(text, err.offset)
        return EncodingError(
            file, line, column,
            f"the @context {err.url!r} would have to be fetched, and the validator fetches "
            "nothing; put the context in the file",
        )
    if isinstance(err, _NotJsonLdDocument):
        return EncodingError(
            file, 1, 1,
            f"JSON-LD must be a JSON object {{...}} or array [...] at the top, not {err.top}; "
            "wrap the statements in an object with @context and @graph",
        )
    if isinstance(err, RecursionError):
        line, column = _line_column(text, _deepest_point(text))
        return EncodingError(
            file, line, column,
            f"{fmt} nested too deeply to read (brackets within brackets, deepest here); "
            "give nested nodes names or blank node labels instead",
        )
    if isinstance(err, IndexError) and fmt in ("turtle", "trig"):  # rdflib read past the end
        line, column = _line_column(text, len(text.rstrip()))
        return EncodingError(
            file, line, column,
            f"{fmt} syntax error: the text ends in the middle of a statement; "
            "finish it (and end it with ' .')",
        )
    if isinstance(err, BadSyntax):
        raw = getattr(err, "_str", b"")
        why = getattr(err, "_why", "bad syntax")
        message = f"{fmt} syntax error: {why}; fix the text here"
        if not raw:
            return EncodingError(file, None, None, message)
        offset = getattr(err, "_i", 0)
        if why.startswith("expected '.' or '}' or ']'"):
            before = raw[:offset].decode("utf-8", errors="replace")
            missing = missing_punctuation(before, raw[offset:].decode("utf-8", errors="replace"))
            if missing is not None:
                return EncodingError(file, *missing[:2], f"{fmt} syntax error: {missing[2]}")
        return EncodingError(file, *_line_column(raw, offset), message)
    if isinstance(err, JSONDecodeError):
        return EncodingError(
            file, err.lineno, err.colno, f"JSON syntax error: {err.msg}; fix the text here"
        )
    if isinstance(err, ParserError) and fmt in ("nt", "nquads"):
        return EncodingError(
            file,
            _first_bad_line(text, fmt),
            None,
            f"{fmt} syntax error: each line must be one complete statement ending in ' .'",
        )
    if isinstance(err, ValueError) and "integer string conversion" in str(err):
        line, column = _line_column(text, _long_number_at(text))
        return EncodingError(
            file, line, column,
            f"a number here has more than {sys.get_int_max_str_digits():,} digits, too "
            "long to read; shorten it, or write it as a string",
        )
    if isinstance(err, (NameError, AttributeError, TypeError, KeyError)):
        return EncodingError(
            file, None, None,
            f"cannot be read as {fmt}: the {fmt} reader failed inside it "
            f"({type(err).__name__}: {str(err).strip()[:100]}), as it can on malformed "
            f"{fmt} it does not report; check the text against the {fmt} specification",
        )
    first = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return EncodingError(file, None, None, f"cannot be read as {fmt}: {first}")


_TERM = (r"""(?:<[^>\s]*>|"(?:[^"\\\n]|\\.)*"(?:@[\w-]+|\^\^\S+)?"""
         r"""|[\w.-]*:[\w.:%-]*|_:\S+|\ba\b|[+-]?\d[\d.]*)""")


def missing_punctuation(before: str, after: str) -> tuple[int, int, str] | None:
    """Where a ';', ',' or '.' is probably missing, when the parser met a term where a
    statement should have ended: (line, column just after the last term, what to write).

    The rest of the line the parser stopped on tells which: a term at the start of a
    line begins a new statement (a '.' is missing), one term alone is another value of
    the same property (a ','), a property and its value are the next property (a ';').
    """
    last = before.rstrip()
    while True:  # step back over comment lines
        lines = last.rsplit("\n", 1)
        tail = lines[-1]
        if not tail.lstrip().startswith("#") or len(lines) == 1:
            break
        last = lines[0].rstrip()
    if "#" in tail:
        code = re.sub(r'"(?:[^"\\\n]|\\.)*"|<[^>]*>', lambda m: "x" * len(m.group()), tail)
        cut = code.find("#")
        if cut >= 0:
            last = last[: len(last) - len(tail) + cut].rstrip()
    line = last.count("\n") + 1
    column = len(last) - (last.rfind("\n") + 1) + 1
    rest = after.split("\n", 1)[0].split("#", 1)[0]
    terms = re.findall(_TERM, rest)
    starts_line = not before[before.rfind("\n") + 1 :].strip()
    indented = after[:1] in (" ", "\t") or before[before.rfind("\n") + 1 :].isspace()
    if starts_line and not indented:
        mark, why = ".", "a new statement starts on the next line, so the one before ends with '.'"
    elif len(terms) >= 2:
        mark, why = ";", "the next line gives another property of the same subject: " \
            "properties are separated by ';' (and the last ends with '.')"
    elif len(terms) == 1:
        mark, why = ",", "the next line gives another value of the same property: " \
            "values are separated by ','"
    else:
        return None
    return line, column, (f"'{mark}' is probably missing at the end of line {line}: {why}; "
                          f"add '{mark}' after the last term of line {line}")


def _long_number_at(text: str) -> int:
    """The offset of the first run of digits too long for Python to convert."""
    match = re.search(rf"\d{{{sys.get_int_max_str_digits() + 1},}}", text)
    return match.start() if match else 0


def _deepest_point(text: str) -> int:
    """The offset where brackets (``[``, ``(``, ``{``) first reach their deepest nesting,
    not counting brackets inside quoted strings (to the end of their line); a hint for input
    too deep to parse."""
    depth = deepest = at = 0
    quote = ""
    escaped = False
    for offset, char in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in (quote, "\n"):
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[({":
            depth += 1
            if depth > deepest:
                deepest, at = depth, offset
        elif char in "])}":
            depth = max(0, depth - 1)
    return at


def _first_bad_line(text: str, fmt: str) -> int | None:
    """N-Triples/N-Quads errors carry no line number: find the first line that fails alone."""
    graph: Graph = Dataset() if fmt == "nquads" else Graph()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            parse_quietly(graph, data=line, format=fmt)
        except Exception:  # noqa: BLE001 - any failure marks the line
            return number
    return None


def read_encoding(path: str | Path, format: str | None = None) -> tuple[Graph, str]:
    """Parse one encoding file; an EncodingError (never a traceback) for anything unreadable.

    Returns a Dataset for formats that can hold named graphs (TriG, N-Quads,
    JSON-LD), a Graph otherwise, together with the text for locating problems.
    Relative IRIs resolve against ``https://w3id.org/jargraph/id/`` so that a
    file means the same wherever it is kept.
    """
    path = Path(path)
    fmt = parser_for(path, format)
    text = _read_text(path)
    graph: Graph = Dataset() if fmt in DATASET_PARSERS else Graph()
    try:
        parse_quietly(graph, data=text, format=fmt, publicID=str(ID))
    except Exception as err:  # noqa: BLE001 - every parser failure becomes one line
        raise syntax_error(str(path), text, fmt, err) from None
    if next(all_triples(graph), None) is None:
        raise EncodingError(
            str(path),
            None,
            None,
            "holds no statements; encode at least the document and its review",
        )
    return graph, text


def all_triples(data: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of a graph, or of every graph of a dataset."""
    graphs = data.graphs() if isinstance(data, Dataset) else [data]
    for graph in graphs:
        yield from graph
