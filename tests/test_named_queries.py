"""The named query library: headers, parsing, parameter checks, OpenAPI and the web API."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from jargraph.named_queries import (
    TYPES,
    NamedQuery,
    ParameterError,
    QueryLibraryError,
    example_values,
    load_library,
    load_query,
)
from jargraph.web.openapi import openapi

ID = "https://w3id.org/jargraph/id/"


@pytest.fixture(scope="module")
def library() -> dict[str, NamedQuery]:
    return load_library()


def test_at_least_twenty_queries_with_complete_headers(library) -> None:
    assert len(library) >= 20
    for name, q in library.items():
        assert q.title and q.description, name
        assert q.example.startswith(f"jargraph query {name}"), name
        assert q.form in ("select", "construct", "ask", "describe"), name
        for p in q.parameters:
            assert p.type in TYPES
            assert p.description, (name, p.name)


def test_the_questions_of_the_issue_have_queries(library) -> None:
    assert {
        "area-grades", "grade-gap", "grades-against-national", "national-distribution",
        "distribution-consistency", "service-findings", "recurring-weaknesses",
        "recommendations-by-timeframe", "apa-vs-jar", "areas-in-national-reports",
        "provenance", "context-figures", "area-profile", "investigations",
        "findings-per-judgement-area", "areas-with-codes",
    } <= set(library)
    assert library["area-profile"].form == "construct"


def test_every_query_parses_as_written_rendered_and_as_in_its_example(library) -> None:
    empty = ox.Store()
    for name, q in library.items():
        for text in (q.sparql, q.render({}), q.render(example_values(q.example))):
            try:
                empty.query(text)
            except SyntaxError as exc:  # pragma: no cover - the message is the point
                pytest.fail(f"{name}: {exc}")


def test_header_fields_are_read(library) -> None:
    q = library["grade-gap"]
    assert q.title == "Areas graded lower in one judgement area than in another"
    first = q.parameter("first")
    assert (first.type, first.default) == ("judgement-area", "safeguarding")
    assert "looked-after-children" in first.allowed
    assert "continued" not in q.description
    assert q.description.startswith("Joint area reviews whose grade")


def test_rendering_expands_short_names_to_concept_iris(library) -> None:
    q = library["grade-gap"]
    text = q.render({"first": "looked-after-children", "second": "service-management"})
    assert f"<{ID}judgement-area/looked-after-children>" in text
    assert f"<{ID}judgement-area/service-management>" in text
    assert "?_first" not in text and "?_second" not in text


def test_area_values_resolve_through_the_reference_table(library) -> None:
    q = library["grades-against-national"]
    for value in ("stockton-on-tees", "Stockton", "Stockton-on-Tees Borough Council",
                  f"{ID}area/stockton-on-tees", "jarid:area/stockton-on-tees"):
        assert f"<{ID}area/stockton-on-tees>" in q.render({"area": value}), value


def test_theme_and_service_accept_labels(library) -> None:
    theme = library["theme-statements"].render({"theme": "Quality assurance"})
    assert f"<{ID}theme/quality-assurance>" in theme
    service = library["service-findings"].render({"service": "CAMHS"})
    assert f"<{ID}service/camhs>" in service


def test_optional_parameter_left_out_keeps_its_variable(library) -> None:
    q = library["recurring-weaknesses"]
    assert "?_theme" in q.render({})
    assert f"<{ID}theme/bullying>" in q.render({"theme": "bullying"})


def test_strings_are_escaped_never_pasted(library) -> None:
    q = library["areas-with-codes"]
    with pytest.raises(ParameterError):
        q.render({"region": 'London") } DROP ALL #'})
    from jargraph.named_queries import Parameter, string_literal, term_for

    assert string_literal('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    p = Parameter("text", "string")
    assert term_for(p, '"} ; DROP ALL ; #') == '"\\"} ; DROP ALL ; #"'


def test_iri_values_are_checked(library) -> None:
    q = library["provenance"]
    assert f"<{ID}review/jar-leeds-2008>" in q.render({"statement": f"{ID}review/jar-leeds-2008"})
    for bad in ("not an iri", "https://x.org/a b", "https://x.org/>} DROP ALL {<"):
        with pytest.raises(ParameterError, match="statement"):
            q.render({"statement": bad})


@pytest.mark.parametrize(
    ("name", "values", "parameter", "words"),
    [
        ("grade-gap", {"nope": "1"}, "nope", "has no parameter 'nope'"),
        ("grade-gap", {"first": "bananas"}, "first", "allowed: safeguarding"),
        ("grade-gap", {"first": "camhs"}, "first", "is not allowed"),
        ("areas-by-grade", {"grade": "7"}, "grade", "allowed: 1, 2, 3, 4"),
        ("areas-by-grade", {"grade": "two"}, "grade", "not a whole number"),
        ("recommendations", {"timeframe": "tomorrow"}, "timeframe", "immediate"),
        ("recommendations", {"area": "Atlantis"}, "area", "not an area"),
        ("areas-in-national-reports", {"role": "hero"}, "role", "reviewed, example"),
    ],
)
def test_bad_values_say_which_parameter_and_what_is_allowed(library, name, values, parameter,
                                                            words) -> None:
    with pytest.raises(ParameterError) as info:
        library[name].render(values)
    assert info.value.parameter == parameter
    assert words in str(info.value)
    assert name in str(info.value)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """# title: T
