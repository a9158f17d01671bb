"""The grades as an RDF Data Cube, and the same table as CSV on the Web.

Every grade a review gave becomes one observation of the data set
``jarid:dataset/grades``, keyed on the dimensions other statistics use:

==================  ===========================================  =====================
component           property                                     value
==================  ===========================================  =====================
area                ``sdmx-dimension:refArea``                   ONS geography URI
judgement area      ``jar:judgementArea``                        jargraph concept
scope               ``jar:scope``                                local services / council
assessment          ``jar:assessmentKind``                       JAR, APA, CA, EYI
year                ``sdmx-dimension:refPeriod``                 reference.data.gov.uk year
grade (measure)     ``jar:gradeValue``                           4 outstanding ... 1
==================  ===========================================  =====================

Scope is a dimension because reviews of the September 2005 methodology
graded capacity to improve twice, for the area and for the council: without
it two observations would share every key. Each observation is
``prov:wasDerivedFrom`` the judgement it states.

:func:`add_cube` is a step of ``jargraph build``: it reads the grades from the
built store, writes the cube with rdflib, checks it against the Data Cube
integrity constraints (:mod:`jargraph.cube_constraints`) with the ontology
and schemes beside it, puts it in the store as the named graph
``graph/cube`` and writes ``grades-cube.ttl``, ``grades.csv`` and
``grades.csv-metadata.json`` (CSVW, whose column mappings give the same
observations) to the build's dumps. A cube that fails a constraint stays out
and the build says why.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, QB, VOID, XSD

from . import uris
from .cube_constraints import violations
from .ontology import vocabulary_graph
from .store import dataset
from .store.dataset import load_dataset
from .store.terms import to_rdflib
from .vocab import ID, JAR, ONS_GEOGRAPHY, PREFIXES

SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
YEAR = "http://reference.data.gov.uk/id/year/"
DATASET = URIRef(str(ID) + "dataset/grades")
STRUCTURE = URIRef(str(DATASET) + "/structure")
GRAPH = uris.graph("cube")
SCHEME = str(ID) + "scheme/assessment-kinds"
CUBE_FILE = "grades-cube.ttl"
CSV_FILE = "grades.csv"
METADATA_FILE = "grades.csv-metadata.json"
FILES = (CUBE_FILE, CSV_FILE, METADATA_FILE)

COMPONENTS: tuple[tuple[str, URIRef, str], ...] = (
    ("area", SDMX_DIMENSION.refArea, "dimension"),
    ("judgement-area", JAR.judgementArea, "dimension"),
    ("scope", JAR.scope, "dimension"),
    ("assessment", JAR.assessmentKind, "dimension"),
    ("year", SDMX_DIMENSION.refPeriod, "dimension"),
    ("grade", JAR.gradeValue, "measure"),
)
"""(name in the structure's IRIs, property, kind), in order."""

KINDS_QUERY = f"""
SELECT ?kind ?class WHERE {{ ?kind skos:inScheme <{SCHEME}> ; rdfs:seeAlso ?class }}"""
"""The assessment kinds and the class of the reviews of each (their scheme says)."""

GRADES_QUERY = """
SELECT ?judgement ?area ?area_name ?gss ?judgement_area ?judgement_area_label ?scope ?kind
       ?year ?grade ?grade_label WHERE {
  VALUES (?kind ?class) { KINDS }
  ?review a ?class ; jar:area ?area ; jar:year ?year .
  ?judgement jar:review ?review ; jar:judgementArea ?judgement_area ;
             jar:scope ?scope ; jar:grade ?grade_concept .
  ?grade_concept skos:notation ?grade .
  OPTIONAL { ?grade_concept skos:prefLabel ?grade_label }
  OPTIONAL { ?area skos:prefLabel ?area_name }
  OPTIONAL { ?area jar:gssCode ?gss }
  OPTIONAL { ?judgement_area skos:prefLabel ?judgement_area_label }
}"""
"""Every graded judgement of a review of a known kind. The kinds are given as VALUES, which
starts the join from the reviews: joining the scheme in the query took 20 times as long."""


@dataclass(frozen=True)
class Grade:
    """One grade a review gave: one row of the CSV, one observation of the cube."""

    judgement: str
    area: str
    area_name: str
    gss_code: str
    judgement_area: str
    judgement_area_label: str
    scope: str
    """The scope's short name: ``local-services-overall`` or ``council``."""
    assessment: str
    """The assessment kind's short name: ``jar``, ``apa`` ..."""
    year: int
    grade: int
    grade_label: str

    @property
    def observation(self) -> URIRef:
        """``jarid:dataset/grades/`` + the judgement's path under ``jarid:``."""
        return URIRef(f"{DATASET}/{self.judgement[len(str(ID)):]}")


def _short(iri: str, kind: str) -> str:
    return iri.split(f"/{kind}/", 1)[-1]


def _texts(row: ox.QuerySolution):
    def text(name: str) -> str:
        term = row[name]
        return term.value if term is not None else ""
    return text


def read_grades(oxi: ox.Store) -> tuple[list[Grade], list[str]]:
    """The grades of the built store, and the judgements left out with why."""
    kinds = dataset.query(oxi, KINDS_QUERY, PREFIXES)
    assert isinstance(kinds, ox.QuerySolutions)
    values = " ".join(f"({row['kind']} {row['class']})" for row in kinds)
    solutions = dataset.query(oxi, GRADES_QUERY.replace("KINDS", values), PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    grades, left_out = [], []
    for row in solutions:
        text = _texts(row)
        if not text("gss"):
            left_out.append(f"{text('judgement')}: its area {text('area')} has no GSS code")
            continue
        grades.append(Grade(
            judgement=text("judgement"), area=text("area"), area_name=text("area_name"),
            gss_code=text("gss"), judgement_area=text("judgement_area"),
            judgement_area_label=text("judgement_area_label"),
            scope=_short(text("scope"), "scope"),
            assessment=_short(text("kind"), "assessment-kind"),
            year=int(text("year")[:4]), grade=int(text("grade")),
            grade_label=text("grade_label")))
    grades.sort(key=lambda g: g.judgement)
    return grades, sorted(left_out)


def structure_graph() -> Graph:
    """The data set and its structure definition, and the SDMX dimensions it uses."""
    g = Graph()
    g.add((DATASET, RDF.type, QB.DataSet))
    g.add((DATASET, RDFS.label, Literal("Grades of the reviews", lang="en")))
    g.add((DATASET, DCTERMS.title, Literal("Grades of the reviews", lang="en")))
    g.add((DATASET, DCTERMS.description, Literal(
        "Every grade a joint area review, annual performance assessment, corporate assessment "
        "or enhanced youth inspection in jargraph gave, by area (the ONS statistical-geography "
        "URI), judgement area, scope, kind of assessment and year: 4 outstanding, 3 good, "
        "2 adequate, 1 inadequate. Each observation is derived from the judgement it states.",
        lang="en")))
    g.add((DATASET, QB.structure, STRUCTURE))
    g.add((STRUCTURE, RDF.type, QB.DataStructureDefinition))
    g.add((STRUCTURE, RDFS.label, Literal("Structure of the grades cube", lang="en")))
    for order, (name, prop, kind) in enumerate(COMPONENTS, start=1):
        spec = URIRef(f"{STRUCTURE}/{name}")
        g.add((STRUCTURE, QB.component, spec))
        g.add((spec, RDF.type, QB.ComponentSpecification))
        g.add((spec, QB[kind], prop))
        if kind == "dimension":
            g.add((spec, QB.order, Literal(order)))
    for prop, label in ((SDMX_DIMENSION.refArea, "Reference area"),
                        (SDMX_DIMENSION.refPeriod, "Reference period")):
        g.add((prop, RDF.type, QB.DimensionProperty))
        g.add((prop, RDF.type, RDF.Property))
        g.add((prop, RDFS.label, Literal(label, lang="en")))
        g.add((prop, RDFS.range, RDFS.Resource))
        g.add((prop, RDFS.isDefinedBy, URIRef(str(SDMX_DIMENSION)[:-1])))
    return g


def observation_triples(grade: Grade) -> list[ox.Triple]:
    """The triples of one observation: exactly what the CSVW metadata maps a row to."""
    obs = ox.NamedNode(grade.observation)
    return [ox.Triple(obs, _RDF_TYPE, _OBSERVATION),
            ox.Triple(obs, _RDF_TYPE, _GRADE_OBSERVATION),
            ox.Triple(obs, _DATA_SET, _DATASET),
            ox.Triple(obs, _REF_AREA, ox.NamedNode(ONS_GEOGRAPHY + grade.gss_code)),
            ox.Triple(obs, _JUDGEMENT_AREA, ox.NamedNode(grade.judgement_area)),
            ox.Triple(obs, _SCOPE, ox.NamedNode(uris.concept("scope", grade.scope))),
            ox.Triple(obs, _ASSESSMENT_KIND,
                      ox.NamedNode(uris.concept("assessment-kind", grade.assessment))),
            ox.Triple(obs, _REF_PERIOD, ox.NamedNode(f"{YEAR}{grade.year}")),
            ox.Triple(obs, _GRADE_VALUE, ox.Literal(str(grade.grade), datatype=_INTEGER)),
            ox.Triple(obs, _DERIVED_FROM, ox.NamedNode(grade.judgement))]


_RDF_TYPE, _OBSERVATION = ox.NamedNode(RDF.type), ox.NamedNode(QB.Observation)
_GRADE_OBSERVATION, _DATA_SET = ox.NamedNode(JAR.GradeObservation), ox.NamedNode(QB.dataSet)
_DATASET, _REF_AREA = ox.NamedNode(DATASET), ox.NamedNode(SDMX_DIMENSION.refArea)
_JUDGEMENT_AREA, _SCOPE = ox.NamedNode(JAR.judgementArea), ox.NamedNode(JAR.scope)
_ASSESSMENT_KIND = ox.NamedNode(JAR.assessmentKind)
_REF_PERIOD, _GRADE_VALUE = ox.NamedNode(SDMX_DIMENSION.refPeriod), ox.NamedNode(JAR.gradeValue)
_INTEGER, _DERIVED_FROM = ox.NamedNode(XSD.integer), ox.NamedNode(PROV.wasDerivedFrom)


def cube_triples(grades: list[Grade]) -> list[ox.Triple]:
    """The cube: its structure, then an observation per grade, each triple once. Made as
    Oxigraph's terms, which the build loads and writes: as an rdflib graph, a thousand
    reports' 220,000 triples took most of the cube's time to make and write."""
    structure = ox.parse(structure_graph().serialize(format="nt", encoding="utf-8"),
                         ox.RdfFormat.N_TRIPLES)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in structure]
    for grade in grades:
        triples.extend(observation_triples(grade))
    return list(dict.fromkeys(triples))


def cube_graph(grades: list[Grade]) -> Graph:
    """The cube as an rdflib graph."""
    g = Graph()
    g.addN((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), g)
           for t in cube_triples(grades))
    return g


