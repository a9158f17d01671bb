"""``jargraph search``: find words in every text of the graph, with facets, from a terminal.

Reads the search index of the current build under the home folder (written by
``jargraph build``, also when the graph lives on a SPARQL server). Words are
read as on the site: every word must match, ``"a phrase"``, ``OR``,
``NOT word`` (or ``-word`` after ``--``) and ``prefix*``. Filters narrow by
facet values (``--kind Weakness --area southampton``); ``--facets`` prints
the counts. Exit codes: 0 something found, 1 nothing found, 2 the search
could not run (a search that cannot be read, no index).
"""

from __future__ import annotations

import argparse
import json
import sys

from .. import settings
from ..search import (
    FACETS,
    MAX_PAGE_SIZE,
    IndexMissing,
    Results,
    Search,
    SearchSyntaxError,
    SearchTimeout,
    current_index_path,
    open_index,
    search,
)
from ..search.output import facets_csv, hits_csv, to_json

BOLD, PLAIN = "\033[1m", "\033[0m"


def add_parser(sub: argparse._SubParsersAction, words: list[str]) -> None:
    p = sub.add_parser(
        "search", help="find words in the findings, recommendations, judgements, passages "
                       "and labels",
        description="Find words in every text of the graph. Every word must match; "
                    '"a phrase" keeps words together, OR gives a choice, NOT word leaves '
                    "out (or -word after --), priv* matches word starts.")
    p.add_argument("words", nargs="*", help="the words to find")
    for name, heading in FACETS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, action="append",
                       metavar="VALUE", default=[],
                       help=f"only things with this {heading.lower()} (repeat for any of "
                            "several; --facets lists the values)")
    p.add_argument("--limit", "-n", type=int, default=20,
                   help=f"hits to print (at most {MAX_PAGE_SIZE}; default 20)")
    p.add_argument("--offset", type=int, default=0, help="hits to skip first")
    p.add_argument("--facets", action="store_true",
                   help="print the count of each facet value (with --format csv, instead of "
                        "the hits)")
    p.add_argument("--format", "-f", default="text", choices=("text", "json", "csv"),
                   help="output format (default text)")
    settings.add_options(p, ("home", "timeout"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    chosen = settings.from_args(args)
    wanted = Search(" ".join(args.words),
                    {name: tuple(getattr(args, name)) for name, _ in FACETS
                     if getattr(args, name)},
                    args.offset, args.limit)
    try:
        db = open_index(current_index_path(chosen.home))
        try:
            results = search(db, wanted, timeout=chosen.timeout)
        finally:
            db.close()
    except (SearchSyntaxError, SearchTimeout, IndexMissing) as exc:
        print(f"jargraph search: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(to_json(results), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(facets_csv(results) if args.facets else hits_csv(results))
    else:
        print(as_text(results, args.facets, sys.stdout.isatty()))
    return 0 if results.total or results.match == "none" else 1


def as_text(results: Results, facets: bool, bold: bool = False) -> str:
    """The results for a terminal: a line saying how many, then each hit with where it
    was read, and with ``facets`` the count of each facet value."""
    before, after = (BOLD, PLAIN) if bold else ("[", "]")
    words = results.search.words
    lines = []
    if results.match != "none":
        found = f"{results.total} result{'' if results.total == 1 else 's'}"
        lines.append(found + (f' for "{words}"' if words else "")
                     + (" (none has every word; these have any)" if results.match == "any"
                        else ""))
    for rank, hit in enumerate(results.hits, start=results.search.offset + 1):
        about = [v.label for name in ("area", "judgement_area", "year")
                 for v in hit.about.get(name, [])]
        lines.append(f"{rank:3}. {hit.title}  ({hit.kind})")
        if about:
            lines.append("     " + " · ".join(about))
        if hit.snippet:
            lines.append("     " + hit.text(before, after))
        lines.append(f"     {hit.iri}")
        for _, label in hit.passages[:3]:
            lines.append(f"     from {label}")
    if facets or results.match == "none":
        for facet in results.facets:
            if facet.values:
                lines.append(f"{facet.heading} (--{facet.name.replace('_', '-')}):")
                lines += [f"  {v.key}{'' if v.label == v.key else f' ({v.label})'}: {v.count}"
                          + (" [chosen]" if v.chosen else "") for v in facet.values]
    return "\n".join(lines)
