"""The prefixes a file declares, which problems use to show terms as the file writes them."""

from __future__ import annotations

import json

from jargraph.validate.prefixes import declared_prefixes, jsonld_prefixes


def test_turtle_and_sparql_style_prefixes() -> None:
    text = (
        "@prefix jar: <https://w3id.org/jargraph/def#> .\n"
        "PREFIX j: <https://w3id.org/jargraph/id/review/>\n"
        "@prefix : <https://example.org/> .\n"
    )
    assert declared_prefixes(text, "turtle") == {
        "jar": "https://w3id.org/jargraph/def#",
        "j": "https://w3id.org/jargraph/id/review/",
        "": "https://example.org/",
    }


def test_jsonld_context_terms_that_are_namespaces() -> None:
    context = {"jar": "https://w3id.org/jargraph/def#", "jarid": "https://w3id.org/jargraph/id/",
               "name": "https://schema.org/name", "@vocab": "https://example.org/"}
    text = json.dumps({"@context": [context], "@id": "jarid:area/leeds"})
    assert declared_prefixes(text, "json-ld") == {
        "jar": "https://w3id.org/jargraph/def#", "jarid": "https://w3id.org/jargraph/id/"}


def test_jsonld_without_a_usable_context_declares_nothing() -> None:
    assert jsonld_prefixes("{ not json") == {}
    assert jsonld_prefixes('[{"@context": {"jar": "https://w3id.org/jargraph/def#"}}]') == {}
    assert jsonld_prefixes('{"@context": "https://example.org/context.jsonld"}') == {}
