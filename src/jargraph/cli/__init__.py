"""The command line: ``jargraph build | validate | draft | query | search | export | join |
serve``.

Each command has a module here that declares its options and maps its
errors to exit codes; the work itself lives in the module named after its
concern (:mod:`jargraph.build`, :mod:`jargraph.validate`, ...). Options that
are settings come from :mod:`jargraph.settings`, so the command line, the
environment and the web app share their names, defaults and help.
"""

from __future__ import annotations

import argparse
import sys

from ..settings import SettingError
from . import build, draft, export, join, query, search, serve, validate

COMMANDS = (build, validate, draft, query, search, export, join, serve)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command (``argv`` lets a command skip work it does not need:
    the named-query list is read only for ``jargraph query``)."""
    parser = argparse.ArgumentParser(
        prog="jargraph",
        description="A knowledge graph of the Joint Area Reviews of children's services.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    words = sys.argv[1:] if argv is None else argv
    for command in COMMANDS:
        command.add_parser(sub, words[:1])
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(argv).parse_args(argv)
    try:
        return args.run(args)
    except SettingError as exc:
        print(f"jargraph {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("jargraph: interrupted", file=sys.stderr)
        return 130
