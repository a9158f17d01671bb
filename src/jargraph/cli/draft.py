"""``jargraph draft REPORT.txt``: a draft Turtle encoding of a report, from its text.

The draft goes to standard output, or to ``-o FILE`` (an existing file is kept
unless ``--force``). What the reader was unsure of is marked ``# CHECK:`` in the
draft and counted on standard error.

Exit codes: 0 the draft was written, 2 the report could not be read or the
draft could not be written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..draft import draft_file
from ..encode import EncodingProblem
from ..readers import UnknownDocument
from ..readers.text import ReaderError


def add_parser(sub: argparse._SubParsersAction, words: list[str]) -> None:
    p = sub.add_parser("draft", help="write a draft encoding (Turtle) of a report from its text")
    p.add_argument("report", metavar="REPORT", type=Path, help="the report's text file")
    p.add_argument("--output", "-o", type=Path, default=None,
                   help="write the draft to this file (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    output: Path | None = args.output
    if output is not None and output.exists() and not args.force:
        print(f"jargraph draft: {output} exists; give --force to replace it, or another -o",
              file=sys.stderr)
        return 2
    try:
        draft = draft_file(args.report)
    except (ReaderError, UnknownDocument, EncodingProblem) as exc:
        print(f"jargraph draft: {exc}", file=sys.stderr)
        return 2
    if output is None:
        try:
            sys.stdout.write(draft.turtle)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader (e.g. head) stopped early; that is not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    elif not _write(output, draft.turtle):
        return 2
    where = "standard output" if output is None else str(output)
    checks = len(draft.checks)
    print(f"jargraph draft: wrote {draft.blocks} blocks of {draft.document.id} to {where}; "
          + (f"{checks} to CHECK against the report" if checks else "nothing marked to CHECK")
          + (f"; then: jargraph validate {output}" if output else ""), file=sys.stderr)
    return 0


def _write(output: Path, text: str) -> bool:
    """Write through a temporary file, so an existing draft is never left half-written."""
    part = output.with_name(output.name + ".part")
    try:
        part.write_text(text, encoding="utf-8")
        part.replace(output)
    except OSError as exc:
        try:
            part.unlink(missing_ok=True)
        except OSError:
            pass
        print(f"jargraph draft: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True
