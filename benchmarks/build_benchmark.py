"""How fast `jargraph build` is, and how it grows.

Prints, measured in one run on this machine:

- the seed build (the five documents in data/) and its stages;
- builds of synthetic corpora (default 100 and 1,000 JAR reports, see
  synthetic.py), split into read, convert, validate and load;
- validation cost per report at each size, and its ratio between the largest
  and the smallest corpus (flat growth means a ratio near 1);
- load time as a ratio to a raw pyoxigraph bulk load of the same quads (the
  baseline: the build's own N-Quads dump loaded into an empty store);
- peak memory (max RSS) of each build, each run in its own process, and of its
  largest document-conversion worker.

    python benchmarks/build_benchmark.py            # 100 and 1,000 reports
    python benchmarks/build_benchmark.py --sizes 50 # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import json, resource, sys, time
from pathlib import Path
from jargraph.build import build
start = time.perf_counter()
data = None if sys.argv[1] == "-" else Path(sys.argv[1])
report = build(data, Path(sys.argv[2]), bundled=data is None)
wall = time.perf_counter() - start
print(json.dumps({
    "wall": wall, "timings": report.timings, "triples": report.triples,
    "documents": len(report.documents), "loaded": sum(d.loaded for d in report.documents),
    "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "max_worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""

RAW_LOAD = """
import json, sys, time
import pyoxigraph as ox
start = time.perf_counter()
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
print(json.dumps({"wall": time.perf_counter() - start}))
"""


def run_child(code: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"benchmark step failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build_once(data: Path | None, home: Path) -> dict:
    """One build in a child process: ``data`` alone, or the bundled documents for None."""
    result = run_child(CHILD, str(data) if data else "-", str(home))
    dump = home / "current" / "dumps" / "jargraph.nq"
    raw = run_child(RAW_LOAD, str(dump), str(home / "raw-load"))
    result["raw_load"] = raw["wall"]
    return result


def show(name: str, result: dict) -> None:
    t = result["timings"]
    print(f"{name}: {result['loaded']}/{result['documents']} documents, "
          f"{result['triples']:,} triples, {result['wall']:.2f} s, "
          f"peak memory {result['max_rss_mib']:.0f} MiB "
          f"(largest conversion worker {result['max_worker_rss_mib']:.0f} MiB)")
    print("  stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()))
    print(f"  load {t['load']:.2f} s vs raw pyoxigraph bulk load {result['raw_load']:.2f} s: "
          f"{t['load'] / result['raw_load']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description="jargraph build benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from synthetic import generate


    print(f"jargraph build benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seed = build_once(None, root / "seed-home")
        show("seed (data/)", seed)
        per_report: dict[int, float] = {}
        for size in args.sizes:
            corpus = root / f"corpus-{size}"
            generate(size, corpus)
            result = build_once(corpus, root / f"home-{size}")
            show(f"synthetic {size}", result)
            per_report[size] = result["timings"]["validate"] / size
            print(f"  validation per report: {per_report[size] * 1000:.1f} ms")
        if len(per_report) > 1:
            small, large = min(per_report), max(per_report)
            print(f"validation per report at {large} vs {small}: "
                  f"{per_report[large] / per_report[small]:.2f}x (target: within 1.3x)")


if __name__ == "__main__":
    main()
