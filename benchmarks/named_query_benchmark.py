"""The named queries as they are against their text at an earlier revision, on one store.

For each query of the library, with its defaults and with its example's parameters,
runs the query's text at ``--baseline`` (a git revision, default ``HEAD``, the last
commit) and its text in the working tree on the same built store, interleaved, and
prints the median
of each and the ratio new / old. It also says whether the two answered the same
(as multisets of rows, and in the same order where the query orders): a rewrite for
speed must not change an answer.

Each query runs in a worker process that is stopped after ``--timeout`` seconds, so
that a query that reads the whole graph cannot hold up the rest.

    python benchmarks/named_query_benchmark.py STORE                 # every query
    python benchmarks/named_query_benchmark.py STORE area-grades     # some
    python benchmarks/named_query_benchmark.py STORE --baseline HEAD~3 --runs 5

STORE is the ``oxigraph`` folder of a build (``BUILD/current/oxigraph``); it is opened
read-only, and queried with the union of its named graphs as the default graph, as the
server does.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from jargraph.named_queries import NamedQuery, example_values, load_library  # noqa: E402

QUERIES = "src/jargraph/queries"
Rows = list[tuple[str, ...]]


@dataclass
class Answer:
    names: list[str]
    """The columns (subject, predicate, object for triples)."""
    rows: Rows


def _serve(store_path: str, conn: Connection) -> None:
    """The worker: answer each SPARQL text sent with (milliseconds, answer)."""
    store = ox.Store.read_only(store_path)
    while True:
        sparql = conn.recv()
        if sparql is None:
            return
        # timed: the query and reading its answers (the store evaluates lazily), not
        # turning them into text for the comparison
        start = time.perf_counter()
        answer = store.query(sparql, use_default_graph_as_union=True)
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            solutions = list(answer)
            elapsed = (time.perf_counter() - start) * 1000
            rows: Rows = [tuple(str(s[n]) if s[n] is not None else "" for n in names)
                          for s in solutions]
        elif isinstance(answer, ox.QueryBoolean):
            elapsed = (time.perf_counter() - start) * 1000
            names, rows = ["answer"], [(str(bool(answer)),)]
        else:
            triples = list(answer)
            elapsed = (time.perf_counter() - start) * 1000
            names = ["subject", "predicate", "object"]
            rows = [(str(t.subject), str(t.predicate), str(t.object)) for t in triples]
        conn.send((elapsed, Answer(names, rows)))


class Worker:
    """A process holding the store open; restarted when a query outlasts the timeout."""

    def __init__(self, store: Path, timeout: float):
        self.store, self.timeout = str(store), timeout
        self._start()

    def _start(self) -> None:
        self.conn, child = mp.Pipe()
        self.process = mp.Process(target=_serve, args=(self.store, child), daemon=True)
        self.process.start()

    def run(self, sparql: str) -> tuple[float, Answer] | None:
        """(milliseconds, answer), or None when the query ran past the timeout."""
        self.conn.send(sparql)
        if self.conn.poll(self.timeout):
            result: tuple[float, Answer] = self.conn.recv()
            return result
        self.process.kill()
        self.process.join()
        self._start()
        return None

    def close(self) -> None:
        self.conn.send(None)
        self.process.join(5)


def baseline_library(revision: str) -> dict[str, NamedQuery]:
    """The library as it was at ``revision``, read from git."""
    listing = subprocess.run(["git", "ls-tree", "--name-only", f"{revision}:{QUERIES}"],
                             cwd=ROOT, check=True, capture_output=True, text=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="named-queries-"))
    for name in listing.split():
        if name.endswith(".rq"):
            text = subprocess.run(["git", "show", f"{revision}:{QUERIES}/{name}"], cwd=ROOT,
                                  check=True, capture_output=True, text=True).stdout
            (folder / name).write_text(text, encoding="utf-8")
    return load_library(folder)


def sort_keys(sparql: str) -> list[str] | None:
    """The variables the outermost query orders its rows by (an ORDER BY after the last
    brace), or None when it does not order them."""
    tail = sparql[sparql.rfind("}"):]
    at = tail.upper().find("ORDER BY")
    if at < 0:
        return None
    return re.findall(r"\?(\w+)", tail[at:].split("LIMIT")[0].split("OFFSET")[0])


@dataclass
class Outcome:
    label: str
    old_ms: float | None
    new_ms: float | None
    same: str

    def line(self) -> str:
        def show(value: float | None) -> str:
            return "timeout" if value is None else f"{value:.0f}"
        ratio = (f"{self.new_ms / self.old_ms:.2f}x"
                 if self.old_ms and self.new_ms is not None else "-")
        cells = [self.label, show(self.old_ms), show(self.new_ms), ratio, self.same]
        return "| " + " | ".join(cells) + " |"


def unordered(row: tuple[str, ...]) -> tuple[str, ...]:
    """The row with each cell's comma- or semicolon-separated items sorted: some columns
    are lists (GROUP_CONCAT) in no particular order."""
    return tuple("\n".join(sorted(re.split(r"[;,] ", cell.strip('"')))) for cell in row)


def compare(old: Answer | None, new: Answer | None, keys: list[str] | None) -> str:
    """Whether two answers have the same rows, and, where the query orders them, the same
    sequence of sort keys (rows that tie may come in any order)."""
    if old is None or new is None:
        return "not compared"
    if Counter(old.rows) != Counter(new.rows):
        if Counter(map(unordered, old.rows)) == Counter(map(unordered, new.rows)):
            return f"same but for the order within lists ({len(new.rows)} rows)"
        return f"DIFFERENT ({len(old.rows)} rows against {len(new.rows)})"
    if keys and old.rows != new.rows:
        columns = [new.names.index(k) for k in keys if k in new.names]
        if len(columns) < len(keys):
            return f"same rows, order not comparable ({len(new.rows)} rows)"
        if [[r[c] for c in columns] for r in old.rows] != [
                [r[c] for c in columns] for r in new.rows]:
            return f"same rows, ORDER DIFFERS ({len(new.rows)} rows)"
    return f"same ({len(new.rows)} rows)"


def measure(worker: Worker, old_sparql: str, new_sparql: str, runs: int,
            ) -> tuple[float | None, float | None, Answer | None, Answer | None]:
    """Medians of old and new, run alternately; a timeout stops that side's runs."""
    times: dict[str, list[float]] = {"old": [], "new": []}
    answers: dict[str, Answer | None] = {"old": None, "new": None}
    dead: set[str] = set()
    for _ in range(runs):
        for side, sparql in (("old", old_sparql), ("new", new_sparql)):
            if side in dead:
                continue
            result = worker.run(sparql)
            if result is None:
                dead.add(side)
                times[side] = []
                continue
            times[side].append(result[0])
            answers[side] = result[1]
    old_ms = statistics.median(times["old"]) if times["old"] else None
    new_ms = statistics.median(times["new"]) if times["new"] else None
    return old_ms, new_ms, answers["old"], answers["new"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a build's oxigraph folder")
    parser.add_argument("names", nargs="*", help="queries to run (default: all)")
    parser.add_argument("--baseline", default="HEAD",
                        help="git revision whose queries to compare with (HEAD: the last commit)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each text")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per run")
    args = parser.parse_args(argv)
    old_library = baseline_library(args.baseline)
    library = load_library()
    names = args.names or sorted(library)
    worker = Worker(args.store, args.timeout)
    print(f"Named queries on {args.store}: median of {args.runs} runs, ms; "
          f"old = {args.baseline}, new = working tree.\n")
    print("| query | old ms | new ms | new / old | answers |")
    print("|---|---:|---:|---:|---|")
    try:
        for name in names:
            query, old = library[name], old_library.get(name)
            cases: list[tuple[str, dict[str, str]]] = [("defaults", {})]
            if example_values(query.example):
                cases.append(("example", example_values(query.example)))
            for case, values in cases:
                new_sparql = query.render(values)
                old_sparql = old.render(values) if old else new_sparql
                old_ms, new_ms, old_answer, new_answer = measure(
                    worker, old_sparql, new_sparql, args.runs)
                same = compare(old_answer, new_answer, sort_keys(old_sparql))
                print(Outcome(f"{name} ({case})", old_ms, new_ms, same).line(), flush=True)
    finally:
        worker.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
