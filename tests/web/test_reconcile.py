"""``/reconcile`` over real HTTP on the real build: every response validated against the
JSON schemas of the Reconciliation Service API v0.2 (vendored in reconciliation_schemas/),
matches for every name, spelling and code of the reference table and real-world variants
of the Annex B names, no match for names that are not authorities, type filters, property
constraints, preview, suggest and data extension.

Expected values come from the reference table and the reports, read here.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from test_matching import NOT_AUTHORITIES, REAL_WORLD, ROWS, SPELLINGS, annex_b

from .conftest import fetch, start_server

SCHEMAS = Path(__file__).with_name("reconciliation_schemas")
BASE = "https://reconciliation-api.github.io/specs/0.2/schemas/"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((BASE + path.name, Resource.from_contents(
            schema, default_specification=DRAFT7)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def valid(document: Any, schema: str) -> Any:
    """The document, after checking it against one of the API's schemas."""
    contents = json.loads((SCHEMAS / f"{schema}.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(contents, registry=REGISTRY).validate(document)
    return document


@pytest.fixture(scope="module")
def service(built_home: Path) -> Iterator[str]:
    url, stop = start_server({"home": built_home, "timeout": 20.0, "workers": 2,
                              "max_request_bytes": 1 << 20})
    yield url
    stop()


def get(service: str, path: str, **params: str) -> Any:
    answer = fetch(service, path + ("?" + urlencode(params) if params else ""),
                   accept="application/json")
    assert answer.status == 200, answer.text
    assert answer.headers.get("access-control-allow-origin") == "*"
    return json.loads(answer.body)


def reconcile(service: str, queries: dict[str, Any], method: str = "POST") -> dict[str, Any]:
    """The answers to a batch, sent in batches of 100 (the service takes at most 200)."""
    keys = list(queries)
    if len(keys) > 100:
        answers: dict[str, Any] = {}
        for start in range(0, len(keys), 100):
            part = {k: queries[k] for k in keys[start:start + 100]}
            answers.update(reconcile(service, part, method))
        return answers
    answer = ask(service, {"queries": json.dumps(queries)}, method)
    assert answer.headers.get("access-control-allow-origin") == "*"
    return valid(json.loads(answer.body), "reconciliation-result-batch")


def ask(service: str, fields: dict[str, str], method: str):
    """The service's 200 answer to these form fields, sent by GET or as a POSTed form."""
    form = urlencode(fields)
    if method == "POST":
        answer = fetch(service, "/reconcile", method="POST", body=form.encode(),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        answer = fetch(service, "/reconcile?" + form)
    assert answer.status == 200, answer.text
    return answer


def batch(texts: list[str], **more: Any) -> dict[str, Any]:
    return {f"q{i}": {"query": text, **more} for i, text in enumerate(texts)}


def test_the_schemas_are_the_ones_published() -> None:
    names = {p.stem for p in SCHEMAS.glob("*.json")}
    assert {"manifest", "reconciliation-result-batch", "data-extension-response",
            "suggest-entities-response", "suggest-types-response",
            "suggest-properties-response", "data-extension-property-proposal"} <= names
    with pytest.raises(jsonschema.ValidationError):
        valid({"q0": {"result": [{"id": "x"}]}}, "reconciliation-result-batch")


def test_the_manifest(service: str) -> None:
    manifest = valid(get(service, "/reconcile"), "manifest")
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "https://w3id.org/jargraph/id/"
    assert manifest["schemaSpace"] == "https://w3id.org/jargraph/def#"
    assert {t["id"] for t in manifest["defaultTypes"]} == {"Area"}
    assert set(manifest["suggest"]) == {"entity", "type", "property"}
    assert "{{id}}" in manifest["preview"]["url"] and "{{id}}" in manifest["view"]["url"]
    assert manifest["extend"]["propose_properties"]["service_path"] == "/reconcile/properties"


def test_every_name_and_spelling_of_the_table_matches(service: str) -> None:
    texts = [text for text, _ in SPELLINGS]
    answers = reconcile(service, batch(texts, type="Area"))
    for i, (text, official) in enumerate(SPELLINGS):
        top = answers[f"q{i}"]["result"][0]
        assert top["match"] and top["name"] == official, text
        assert [c["match"] for c in answers[f"q{i}"]["result"]].count(True) == 1


def test_every_code_matches_by_get_too(service: str) -> None:
    codes = [(row["dfe_la_code"], row["name"]) for row in ROWS] + [
        (row["gss_code"], row["name"]) for row in ROWS]
    answers = reconcile(service, batch([c for c, _ in codes], type="Area"), method="GET")
    for i, (code, official) in enumerate(codes):
        top = answers[f"q{i}"]["result"][0]
        assert top["match"] and top["name"] == official, code


def test_annex_b_and_real_world_variants_match(service: str) -> None:
    texts = annex_b() + [t for t, _ in REAL_WORLD]
    answers = reconcile(service, batch(texts, type="Area"))
    wanted = [None] * len(annex_b()) + [official for _, official in REAL_WORLD]
    for i, text in enumerate(texts):
        top = answers[f"q{i}"]["result"][0]
        assert top["match"], (text, top["description"])
        assert wanted[i] is None or top["name"] == wanted[i]


def test_names_that_are_not_authorities_get_no_match(service: str) -> None:
    answers = reconcile(service, batch(NOT_AUTHORITIES, type="Area"))
    for i, text in enumerate(NOT_AUTHORITIES):
        for candidate in answers[f"q{i}"]["result"]:
            assert candidate["match"] is False, text
            assert "not a name or code the reference table knows" in candidate["description"]


def test_type_filters(service: str) -> None:
    answers = reconcile(service, {
        "area": {"query": "Leeds", "type": "Area"},
        "review": {"query": "Leeds JAR 2008", "type": "Review"},
        "jar": {"query": "Southampton", "type": "JointAreaReview"},
        "apa": {"query": "Southampton 2006", "type": "AnnualPerformanceAssessment"},
        "judgement": {"query": "LAC", "type": "JudgementArea"},
        "untyped": {"query": "safeguarding"},
    })
    assert answers["area"]["result"][0]["id"] == "area/leeds"
    assert {c["type"][0]["id"] for c in answers["area"]["result"]} == {"Area"}
    top = answers["review"]["result"][0]
    assert (top["id"], top["match"]) == ("review/jar-leeds-2008", True)
    assert answers["jar"]["result"][0]["id"] == "review/jar-southampton-2007"
    assert answers["jar"]["result"][0]["match"] is True
    assert answers["apa"]["result"][0]["id"] == "review/apa-southampton-2006"
    top = answers["judgement"]["result"][0]
    assert (top["id"], top["match"]) == ("judgement-area/looked-after-children", True)
    assert answers["untyped"]["result"][0]["id"] == "judgement-area/safeguarding"


def test_two_reviews_of_an_area_in_a_year_are_not_a_match(service: str) -> None:
    found = reconcile(service, {"q": {"query": "Leeds 2008", "type": "Review"}})["q"]["result"]
    assert {c["id"] for c in found} == {"review/jar-leeds-2008", "review/ca-leeds-2008"}
    assert not any(c["match"] for c in found)
    assert "give the year and kind" in found[0]["description"]


def test_property_constraints(service: str) -> None:
    answers = reconcile(service, {
        "agrees": {"query": "Richmond", "type": "Area",
                   "properties": [{"pid": "region", "v": "London"}]},
        "disagrees": {"query": "Leeds", "type": "Area",
                      "properties": [{"pid": "region", "v": "London"}]},
        "code only": {"type": "Area", "properties": [{"pid": "gssCode", "v": "E06000045"}]},
        "dfe": {"query": "Southampton", "type": "Area",
                "properties": [{"pid": "dfeCode", "v": ["852"]}]},
    })
    assert answers["agrees"]["result"][0]["name"] == "Richmond upon Thames"
    leeds = answers["disagrees"]["result"][0]
    assert leeds["name"] == "Leeds" and not leeds["match"]
    assert "Yorkshire and The Humber" in leeds["description"]
    assert answers["code only"]["result"][0]["name"] == "Southampton"
    assert answers["code only"]["result"][0]["match"]
    assert answers["dfe"]["result"][0]["match"]


def test_bad_queries_are_400_with_what_to_do(service: str) -> None:
    for queries, words in (
        ("not json", "not JSON"),
        (json.dumps([1]), "JSON object"),
        (json.dumps({"q": {"query": "Leeds", "type": "Planet"}}), "unknown type"),
        (json.dumps({"q": {"query": "Leeds", "limit": 0}}), "positive whole number"),
        (json.dumps({"q": {"properties": [{"pid": "colour", "v": "red"}]}}), "colour"),
        (json.dumps({"q": {}}), "needs a 'query'"),
    ):
        answer = fetch(service, "/reconcile?" + urlencode({"queries": queries}),
                       accept="application/json")
        assert answer.status == 400 and words in json.loads(answer.body)["message"]


def test_cors_preflight_for_post(service: str) -> None:
    answer = fetch(service, "/reconcile", method="OPTIONS", headers={
        "Origin": "http://127.0.0.1:3333", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert answer.status in (200, 204)
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "POST" in answer.headers["access-control-allow-methods"]
    assert "content-type" in answer.headers["access-control-allow-headers"].lower()


def test_preview(service: str) -> None:
    answer = fetch(service, "/reconcile/preview?id=" + quote("area/southampton", safe=""))
    assert answer.status == 200 and answer.media_type == "text/html"
    assert answer.headers["access-control-allow-origin"] == "*"
    text = answer.text
    assert "Southampton" in text and "E06000045" in text and "852" in text
    # the Southampton report's grades table: safeguarding 2
    assert re.search(r"Safeguarding</td><td class=\"num\">2<", text)
    missing = fetch(service, "/reconcile/preview?id=area/atlantis")
    assert missing.status == 404


def test_suggest(service: str) -> None:
    entities = valid(get(service, "/reconcile/suggest/entity", prefix="southa"),
                     "suggest-entities-response")
    assert entities["result"][0]["id"] == "area/southampton"
    by_code = valid(get(service, "/reconcile/suggest/entity", prefix="E06000045"),
                    "suggest-entities-response")
    assert by_code["result"][0]["id"] == "area/southampton"
    later = valid(get(service, "/reconcile/suggest/entity", prefix="a", cursor="10"),
                  "suggest-entities-response")
    first = valid(get(service, "/reconcile/suggest/entity", prefix="a"),
                  "suggest-entities-response")
    assert later["result"] and later["result"][0] not in first["result"]
    types = valid(get(service, "/reconcile/suggest/type", prefix="joint"),
                  "suggest-types-response")
    assert [t["id"] for t in types["result"]] == ["JointAreaReview"]
    props = valid(get(service, "/reconcile/suggest/property", prefix="gss"),
                  "suggest-properties-response")
    assert [p["id"] for p in props["result"]] == ["gssCode"]


def test_property_proposals(service: str) -> None:
    proposal = valid(get(service, "/reconcile/properties", type="Area"),
                     "data-extension-property-proposal")
    ids = [p["id"] for p in proposal["properties"]]
    assert {"gssCode", "dfeCode", "region", "grade/safeguarding"} <= set(ids)
    limited = valid(get(service, "/reconcile/properties", type="Area", limit="2"),
                    "data-extension-property-proposal")
    assert len(limited["properties"]) == 2


def extend(service: str, query: dict[str, Any], method: str = "POST") -> dict[str, Any]:
    answer = ask(service, {"extend": json.dumps(query)}, method)
    return valid(json.loads(answer.body), "data-extension-response")


def test_data_extension_adds_codes_region_and_grades(service: str) -> None:
    row = {r["name"]: r for r in ROWS}
    answer = extend(service, {
        "ids": ["area/southampton", "area/leicestershire", "area/leeds", "area/york"],
        "properties": [{"id": "gssCode"}, {"id": "dfeCode"}, {"id": "region"},
                       {"id": "grade/safeguarding", "settings": {"assessment": "jar"}},
                       {"id": "grade/capacity-to-improve",
                        "settings": {"assessment": "jar", "year": 2008}}]})
    assert [m["id"] for m in answer["meta"]] == ["gssCode", "dfeCode", "region",
                                                 "grade/safeguarding",
                                                 "grade/capacity-to-improve"]
    rows = answer["rows"]
    for entity, name in (("area/southampton", "Southampton"), ("area/leeds", "Leeds"),
                         ("area/leicestershire", "Leicestershire")):
        assert rows[entity]["gssCode"] == [{"str": row[name]["gss_code"]}]
        assert rows[entity]["dfeCode"] == [{"str": row[name]["dfe_la_code"]}]
        assert rows[entity]["region"] == [{"str": row[name]["region"]}]
    # grades tables of the Southampton (2007) and Leicestershire (2008) reports, and of the
    # Leeds council report on the Leeds review (2008)
    assert rows["area/southampton"]["grade/safeguarding"] == [{"int": 2}]
    assert rows["area/leicestershire"]["grade/safeguarding"] == [{"int": 3}]
    assert rows["area/leeds"]["grade/safeguarding"] == [{"int": 2}]
    assert rows["area/southampton"]["grade/capacity-to-improve"] == []  # a 2007 review
    assert rows["area/leicestershire"]["grade/capacity-to-improve"] == [{"int": 4}]
    assert rows["area/york"]["grade/safeguarding"] == []


def test_data_extension_of_reviews_by_get(service: str) -> None:
    answer = extend(service, {"ids": ["review/jar-leeds-2008"],
                              "properties": [{"id": "area"}, {"id": "year"},
                                             {"id": "grade/looked-after-children"}]},
                    method="GET")
    cells = answer["rows"]["review/jar-leeds-2008"]
    assert cells["area"] == [{"id": "area/leeds", "name": "Leeds"}]
    assert cells["year"] == [{"int": 2008}]
    assert cells["grade/looked-after-children"] == [{"int": 2}]


def test_bad_extension_queries(service: str) -> None:
    for query, words in (("{", "not JSON"), (json.dumps({"ids": ["area/leeds"]}), "'ids'"),
                         (json.dumps({"ids": [], "properties": [{"id": "colour"}]}),
                          "unknown property")):
        answer = fetch(service, "/reconcile?" + urlencode({"extend": query}),
                       accept="application/json")
        assert answer.status == 400 and words in json.loads(answer.body)["message"]


def test_the_table_is_the_one_matched() -> None:
    path = Path(__file__).resolve().parents[2] / "src/jargraph/data/reference/local-authorities.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(ROWS) == 154
