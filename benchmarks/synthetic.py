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

from jargraph.resources import data_dir

TEMPLATE = data_dir() / "reports" / "jar-southampton-2007.txt"
TEMPLATE_AREA = "Southampton"
TEMPLATE_YEAR = "2007"
FIRST_YEAR = 2007


def authorities() -> list[tuple[str, str]]:
    """(name, DfE code) of every authority that existed through the review period and
    after it, since synthetic reviews run on past 2009 (a review of Bedfordshire in 2010,
    abolished in 2009, would rightly fail validation)."""
    with open(data_dir() / "reference" / "local-authorities.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(row["name"], row["dfe_la_code"]) for row in rows
            if row["in_service"].startswith("2005") and not row["in_service"].endswith("2009")
            and "," not in row["name"]]


_APA_YEAR = re.compile(r"\b2006(?= annual performance assessment)"
                       r"|(?<=annual performance assessment )2006\b", re.IGNORECASE)
"""The template's annual performance assessment year, in both word orders it uses."""


def synthetic_report(template: str, area: str, code: str, year: int) -> str:
    text = template.replace(TEMPLATE_AREA, area)
    text = re.sub(r"(Published: \d+ \w+ )" + TEMPLATE_YEAR, rf"\g<1>{year}", text)
    text = re.sub(r"(© Crown copyright )" + TEMPLATE_YEAR, rf"\g<1>{year}", text)
    text = _APA_YEAR.sub(str(year - 1), text)  # each review cites its own year's APA
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


SEED_GRAPH = "https://w3id.org/jargraph/graph/jar-southampton-2007"
SEED_KEY = "southampton-2007"
GRAPH_NS = "https://w3id.org/jargraph/graph/"
SHARED_GRAPHS = ("ontology", "schemes", "links", "reference", "inferred")
_VARIABLE = re.compile(r"(southampton-2007|southampton-2006|/area/southampton>|Southampton|"
                       r"/\\.well-known/genid/[^>]+)")


def synthetic_dataset(count: int, seed_home: Path, out: Path) -> Path:
    """Write the seed graph and ``count`` synthetic JAR document graphs to ``out`` (N-Quads).

    Unlike :func:`generate`, which writes report texts that a build must read,
    convert, validate and load, this copies the BUILT seed graph: the named
    graph of the Southampton report (and its superclass memberships from the
    inferred graph), with its IRIs rewritten per synthetic report (area slug,
    review, APA review and document ids, graph name, skolem IRIs) and the area's name in
    its literals, cycling through the authorities and years as :func:`generate`
    does. So each report has the same size and shape as a built one, without
    any reader or validation work. The seed's own documents and its shared
    graphs (ontology, schemes, links, reference, inferred) are written once,
    as the seed build has them, so the named queries' examples find their rows.
    The graphs are written one after the other, each in one block of lines.
    """
    import pyoxigraph as ox

    from jargraph import store, uris

    oxi = store.open_read_only(seed_home)
    seed = ox.NamedNode(SEED_GRAPH)
    inferred = ox.NamedNode(GRAPH_NS + "inferred")
    document = [f"{q} .\n" for q in oxi.quads_for_pattern(None, None, None, seed)]
    own = [f"{q} .\n" for q in oxi.quads_for_pattern(None, None, None, inferred)
           if SEED_KEY in str(q.subject)]
    templates = [_VARIABLE.split("".join(lines)) for lines in (document, own)]
    areas = authorities()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        for template in templates:  # the documents' graphs, then their inferred triples
            for number in range(count):
                area, _ = areas[number % len(areas)]
                area_slug = uris.slug(area)
                year = FIRST_YEAR + number // len(areas)
                values = {SEED_KEY: f"{area_slug}-{year}",
                          "southampton-2006": f"{area_slug}-{year - 1}",  # the APA review
                          "/area/southampton>": f"/area/{area_slug}>", "Southampton": area}
                handle.write("".join(_rewrite(text, piece, values, number)
                                     for piece, text in enumerate(template)))
        shared = {GRAPH_NS + name for name in SHARED_GRAPHS}
        for graph in oxi.named_graphs():  # the seed's own documents, as built
            if graph.value not in shared:
                quads = oxi.quads_for_pattern(None, None, None, graph)
                handle.writelines(f"{q} .\n" for q in quads)
        for name in SHARED_GRAPHS:
            for quad in oxi.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH_NS + name)):
                handle.write(f"{quad} .\n")
    return out


def _rewrite(text: str, piece: int, values: dict[str, str], number: int) -> str:
    """One piece of a split template: literal text as is, a variable part rewritten."""
    if piece % 2 == 0:
        return text
    if text in values:
        return values[text]
    return f"{text}-{number}"  # a skolem IRI, made unique to this report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(f"wrote {len(generate(args.count, args.out))} reports under {args.out}/reports")


if __name__ == "__main__":
    main()
