"""The integrity constraints of the RDF Data Cube Vocabulary, run on a graph.

A cube is *well-formed* when, after the specification's normalisation
algorithm has been applied, none of the integrity constraints IC-1 to IC-21
finds a violation: each is an ASK query that answers true when the graph
breaks it. The queries and the normalisation updates below are those of
The RDF Data Cube Vocabulary, W3C Recommendation 16 January 2014, section 11
(https://www.w3.org/TR/vocab-data-cube/#wf), Copyright (c) 2014 W3C (MIT,
ERCIM, Keio, Beihang), used under the W3C Document License. IC-20 and IC-21
are templates, instantiated once for each parent-child property a
hierarchical code list declares; a graph with no such code list has nothing
for them to check.

IC-12 (no two observations with the same dimension values) compares every
pair of observations of a data set, which takes hours at 100,000
observations. :func:`violations` answers it by grouping the observations by
their dimension values instead, which says the same of a graph in which
every observation has one value for each dimension (IC-11 and the
one-valued dimensions of jargraph's cubes); :func:`ask` runs the query as
written, which the tests do on the built cube.
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
from rdflib import Graph

PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

NORMALISE_PHASE_1 = """
INSERT { ?o rdf:type qb:Observation . } WHERE { [] qb:observation ?o . };
INSERT { ?o rdf:type qb:Observation . ?ds rdf:type qb:DataSet . } WHERE { ?o qb:dataSet ?ds . };
INSERT { ?s rdf:type qb:Slice . } WHERE { [] qb:slice ?s . };
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty . }
  WHERE { ?cs qb:dimension ?p . };
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty . }
  WHERE { ?cs qb:measure ?p . };
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty . }
  WHERE { ?cs qb:attribute ?p . }
