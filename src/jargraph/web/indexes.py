"""Index pages: every area (with its latest grades), every review, every judgement area.

``/doc/area``, ``/doc/review`` and ``/doc/judgement-area`` list the things
whose pages sit under them, as tables a reader can sort and, with a small
script (``static/filter.js``), filter as they type; without the script the
tables are whole. An area's latest grades are, for each core judgement
area, the grade of the most recent review that graded it (the grade for
local services overall where a review also graded the council alone).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask import Blueprint, Response, render_template

from ..store import StoreError
from ..terms import href, short_iri
from ..vocab import CORE_AREAS, JAR
from .errors import store_error
from .ontology_docs import term_label
from .reading import integer, select, sparql_prefixes
from .things import classes_under

bp = Blueprint("indexes", __name__)


@dataclass
class Cell:
    text: str
    link: str | None = None
    sort: str | None = None
    css: str = ""
    title: str = ""
    grade: int | None = None
    """A grade's notation, shown as a coloured mark before the text."""


@dataclass
class Group:
    heading: str
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass
class Index:
    """One index page: its columns and rows (grouped or not)."""

    title: str
    lede: str
    noun: str
    """What a row is, in the plural, for the filter's count (``areas``)."""
    columns: list[str]
    groups: list[Group]


def _values(classes: list[str]) -> str:
    return " ".join(f"<{c}>" for c in classes)


def _label(row: dict, key: str, fallback: str) -> str:
    return str(row[key]) if key in row else short_iri(fallback)


def _render(index: Index) -> Response:
    body = render_template("doc_index.html", title=index.title, index=index)
    return Response(body, mimetype="text/html")


# ---------------------------------------------------------------- areas


@dataclass
class Grade:
    year: str
    council: bool
    notation: int
    label: str
    review: str
    review_label: str


def core_judgement_areas() -> list[tuple[str, str]]:
    """(IRI, label) of each core judgement area, in the order reports list them."""
    rows = select(sparql_prefixes() + """
SELECT ?ja (SAMPLE(?l) AS ?label) (SAMPLE(?n) AS ?notation) WHERE {
  ?ja a jar:CoreJudgementArea . OPTIONAL { ?ja skos:prefLabel ?l } OPTIONAL { ?ja skos:notation ?n }
} GROUP BY ?ja""")
    def order(row: dict) -> tuple:
        slug = str(row["ja"]).rsplit("/", 1)[-1]
        place = CORE_AREAS.index(slug) if slug in CORE_AREAS else len(CORE_AREAS)
        return (place, integer(row.get("notation"), 99), str(row["ja"]))

    ordered = sorted(rows, key=order)
    return [(str(r["ja"]), _label(r, "label", str(r["ja"]))) for r in ordered]


def latest_grades() -> dict[str, dict[str, Grade]]:
    """Area -> core judgement area -> the grade of the latest review that gave one."""
    reviews = _values(classes_under(str(JAR.Review)))
    rows = select(sparql_prefixes() + f"""
SELECT ?a ?ja ?n ?gl ?y ?r ?rl ?scope WHERE {{
  ?j jar:review ?r ; jar:judgementArea ?ja ; jar:grade ?g .
  ?ja a jar:CoreJudgementArea .
  VALUES ?c {{ {reviews} }} ?r a ?c ; jar:area ?a .
  ?g skos:notation ?n . OPTIONAL {{ ?g skos:prefLabel ?gl }}
  OPTIONAL {{ ?r jar:year ?y }} OPTIONAL {{ ?r rdfs:label ?rl }} OPTIONAL {{ ?j jar:scope ?scope }}
}}""")
    found: dict[str, dict[str, Grade]] = defaultdict(dict)
    for row in rows:
        scope = str(row.get("scope", ""))
        grade = Grade(str(row.get("y", "")), bool(scope) and not scope.endswith(
            "local-services-overall"), integer(row["n"]), _label(row, "gl", str(row["n"])),
            str(row["r"]), _label(row, "rl", str(row["r"])))
        area, ja = str(row["a"]), str(row["ja"])
        held = found[area].get(ja)
        if held is None or (grade.year, not grade.council) > (held.year, not held.council):
            found[area][ja] = grade
    return found


