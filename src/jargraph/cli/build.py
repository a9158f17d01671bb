"""``jargraph build``: read the documents, convert, validate, load the store, write dumps.

Exit codes: 0 every document loaded, 1 some document was left out (its
problems are printed as ``jargraph validate`` prints them; the others
loaded), 2 the build could not run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import reason, settings
from ..build import build, print_report
from ..progress import Progress
from ..store import StoreError, open_store

OPTIONS = ("home", "data", "store")


def add_parser(sub: argparse._SubParsersAction, words: list[str]) -> None:
    p = sub.add_parser("build", help="read the documents, convert, validate and load the store")
    settings.add_options(p, OPTIONS)
    p.add_argument("--no-bundled", action="store_true",
                   help="leave out the bundled seed documents: build only those of --data")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="documents converted in parallel (default: one per core)")
    p.add_argument("--reason", action="store_true",
                   help="after loading, check the whole graph's OWL consistency with the "
                        "HermiT reasoner (needs Java); exit 1 if it is inconsistent")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    chosen = settings.from_args(args)
    if args.no_bundled and chosen.data is None:
        print("jargraph build: --no-bundled leaves nothing to build: give --data DIR too",
              file=sys.stderr)
        return 2
    if args.reason and reason.java_missing("build"):
        return 2

    try:
        target = open_store(chosen)
        report = build(chosen.data, chosen.home, bundled=not args.no_bundled,
                       progress=Progress(sys.stderr),
                       validate=not args.no_validate, target=target, jobs=args.jobs)
    except OSError as exc:
        print(f"jargraph build: {os_error(exc, chosen.home)}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"jargraph build: {exc}", file=sys.stderr)
        return 2
    print_report(report)
    if report.errors:
        return 2
    checked = reason.check_build(report.folder) if args.reason and report.folder else 0
    return max(checked, 0 if report.ok else 1)


def os_error(exc: OSError, where: Path) -> str:
    """An OS error as one line that names the file or folder (errors from a write
    in a worker process or from a library often name neither)."""
    message = str(exc)
    if exc.filename is None and str(where) not in message:
        message = f"{exc.strerror or message} (writing under {where})"
    return message
