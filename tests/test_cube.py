"""The grades cube of a real build: well-formed, equal to the reports' grades tables, and
the same observations in its CSV on the Web form.

Expected grades are read from the grades tables of the JAR reports (and the Leeds
council report's table of the Leeds review) here, not from the code under test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from csvw import CSVW
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, QB, RDF, XSD

from jargraph import store
from jargraph.cube import DATASET, GRAPH, SDMX_DIMENSION, cube_graph, read_grades
from jargraph.cube_constraints import (
    CONSTRAINTS,
    IC_12,
    ask,
    duplicate_observations,
    normalised,
    violations,
)
from jargraph.ontology import vocabulary_graph
from jargraph.store.dataset import query
from jargraph.vocab import JAR

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "src" / "jargraph" / "data" / "reports"
ONS = "http://statistics.data.gov.uk/id/statistical-geography/"
ID = "https://w3id.org/jargraph/id/"
TABLE_ROWS = {
    "Safeguarding": "safeguarding",
    "Looked after children": "looked-after-children",
    "Learning difficulties and/or disabilities": "learning-difficulties-and-disabilities",
    "Service management": "service-management",
    "Capacity to improve": "capacity-to-improve",
}
# report file, GSS code (reference table), year of the review
REVIEWS = [
    ("jar-southampton-2007.txt", "E06000045", 2007),
    ("jar-leicestershire-2008.txt", "E10000018", 2008),
    ("leeds-executive-board-jar-2008.txt", "E08000035", 2008),
]


def grades_table(report: str) -> dict[str, int]:
    """The five rows 'Name<TAB>grade' of a report's grades table."""
    rows: dict[str, int] = {}
    for line in (REPORTS / report).read_text(encoding="utf-8").splitlines():
        found = re.fullmatch(r"([A-Z][^\t]*)\t([1-4])", line.strip())
        if found and found.group(1) in TABLE_ROWS and found.group(1) not in rows:
            rows[found.group(1)] = int(found.group(2))
    assert len(rows) == 5, report
    return {TABLE_ROWS[name]: grade for name, grade in rows.items()}


def cube_in_store(built_store: ox.Store) -> Graph:
    graph = Graph()
    data = built_store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(GRAPH)))
    graph.parse(data=data, format="nt")
    return graph


@pytest.fixture(scope="module")
def cube(built_store: ox.Store) -> Graph:
    return cube_in_store(built_store)


def test_the_cube_is_a_named_graph_of_the_build(cube: Graph, built_store: ox.Store) -> None:
    assert (DATASET, RDF.type, QB.DataSet) in cube
    in_default = query(built_store,
        "ASK { ?o <http://purl.org/linked-data/cube#dataSet> "
        "<https://w3id.org/jargraph/id/dataset/grades> }")
    assert bool(in_default)


def test_the_cube_passes_the_integrity_constraints(cube: Graph) -> None:
    assert violations(cube + vocabulary_graph()) == []


def test_ic_12_as_written_agrees(cube: Graph) -> None:
    checked = normalised(cube + vocabulary_graph())
    assert not ask(checked, CONSTRAINTS[IC_12])
    assert duplicate_observations(checked) == []


def test_the_constraints_catch_a_broken_cube(cube: Graph) -> None:
    broken = Graph() + cube
    observation = next(broken.subjects(JAR.gradeValue, None))
    twin = URIRef(str(observation) + "/twin")
    for p, o in broken.predicate_objects(observation):
        broken.add((twin, p, o))
    lonely = URIRef(str(DATASET) + "/lonely")
    broken.add((lonely, QB.dataSet, DATASET))
    broken.add((lonely, JAR.gradeValue, Literal(2, datatype=XSD.integer)))
    checked = normalised(broken + vocabulary_graph())
    assert ask(checked, CONSTRAINTS[IC_12])
    found = violations(broken + vocabulary_graph())
    assert any(v.startswith(IC_12) and str(twin) in v for v in found)
    assert "IC-11 All dimensions required" in found


def observed(cube: Graph, kind: str = "jar") -> dict[tuple[str, str, int], int]:
    """(GSS code, judgement area key, year) -> grade, for one kind, local services overall."""
    found = {}
    for obs in cube.subjects(QB.dataSet, DATASET):
        if cube.value(obs, JAR.assessmentKind) != URIRef(ID + "assessment-kind/" + kind):
            continue
        if cube.value(obs, JAR.scope) != URIRef(ID + "scope/local-services-overall"):
            continue
        area = str(cube.value(obs, SDMX_DIMENSION.refArea))
        judgement_area = str(cube.value(obs, JAR.judgementArea))
        year = str(cube.value(obs, SDMX_DIMENSION.refPeriod))
        if judgement_area.startswith(ID + "judgement-area/"):
            found[(area.removeprefix(ONS), judgement_area.rsplit("/", 1)[1],
                   int(year.rsplit("/", 1)[1]))] = int(cube.value(obs, JAR.gradeValue))
    return found


