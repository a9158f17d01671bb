"""The home page: what the dataset is, its counts, the national picture and every area."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, render_template

from ..store import StoreError
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
        counts = dataset_counts()
        areas = all_areas()
        charts = national_chart(None)
    except StoreError as exc:
        return store_error(exc)
    body = render_template("home.html", title="Joint Area Reviews of children's services",
                           counts=counts, areas=areas, charts=charts)
    return Response(body, mimetype="text/html")


def _values(classes: list[str]) -> str:
    return " ".join(f"<{c}>" for c in classes)


def dataset_counts() -> list[tuple[str, int]]:
    """How many reviews, areas, judgements, findings and recommendations there are."""
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
    """Every area, with how many reviews the dataset holds of it."""
    reviews = _values(classes_under(str(JAR.Review)))
    query = sparql_prefixes() + f"""
SELECT ?a (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?r) AS ?reviews) WHERE {{
  ?a a jar:Area .
  OPTIONAL {{ ?a skos:prefLabel|rdfs:label ?l }}
  OPTIONAL {{ VALUES ?c {{ {reviews} }} ?r jar:area ?a ; a ?c }}
}} GROUP BY ?a"""
    out = []
    for row in select(query):
        iri = str(row["a"])
        label = str(row["label"]) if "label" in row else short_iri(iri)
        out.append(AreaLink(iri, href(iri), label, integer(row.get("reviews"))))
    return sorted(out, key=lambda a: a.label.lower())
