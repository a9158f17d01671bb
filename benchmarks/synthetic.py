"""Synthetic corpora of joint area review reports, for benchmarks.

Each synthetic report is a real JAR report (Southampton, 2007) with another
area's name, another year and another reference number, so it has the same
size and shape as the real ones and goes through the same reader, encoder,
validator and loader. Areas come from the reference table of authorities and
cycle through the years, so every synthetic review has its own URI.

    python benchmarks/synthetic.py 1000 /tmp/corpus   # writes /tmp/corpus/reports/*.txt
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from jargraph import DATA_DIR

TEMPLATE = DATA_DIR / "reports" / "jar-southampton-2007.txt"
TEMPLATE_AREA = "Southampton"
TEMPLATE_YEAR = "2007"
FIRST_YEAR = 2007


def authorities() -> list[tuple[str, str]]:
    """(name, DfE code) of every authority that existed through the review period."""
    with open(DATA_DIR / "reference" / "local-authorities.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(row["name"], row["dfe_la_code"]) for row in rows
            if row["in_service"].startswith("2005") and "," not in row["name"]]


def synthetic_report(template: str, area: str, code: str, year: int) -> str:
    text = template.replace(TEMPLATE_AREA, area)
    text = re.sub(r"(Published: \d+ \w+ )" + TEMPLATE_YEAR, rf"\g<1>{year}", text)
    text = re.sub(r"(© Crown copyright )" + TEMPLATE_YEAR, rf"\g<1>{year}", text)
    return re.sub(r"Reference no: \d+", f"Reference no: {code}", text)


def generate(count: int, out: Path) -> list[Path]:
    """Write ``count`` synthetic reports into ``out/reports``; return their paths."""
    template = TEMPLATE.read_text(encoding="utf-8")
    areas = authorities()
    folder = out / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        area, code = areas[number % len(areas)]
        year = FIRST_YEAR + number // len(areas)
        path = folder / f"synthetic-{number:05d}.txt"
        path.write_text(synthetic_report(template, area, code, year), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(f"wrote {len(generate(args.count, args.out))} reports under {args.out}/reports")


if __name__ == "__main__":
    main()
