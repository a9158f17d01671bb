"""``/reconcile``: a reconciliation service (W3C Entity Reconciliation API, version 0.2).

OpenRefine, and any client of the Reconciliation Service API v0.2 (final report
of the W3C Entity Reconciliation Community Group, April 2023), can match a
column of names against jargraph's areas, reviews and judgement areas:

* ``GET /reconcile`` with no parameters: the service manifest;
* ``GET /reconcile?queries=...`` or a form ``POST`` of ``queries``: a batch of
  reconciliation queries, answered with candidates, scores and ``match``;
* ``/reconcile/suggest/{entity,type,property}?prefix=``: auto-completion;
* ``/reconcile/preview?id=``, ``/reconcile/properties?type=`` and the
  ``extend`` parameter: see :mod:`jargraph.web.reconcile_data`.

Entities are named relative to the identifier space ``https://w3id.org/jargraph/id/``
(``area/southampton``, ``review/jar-leeds-2008``, ``judgement-area/safeguarding``);
types and properties relative to the schema space, the ontology's namespace.
Areas are matched by :mod:`jargraph.matching` (the reference table's spellings
and codes); a candidate's description says why it scored what it did. Every
response carries the site's CORS headers.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import Blueprint, Response, jsonify, request
from rdflib import RDF
from rdflib.namespace import SKOS

from .. import links, matching
from ..links import normalise
from ..ontology import scheme_graph
from ..store import StoreError
from ..vocab import ID, JAR
from . import reconcile_data
from .reconcile_data import (
    PROPERTY_KINDS,
    TYPES,
    Review,
    area_description,
    properties_for,
    property_settings,
    reviews,
    type_object,
)

bp = Blueprint("reconcile", __name__)
bp.register_blueprint(reconcile_data.bp)

IDENTIFIER_SPACE = str(ID)
SCHEMA_SPACE = str(JAR)
DEFAULT_LIMIT = 5
MAX_LIMIT = 50
BATCH_SIZE = 200
SUGGEST_PAGE = 10
CONSTRAINT_PIDS = {"region": "region", "gssCode": "gss_code", "dfeCode": "dfe_code",
                   "authorityType": "authority_type"}
"""Property ids a query may constrain areas by, and the matcher's name for each."""
_YEAR = re.compile(r"\b(200[4-9]|2010)\b")


class BadQuery(ValueError):
    """A query the client must correct; the message says what is wrong."""


def _error(status: int, message: str) -> Response:
    response = jsonify(status=status, error="Bad Request" if status == 400 else "Error",
                       message=message)
    response.status_code = status
    return response


def base_url() -> str:
    return request.host_url.rstrip("/")


# ---------------------------------------------------------------- manifest


def manifest() -> dict[str, Any]:
    base = base_url()
    return {
        "versions": ["0.2"],
        "name": "jargraph: children's services areas, reviews and judgement areas (England, "
                "2005-2009)",
        "identifierSpace": IDENTIFIER_SPACE,
        "schemaSpace": SCHEMA_SPACE,
        "documentation": base + "/def",
        "defaultTypes": [type_object("Area")],
        "view": {"url": base + "/id/{{id}}"},
        "preview": {"url": base + "/reconcile/preview?id={{id}}", "width": 420, "height": 260},
        "suggest": {
            kind: {"service_url": base, "service_path": f"/reconcile/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": "/reconcile/properties"},
            "property_settings": property_settings(),
        },
        "batchSize": BATCH_SIZE,
    }


