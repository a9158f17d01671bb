"""Two parts of the build against how they were done before, in one run: the scheme
matchers' tagging, and the search index with the dumps.

- **Tagging**: every scheme's matcher (services, addressees, measures, themes) over
  every non-blank line of the corpus, as the build tags statements: rules searched
  only in texts that hold the literal start of their pattern (the build's way,
  ``Matcher._candidates``) against every rule searched in every text (the baseline);
  the concepts found must be the same.
- **The search index and the dumps** of a built store (``--home``, for example one of
  1,000 synthetic reports made by ``jargraph build --data``): written side by side in
  forked processes (the build's way) against one after another in this process (the
  baseline); the files written must be byte-identical.

Each figure is the median of ``--repeat`` runs, the two ways taking turns, printed
with the ratio build / baseline.

    python benchmarks/build_parts_benchmark.py --corpus CORPUS --home HOME
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jargraph import build, store
from jargraph.encode import matcher
from jargraph.resources import reports_dir
from jargraph.tagging import Matcher
from jargraph.themes import theme_matcher


def corpus_lines(corpus: Path | None) -> list[str]:
    files = sorted(reports_dir().glob("*.txt"))
    if corpus is not None:
        files += sorted(corpus.rglob("*.txt"))
    return [line for f in files for line in f.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def tag_all(matchers: list[Matcher], lines: list[str]) -> list[list[object]]:
    return [[m.match(line) for m in matchers] + [m.best(line) for m in matchers]
            for line in lines]


def every_rule(self: Matcher, text: str) -> list:
    return self.rules


def time_tagging(lines: list[str], repeat: int) -> tuple[float, float]:
    matchers = [matcher("services"), matcher("addressees"), matcher("measures"),
                theme_matcher()]
    candidates = Matcher._candidates
    runs: dict[str, list[float]] = {"build": [], "baseline": []}
    answers = {}
    for _ in range(repeat):
        for way in ("build", "baseline"):
            Matcher._candidates = candidates if way == "build" else every_rule  # type: ignore[method-assign]
            began = time.perf_counter()
            answers[way] = tag_all(matchers, lines)
            runs[way].append(time.perf_counter() - began)
    Matcher._candidates = candidates  # type: ignore[method-assign]
    if answers["build"] != answers["baseline"]:
        sys.exit("tagging: the two ways found different concepts")
    return statistics.median(runs["build"]), statistics.median(runs["baseline"])


def write_outputs(home: Path, scratch: Path, jobs: int) -> tuple[float, Path]:
    built = store.current_build(home).resolve()
    folder = scratch / f"jobs-{jobs}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "oxigraph").symlink_to(built / "oxigraph")
    doc_ids = sorted(p.stem for p in (built / "dumps").glob("*.ttl")
                     if p.name != "grades-cube.ttl")
    began = time.perf_counter()
    build._index_and_dump(folder, doc_ids, {}, jobs)
    return time.perf_counter() - began, folder


def same_files(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in (a / "dumps").iterdir())
    if names != sorted(p.name for p in (b / "dumps").iterdir()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(a / "dumps", b / "dumps", names, shallow=False)
    return not mismatch and not errors and filecmp.cmp(
        a / "search.sqlite", b / "search.sqlite", shallow=False)


def time_outputs(home: Path, repeat: int) -> tuple[float, float]:
    runs: dict[int, list[float]] = {2: [], 1: []}
    with tempfile.TemporaryDirectory(prefix="jargraph-parts-") as tmp:
        folders = {}
        for _ in range(repeat):
            for jobs in (2, 1):
                seconds, folders[jobs] = write_outputs(home, Path(tmp), jobs)
                runs[jobs].append(seconds)
        if not same_files(folders[2], folders[1]):
            sys.exit("index and dumps: the two ways wrote different files")
    return statistics.median(runs[2]), statistics.median(runs[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder of report texts beside the seed")
    parser.add_argument("--home", type=Path, help="a built home, for the index and the dumps")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lines = corpus_lines(args.corpus)
    ours, baseline = time_tagging(lines, args.repeat)
    print(f"tagging {len(lines):,} lines with four schemes: {ours:.2f} s, every rule "
          f"searched {baseline:.2f} s (build / baseline {ours / baseline:.2f}x), "
          "same concepts")
    if args.home is not None:
        ours, baseline = time_outputs(args.home, args.repeat)
        print(f"search index and dumps: side by side {ours:.1f} s, one after another "
              f"{baseline:.1f} s (build / baseline {ours / baseline:.2f}x), same files")


if __name__ == "__main__":
    main()