# description: D
# param area: type=area; default=leeds; description=The area
# example: jargraph query q --param area=leeds
SELECT ?r WHERE { ?r <https://w3id.org/jargraph/def#area> ?_area }
"""


def test_a_good_file_loads(tmp_path: Path) -> None:
    q = load_query(_write(tmp_path, "q", GOOD))
    assert q.parameters[0].name == "area" and q.form == "select"
    assert load_library(tmp_path)["q"].title == "T"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (GOOD.replace("# title: T", "# titel: T"), "q.rq:1: header line"),
        (GOOD.replace("type=area", "type=place"), "q.rq:3: parameter 'area' needs type="),
        (GOOD.replace("default=leeds", "default=atlantis"), "q.rq:3:"),
        (GOOD.replace("?_area", "?_place"), "declares no parameter 'place'"),
        (GOOD.replace("?_area", "?area"), "never uses ?_area"),
        (GOOD.replace("jargraph query q", "jargraph query other"), "q.rq:4: the example"),
        (GOOD.replace("# description: D\n", ""), "needs a '# description"),
        (GOOD.replace("type=area;", "type=area; colour=red;"), "unknown attribute"),
        (GOOD.replace("--param area=leeds", "--param area=atlantis"), "example does not run"),
    ],
)
def test_malformed_headers_name_file_and_line(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(QueryLibraryError) as info:
        load_query(_write(tmp_path, "q", text))
    assert words in str(info.value)
    assert "q.rq" in str(info.value)


def test_bad_file_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QueryLibraryError, match="lower-case words"):
        load_query(_write(tmp_path, "Bad_Name", GOOD))


def test_openapi_document_has_one_path_per_query_and_search(library) -> None:
    doc = openapi(library)
    assert doc["openapi"].startswith("3.")
    assert doc["info"]["title"]
    assert set(doc["paths"]) == {f"/api/queries/{name}" for name in library} | {"/api/search"}
    for name, q in library.items():
        op = doc["paths"][f"/api/queries/{name}"]["get"]
        names = [p["name"] for p in op["parameters"]]
        assert names == [p.name for p in q.parameters] + ["format"]
        for p in op["parameters"]:
            assert p["in"] == "query" and "schema" in p
        content = op["responses"]["200"]["content"]
        if q.form == "construct":
            assert set(content) == {"text/turtle", "application/ld+json"}
        else:
            assert set(content) == {"application/sparql-results+json", "text/csv",
                                    "text/tab-separated-values"}
        assert "400" in op["responses"] and "404" in op["responses"]
    grade = next(p for p in doc["paths"]["/api/queries/areas-by-grade"]["get"]["parameters"]
                 if p["name"] == "grade")
    assert grade["schema"] == {"type": "integer", "enum": [1, 2, 3, 4], "default": 2}


# ---------------------------------------------------------------- the web API, without a store


@pytest.fixture()
def client(tmp_path: Path):
    from jargraph.web import create_app, shutdown

    app = create_app({"home": str(tmp_path), "workers": 1})
    yield app.test_client()
    shutdown(app)


def test_api_bad_parameter_is_400_naming_it(client) -> None:
    r = client.get("/api/queries/grade-gap?first=bananas")
    assert r.status_code == 400
    body = r.get_json()
    assert body["parameter"] == "first"
    assert "safeguarding" in body["allowed"]
    assert "bananas" in body["message"]


def test_api_unknown_query_is_404(client) -> None:
    r = client.get("/api/queries/no-such-query")
    assert r.status_code == 404
    assert "no-such-query" in r.get_json()["message"]


def test_api_unknown_format_is_406(client) -> None:
    r = client.get("/api/queries/area-grades?format=ttl")
    assert r.status_code == 406
    assert "csv" in r.get_json()["message"]


def test_openapi_json_is_served(client, library) -> None:
    r = client.get("/api/openapi.json")
    assert r.status_code == 200
    assert len(r.get_json()["paths"]) == len(library) + 1


def test_library_listing_and_page(client, library) -> None:
    r = client.get("/api/queries")
    assert {q["name"] for q in r.get_json()["queries"]} == set(library)
    page = client.get("/queries").get_data(as_text=True)
    for q in library.values():
        assert f'href="/queries/{q.name}"' in page
    assert '<select name="first">' in page


def test_query_page_shows_a_bad_parameter(client) -> None:
    r = client.get("/queries/grade-gap?first=bananas")
    assert r.status_code == 400
    assert "bananas" in r.get_data(as_text=True)
