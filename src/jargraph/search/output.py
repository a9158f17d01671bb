"""Search results as JSON, CSV and HTML snippets: one shape for the API and the command line."""

from __future__ import annotations

import csv
import html
import io

from .lookup import SHOWN_WITH_HITS, FacetValue, Hit, Results

HIT_COLUMNS = ("rank", "title", "kind", "area", "judgement_area", "year", "document",
               "passage", "link", "iri", "snippet")
FACET_COLUMNS = ("facet", "value", "label", "count", "chosen")


def snippet_html(hit: Hit) -> str:
    """The snippet as HTML, the matched words in ``<mark>``."""
    return "".join(f"<mark>{html.escape(text)}</mark>" if matched else html.escape(text)
                   for text, matched in hit.parts())


def _value(value: FacetValue, counted: bool = False) -> dict:
    out: dict = {"value": value.key, "label": value.label}
    if value.iri:
        out["iri"] = value.iri
    if counted:
        out["count"] = value.count
        out["chosen"] = value.chosen
    return out


def hit_json(hit: Hit, rank: int) -> dict:
    return {
        "rank": rank, "iri": hit.iri, "link": hit.link, "title": hit.title, "kind": hit.kind,
        "score": None if hit.score is None else round(hit.score, 4),
        "snippet": hit.text("", ""), "snippet_html": snippet_html(hit),
        **{name: [_value(v) for v in hit.about.get(name, [])] for name in SHOWN_WITH_HITS},
        "passages": [{"link": link, "label": label} for link, label in hit.passages],
    }


def to_json(results: Results) -> dict:
    """The results as the API's JSON: the search, the total, the hits and the facets."""
    asked = results.search
    return {
        "query": {"q": asked.words, "filters": {k: list(v) for k, v in asked.filters.items()},
                  "offset": asked.offset, "limit": asked.limit},
        "total": results.total,
        "match": results.match,
        "ignored": results.ignored,
        "hits": [hit_json(h, asked.offset + i) for i, h in enumerate(results.hits, start=1)],
        "facets": {f.name: [_value(v, counted=True) for v in f.values] for f in results.facets},
    }


def _names(values: list[FacetValue]) -> str:
    return "; ".join(v.label for v in values)


def hits_csv(results: Results) -> str:
    """One row per hit (this page of them), the matched words in brackets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HIT_COLUMNS)
    for rank, hit in enumerate(results.hits, start=results.search.offset + 1):
        about = [_names(hit.about.get(name, []))
                 for name in ("area", "judgement_area", "year", "document")]
        writer.writerow([rank, hit.title, hit.kind, *about,
                         "; ".join(label for _, label in hit.passages),
                         hit.link, hit.iri, hit.text()])
    return out.getvalue()


def facets_csv(results: Results) -> str:
    """One row per facet value, with its count."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FACET_COLUMNS)
    for facet in results.facets:
        for v in facet.values:
            writer.writerow([facet.name, v.key, v.label, v.count, "yes" if v.chosen else ""])
    return out.getvalue()

