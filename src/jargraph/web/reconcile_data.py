"""The data side of the reconciliation service: types, properties, data extension, previews.

Data extension lets an OpenRefine user add columns to reconciled rows: an
area's GSS code, DfE number, ONS geography URI, region and type (from the
reference table), its reviews, and the grade a review gave each judgement
area (``grade/safeguarding`` ...), narrowed by the settings ``year`` and
``assessment``; several grades come newest first. A review's area, year and
kind can be added the same way. Grades and reviews are read from the store
through the app's query executor (:func:`jargraph.web.reading.select`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import Blueprint, Response, abort, g, jsonify, render_template, request
from rdflib import RDF, RDFS
from rdflib.namespace import SKOS

from .. import links
from ..links import Authority, normalise
from ..ontology import scheme_graph
from ..store import StoreError
from ..vocab import ID, JAR, ONS_GEOGRAPHY
from .reading import integer, select

bp = Blueprint("reconcile_data", __name__)

IDENTIFIER_SPACE = str(ID)
KINDS_SCHEME = IDENTIFIER_SPACE + "scheme/assessment-kinds"
MAX_IDS = 500

TYPES: dict[str, dict[str, Any]] = {
    "Area": {"name": "Area", "kind": "area", "broader": [],
             "description": "A children's services authority area (county, metropolitan "
                            "district, unitary authority or London borough)"},
    "Review": {"name": "Review", "kind": "review", "broader": [],
               "description": "A review of one area's children's services at one time"},
    "JointAreaReview": {"name": "Joint area review", "kind": "review", "broader": ["Review"],
                        "description": "An Ofsted-led joint area review"},
    "AnnualPerformanceAssessment": {"name": "Annual performance assessment", "kind": "review",
                                    "broader": ["Review"],
                                    "description": "A yearly assessment of a council"},
    "CorporateAssessment": {"name": "Corporate assessment", "kind": "review",
                            "broader": ["Review"],
                            "description": "The children and young people block of a "
                                           "corporate assessment"},
    "EnhancedYouthInspection": {"name": "Enhanced youth inspection", "kind": "review",
                                "broader": ["Review"],
                                "description": "An inspection of a youth service"},
    "JudgementArea": {"name": "Judgement area", "kind": "judgement-area", "broader": [],
                      "description": "What a review grades, such as safeguarding"},
}
"""The entity types, by id (the ontology's class names), as the API shows them."""

PROPERTY_KINDS = ("Area", "Review")


def type_object(type_id: str) -> dict[str, Any]:
    info = TYPES[type_id]
    found: dict[str, Any] = {"id": type_id, "name": info["name"]}
    if info["broader"]:
        found["broader"] = [{"id": b, "name": TYPES[b]["name"]} for b in info["broader"]]
    return found


def area_description(a: Authority) -> str:
    return (f"{a.authority_type[0].upper()}{a.authority_type[1:]}, {a.region}; DfE {a.dfe_code}"
            + (f", GSS {a.gss_code}" if a.gss_code else "")
            + (f"; in service {a.in_service}" if a.in_service != "2005-" else ""))


# ---------------------------------------------------------------- assessment kinds


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    notation: str
    type_id: str


@cache
def kinds() -> tuple[Kind, ...]:
    """The assessment kinds of their scheme, with the class of their reviews."""
    graph = scheme_graph("assessment-kinds.ttl")
    found = []
    for concept in sorted(graph.subjects(RDF.type, JAR.AssessmentKind), key=str):
        cls = graph.value(concept, RDFS.seeAlso)
        label = str(graph.value(concept, SKOS.prefLabel))
        found.append(Kind(str(concept).rsplit("/", 1)[-1], label,
                          str(graph.value(concept, SKOS.notation)), str(cls).rsplit("#", 1)[-1]))
    return tuple(found)


def property_settings() -> list[dict[str, Any]]:
    return [
        {"name": "year", "label": "Year", "type": "number", "default": 0,
         "help_text": "Only grades given in this year (0: every year, newest first)"},
        {"name": "assessment", "label": "Assessment", "type": "select", "default": "any",
         "help_text": "Only grades given by this kind of review",
         "choices": [{"value": "any", "name": "Any kind"}]
         + [{"value": k.key, "name": k.label} for k in kinds()]},
    ]


# ---------------------------------------------------------------- reviews


@dataclass(frozen=True)
class Review:
    id: str
    label: str
    area_slug: str
    area_name: str
    year: int
    kind: str
    kind_label: str
    type_id: str

    @property
    def kind_words(self) -> tuple[str, ...]:
        kind = next(k for k in kinds() if k.key == self.kind)
        return (normalise(kind.label), normalise(kind.notation))


REVIEWS_QUERY = f"""
PREFIX jar: <{JAR}>
PREFIX skos: <{SKOS}>
PREFIX rdfs: <{RDFS}>
SELECT ?review ?label ?area ?area_name ?year ?kind WHERE {{
  ?review jar:area ?area ; jar:year ?year ; a ?class .
  ?kind skos:inScheme <{KINDS_SCHEME}> ; rdfs:seeAlso ?class .
  OPTIONAL {{ ?review rdfs:label ?label }}
  OPTIONAL {{ ?area skos:prefLabel ?area_name }}
}}
ORDER BY ?review"""


def reviews() -> list[Review]:
    """Every review of the store, read once per request."""
    if "jargraph_reviews" not in g:
        by_key = {k.key: k for k in kinds()}
        found = []
        for row in select(REVIEWS_QUERY):
            kind = by_key[str(row["kind"]).rsplit("/", 1)[-1]]
            review_id = str(row["review"])[len(IDENTIFIER_SPACE):]
            found.append(Review(review_id, str(row.get("label") or review_id),
                                str(row["area"]).rsplit("/", 1)[-1],
                                str(row.get("area_name") or ""), integer(row["year"]),
                                kind.key, kind.label, kind.type_id))
        g.jargraph_reviews = found
    return g.jargraph_reviews


# ---------------------------------------------------------------- properties


@cache
def graded_areas() -> tuple[tuple[str, str], ...]:
    """(key, name) of the judgement areas a grade property can be asked for."""
    graph = scheme_graph("judgement-areas.ttl")
    base = IDENTIFIER_SPACE + "judgement-area/"
    found = []
    for concept in sorted(graph.subjects(RDF.type, SKOS.Concept), key=str):
        if (concept, RDF.type, JAR.InvestigationCategory) in graph:
            continue
        if str(concept).startswith(base):
            found.append((str(concept)[len(base):], str(graph.value(concept, SKOS.prefLabel))))
    return tuple(found)


def properties_for(type_id: str) -> list[dict[str, Any]]:
    """The properties data extension can add for entities of a type."""
    grades = [{"id": f"grade/{key}", "name": f"{name} grade",
               "description": f"The grade given to {name.lower()}: 4 outstanding, 3 good, "
                              "2 adequate, 1 inadequate (settings: year, assessment)"}
              for key, name in graded_areas()]
    if type_id == "Area":
        return [
            {"id": "gssCode", "name": "GSS code", "description": "ONS GSS code, April 2009"},
            {"id": "dfeCode", "name": "DfE number", "description": "DfE local authority number"},
            {"id": "ons", "name": "ONS geography URI",
             "description": "The area's ONS statistical-geography URI (owl:sameAs)"},
            {"id": "region", "name": "Region", "description": "Government office region"},
            {"id": "authorityType", "name": "Authority type",
             "description": "county, metropolitan district, unitary, London borough or other"},
            {"id": "reviews", "name": "Reviews", "description": "The area's reviews"},
            *grades,
        ]
    if type_id in TYPES and TYPES[type_id]["kind"] == "review":
        return [
            {"id": "area", "name": "Area", "description": "The area reviewed"},
            {"id": "year", "name": "Year", "description": "The review's year"},
            {"id": "assessment", "name": "Assessment", "description": "The kind of review"},
            *grades,
        ]
    return []


@bp.route("/reconcile/properties")
def propose_properties() -> Response:
    type_id = request.args.get("type", "Area").removeprefix(str(JAR))
    if type_id not in TYPES:
        return _error(400, f"unknown type {type_id!r}; the types are {', '.join(TYPES)}")
    found = properties_for(type_id)
    answer: dict[str, Any] = {"type": type_id, "properties": found}
    limit = request.args.get("limit", "")
    if limit.isdigit():
        answer["limit"] = int(limit)
        answer["properties"] = found[:int(limit)]
    return jsonify(answer)


def _error(status: int, message: str) -> Response:
    response = jsonify(status=status, error="Bad Request", message=message)
    response.status_code = status
    return response


# ---------------------------------------------------------------- data extension


@cache
def _areas() -> dict[str, Authority]:
    return {f"area/{a.slug}": a for a in links.authorities()}


def _entity_id(value: str) -> str:
    return value.removeprefix(IDENTIFIER_SPACE)


def extend(raw: str) -> Response:
    """Answer one data extension query (the ``extend`` parameter)."""
    try:
        query = json.loads(raw)
    except json.JSONDecodeError as exc:
        return _error(400, f"'extend' is not JSON: {exc.msg} at character {exc.pos}")
    if not isinstance(query, dict) or not isinstance(query.get("ids"), list) \
            or not isinstance(query.get("properties"), list):
        return _error(400, "'extend' must be an object with 'ids' (entity ids) and "
                           "'properties' (objects with an 'id')")
    ids = [_entity_id(str(i)) for i in query["ids"]]
    if len(ids) > MAX_IDS:
        return _error(413, f"at most {MAX_IDS} ids in one extension query")
    wanted = []
    for prop in query["properties"]:
        if not isinstance(prop, dict) or not isinstance(prop.get("id"), str):
            return _error(400, "each property of 'extend' needs an 'id'")
        given = prop.get("settings")
        settings: dict[str, Any] = given if isinstance(given, dict) else {}
        wanted.append((prop["id"], settings))
    known = {p["id"]: p for t in PROPERTY_KINDS for p in properties_for(t)}
    unknown = [pid for pid, _ in wanted if pid not in known]
    if unknown:
        return _error(400, f"unknown property {unknown[0]!r}; see /reconcile/properties")
    try:
        rows = {i: {pid: values(i, pid, settings) for pid, settings in wanted} for i in ids}
    except StoreError as exc:
        return _error(503, f"the grades cannot be read just now: {exc}")
    meta = []
    for pid, _settings in wanted:
        item: dict[str, Any] = {"id": pid, "name": known[pid]["name"]}
        if pid in ("reviews", "area"):
            item["type"] = {"id": "Review" if pid == "reviews" else "Area",
                            "name": "Review" if pid == "reviews" else "Area"}
        meta.append(item)
    return jsonify({"meta": meta, "rows": rows})


def values(entity: str, pid: str, settings: dict[str, Any]) -> list[dict[str, Any]]:
    """The values of one property of one entity, in the API's cell form."""
    area = _areas().get(entity)
    review = next((r for r in reviews() if r.id == entity), None) \
        if area is None and entity.startswith("review/") else None
    if pid.startswith("grade/"):
        return [{"int": grade} for grade in grades(entity, pid[len("grade/"):], settings)] \
            if area or review else []
    if area is not None:
        simple = {"gssCode": area.gss_code, "dfeCode": area.dfe_code, "region": area.region,
                  "authorityType": area.authority_type,
                  "ons": ONS_GEOGRAPHY + area.gss_code if area.gss_code else None}
        if pid == "reviews":
            return [{"id": r.id, "name": r.label}
                    for r in sorted(reviews(), key=lambda r: (-r.year, r.id))
                    if r.area_slug == area.slug]
        value = simple.get(pid)
        return [{"str": value}] if value else []
    if review is not None:
        if pid == "area":
            named = _areas().get(f"area/{review.area_slug}")
            return [{"id": f"area/{review.area_slug}",
                     "name": named.name if named else review.area_name}]
        if pid == "year":
            return [{"int": review.year}]
        if pid == "assessment":
            return [{"str": review.kind_label}]
    return []


def grades(entity: str, key: str, settings: dict[str, Any]) -> list[int]:
    """The grades an area's reviews (or one review) gave one judgement area, newest first."""
    try:
        year = int(settings.get("year") or 0)
    except (TypeError, ValueError):
        year = 0
    kind = str(settings.get("assessment") or "any")
    subject = "?area" if entity.startswith("area/") else "?review"
    found = select(f"""
PREFIX jar: <{JAR}>
PREFIX skos: <{SKOS}>
PREFIX rdfs: <{RDFS}>
SELECT ?year ?kind ?grade WHERE {{
  BIND(<{IDENTIFIER_SPACE}{entity}> AS {subject})
  ?review jar:area ?area ; jar:year ?year ; a ?class .
  ?kind skos:inScheme <{KINDS_SCHEME}> ; rdfs:seeAlso ?class .
  ?judgement jar:review ?review ;
             jar:judgementArea <{IDENTIFIER_SPACE}judgement-area/{key}> ;
             jar:grade/skos:notation ?grade .
}}
ORDER BY DESC(?year) ?kind""")
    return [integer(row["grade"]) for row in found
            if (not year or integer(row["year"]) == year)
            and (kind == "any" or str(row["kind"]).endswith(f"/{kind}"))]


# ---------------------------------------------------------------- preview


@bp.route("/reconcile/preview")
def preview() -> Response | str:
    """A small HTML card for an entity, to show in a client's frame."""
    entity = _entity_id(request.args.get("id", ""))
    area = _areas().get(entity)
    try:
        if area is not None:
            rows = select(f"""
PREFIX jar: <{JAR}>
PREFIX skos: <{SKOS}>
PREFIX rdfs: <{RDFS}>
SELECT ?review ?label ?ja_label ?grade WHERE {{
  ?review jar:area <{area.uri}> ; rdfs:label ?label .
  ?judgement jar:review ?review ; jar:judgementArea ?ja ; jar:grade/skos:notation ?grade .
  ?ja skos:prefLabel ?ja_label .
}}
ORDER BY ?review ?ja_label""")
            return render_template("reconcile_preview.html", area=area,
                                   description=area_description(area), rows=rows,
                                   link=f"/doc/{entity}")
        review = next((r for r in reviews() if r.id == entity), None)
    except StoreError as exc:
        abort(503, description=f"the data cannot be read just now: {exc}")
    if review is None:
        abort(404, description=f"no area or review {entity!r}; ids look like area/leeds")
    return render_template("reconcile_preview.html", review=review, link=f"/doc/{entity}",
                           rows=[])
