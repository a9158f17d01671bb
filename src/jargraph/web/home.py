"""The home page: what the dataset is, its counts, the national picture and every area."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, render_template

from ..store import StoreError
from ..summary import DATASET
from ..terms import href, short_iri
from ..vocab import JAR
from .charts import national_chart
from .errors import store_error
from .reading import integer, select, sparql_prefixes
from .things import classes_under

bp = Blueprint("home", __name__)


@bp.route("/")
def home() -> Response:
    """What the dataset is, its counts, the national distribution and every area."""
    try:
        areas = all_areas()
        counts = dataset_counts(areas)
        charts = national_chart(None)
    except StoreError as exc:
        return store_error(exc)
    body = render_template("home.html", title="Joint Area Reviews of children's services",
                           counts=counts, areas=areas, charts=charts)
    return Response(body, mimetype="text/html")


def _values(classes: list[str]) -> str:
    return " ".join(f"<{c}>" for c in classes)


COUNTED = (("reviews", JAR.Review), ("judgements", JAR.Judgement),
           ("findings", JAR.Finding), ("recommendations", JAR.Recommendation))
"""What the home page counts, by the class whose instances (with its subclasses') it counts."""


def dataset_counts(areas: list[AreaLink] | None = None) -> list[tuple[str, int]]:
    """How many reviews, areas, judgements, findings and recommendations there are: from
    the counts the build writes (:mod:`jargraph.summary`), or counted here on a store that
    has none (one loaded by other means)."""
    rows = select(sparql_prefixes() + f"""
SELECT ?class ?n WHERE {{
  <{DATASET}> void:classPartition ?partition .
  ?partition void:class ?class ; void:entities ?n .
  VALUES ?class {{ {_values([str(cls) for _, cls in COUNTED])} }}
}}""")
    if not rows:
        return counted_here()
    found = {str(row["class"]): integer(row.get("n")) for row in rows}
    reviewed = sum(1 for area in areas or all_areas() if area.reviews)
    counts = [(name, found.get(str(cls), 0)) for name, cls in COUNTED]
    return [counts[0], ("areas", reviewed), *counts[1:]]


def counted_here() -> list[tuple[str, int]]:
    """The home page's counts straight from the statements."""
    reviews = _values(classes_under(str(JAR.Review)))
    findings = _values(classes_under(str(JAR.Finding)))
    query = sparql_prefixes() + f"""
SELECT ?reviews ?areas ?judgements ?findings ?recommendations WHERE {{
  {{ SELECT (COUNT(DISTINCT ?r) AS ?reviews) WHERE {{ VALUES ?c {{ {reviews} }} ?r a ?c }} }}
  {{ SELECT (COUNT(DISTINCT ?a) AS ?areas) WHERE {{
       VALUES ?c {{ {reviews} }} ?r a ?c ; jar:area ?a }} }}
  {{ SELECT (COUNT(DISTINCT ?j) AS ?judgements) WHERE {{ ?j a jar:Judgement }} }}
  {{ SELECT (COUNT(DISTINCT ?f) AS ?findings) WHERE {{ VALUES ?c {{ {findings} }} ?f a ?c }} }}
  {{ SELECT (COUNT(DISTINCT ?m) AS ?recommendations) WHERE {{ ?m a jar:Recommendation }} }}
}}"""
    rows = select(query)
    row = rows[0] if rows else {}
    names = ("reviews", "areas", "judgements", "findings", "recommendations")
    return [(name, integer(row.get(name))) for name in names]


@dataclass
class AreaLink:
    iri: str
    link: str | None
    label: str
    reviews: int


def all_areas() -> list[AreaLink]:
    """Every area, with how many reviews the dataset holds of it (the build's count, or
    counted here on a store without one)."""
    rows = select(sparql_prefixes() + """
SELECT ?a (SAMPLE(?l) AS ?label) (MAX(?n) AS ?reviews) WHERE {
  ?a a jar:Area .
  OPTIONAL { ?a skos:prefLabel ?l }
  OPTIONAL { ?a jar:reviewCount ?n }
} GROUP BY ?a""")
    if rows and not any("reviews" in row for row in rows) and reviewed_anywhere():
        rows = select(_counted_areas())
    out = []
    for row in rows:
        iri = str(row["a"])
        label = str(row["label"]) if "label" in row else short_iri(iri)
        out.append(AreaLink(iri, href(iri), label, integer(row.get("reviews"))))
    return sorted(out, key=lambda a: a.label.lower())


def reviewed_anywhere() -> bool:
    """Whether any area has a review: with no review counts written, the build's summary
    is missing rather than every count being zero."""
    return bool(select(sparql_prefixes() + "SELECT ?r WHERE { ?r jar:area ?a } LIMIT 1"))


def _counted_areas() -> str:
    reviews = _values(classes_under(str(JAR.Review)))
    return sparql_prefixes() + f"""
SELECT ?a (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?r) AS ?reviews) WHERE {{
  ?a a jar:Area .
  OPTIONAL {{ ?a skos:prefLabel|rdfs:label ?l }}
  OPTIONAL {{ VALUES ?c {{ {reviews} }} ?r jar:area ?a ; a ?c }}
}} GROUP BY ?a"""
