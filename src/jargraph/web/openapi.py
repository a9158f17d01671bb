"""The OpenAPI 3 description of the named-query API (``/api/openapi.json``).

One GET path per named query, its parameters (types, allowed values,
defaults) from the query's header, so the description can never drift from
the library.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import formats
from ..named_queries import NamedQuery, Parameter

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
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "jargraph named queries",
            "version": "1.0",
            "description": "The named SPARQL queries of jargraph, the linked data of the joint "
                           "area reviews of children's services in England (2005-2009). Each "
                           "query's parameters are checked and turned into RDF terms before "
                           "it runs.",
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