@bp.route("/reconcile", methods=["GET", "POST"])
def service() -> Response:
    """The manifest, a batch of queries, or a data extension query."""
    values = request.form if request.method == "POST" else request.args
    if "extend" in values:
        return reconcile_data.extend(values["extend"])
    if "queries" not in values:
        if request.method == "POST":
            return _error(400, "post a form field 'queries' (a JSON object of reconciliation "
                               "queries) or 'extend' (a data extension query)")
        return jsonify(manifest())
    try:
        batch = json.loads(values["queries"])
        if not isinstance(batch, dict):
            raise BadQuery("'queries' must be a JSON object of queries by key, e.g. "
                           '{"q0": {"query": "Leeds"}}')
        if len(batch) > BATCH_SIZE:
            return _error(413, f"at most {BATCH_SIZE} queries in one batch; send "
                               f"{len(batch)} in several batches")
        return jsonify({key: {"result": answer(key, query)} for key, query in batch.items()})
    except json.JSONDecodeError as exc:
        return _error(400, f"'queries' is not JSON: {exc.msg} at character {exc.pos}")
    except BadQuery as exc:
        return _error(400, str(exc))
    except StoreError as exc:
        return _error(503, f"the reviews cannot be read just now: {exc}")


# ---------------------------------------------------------------- queries


@dataclass(frozen=True)
class Query:
    text: str
    kinds: tuple[str, ...]
    """Which of area, review, judgement-area to search."""
    review_types: tuple[str, ...]
    types: tuple[str, ...]
    """The type ids the query gave (none: every type)."""
    limit: int
    constraints: dict[str, str]


def parse_query(key: str, query: Any) -> Query:
    """One query of a batch, checked; BadQuery says what to correct."""
    if not isinstance(query, dict):
        raise BadQuery(f"query {key!r} must be an object such as {{\"query\": \"Leeds\"}}")
    text = query.get("query", "")
    if not isinstance(text, str):
        raise BadQuery(f"query {key!r}: 'query' must be a string")
    types = query.get("type") or []
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise BadQuery(f"query {key!r}: 'type' must be a type id or a list of them")
    unknown = [t for t in types if _type_id(t) not in TYPES]
    if unknown:
        raise BadQuery(f"query {key!r}: unknown type {unknown[0]!r}; the types are "
                       f"{', '.join(TYPES)}")
    limit = query.get("limit", DEFAULT_LIMIT)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise BadQuery(f"query {key!r}: 'limit' must be a positive whole number")
    constraints = _constraints(key, query.get("properties") or [])
    if not text.strip() and not constraints:
        raise BadQuery(f"query {key!r} needs a 'query' string or 'properties'")
    if not text.strip():
        code = constraints.get("gss_code") or constraints.get("dfe_code")
        if code is None:
            raise BadQuery(f"query {key!r}: without a 'query' string, give a gssCode or "
                           "dfeCode property to match on")
        text = code
    ids = [_type_id(t) for t in types] or ["Area", "Review", "JudgementArea"]
    kinds = tuple(dict.fromkeys(TYPES[t]["kind"] for t in ids))
    review_types = tuple(t for t in ids if TYPES[t]["kind"] == "review" and t != "Review")
    return Query(text, kinds, review_types, tuple(_type_id(t) for t in types),
                 min(limit, MAX_LIMIT), constraints)


def _type_id(value: str) -> str:
    return value[len(SCHEMA_SPACE):] if value.startswith(SCHEMA_SPACE) else value


def _constraints(key: str, properties: Any) -> dict[str, str]:
    if not isinstance(properties, list):
        raise BadQuery(f"query {key!r}: 'properties' must be a list of {{pid, v}} objects")
    found: dict[str, str] = {}
    for prop in properties:
        if not isinstance(prop, dict) or "pid" not in prop or "v" not in prop:
            raise BadQuery(f"query {key!r}: each property needs 'pid' and 'v'")
        pid = str(prop["pid"])
        if pid not in CONSTRAINT_PIDS:
            raise BadQuery(f"query {key!r}: property {pid!r} cannot be matched on; use "
                           f"{', '.join(CONSTRAINT_PIDS)}")
        value = prop["v"][0] if isinstance(prop["v"], list) and prop["v"] else prop["v"]
        if isinstance(value, dict):
            value = value.get("id") or value.get("name") or ""
        if value is None or not str(value).strip():
            continue  # an empty cell constrains nothing
        found[CONSTRAINT_PIDS[pid]] = str(value)
    return found


