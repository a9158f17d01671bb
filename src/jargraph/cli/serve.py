"""``jargraph serve``: the web site and the SPARQL endpoint over the store."""

from __future__ import annotations

import argparse

from .. import settings
from ..serve import serve

OPTIONS = ("home", "store", "host", "port", "threads", "workers", "timeout", "row_limit",
           "cache_mib", "max_request_bytes", "max_url_bytes", "allowed_services")


def add_parser(sub: argparse._SubParsersAction, words: list[str]) -> None:
    p = sub.add_parser("serve", help="serve the web site and the SPARQL endpoint")
    settings.add_options(p, OPTIONS)
    p.add_argument("--debug", action="store_true",
                   help="Flask's development server, with debugging")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return serve(settings.from_args(args), debug=args.debug)