# ---------------------------------------------------------------- CSV on the Web

CSV_COLUMNS = ("observation", "area_name", "gss_code", "area", "judgement_area",
               "judgement_area_label", "scope", "assessment", "year", "grade", "grade_label",
               "judgement")


def csv_text(grades: list[Grade]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for g in grades:
        writer.writerow([str(g.observation), g.area_name, g.gss_code, g.area, g.judgement_area,
                         g.judgement_area_label, g.scope, g.assessment, g.year, g.grade,
                         g.grade_label, g.judgement])
    return out.getvalue()


def _column(name: str, title: str, description: str, datatype: str | dict = "string",
            **more: object) -> dict[str, object]:
    return {"name": name, "titles": title, "dc:description": description,
            "datatype": datatype, "required": True, **more}


def csvw_metadata() -> dict[str, object]:
    """CSV on the Web metadata for ``grades.csv``: the columns, and how each row becomes
    the cube's observation (``aboutUrl``, ``propertyUrl``, ``valueUrl``)."""
    jar, scope, kind = str(JAR), str(ID) + "scope/", str(ID) + "assessment-kind/"
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": CSV_FILE,
        "dc:title": "Grades of the reviews",
        "dc:description": "One row per grade a review gave; the same observations as the "
                          f"RDF Data Cube {DATASET} ({CUBE_FILE}).",
        "dc:source": str(DATASET),
        "tableSchema": {
            "aboutUrl": "{+observation}",
            "primaryKey": "observation",
            "columns": [
                _column("observation", "observation", "The cube observation's IRI.",
                        suppressOutput=True),
                _column("area_name", "area name", "The authority's official name.",
                        suppressOutput=True),
                _column("gss_code", "GSS code", "The area's ONS GSS code (April 2009).",
                        propertyUrl=str(SDMX_DIMENSION.refArea),
                        valueUrl=ONS_GEOGRAPHY + "{gss_code}"),
                _column("area", "area", "The area's jargraph IRI.", "anyURI",
                        suppressOutput=True),
                _column("judgement_area", "judgement area", "What the grade is for.",
                        propertyUrl=jar + "judgementArea", valueUrl="{+judgement_area}"),
                _column("judgement_area_label", "judgement area label",
                        "The judgement area's name.", suppressOutput=True),
                _column("scope", "scope", "Whose contribution: local-services-overall or "
                        "council.", propertyUrl=jar + "scope", valueUrl=scope + "{scope}"),
                _column("assessment", "assessment", "The kind of review: jar, apa, "
                        "corporate-assessment or enhanced-youth-inspection.",
                        propertyUrl=jar + "assessmentKind", valueUrl=kind + "{assessment}"),
                _column("year", "year", "The review's year.", "gYear",
                        propertyUrl=str(SDMX_DIMENSION.refPeriod), valueUrl=YEAR + "{year}"),
                _column("grade", "grade", "4 outstanding, 3 good, 2 adequate, 1 inadequate.",
                        {"base": "integer", "minimum": 1, "maximum": 4},
                        propertyUrl=jar + "gradeValue"),
                _column("grade_label", "grade label", "The grade in words.",
                        suppressOutput=True),
                _column("judgement", "judgement", "The judgement the grade was read from.",
                        propertyUrl=str(PROV.wasDerivedFrom),
                        valueUrl="{+judgement}"),
                {"name": "type", "virtual": True, "propertyUrl": "rdf:type",
                 "valueUrl": str(QB.Observation)},
                {"name": "grade_observation", "virtual": True, "propertyUrl": "rdf:type",
                 "valueUrl": jar + "GradeObservation"},
                {"name": "dataset", "virtual": True, "propertyUrl": str(QB.dataSet),
                 "valueUrl": str(DATASET)},
            ],
        },
    }


