"""How much of the graph the themes scheme tags: untagged findings and recommendations.

Reads every source document, encodes it and applies the themes scheme's rules
(``ontology/schemes/themes.ttl``), then prints, per document and in total, how
many findings and recommendations got no theme, and lists them so that a
label or pattern can be added to the scheme. With ``--store`` it asks the
built store instead (``JARGRAPH_HOME`` or ``--home``), which is what the web
site serves.

    python benchmarks/themes_coverage.py            # read and encode data/reports
    python benchmarks/themes_coverage.py --store    # ask the built store
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from jargraph.resources import data_dir, queries_dir


def from_documents(data_dir: Path) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    """Document id -> (statements, [(kind, text) untagged]), by reading the documents."""
    from jargraph.build import AreaResolver
    from jargraph.encode import encode_document
    from jargraph.readers import read_document
    from jargraph.themes import statements, untagged

    resolver = AreaResolver()
    found: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    for path in sorted((data_dir / "reports").glob("*.txt")):
        graph, _ = encode_document(read_document(path), resolver)
        left = [(s.kind.rsplit("#", 1)[-1], s.text) for s in untagged(graph)]
        found[path.stem] = (len(statements(graph)), left)
    return found


def from_store(home: Path | None) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    """The same figures from the built store, through the untagged-statements query."""
    from jargraph import store
    from jargraph.named_queries import load_library

    oxi = store.open_read_only(home)
    counted = store.run_query(oxi, COUNT_QUERY)
    totals = {b["document"]["value"].rsplit("/", 1)[-1]: int(b["n"]["value"])
              for b in json.loads(counted.body)["results"]["bindings"]}
    query = load_library(queries_dir())["untagged-statements"].render({})
    rows = json.loads(store.run_query(oxi, query).body)["results"]["bindings"]
    left: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        doc = row.get("document", {}).get("value", "(no document)").rsplit("/", 1)[-1]
        left[doc].append((row.get("kind_label", {}).get("value", ""), row["text"]["value"]))
    return {doc: (totals.get(doc, 0), left.get(doc, [])) for doc in sorted(set(totals) | set(left))}


COUNT_QUERY = """
PREFIX jar: <https://w3id.org/jargraph/def#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?document (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?kind { jar:MajorStrength jar:ImportantWeakness jar:Strength jar:Weakness
                 jar:AreaForDevelopment jar:KeyFinding jar:Recommendation }
  ?s a ?kind ; jar:text ?text ; prov:wasDerivedFrom/dcterms:isPartOf ?document .
} GROUP BY ?document
"""


def report(found: dict[str, tuple[int, list[tuple[str, str]]]], out=sys.stdout) -> int:
    total = sum(n for n, _ in found.values())
    missing = sum(len(left) for _, left in found.values())
    print(f"{'document':45} {'statements':>10} {'untagged':>9} {'tagged':>7}", file=out)
    for doc, (n, left) in found.items():
        share = f"{100 * (n - len(left)) / n:.0f}%" if n else "-"
        print(f"{doc:45} {n:>10} {len(left):>9} {share:>7}", file=out)
    share = f"{100 * (total - missing) / total:.0f}%" if total else "-"
    print(f"{'total':45} {total:>10} {missing:>9} {share:>7}", file=out)
    for doc, (_, left) in found.items():
        if left:
            print(f"\nUntagged in {doc}:", file=out)
            for kind, text in left:
                print(f"  [{kind}] {text}", file=out)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", action="store_true", help="ask the built store")
    parser.add_argument("--home", type=Path, default=None, help="the store's home folder")
    parser.add_argument("--data", type=Path, default=data_dir(), help="the data folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    found = from_store(args.home) if args.store else from_documents(args.data)
    report(found)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
