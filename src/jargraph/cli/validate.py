"""``jargraph validate``: check hand-written encodings against the shapes and ontology.

Exit codes: 0 every file valid, 1 problems found, 2 a file could not be read
(or a report could not be written, or ``--reason`` has no Java to run on).
An installed jargraph has no checkout to copy from, so ``--template``,
``--example`` and ``--guide`` print the encoding template, the worked Leeds
example and the encoding guide (with every concept and area), and
``--encodings-dir`` where they and the examples of mistakes are installed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from rdflib import Graph, Namespace

from .. import resources
from ..reason import ReasonerUnavailable, java_missing
from ..validate import EncodingError, ValidationReport, validate_file
from ..vocab import PREFIXES

SHOWN = {
    "template": ("template.ttl", "print the encoding template (to copy and fill in)"),
    "example": ("example-leeds-2008.ttl", "print a complete encoding to compare with"),
    "guide": ("README.md", "print the encoding guide: the order to fill things in, "
              "identifiers, every concept and area, every rule"),
}


def add_parser(sub: argparse._SubParsersAction, words: list[str]) -> None:
    p = sub.add_parser("validate", help="validate encodings against the shapes and ontology")
    p.add_argument("files", nargs="*", metavar="FILE")
    for flag, (_, text) in SHOWN.items():
        p.add_argument(f"--{flag}", action="store_true", help=text)
    p.add_argument("--encodings-dir", action="store_true",
                   help="print the folder holding the template, the example, the guide and "
                   "the examples of mistakes (invalid/)")
    p.add_argument(
        "--format",
        metavar="FMT",
        help="parse every FILE as FMT (turtle, trig, json-ld, nt, nquads) "
        "instead of going by its extension",
    )
    p.add_argument(
        "--json", action="store_true", help="print the problems as JSON on standard output"
    )
    p.add_argument(
        "--shacl-report",
        metavar="FILE_OR_-",
        help="also write the full SHACL results graph as Turtle to FILE (- for standard output)",
    )
    p.add_argument(
        "--reason",
        action="store_true",
        help="also check each FILE's OWL consistency with the ontology, with the HermiT "
        "reasoner (needs Java)",
    )
    p.set_defaults(run=run)


@dataclass
class _FileResult:
    file: str
    report: ValidationReport | None = None
    error: EncodingError | None = None


def run(args: argparse.Namespace) -> int:
    """``jargraph validate``: 0 all valid, 1 problems found, 2 an input could not be read."""
    shown = [flag for flag in SHOWN if getattr(args, flag, False)]
    if shown or getattr(args, "encodings_dir", False):
        return _show(shown, bool(getattr(args, "encodings_dir", False)), bool(args.files))
    if not args.files:
        print("jargraph validate: give the encoding files to check, or --template to start "
              "one (jargraph validate --help)", file=sys.stderr)
        return 2
    as_json = getattr(args, "json", False)
    shacl_report = getattr(args, "shacl_report", None)
    if as_json and shacl_report == "-":
        print(
            "jargraph validate: --json and --shacl-report - both write to standard output; "
            "give --shacl-report a file name",
            file=sys.stderr,
        )
        return 2
    reason = getattr(args, "reason", False)
    if reason and java_missing("validate"):
        return 2
    fmt = getattr(args, "format", None)
    results = [_validate_one(file, fmt, reason) for file in args.files]
    try:
        written = _print_results(results, as_json, shacl_report)
    except BrokenPipeError:  # the reader (e.g. head) stopped early; that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        written = True
    if not written or any(r.error for r in results):
        return 2
    return 1 if any(r.report and r.report.problems for r in results) else 0


def _show(shown: list[str], folder: bool, files: bool) -> int:
    """Print one of the bundled encoding files, or the folder they are in."""
    if files or len(shown) + folder > 1:
        print("jargraph validate: --template, --example, --guide and --encodings-dir each "
              "print one thing; give one of them, without files", file=sys.stderr)
        return 2
    if folder:
        print(resources.encodings_dir())
        return 0
    text = (resources.encodings_dir() / SHOWN[shown[0]][0]).read_text(encoding="utf-8")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _print_results(results: list[_FileResult], as_json: bool, shacl_report: str | None) -> bool:
    """Errors to stderr; problems and summary to stdout unless JSON or the report goes there."""
    for result in results:
        if result.error:
            print(str(result.error), file=sys.stderr)
    listing = sys.stderr if as_json or shacl_report == "-" else sys.stdout
    for problem in (p for r in results if r.report for p in r.report.problems):
        print(problem, file=listing)
    print(_summary(results), file=listing)
    if as_json:
        print(json.dumps(_as_json(results), indent=2, ensure_ascii=False))
    return not shacl_report or _write_shacl_report(results, shacl_report)


def _validate_one(file: str, fmt: str | None, reason: bool = False) -> _FileResult:
    try:
        return _FileResult(file, report=validate_file(file, fmt, reason=reason))
    except EncodingError as err:
        return _FileResult(file, error=err)
    except ReasonerUnavailable as err:  # HermiT could not run on this file
        return _FileResult(file, error=EncodingError(file, None, None, str(err)))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(results: list[_FileResult]) -> str:
    """``3 problems in 2 files; 1 file valid`` (plus unreadable files, if any)."""
    reports = [r.report for r in results if r.report]
    problems = sum(len(r.problems) for r in reports)
    with_problems = sum(1 for r in reports if r.problems)
    valid = len(reports) - with_problems
    parts = [
        f"{_plural(problems, 'problem')} in {_plural(with_problems, 'file')}"
        if problems
        else "no problems",
        f"{_plural(valid, 'file')} valid",
    ]
    unreadable = sum(1 for r in results if r.error)
    if unreadable:
        parts.append(f"{_plural(unreadable, 'file')} unreadable")
    return "; ".join(parts)


def _as_json(results: list[_FileResult]) -> dict:
    problems = [asdict(p) for r in results if r.report for p in r.report.problems]
    errors = [
        {
            "file": r.error.file,
            "line": r.error.line,
            "column": r.error.column,
            "message": r.error.message,
        }
        for r in results
        if r.error
    ]
    conforms = not problems and not errors
    return {"conforms": conforms, "problems": problems, "errors": errors}


def _write_shacl_report(results: list[_FileResult], target: str) -> bool:
    """All files' SHACL results graphs as one Turtle document."""
    merged = Graph()
    for prefix, iri in PREFIXES.items():
        merged.bind(prefix, Namespace(iri))
    for result in results:
        if result.report:
            merged += result.report.results_graph
    turtle = merged.serialize(format="turtle")
    if target == "-":
        sys.stdout.write(turtle)
        return True
    try:
        Path(target).write_text(turtle, encoding="utf-8")
    except OSError as err:
        print(
            f"{target}: cannot write the SHACL report ({err.strerror}); check the path",
            file=sys.stderr,
        )
        return False
    return True