def describe(g: Graph, dataset: URIRef, base_url: str, dumps: list[str]) -> None:
    """The cube as a subset of ``dataset`` in the VoID description, with its downloads
    (Turtle, and CSV with its CSVW metadata) when the build wrote them."""
    if CUBE_FILE not in dumps:
        return
    g.add((dataset, VOID.subset, DATASET))
    g.add((DATASET, RDF.type, DCAT.Dataset))
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, DCTERMS.title, Literal("Grades of the reviews", lang="en")))
    g.add((DATASET, VOID.dataDump, URIRef(f"{base_url}/data/{CUBE_FILE}")))
    for name, media, conforms in (
        (CUBE_FILE, "text/turtle", "http://www.w3.org/TR/vocab-data-cube/"),
        (CSV_FILE, "text/csv", "http://www.w3.org/TR/tabular-data-model/"),
        (METADATA_FILE, "application/csvm+json", "http://www.w3.org/TR/tabular-metadata/"),
    ):
        if name not in dumps:
            continue
        dist = URIRef(f"{base_url}/data/{name}")
        g.add((DATASET, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(name)))
        g.add((dist, DCAT.downloadURL, dist))
        g.add((dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/"
                                            + media)))
        g.add((dist, DCTERMS.conformsTo, URIRef(conforms)))
    g.add((URIRef(f"{base_url}/data/{CSV_FILE}"), DCTERMS.description,
           Literal(f"Described by {base_url}/data/{METADATA_FILE} (CSV on the Web)", lang="en")))