def answer(key: str, raw: Any) -> list[dict[str, Any]]:
    """The candidates for one query, best first."""
    query = parse_query(key, raw)
    found: list[dict[str, Any]] = []
    if "area" in query.kinds:
        found += [area_candidate(c) for c in
                  matching.match_area(query.text, query.limit, query.constraints)]
    if "review" in query.kinds and (query.review_types or "Review" in query.types
                                    or _mentions_review(query.text)):
        found += review_candidates(query)
    if "judgement-area" in query.kinds and not query.constraints:
        found += judgement_area_candidates(query.text, query.limit)
    found.sort(key=lambda c: (-c["score"], c["name"]))
    return found[:query.limit]


def _mentions_review(text: str) -> bool:
    """Whether an untyped query names a year or a kind of review, so reviews are wanted."""
    words = f" {normalise(text)} "
    return bool(_YEAR.search(text)) or any(
        f" {w} " in words for r in reviews() for w in r.kind_words)


def _features(features: Mapping[str, float | bool]) -> list[dict[str, Any]]:
    return [{"id": name, "value": value} for name, value in features.items()]


def area_candidate(candidate: matching.Candidate) -> dict[str, Any]:
    a = candidate.authority
    return {"id": f"area/{a.slug}", "name": a.name,
            "description": f"{area_description(a)}. Score {candidate.score:g}: "
                           f"{candidate.reason}.",
            "type": [type_object("Area")], "score": candidate.score, "match": candidate.match,
            "features": _features(candidate.features)}


def review_candidates(query: Query) -> list[dict[str, Any]]:
    """Reviews of the areas the text names, narrowed by a year and a kind it mentions."""
    known = reviews()
    wanted = query.text.strip()
    for review in known:
        if wanted in (review.id, IDENTIFIER_SPACE + review.id):
            return [_review_candidate(review, 100.0, True, "its jargraph identifier")]
    year = _YEAR.search(wanted)
    words = normalise(_YEAR.sub(" ", wanted))
    kinds = {r.kind for r in known if any(f" {w} " in f" {words} " for w in r.kind_words)}
    for r in known:
        for w in r.kind_words:
            words = re.sub(rf"\b{re.escape(w)}\b", " ", words)
    found = []
    for area in matching.match_area(words, 3, query.constraints):
        fitting = [r for r in known if r.area_slug == area.authority.slug
                   and (year is None or r.year == int(year.group(1)))
                   and (not kinds or r.kind in kinds)
                   and (not query.review_types or r.type_id in query.review_types)]
        for review in fitting:
            certain = area.match and len(fitting) == 1
            score = area.score if certain else round(area.score * 0.9, 1)
            why = area.reason if certain else (
                f"{area.reason}; {len(fitting)} reviews fit, so give the year and kind "
                "(e.g. 'JAR 2008')" if len(fitting) > 1 else area.reason)
            found.append(_review_candidate(review, score, certain, why))
    return found


def _review_candidate(review: Review, score: float, match: bool, why: str) -> dict[str, Any]:
    return {"id": review.id, "name": review.label,
            "description": f"{review.kind_label} of {review.area_name}, {review.year}. "
                           f"Score {score:g}: {why}.",
            "type": [type_object(review.type_id), type_object("Review")],
            "score": score, "match": match,
            "features": _features({"area_match": match, "year": review.year})}