def test_the_grades_equal_the_reports_grades_tables(cube: Graph) -> None:
    expected = {(gss, key, year): grade for report, gss, year in REVIEWS
                for key, grade in grades_table(report).items()}
    assert observed(cube) == expected


def test_every_observation_has_its_judgement(cube: Graph) -> None:
    observations = set(cube.subjects(QB.dataSet, DATASET))
    assert len(observations) > 15
    for obs in observations:
        judgement = cube.value(obs, PROV.wasDerivedFrom)
        assert judgement is not None and str(obs).endswith(str(judgement)[len(ID):])


def test_the_dumped_cube_is_the_named_graph(built_home: Path, cube: Graph) -> None:
    dumped = Graph().parse(store.current_dumps_path(built_home) / "grades-cube.ttl")
    assert dumped.isomorphic(cube)


def csvw_triples(metadata: Path) -> set[tuple[str, str, str]]:
    """The triples csv2json's 'describes' objects stand for, prefixed names expanded."""
    prefixes = {"rdf": str(RDF), "qb": str(QB), "prov": str(PROV)}

    def full(name: str) -> str:
        prefix, _, rest = name.partition(":")
        return prefixes[prefix] + rest if prefix in prefixes else name

    table = CSVW(str(metadata)).to_json()["tables"][0]
    found = set()
    for row in table["row"]:
        for thing in row["describes"]:
            subject = thing["@id"]
            for prop, values in thing.items():
                if prop == "@id":
                    continue
                for value in values if isinstance(values, list) else [values]:
                    found.add((subject, full(prop), full(str(value))))
    return found


def test_the_csvw_metadata_validates(built_home: Path) -> None:
    metadata = store.current_dumps_path(built_home) / "grades.csv-metadata.json"
    checked = CSVW(str(metadata), validate=True)
    assert checked.is_valid, [str(w.message) for w in checked.warnings]


def test_the_csv_maps_to_the_same_observations(built_home: Path, cube: Graph) -> None:
    metadata = store.current_dumps_path(built_home) / "grades.csv-metadata.json"
    expected = {(str(s), str(p), str(o)) for s, p, o in cube
                if (s, QB.dataSet, DATASET) in cube}
    assert csvw_triples(metadata) == expected


def test_the_cube_is_written_from_the_built_store(built_home: Path, cube: Graph) -> None:
    built = store.open_read_only(built_home)
    grades, left_out = read_grades(built)
    assert left_out == []
    observations = {(s, p, o) for s, p, o in cube_graph(grades)
                    if (s, QB.dataSet, DATASET) in cube}
    assert observations == {(s, p, o) for s, p, o in cube if (s, QB.dataSet, DATASET) in cube}


def test_the_cube_is_downloadable_and_described_in_void(built_home: Path) -> None:
    from web.conftest import fetch, start_server

    url, stop = start_server({"home": built_home, "workers": 1, "timeout": 20.0})
    try:
        listing = fetch(url, "/data/", accept="text/html").text
        for name in ("grades-cube.ttl", "grades.csv", "grades.csv-metadata.json"):
            assert f'href="/data/{name}"' in listing
            assert fetch(url, f"/data/{name}").status == 200
        assert fetch(url, "/data/grades.csv").media_type == "text/csv"
        void = Graph().parse(data=fetch(url, "/void", accept="text/turtle").text,
                             format="turtle")
    finally:
        stop()
    dataset = URIRef("https://w3id.org/jargraph/id/dataset/jargraph")
    void_ns = "http://rdfs.org/ns/void#"
    dcat = "http://www.w3.org/ns/dcat#"
    assert (dataset, URIRef(void_ns + "subset"), DATASET) in void
    downloads = {str(o) for o in void.objects(DATASET, URIRef(dcat + "distribution"))}
    assert downloads == {f"{url}/data/{n}" for n in
                         ("grades-cube.ttl", "grades.csv", "grades.csv-metadata.json")}
    csv_media = void.value(URIRef(f"{url}/data/grades.csv"), URIRef(dcat + "mediaType"))
    assert str(csv_media).endswith("/text/csv")