"""
"""Type and property closure."""

NORMALISE_PHASE_2 = """
INSERT { ?obs ?comp ?value } WHERE {
  ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:DataSet .
  ?dataset qb:structure [ qb:component ?spec ] ; ?comp ?value .
  ?obs qb:dataSet ?dataset .
};
INSERT { ?obs ?comp ?value } WHERE {
  ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:Slice .
  ?dataset qb:structure [ qb:component ?spec ] ; qb:slice ?slice .
  ?slice ?comp ?value ; qb:observation ?obs .
};
INSERT { ?obs ?comp ?value } WHERE {
  ?spec qb:componentProperty ?comp .
  ?comp a qb:DimensionProperty .
  ?dataset qb:structure [ qb:component ?spec ] ; qb:slice ?slice .
  ?slice ?comp ?value ; qb:observation ?obs .
}
"""
"""Push down attachment levels."""

CONSTRAINTS: dict[str, str] = {
    "IC-1 Unique DataSet": """ASK {
  { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?dataset1 . } }
  UNION
  { ?obs a qb:Observation ; qb:dataSet ?dataset1, ?dataset2 . FILTER (?dataset1 != ?dataset2) }
}""",
    "IC-2 Unique DSD": """ASK {
  { ?dataset a qb:DataSet . FILTER NOT EXISTS { ?dataset qb:structure ?dsd . } }
  UNION
  { ?dataset a qb:DataSet ; qb:structure ?dsd1, ?dsd2 . FILTER (?dsd1 != ?dsd2) }
}""",
    "IC-3 DSD includes measure": """ASK {
  ?dsd a qb:DataStructureDefinition .
  FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty [a qb:MeasureProperty]] }
}""",
    "IC-4 Dimensions have range": """ASK {
  ?dim a qb:DimensionProperty .
  FILTER NOT EXISTS { ?dim rdfs:range [] }
}""",
    "IC-5 Concept dimensions have code lists": """ASK {
  ?dim a qb:DimensionProperty ; rdfs:range skos:Concept .
  FILTER NOT EXISTS { ?dim qb:codeList [] }
}""",
    "IC-6 Only attributes may be optional": """ASK {
  ?dsd qb:component ?componentSpec .
  ?componentSpec qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?component .
  FILTER NOT EXISTS { ?component a qb:AttributeProperty }
}""",
    "IC-7 Slice Keys must be declared": """ASK {
  ?sliceKey a qb:SliceKey .
  FILTER NOT EXISTS { [a qb:DataStructureDefinition] qb:sliceKey ?sliceKey }
}""",
    "IC-8 Slice Keys consistent with DSD": """ASK {
  ?slicekey a qb:SliceKey ; qb:componentProperty ?prop .
  ?dsd qb:sliceKey ?slicekey .
  FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty ?prop] }
}""",
    "IC-9 Unique slice structure": """ASK {
  { ?slice a qb:Slice . FILTER NOT EXISTS { ?slice qb:sliceStructure ?key } }
  UNION
  { ?slice a qb:Slice ; qb:sliceStructure ?key1, ?key2 . FILTER (?key1 != ?key2) }
}""",
    "IC-10 Slice dimensions complete": """ASK {
  ?slice qb:sliceStructure [qb:componentProperty ?dim] .
  FILTER NOT EXISTS { ?slice ?dim [] }
}""",
    "IC-11 All dimensions required": """ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty ;
  FILTER NOT EXISTS { ?obs ?dim [] }
}""",
    "IC-12 No duplicate observations": """ASK {
  FILTER( ?allEqual )
  {
    SELECT (MIN(?equal) AS ?allEqual) WHERE {
      ?obs1 qb:dataSet ?dataset .
      ?obs2 qb:dataSet ?dataset .
      FILTER (?obs1 != ?obs2)
      ?dataset qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty .
      ?obs1 ?dim ?value1 .
      ?obs2 ?dim ?value2 .
      BIND( ?value1 = ?value2 AS ?equal)
    } GROUP BY ?obs1 ?obs2
  }
}""",
    "IC-13 Required attributes": """ASK {
  ?obs qb:dataSet/qb:structure/qb:component ?component .
  ?component qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?attr .
  FILTER NOT EXISTS { ?obs ?attr [] }
}""",
    "IC-14 All measures present": """ASK {
  ?obs qb:dataSet/qb:structure ?dsd .
  FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
  ?dsd qb:component/qb:componentProperty ?measure .
  ?measure a qb:MeasureProperty;
  FILTER NOT EXISTS { ?obs ?measure [] }
}""",
    "IC-15 Measure dimension consistent": """ASK {
  ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure .
  ?dsd qb:component/qb:componentProperty qb:measureType .
  FILTER NOT EXISTS { ?obs ?measure [] }
}""",
    "IC-16 Single measure on measure dimension observation": """ASK {
  ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure ; ?omeasure [] .
  ?dsd qb:component/qb:componentProperty qb:measureType ;
       qb:component/qb:componentProperty ?omeasure .
  ?omeasure a qb:MeasureProperty .
  FILTER (?omeasure != ?measure)
}""",
    "IC-17 All measures present in measures dimension cube": """ASK {
  {
    SELECT ?numMeasures (COUNT(?obs2) AS ?count) WHERE {
      {
        SELECT ?dsd (COUNT(?m) AS ?numMeasures) WHERE {
          ?dsd qb:component/qb:componentProperty ?m.
          ?m a qb:MeasureProperty .
        } GROUP BY ?dsd
      }
      ?obs1 qb:dataSet/qb:structure ?dsd; qb:dataSet ?dataset ; qb:measureType ?m1 .
      ?obs2 qb:dataSet ?dataset ; qb:measureType ?m2 .
      FILTER NOT EXISTS {
        ?dsd qb:component/qb:componentProperty ?dim .
        FILTER (?dim != qb:measureType)
        ?dim a qb:DimensionProperty .
        ?obs1 ?dim ?v1 .
        ?obs2 ?dim ?v2.
        FILTER (?v1 != ?v2)
      }
    } GROUP BY ?obs1 ?numMeasures
      HAVING (?count != ?numMeasures)
  }
}""",
    "IC-18 Consistent data set links": """ASK {
  ?dataset qb:slice ?slice .
  ?slice qb:observation ?obs .
  FILTER NOT EXISTS { ?obs qb:dataSet ?dataset . }
}""",
    "IC-19 Codes from code list (concept scheme)": """ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty ; qb:codeList ?list .
  ?list a skos:ConceptScheme .
  ?obs ?dim ?v .
  FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list }
}""",
    "IC-19 Codes from code list (collection)": """ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty ; qb:codeList ?list .
  ?list a skos:Collection .
  ?obs ?dim ?v .
  FILTER NOT EXISTS { ?v a skos:Concept . ?list skos:member+ ?v }
}""",
}
"""Each constraint's ASK query: true means the graph violates it."""

