"""How fast the search index is built, against the code it replaced, and that it holds
the same.

Prints, measured in one run on this machine, for the seed build and for any
build folder given (``--build``, for example one of 1,000 synthetic reports
made by ``scale_benchmark.py`` or ``jargraph build --data``) or built here
(``--reports N``: N synthetic reports beside the seed documents, see
synthetic.py):

- the seconds of ``build_index`` (read the entries out of the store, write the
  SQLite file), and the baseline: the same step by the code of an earlier
  revision (``--baseline``, default the last one that read the entries through
  SPARQL joins), each in a fresh process of its own, the two taking turns
  (``--repeat`` times, the median kept), as ``index / baseline``;
- whether the two index files hold the same: every table dumped and sorted, and
  the results of a few searches (hits, snippets and facet counts).

The store is opened read-only; each index is written into a scratch folder of
its own.

    python benchmarks/search_index_benchmark.py                      # the seed
    python benchmarks/search_index_benchmark.py --build ~/.jargraph/current
    python benchmarks/search_index_benchmark.py --reports 100
    python benchmarks/search_index_benchmark.py --build BIG --repeat 1   # minutes a run
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

from jargraph.build import build  # noqa: E402
from jargraph.search import Search, open_index, search  # noqa: E402
from jargraph.store import current_build  # noqa: E402

BASELINE = "17e6de8"
"""The revision whose index build is the baseline: entries read by SPARQL joins and
unions, one insert statement per row."""
CHILD = """
import json, sys, time
from pathlib import Path
from jargraph.ontology import ontology_graph
from jargraph.search import build_index
import jargraph
ontology_graph()  # parsed already by the time a build indexes
start = time.perf_counter()
entries = build_index(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start, "entries": entries,
                  "code": jargraph.__file__}))
"""
"""Index one scratch folder in a fresh process (the ontology parsed first, as in a build)."""
TABLES = {
    "meta": "SELECT key, value FROM meta",
    "things": "SELECT id, iri, link, title, kind, passages FROM things",
    "texts": "SELECT rowid, names, body, quoted, context FROM texts",
    "facet_values": "SELECT id, facet, key, label, iri FROM facet_values",
    "tagged": "SELECT thing, value FROM tagged",
    "totals": "SELECT value, n FROM totals",
}
SEARCHES = [
    ("private fostering", {}), ("private fostering", {"kind": ("Weakness",)}),
    ("safeguarding", {}), ('"looked after children"', {}),
    ("", {"kind": ("Recommendation",), "area": ("leeds",)}),
    ("southampton weakness fostering", {}), ("zzqqx", {}),
]


def baseline_source(revision: str, work: Path) -> Path:
    """The ``src`` folder of an earlier revision, unpacked from git."""
    archive = work / "baseline.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), revision, "src"],
                   check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(work / "baseline", filter="data")
    return work / "baseline" / "src"


def index_once(source: Path, store: Path, scratch: Path) -> dict:
    """Index a store with the code under ``source``, in its own process and folder."""
    scratch.mkdir(parents=True)
    (scratch / "oxigraph").symlink_to(store)
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(scratch)], env=env, check=True,
                          capture_output=True, text=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(found["code"]).is_relative_to(source), f"{found['code']} is not under {source}"
    return found


def differences(old: Path, new: Path) -> list[str]:
    """What differs between two index files: tables, sorted, and searches."""
    found = []
    a, b = sqlite3.connect(old), sqlite3.connect(new)
    for name, sql in TABLES.items():
        if sorted(a.execute(sql), key=repr) != sorted(b.execute(sql), key=repr):
            found.append(f"table {name}")
    a.close()
    b.close()
    a, b = open_index(old), open_index(new)
    for typed, filters in SEARCHES:
        if search(a, Search(typed, filters)) != search(b, Search(typed, filters)):
            found.append(f"search {typed!r} {filters}")
    a.close()
    b.close()
    return found


def measure(name: str, folder: Path, baseline: Path, scratch: Path, repeat: int) -> None:
    store = (folder / "oxigraph").resolve()
    old_runs, new_runs = [], []
    for turn in range(repeat):
        old_runs.append(index_once(baseline, store, scratch / f"baseline-{turn}"))
        new_runs.append(index_once(ROOT / "src", store, scratch / f"index-{turn}"))
    diff = differences(scratch / "baseline-0" / "search.sqlite",
                       scratch / "index-0" / "search.sqlite")
    old = statistics.median(run["seconds"] for run in old_runs)
    new = statistics.median(run["seconds"] for run in new_runs)
    print(f"\n== {name}: {new_runs[0]['entries']} entries "
          f"(baseline {old_runs[0]['entries']}), median of {repeat}")
    print(f"index {new:.2f} s, baseline {old:.2f} s, index / baseline = {new / old:.2f}")
    print("contents: " + ("the same" if not diff else "DIFFERENT: " + ", ".join(diff)))


def main() -> None:
    parser = argparse.ArgumentParser(description="jargraph search index build benchmark")
    parser.add_argument("--build", type=Path, nargs="*", default=[],
                        help="build folders (each holding oxigraph/) to index as well")
    parser.add_argument("--reports", type=int, nargs="*", default=[],
                        help="synthetic corpora to build and index, in reports")
    parser.add_argument("--baseline", default=BASELINE, help="the revision to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, taking turns")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jargraph-index-bench-") as tmp:
        work = Path(tmp)
        baseline = baseline_source(args.baseline, work)
        home = work / "seed-home"
        build(None, home)
        measure("seed graph", current_build(home).resolve(), baseline, work / "seed", args.repeat)
        for number, folder in enumerate(args.build):
            measure(str(folder), folder, baseline, work / f"given-{number}", args.repeat)
        for size in args.reports:
            corpus, synthetic_home = work / f"corpus-{size}", work / f"home-{size}"
            generate(size, corpus)
            build(corpus, synthetic_home)
            measure(f"{size} synthetic reports", current_build(synthetic_home).resolve(),
                    baseline, work / f"synthetic-{size}", args.repeat)


if __name__ == "__main__":
    main()