def area_rows() -> list[dict]:
    reviews = _values(classes_under(str(JAR.Review)))
    return select(sparql_prefixes() + f"""
SELECT ?a (SAMPLE(?l) AS ?label) (SAMPLE(?rg) AS ?region) (SAMPLE(?t) AS ?type)
       (COUNT(DISTINCT ?r) AS ?reviews) WHERE {{
  ?a a jar:Area .
  OPTIONAL {{ ?a skos:prefLabel|rdfs:label ?l }} OPTIONAL {{ ?a jar:region ?rg }}
  OPTIONAL {{ ?a jar:authorityType ?t }}
  OPTIONAL {{ VALUES ?c {{ {reviews} }} ?r a ?c ; jar:area ?a }}
}} GROUP BY ?a""")


def area_index() -> Index:
    columns = core_judgement_areas()
    grades = latest_grades()
    rows = []
    for row in sorted(area_rows(), key=lambda r: _label(r, "label", str(r["a"])).lower()):
        iri = str(row["a"])
        label = _label(row, "label", iri)
        count = integer(row.get("reviews"))
        cells = [Cell(label, href(iri), label.lower()),
                 Cell(str(row.get("region", ""))),
                 Cell(str(row.get("type", ""))),
                 Cell(str(count), sort=str(count), css="num")]
        for ja, _ in columns:
            grade = grades.get(iri, {}).get(ja)
            if grade is None:
                cells.append(Cell("", sort=""))
            else:
                cells.append(Cell(grade.label.lower(), href(grade.review), str(grade.notation),
                                  "grade", f"{grade.review_label}", grade.notation))
        rows.append(cells)
    return Index(
        title="Areas", noun="areas",
        lede="Every children's services authority area, its region and kind of authority, "
             "how many reviews the dataset holds of it, and its latest grade in each core "
             "judgement area (4 outstanding, 3 good, 2 adequate, 1 inadequate), linked to "
             "the review that gave it.",
        columns=["Area", "Region", "Authority", "Reviews", *(label for _, label in columns)],
        groups=[Group("", rows)])


# ---------------------------------------------------------------- reviews


COUNTED = (("judgements", [str(JAR.Judgement)]), ("findings", None),
           ("recommendations", [str(JAR.Recommendation)]))
"""What the indexes count, by the classes counted (None: every kind of finding)."""


def _counts(link: str) -> dict[str, dict[str, int]]:
    """Thing -> how many judgements, findings and recommendations name it by ``link``."""
    buckets = []
    for bucket, classes in COUNTED:
        for cls in classes or classes_under(str(JAR.Finding)):
            buckets.append(f'(<{cls}> "{bucket}")')
    rows = select(sparql_prefixes() + f"""
SELECT ?x ?bucket (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  VALUES (?c ?bucket) {{ {' '.join(buckets)} }} ?s a ?c ; {link} ?x .
}} GROUP BY ?x ?bucket""")
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        found[str(row["x"])][str(row["bucket"])] = integer(row["n"])
    return found