# ---------------------------------------------------------------- the build step


def _stated(oxi: ox.Store, triple: ox.Triple) -> bool:
    """Whether another graph already states the triple (each triple has one home). Only
    triples about things outside the cube (the SDMX dimensions) can be."""
    subject = triple.subject
    if isinstance(subject, ox.NamedNode) and subject.value.startswith(str(DATASET)):
        return False
    return next(oxi.quads_for_pattern(subject, triple.predicate, triple.object, None),
                None) is not None


def add_cube(folder: Path, problems: list[str]) -> None:
    """Write the grades cube of the build in ``folder`` into its store and dumps. A
    judgement that cannot be an observation, or a constraint the cube fails, is added
    to ``problems``."""
    oxi = ox.Store(str(folder / "oxigraph"))
    grades, left_out = read_grades(oxi)
    problems.extend(f"grades cube: {why}; the grade is left out of the cube"
                    for why in left_out)
    triples = cube_triples(grades)
    failed = violations(triples, vocabulary_graph())
    if failed:
        problems.append("grades cube: it fails the Data Cube integrity constraints "
                        f"{'; '.join(failed)}; the cube is left out of this build")
        return
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(GRAPH)))
             for t in triples if not _stated(oxi, t)]
    load_dataset(oxi, ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"",
                 ox.RdfFormat.N_QUADS)
    dumps = folder / "dumps"
    dumps.mkdir(exist_ok=True)
    ox.serialize(sorted(triples, key=str), dumps / CUBE_FILE,
                 ox.RdfFormat.TURTLE, prefixes={**PREFIXES, "sdmx-dimension": str(SDMX_DIMENSION)})
    (dumps / CSV_FILE).write_text(csv_text(grades), encoding="utf-8", newline="")
    (dumps / METADATA_FILE).write_text(json.dumps(csvw_metadata(), indent=2) + "\n",
                                       encoding="utf-8")


__all__ = ["COMPONENTS", "CSV_COLUMNS", "DATASET", "FILES", "GRAPH", "Grade", "add_cube",
           "csv_text", "csvw_metadata", "cube_graph", "cube_triples", "describe", "read_grades",
           "structure_graph"]