@cache
def judgement_areas() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(id, name, normalised labels) of the judgement areas of the scheme."""
    graph = scheme_graph("judgement-areas.ttl")
    base = IDENTIFIER_SPACE + "judgement-area/"
    found = []
    for concept in sorted(graph.subjects(RDF.type, SKOS.Concept), key=str):
        if not str(concept).startswith(base):
            continue
        labels = {normalise(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel, JAR.abbreviation)
                  for o in graph.objects(concept, p)}
        labels.add(normalise(str(concept)[len(base):].replace("-", " ")))
        name = str(graph.value(concept, SKOS.prefLabel))
        found.append((str(concept)[len(IDENTIFIER_SPACE):], name, frozenset(labels)))
    return tuple(found)


def judgement_area_candidates(text: str, limit: int) -> list[dict[str, Any]]:
    key = normalise(text.strip().removeprefix(IDENTIFIER_SPACE).replace("-", " ")
                    .replace("/", " ").removeprefix("judgement area "))
    found: list[dict[str, Any]] = []
    for concept_id, name, labels in judgement_areas():
        if key in labels:
            score, match, why = 100.0, True, "a name the judgement-area scheme gives it"
        else:
            ratio = max(difflib.SequenceMatcher(None, key, label).ratio() for label in labels)
            if ratio < 0.6:
                continue
            score, match = round(min(matching.CLOSE_CAP, 90 * ratio), 1), False
            why = (f"the text is {round(100 * ratio)}% alike to one of its names, not one of "
                   "them; choose it only if it is meant")
        found.append({"id": concept_id, "name": name,
                      "description": f"Judgement area. Score {score:g}: {why}.",
                      "type": [type_object("JudgementArea")], "score": score, "match": match,
                      "features": _features({"name_exact": match})})
    return sorted(found, key=lambda c: -c["score"])[:limit]


# ---------------------------------------------------------------- suggest


def _page() -> tuple[str, int]:
    prefix = request.args.get("prefix", "")
    try:
        cursor = max(0, int(request.args.get("cursor", "0")))
    except ValueError:
        cursor = 0
    return prefix, cursor


def _starts(prefix: str, *names: str) -> int | None:
    """0 when a name starts with the prefix, 1 when a word of it does, None otherwise."""
    wanted = normalise(prefix)
    if not wanted:
        return 0
    ranks = [0 if normalise(n).startswith(wanted) else 1 if f" {wanted}" in f" {normalise(n)}"
             else None for n in names]
    present = [r for r in ranks if r is not None]
    return min(present) if present else None


@bp.route("/reconcile/suggest/entity")
def suggest_entity() -> Response:
    prefix, cursor = _page()
    found: list[tuple[int, str, dict[str, Any]]] = []
    for a in links.authorities():
        codes = [a.dfe_code, a.gss_code or "", *a.later_gss_codes, *a.earlier_gss_codes]
        rank = _starts(prefix, a.name, a.short_name, *a.also_written, *codes)
        if rank is not None:
            found.append((rank, a.name, {"id": f"area/{a.slug}", "name": a.name,
                                         "description": area_description(a),
                                         "notable": [type_object("Area")]}))
    for concept_id, name, _labels in judgement_areas():
        rank = _starts(prefix, name)
        if rank is not None:
            found.append((rank + 2, name, {"id": concept_id, "name": name,
                                           "notable": [type_object("JudgementArea")]}))
    try:
        for r in reviews():
            rank = _starts(prefix, r.label, r.area_name, r.id.rsplit("/", 1)[-1])
            if rank is not None:
                found.append((rank + 1, r.label, {
                    "id": r.id, "name": r.label, "description": f"{r.kind_label}, {r.year}",
                    "notable": [type_object(r.type_id)]}))
    except StoreError:
        pass  # areas and judgement areas do not need the store
    found.sort(key=lambda item: (item[0], item[1]))
    return jsonify({"result": [item[2] for item in found[cursor:cursor + SUGGEST_PAGE]]})


@bp.route("/reconcile/suggest/type")
def suggest_type() -> Response:
    prefix, cursor = _page()
    found = [type_object(t) | {"description": info["description"]}
             for t, info in TYPES.items() if _starts(prefix, t, info["name"]) is not None]
    return jsonify({"result": found[cursor:cursor + SUGGEST_PAGE]})


@bp.route("/reconcile/suggest/property")
def suggest_property() -> Response:
    prefix, cursor = _page()
    found = [p for kind in PROPERTY_KINDS for p in properties_for(kind)
             if _starts(prefix, p["id"], p["name"]) is not None]
    unique = list({p["id"]: p for p in found}.values())
    return jsonify({"result": unique[cursor:cursor + SUGGEST_PAGE]})


__all__ = ["BATCH_SIZE", "IDENTIFIER_SPACE", "SCHEMA_SPACE", "answer", "bp", "manifest"]