def review_index() -> Index:
    classes = classes_under(str(JAR.Review))
    rows = select(sparql_prefixes() + f"""
SELECT ?r (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?c)) AS ?types) (SAMPLE(?a) AS ?area)
       (SAMPLE(?al) AS ?areaLabel) (SAMPLE(?y) AS ?year) WHERE {{
  VALUES ?c {{ {_values(classes)} }} ?r a ?c .
  OPTIONAL {{ ?r rdfs:label ?l }} OPTIONAL {{ ?r jar:year ?y }}
  OPTIONAL {{ ?r jar:area ?a . OPTIONAL {{ ?a skos:prefLabel|rdfs:label ?al }} }}
}} GROUP BY ?r""")
    counts = _counts("jar:review")
    out = []
    for row in rows:
        iri = str(row["r"])
        kinds = [t for t in str(row.get("types", "")).split() if t != str(JAR.Review)]
        kind = term_label(kinds[0]) if kinds else None
        area = str(row["area"]) if "area" in row else None
        label = _label(row, "label", iri)
        cells = [Cell(label, href(iri), label.lower()),
                 Cell((kind or "review").capitalize()),
                 Cell(_label(row, "areaLabel", area or ""), href(area) if area else None),
                 Cell(str(row.get("year", "")), css="num")]
        cells += [Cell(str(n), sort=str(n), css="num")
                  for n in (counts[iri].get(bucket, 0) for bucket, _ in COUNTED)]
        out.append(cells)
    out.sort(key=lambda cells: (cells[2].text.lower(), cells[3].text, cells[0].text))
    return Index(
        title="Reviews", noun="reviews",
        lede="Every review in the dataset: joint area reviews and the assessments their "
             "reports summarise, with how many judgements, findings and recommendations "
             "each holds.",
        columns=["Review", "Kind", "Area", "Year", "Judgements", "Findings", "Recommendations"],
        groups=[Group("", out)])


# ---------------------------------------------------------------- judgement areas


def judgement_area_index() -> Index:
    classes = classes_under(str(JAR.JudgementArea))
    rows = select(sparql_prefixes() + f"""
SELECT ?ja (SAMPLE(?l) AS ?label) (SAMPLE(?n) AS ?notation)
       (GROUP_CONCAT(DISTINCT STR(?c)) AS ?types) WHERE {{
  VALUES ?c {{ {_values(classes)} }} ?ja a ?c .
  OPTIONAL {{ ?ja skos:prefLabel|dcterms:title ?l }} OPTIONAL {{ ?ja skos:notation ?n }}
}} GROUP BY ?ja""")
    counts = _counts("jar:judgementArea")
    groups: dict[str, Group] = {}
    for row in sorted(rows, key=lambda r: (integer(r.get("notation"), 999),
                                           _label(r, "label", str(r["ja"])).lower())):
        iri = str(row["ja"])
        kinds = [t for t in str(row.get("types", "")).split() if t != str(JAR.JudgementArea)]
        heading = (term_label(sorted(kinds)[0]) if kinds else None) or "judgement area"
        label = _label(row, "label", iri)
        group = groups.setdefault(heading, Group(heading[:1].upper() + heading[1:] + "s"))
        group.rows.append([Cell(label, href(iri), label.lower())] + [
            Cell(str(n), sort=str(n), css="num")
            for n in (counts[iri].get(bucket, 0) for bucket, _ in COUNTED[:2])])
    order = ["core judgement area", "outcome area", "council judgement area"]
    ordered = sorted(groups.items(), key=lambda item: (
        order.index(item[0]) if item[0] in order else len(order), item[0]))
    return Index(
        title="Judgement areas", noun="judgement areas",
        lede="What reviews graded and filed their findings under: the core judgement areas "
             "of joint area reviews, the Every Child Matters outcome areas, the council's "
             "own judgement areas, the areas of additional investigations and the key "
             "aspects of youth inspections.",
        columns=["Judgement area", "Judgements", "Findings"],
        groups=[group for _, group in ordered])


# ---------------------------------------------------------------- routes


@bp.route("/doc/area")
def areas() -> Response:
    return _page(area_index)


@bp.route("/doc/review")
def reviews() -> Response:
    return _page(review_index)


@bp.route("/doc/judgement-area")
def judgement_areas() -> Response:
    return _page(judgement_area_index)


def _page(make) -> Response:
    try:
        return _render(make())
    except StoreError as exc:
        return store_error(exc)
