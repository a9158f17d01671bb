"""The OpenAPI 3 description of the site's API (``/api/openapi.json``).

One GET path per named query, its parameters (types, allowed values,
defaults) from the query's header, so the description can never drift from
the library; and ``/api/search``, its facets from the search index's own list.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import formats
from ..named_queries import NamedQuery, Parameter
from ..search.lookup import FACET_NAMES

SELECT_FORMATS = tuple(formats.find(n, "results") for n in ("json", "csv", "tsv"))
GRAPH_FORMATS = tuple(formats.find(n, "graph") for n in ("ttl", "jsonld"))
"""What the API answers: SPARQL JSON, CSV and TSV; Turtle and JSON-LD."""
_OPENAPI_TYPES = {"integer": {"type": "integer"}, "iri": {"type": "string", "format": "iri"}}


def openapi(library: Mapping[str, NamedQuery], server: str = "/") -> dict:
    """An OpenAPI 3 document: one GET path per named query, parameters from its header."""
    paths: dict[str, dict] = {}
    for name in sorted(library):
        q = library[name]
        graph = q.form in ("construct", "describe")
        media = [f.media_type for f in (GRAPH_FORMATS if graph else SELECT_FORMATS) if f]
        parameters = [_openapi_parameter(p) for p in q.parameters]
        parameters.append({
            "name": "format", "in": "query", "required": False,
            "description": "Results format, instead of the Accept header.",
            "schema": {"type": "string",
                       "enum": [f.name for f in (GRAPH_FORMATS if graph else SELECT_FORMATS)
                                if f]},
        })
        paths[f"/api/queries/{name}"] = {"get": {
            "operationId": name.replace("-", "_"),
            "summary": q.title,
            "description": f"{q.description}\n\nExample: `{q.example}`",
            "tags": ["queries"],
            "parameters": parameters,
            "responses": {
                "200": {"description": f"The {q.form.upper()} results.",
                        "content": {m: {"schema": _media_schema(m)} for m in media}},
                "400": {"description": "A parameter is not acceptable.",
                        "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/ParameterError"}}}},
                "404": {"description": "No query of that name."},
                "422": {"description": "The query ran past the time limit (it would again)."},
                "503": {"description": "The server is busy or there is no store yet; "
                                       "Retry-After says when to try again."},
            },
        }}
    paths["/api/search"] = _search_path()
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "jargraph named queries",
            "version": "1.0",
            "description": "The named SPARQL queries of jargraph, the linked data of the joint "
                           "area reviews of children's services in England (2005-2009), and "
                           "its full-text search. Each query's parameters are checked and "
                           "turned into RDF terms before it runs.",
        },
        "servers": [{"url": server}],
        "paths": paths,
        "components": {"schemas": {"ParameterError": {
            "type": "object",
            "required": ["status", "error", "message"],
            "properties": {
                "status": {"type": "integer"},
                "error": {"type": "string"},
                "message": {"type": "string"},
                "query": {"type": "string"},
                "parameter": {"type": "string"},
                "allowed": {"type": "array", "items": {"type": "string"}},
            },
        }}},
    }


def _media_schema(media_type: str) -> dict:
    if media_type.endswith("json"):
        return {"type": "object"}
    return {"type": "string"}


def _openapi_parameter(p: Parameter) -> dict:
    schema: dict = dict(_OPENAPI_TYPES.get(p.type, {"type": "string"}))
    choices = p.choices()
    if choices:
        schema["enum"] = [int(c) for c in choices] if p.type == "integer" else list(choices)
    if p.default is not None:
        schema["default"] = int(p.default) if p.type == "integer" else p.default
    text = p.description or p.name
    return {
        "name": p.name, "in": "query", "required": p.required,
        "description": f"{text} (type: {p.type})",
        "schema": schema,
    }


def _search_path() -> dict:
    """``GET /api/search``: ranked hits with snippets and facet counts, JSON or CSV."""
    def text(name: str, description: str, **schema: object) -> dict:
        return {"name": name, "in": "query", "required": False, "description": description,
                "schema": {"type": "string", **schema}}

    facets = [{"name": name, "in": "query", "required": False, "explode": True,
               "description": f"Keep hits whose {name.replace('_', ' ')} is this value "
                              "(the facet's key as the answer gives it); repeat for several.",
               "schema": {"type": "array", "items": {"type": "string"}}}
              for name in FACET_NAMES]
    return {"get": {
        "operationId": "search",
        "summary": "Search every text of the graph",
        "description": "Words, \"phrases\", OR, -word and prefix* over the findings, "
                       "recommendations, judgements, passages, national findings and labels; "
                       "hits ranked with highlighted snippets, each with its page, and the "
                       "count of hits per facet value.",
        "tags": ["search"],
        "parameters": [
            text("q", "The words to find.", example="private fostering"),
            *facets,
            {"name": "offset", "in": "query", "required": False,
             "description": "Hits to skip.", "schema": {"type": "integer", "minimum": 0}},
            {"name": "limit", "in": "query", "required": False,
             "description": "Hits to give.", "schema": {"type": "integer", "minimum": 0}},
            text("format", "json or csv, instead of the Accept header.", enum=["json", "csv"]),
            text("part", "Which table CSV gives.", enum=["hits", "facets"], default="hits"),
        ],
        "responses": {
            "200": {"description": "The hits and the facet counts.",
                    "content": {"application/json": {"schema": {"type": "object"}},
                                "text/csv": {"schema": {"type": "string"}}}},
            "400": {"description": "The words or a number cannot be read; the message "
                                   "says what to change.",
                    "content": {"application/json": {"schema": {"type": "object"}}}},
            "503": {"description": "There is no search index yet (no build)."},
        },
    }}
