"""How fast the search index is built and read, and how it grows.

Prints, measured in one run on this machine, for the seed build and for
the realistic synthetic corpus of N joint area review reports beside them
(synthetic.py's ``generate``, built without validation):

- the index build (reading the entries out of the store, writing the SQLite
  file) and its size, as a ratio to the baseline: the bulk load of the same
  quads into an empty Oxigraph store;
- each search (hits, snippets and the counts of all seven facets), median of
  repeated runs, as a ratio to the baseline: the same words found without an
  index, by a SPARQL scan of every text (``FILTER(CONTAINS(LCASE(?t), ...))``)
  on the same store.

    python benchmarks/search_benchmark.py              # seed, 100 and 1,000 reports
    python benchmarks/search_benchmark.py --sizes 50   # a quick look
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

from jargraph.build import build  # noqa: E402
from jargraph.search import Search, build_index, open_index, search  # noqa: E402
from jargraph.search.index import index_path  # noqa: E402
from jargraph.store import current_build  # noqa: E402
from jargraph.store.dataset import load_dataset, query  # noqa: E402

SEARCHES = [
    ("private fostering", {}, ["private", "fostering"]),
    ("private fostering", {"kind": ("Weakness",)}, ["private", "fostering"]),
    ("safeguarding", {}, ["safeguarding"]),
    ('"looked after children"', {}, ["looked after children"]),
    ("", {"kind": ("Recommendation",), "area": ("leeds",)}, []),
    ("zzqqx", {}, ["zzqqx"]),
]
"""(words as typed, filters, what the baseline scans the texts for)."""
SCAN = """
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s <https://w3id.org/jargraph/def#text>|<http://www.w3.org/2000/01/rdf-schema#label>
     |<http://www.w3.org/2004/02/skos/core#prefLabel>|<https://w3id.org/jargraph/def#quotation> ?t .
  FILTER({tests})
}}"""


def timed(work, repeat: int = 1) -> tuple[float, object]:
    """The median seconds of ``repeat`` runs of ``work`` and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(name: str, folder: Path, load_seconds: float, repeat: int) -> None:
    """Index one store folder, then time each search against its baseline scan."""
    index_seconds, entries = timed(lambda: build_index(folder))
    size = index_path(folder).stat().st_size
    print(f"\n== {name}")
    print(f"index: {entries} entries, {size / 1e6:.1f} MB, built in {index_seconds:.2f} s; "
          f"bulk load of the same quads {load_seconds:.2f} s "
          f"(index / load = {index_seconds / load_seconds:.2f})")
    db = open_index(index_path(folder))
    store = ox.Store.read_only(str(folder / "oxigraph"))
    print(f"{'search':42} {'hits':>6} {'index ms':>9} {'scan ms':>9} {'scan / index':>12}")
    for typed, filters, words in SEARCHES:
        asked = Search(typed, filters)
        what = " ".join([typed] + [f"{k}={'|'.join(v)}" for k, v in filters.items()])
        seconds, results = timed(lambda asked=asked: search(db, asked), repeat)
        tests = " && ".join(f'CONTAINS(LCASE(STR(?t)), "{w}")' for w in words) or "true"
        scan, _ = timed(lambda tests=tests: list(query(store, SCAN.format(tests=tests))),
                        max(1, repeat // 4))
        print(f"{what:42} {results.total:6} {seconds * 1000:9.2f} {scan * 1000:9.1f} "
              f"{scan / seconds:12.0f}")
    db.close()


def built(data: Path | None, home: Path, quads: Path, validate: bool = True) -> float:
    """Build ``data`` (None: the bundled documents alone) into ``home``, write its named
    graphs to ``quads``, and return the seconds of their bulk load (the baseline)."""
    build(data, home, validate=validate)
    store = ox.Store.read_only(str(current_build(home).resolve() / "oxigraph"))
    ox.serialize(store.quads_for_pattern(None, None, None, None), quads, ox.RdfFormat.N_QUADS)
    del store
    return loaded(quads, quads.with_suffix(""))[1]


def loaded(quads: Path, folder: Path) -> tuple[Path, float]:
    """A store folder of these quads (as a build loads them), and the load's seconds."""
    folder.mkdir(parents=True)
    start = time.perf_counter()
    store = ox.Store(str(folder / "oxigraph"))
    load_dataset(store, quads, ox.RdfFormat.N_QUADS)
    del store
    return folder, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="jargraph search benchmark")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000],
                        help="synthetic corpora, in reports (default 100 and 1,000)")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each search")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jargraph-search-bench-") as tmp:
        work = Path(tmp)
        load_seconds = built(None, work / "seed-home", work / "seed.nq")
        measure("seed graph (5 documents)", current_build(work / "seed-home").resolve(),
                load_seconds, args.repeat)
        for size in args.sizes:
            corpus = work / f"corpus-{size}"
            generate(size, corpus, seed=1)
            home = work / f"home-{size}"
            load_seconds = built(corpus, home, work / f"synthetic-{size}.nq", validate=False)
            measure(f"{size} synthetic reports", current_build(home).resolve(), load_seconds,
                    args.repeat)


if __name__ == "__main__":
    main()