HIERARCHY_TEMPLATES: dict[str, tuple[str, str]] = {
    "IC-20 Codes from hierarchy": (
        """SELECT ?p WHERE {
  ?hierarchy a qb:HierarchicalCodeList ; qb:parentChildProperty ?p .
  FILTER ( isIRI(?p) )
}""",
        """ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty ; qb:codeList ?list .
  ?list a qb:HierarchicalCodeList .
  ?obs ?dim ?v .
  FILTER NOT EXISTS { ?list qb:hierarchyRoot/<$p>* ?v }
}"""),
    "IC-21 Codes from hierarchy (inverse)": (
        """SELECT ?p WHERE {
  ?hierarchy a qb:HierarchicalCodeList; qb:parentChildProperty ?pcp .
  FILTER( isBlank(?pcp) )
  ?pcp owl:inverseOf ?p .
  FILTER( isIRI(?p) )
}""",
        """ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty ; qb:codeList ?list .
  ?list a qb:HierarchicalCodeList .
  ?obs ?dim ?v .
  FILTER NOT EXISTS { ?list qb:hierarchyRoot/(^<$p>)* ?v }
}"""),
}
"""The query listing the parent-child properties, and the ASK each is put into."""

IC_12 = "IC-12 No duplicate observations"

DIMENSION_VALUES = """
SELECT ?dataset ?obs ?dim ?value WHERE {
  ?obs qb:dataSet ?dataset .
  ?dataset qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty .
  ?obs ?dim ?value .
}"""


def normalised(*graphs: Graph | list[ox.Triple]) -> ox.Store:
    """The graphs (rdflib's, or lists of Oxigraph's triples) together in an in-memory
    store, normalised as section 10 of the specification says."""
    store = ox.Store()
    for graph in graphs:
        if isinstance(graph, Graph):
            store.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
        else:
            store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in graph)
    store.update(PREFIXES + NORMALISE_PHASE_1)
    store.update(PREFIXES + NORMALISE_PHASE_2)
    return store


def ask(store: ox.Store, query: str) -> bool:
    answer = store.query(PREFIXES + query)
    assert isinstance(answer, ox.QueryBoolean)
    return bool(answer)


def instantiated(store: ox.Store) -> dict[str, str]:
    """IC-20 and IC-21 once for each parent-child property of the graph's hierarchies."""
    found: dict[str, str] = {}
    for name, (listing, template) in HIERARCHY_TEMPLATES.items():
        solutions = store.query(PREFIXES + listing)
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            prop = row["p"]
            assert isinstance(prop, ox.NamedNode)
            found[f"{name} <{prop.value}>"] = template.replace("$p", prop.value)
    return found


def duplicate_observations(store: ox.Store) -> list[tuple[str, ...]]:
    """Sets of observations of one data set that share every dimension value (IC-12)."""
    values: dict[tuple[str, str], set[tuple[str, str]]] = {}
    solutions = store.query(PREFIXES + DIMENSION_VALUES)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        key = (str(row["dataset"]), str(row["obs"]))
        values.setdefault(key, set()).add((str(row["dim"]), str(row["value"])))
    groups: dict[tuple[str, frozenset[tuple[str, str]]], list[str]] = {}
    for (dataset, obs), dims in values.items():
        groups.setdefault((dataset, frozenset(dims)), []).append(obs)
    counts = Counter({key: len(obs) for key, obs in groups.items()})
    return [tuple(sorted(groups[key])) for key, n in counts.items() if n > 1]


def violations(*graphs: Graph | list[ox.Triple]) -> list[str]:
    """The constraints the normalised graphs, taken together, violate (an empty list: they
    are well-formed), each with an example where one can be given."""
    store = normalised(*graphs)
    failed = []
    for name, query in {**CONSTRAINTS, **instantiated(store)}.items():
        if name == IC_12:
            duplicates = duplicate_observations(store)
            if duplicates:
                failed.append(f"{name}: {', '.join(duplicates[0])} share every dimension value")
        elif ask(store, query):
            failed.append(name)
    return failed


__all__ = ["CONSTRAINTS", "HIERARCHY_TEMPLATES", "ask", "duplicate_observations",
           "instantiated", "normalised", "violations"]
