"""Records -> RDF: one rdflib graph per source document, with provenance.

Every judgement, finding, recommendation, figure, count and example is tied to
the passage it was read from by ``prov:wasDerivedFrom`` and, qualified, by a
``prov:Derivation`` that carries the quoted text and the source line. Findings
and recommendations are linked to the services they mention, recommendations
to their addressees, figures to their measures, by the rules in the schemes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF, RDFS, SKOS, XSD

from . import uris
from .model import (
    Document,
    Finding,
    Judgement,
    ReaderWarning,
    Recommendation,
    Review,
    Source,
)
from .ontology import schemes_graph
from .tagging import Matcher, matcher_for
from .vocab import (
    GRADES,
    ID,
    JAR,
    JUDGEMENT_AREAS,
    OUTCOME_AREAS,
    PREFIXES,
    SCOPES,
    TIMEFRAMES,
)

MAX_QUOTATION = 600
"""Longer source text is left on the passage, not repeated on each statement."""

DOCUMENT_CLASSES = {
    "jar-report": JAR.ReviewReport,
    "council-report": JAR.CouncilReport,
    "national-outcomes": JAR.NationalReport,
    "national-overview": JAR.NationalReport,
}
REVIEW_CLASSES = {
    "jar": JAR.JointAreaReview,
    "apa": JAR.AnnualPerformanceAssessment,
    "corporate-assessment": JAR.CorporateAssessment,
    "enhanced-youth-inspection": JAR.EnhancedYouthInspection,
}
REVIEW_NAMES = {
    "jar": "Joint area review",
    "apa": "Annual performance assessment",
    "corporate-assessment": "Corporate assessment (children and young people)",
    "enhanced-youth-inspection": "Enhanced youth inspection",
}
FINDING_CLASSES = {
    ("strength", True): JAR.MajorStrength,
    ("weakness", True): JAR.ImportantWeakness,
    ("strength", False): JAR.Strength,
    ("weakness", False): JAR.Weakness,
    ("area-for-development", True): JAR.AreaForDevelopment,
    ("area-for-development", False): JAR.AreaForDevelopment,
    ("key-finding", False): JAR.KeyFinding,
    ("key-finding", True): JAR.KeyFinding,
}

EARLIER_GRADE_RULES: tuple[tuple[str, str, str], ...] = (
    # (pattern in the printed item, judgement-area key, scope): most specific first.
    (r"capacity for improvement .* in the council", "capacity-to-improve", "council"),
    (r"capacity for improvement .* local area", "capacity-to-improve", "local-services-overall"),
    (r"council's capacity to improve", "council-capacity-to-improve", "council"),
    (r"overall contribution of the council", "council-overall-contribution", "council"),
    (r"council's education services", "council-education-services", "council"),
    (r"council's social care services", "council-social-care-services", "council"),
    (r"health service", "health-services", "local-services-overall"),
    (r"being healthy", "being-healthy", "local-services-overall"),
    (r"staying safe", "staying-safe", "local-services-overall"),
    (r"enjoying and achieving", "enjoying-and-achieving", "local-services-overall"),
    (r"positive contribution", "making-a-positive-contribution", "local-services-overall"),
    (r"economic well-being", "achieving-economic-well-being", "local-services-overall"),
    (r"service management", "service-management", "local-services-overall"),
)
"""How the thirteen grades of the 2005 methodology map onto judgement areas and scopes."""


class EncodingProblem(Exception):
    """A record that cannot be encoded: names the file, line and what to fix."""


def scheme(name: str) -> URIRef:
    return uris.thing("scheme", name)


@cache
def matcher(name: str) -> Matcher:
    return matcher_for(schemes_graph(), scheme(name))


@dataclass
class Encoder:
    """Encodes one document; collects warnings for things it could not link."""

    doc: Document
    area_uri: Callable[[str, Source | None], URIRef]
    """Resolves an area name as written to the area's URI (see ``jargraph.links``)."""
    graph: Graph = field(default_factory=Graph)
    warnings: list[ReaderWarning] = field(default_factory=list)
    _passages: dict[URIRef, Source] = field(default_factory=dict)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.graph.add((s, p, o))

    def text(self, s: URIRef, p: URIRef, value: str | None) -> None:
        """An English text on one line, whitespace squashed (a statement, a quotation)."""
        if value and value.strip():
            self.add(s, p, Literal(" ".join(value.split()), lang="en"))

    def lines(self, s: URIRef, p: URIRef, value: str | None) -> None:
        """An English text of several lines (a passage: its paragraph, list items, table
        rows and cells each a line, as the reader met them), whitespace squashed within
        each line and empty lines left out."""
        kept = [" ".join(line.split()) for line in (value or "").split("\n")]
        if any(kept):
            self.add(s, p, Literal("\n".join(line for line in kept if line), lang="en"))

    def warn(self, source: Source, message: str) -> None:
        self.warnings.append(ReaderWarning(self.doc.path, source.line, message))

    # -- provenance ---------------------------------------------------------

    def passage(self, source: Source) -> URIRef:
        uri = uris.passage(source.document, source.paragraph, source.section)
        if uri not in self._passages:
            self._passages[uri] = source
            self.add(uri, RDF.type, JAR.Passage)
            self.add(uri, DCTERMS.isPartOf, uris.document(source.document))
            self.add(self.doc_uri, JAR.passage, uri)
            if source.paragraph:
                self.add(uri, JAR.paragraphNumber, Literal(source.paragraph))
            if source.section:
                self.add(uri, JAR.section, Literal(source.section))
            self.add(uri, JAR.sourceLine, Literal(source.line, datatype=XSD.positiveInteger))
        return uri

    def derived(self, statement: URIRef, sources: list[Source]) -> None:
        """``prov:wasDerivedFrom`` each source's passage, qualified with the quotation."""
        for source in sources:
            passage = self.passage(source)
            self.add(statement, PROV.wasDerivedFrom, passage)
            local = str(passage).rsplit("/id/document/", 1)[-1].replace("/", "-")
            derivation = URIRef(f"{statement}/source/{local}")
            self.add(statement, PROV.qualifiedDerivation, derivation)
            self.add(derivation, RDF.type, PROV.Derivation)
            self.add(derivation, PROV.entity, passage)
            self.add(derivation, JAR.sourceLine, Literal(source.line, datatype=XSD.positiveInteger))
            if source.text and len(source.text) <= MAX_QUOTATION:
                self.text(derivation, JAR.quotation, source.text)

    # -- the document -------------------------------------------------------

    @property
    def doc_uri(self) -> URIRef:
        return uris.document(self.doc.id)

    def encode(self) -> Graph:
        doc = self.doc
        self.bind_prefixes()
        self.add(self.doc_uri, RDF.type, DOCUMENT_CLASSES[doc.family])
        self.text(self.doc_uri, DCTERMS.title, doc.title)
        self.add(self.doc_uri, DCTERMS.issued, issued_literal(doc.published))
        if doc.reference:
            self.add(self.doc_uri, JAR.ofstedReference, Literal(doc.reference))
        self.publisher(doc)
        self.text(self.doc_uri, DCTERMS.rights, RIGHTS)
        if doc.area:
            self.add(self.doc_uri, JAR.area, self.area_uri(doc.area, None))
        for source in doc.passages:
            uri = self.passage(source)
            self.lines(uri, JAR.text, source.text)
        for review in doc.reviews:
            self.review(review)
        for finding in doc.findings:
            self.finding(self.doc_uri, None, finding, review_level=False)
        for rec in doc.recommendations:
            self.recommendation(self.doc_uri, None, rec)
        for figure_record in doc.figures:
            self.figure(figure_record)
        for distribution in doc.distributions:
            self.distribution(distribution)
        for mention in doc.areas_mentioned:
            area = self.area_uri(mention.name, mention.source)
            prop = {"reviewed": JAR.listsReviewedArea, "example": JAR.citesExampleFrom}.get(
                mention.role, DCTERMS.references
            )
            self.add(self.doc_uri, prop, area)
            self.area_label(area, mention.name)
        for example in doc.examples:
            self.example(example)
        for descriptor in doc.grade_descriptors:
            uri = URIRef(f"{self.doc_uri}/grade-descriptor/{GRADES[descriptor.grade]}")
            self.add(uri, RDF.type, JAR.GradeDescriptor)
            self.add(uri, JAR.grade, uris.grade(descriptor.grade))
            self.text(uri, RDFS.label, descriptor.label)
            self.text(uri, JAR.text, descriptor.descriptor)
            self.derived(uri, [descriptor.source])
        for number, (item, source) in enumerate(doc.earlier_grades, start=1):
            self.earlier_grade(number, item, source)
        return self.graph

    def bind_prefixes(self) -> None:
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)

    def publisher(self, doc: Document) -> None:
        if not doc.publisher:
            return
        if doc.publisher.casefold() == "ofsted":
            publisher = uris.thing("inspectorate", "ofsted")
        else:
            publisher = uris.thing("organisation", uris.slug(doc.publisher))
            self.add(publisher, RDF.type, URIRef("http://www.w3.org/ns/org#Organization"))
            self.text(publisher, RDFS.label, doc.publisher)
        self.add(self.doc_uri, DCTERMS.publisher, publisher)

    def area_label(self, area: URIRef, name: str) -> None:
        self.add(area, RDF.type, JAR.Area)
        self.text(area, RDFS.label, name)

    # -- reviews ------------------------------------------------------------

    def review(self, review: Review) -> URIRef:
        area = self.area_uri(review.area, review.source)
        self.area_label(area, review.area)
        area_slug = str(area).rsplit("/", 1)[-1]
        uri = uris.review(review.kind, area_slug, review.year)
        self.add(uri, RDF.type, REVIEW_CLASSES[review.kind])
        self.text(uri, RDFS.label, f"{REVIEW_NAMES[review.kind]}: {review.area}, {review.year}")
        self.add(uri, JAR.area, area)
        self.add(uri, JAR.year, Literal(str(review.year), datatype=XSD.gYear))
        self.add(uri, JAR.reportedIn, self.doc_uri)
        if review.methodology:
            self.add(uri, JAR.methodology, uris.concept("methodology", review.methodology))
        if review.url:
            self.add(uri, RDFS.seeAlso, URIRef(review.url.replace("\\", "%5C").replace(" ", "%20")))
        if review.fieldwork:
            start, _, end = review.fieldwork.partition("/")
            self.add(uri, JAR.fieldworkStart, Literal(start, datatype=XSD.gYearMonth))
            self.add(uri, JAR.fieldworkEnd, Literal(end or start, datatype=XSD.gYearMonth))
        self.text(uri, DCTERMS.description, review.summary)
        if review.kind == "jar":
            for name in self.doc.inspectorates:
                inspectorate = inspectorate_uri(name)
                if inspectorate is None:
                    self.warn(review.source, f"unknown inspectorate {name!r}: add it to "
                              "ontology/schemes/inspectorates.ttl")
                else:
                    self.add(uri, PROV.wasAssociatedWith, inspectorate)
        self.derived(uri, [review.source])
        investigations = {}
        for inv in review.investigations:
            inv_uri = uris.investigation(uri, inv.key)
            investigations[inv.key] = inv_uri
            self.add(inv_uri, RDF.type, JAR.AdditionalInvestigation)
            self.add(inv_uri, RDF.type, SKOS.Concept)
            self.text(inv_uri, DCTERMS.title, inv.title)
            self.text(inv_uri, SKOS.prefLabel, inv.title)
            if inv.category:
                self.add(inv_uri, SKOS.broader, self.judgement_area(inv.category, inv.source))
            self.add(inv_uri, JAR.review, uri)
            self.add(uri, JAR.hasInvestigation, inv_uri)
            self.derived(inv_uri, [inv.source])
        for judgement in review.judgements:
            self.judgement(uri, judgement, investigations)
        for finding in review.findings:
            self.finding(uri, investigations, finding, review_level=True)
        for rec in review.recommendations:
            self.recommendation(uri, uri, rec)
        return uri

    def judgement_area(self, key: str, source: Source,
                       investigations: dict[str, URIRef] | None = None) -> URIRef:
        if investigations and key in investigations:
            return investigations[key]
        if key not in JUDGEMENT_AREAS:
            raise EncodingProblem(
                f"{self.doc.path}:{source.line}: unknown judgement area {key!r}; "
                "use one of jargraph.vocab.JUDGEMENT_AREAS or an investigation key")
        return uris.concept("judgement-area", key)

    def judgement(self, review: URIRef, judgement: Judgement,
                  investigations: dict[str, URIRef]) -> None:
        first = judgement.sources[0]
        if judgement.grade not in GRADES:
            raise EncodingProblem(f"{self.doc.path}:{first.line}: grade {judgement.grade} "
                                  "is not on the scale 1-4")
        if judgement.scope not in SCOPES:
            raise EncodingProblem(f"{self.doc.path}:{first.line}: unknown scope "
                                  f"{judgement.scope!r}; use one of {', '.join(SCOPES)}")
        area = self.judgement_area(judgement.area_key, first, investigations)
        key = area_key_for_uri(judgement.area_key, investigations)
        uri = uris.judgement(review, key, judgement.scope)
        self.add(uri, RDF.type, JAR.Judgement)
        self.add(uri, JAR.review, review)
        self.add(uri, JAR.judgementArea, area)
        self.add(uri, JAR.grade, uris.grade(judgement.grade))
        self.add(uri, JAR.scope, uris.concept("scope", judgement.scope))
        self.text(uri, JAR.gradeWording, judgement.wording)
        self.derived(uri, judgement.sources)

    def finding(self, parent: URIRef, investigations: dict[str, URIRef] | None,
                finding: Finding, review_level: bool) -> None:
        area = None
        if finding.area_key:
            area = self.judgement_area(finding.area_key, finding.source, investigations)
        section = area_key_for_uri(finding.area_key, investigations) if finding.area_key else None
        base = URIRef(f"{parent}/finding/{section}") if section else URIRef(f"{parent}/finding")
        uri = uris.finding(base, finding.kind, finding.text)
        self.add(uri, RDF.type, FINDING_CLASSES[(finding.kind, review_level)])
        self.text(uri, JAR.text, finding.text)
        if review_level:
            self.add(uri, JAR.review, parent)
        if area is not None:
            self.add(uri, JAR.judgementArea, area)
        for service in matcher("services").match(finding.text):
            self.add(uri, JAR.service, service)
        self.derived(uri, [finding.source])

    def recommendation(self, parent: URIRef, review: URIRef | None,
                       rec: Recommendation) -> None:
        uri = uris.recommendation(parent, rec.text)
        self.add(uri, RDF.type, JAR.Recommendation)
        self.text(uri, JAR.text, rec.text)
        if review is not None:
            self.add(uri, JAR.review, review)
        if rec.timeframe:
            if rec.timeframe not in TIMEFRAMES:
                raise EncodingProblem(f"{self.doc.path}:{rec.source.line}: unknown timeframe "
                                      f"{rec.timeframe!r}; use one of {', '.join(TIMEFRAMES)}")
            self.add(uri, JAR.timeframe, uris.concept("timeframe", rec.timeframe))
        for written in rec.addressees:
            self.text(uri, JAR.addresseeText, written)
            addressee = matcher("addressees").best(written.rstrip(":").strip())
            if addressee is None:
                self.warn(rec.source, f"addressee {written!r} matches no concept in "
                          "ontology/schemes/addressees.ttl; add it as a label there")
            else:
                self.add(uri, JAR.addressee, addressee)
        for service in matcher("services").match(rec.text):
            self.add(uri, JAR.service, service)
        self.derived(uri, [rec.source])

    def figure(self, figure_record) -> None:
        source = figure_record.source
        area_name = self.doc.area
        if area_name is None:
            self.warn(source, "a context figure in a document about no single area")
            return
        measure = matcher("measures").best(figure_record.measure)
        measure_slug = str(measure).rsplit("/", 1)[-1] if measure else uris.slug(
            figure_record.measure)
        uri = URIRef(f"{self.doc_uri}/figure/{measure_slug}")
        if (uri, RDF.type, JAR.ContextFigure) in self.graph:
            uri = URIRef(f"{uri}-{uris.slug(str(figure_record.value))}")
        self.add(uri, RDF.type, JAR.ContextFigure)
        self.add(uri, JAR.area, self.area_uri(area_name, source))
        self.text(uri, RDFS.label, figure_record.measure)
        if measure is None:
            self.warn(source, f"context figure measure {figure_record.measure!r} matches no "
                      "concept in ontology/schemes/measures.ttl; add it as a label there")
        else:
            self.add(uri, JAR.measure, measure)
        self.add(uri, RDF.value, Literal(figure_record.value, datatype=XSD.decimal))
        if figure_record.unit:
            self.add(uri, JAR.unit, Literal(figure_record.unit))
        self.derived(uri, [source])

    def distribution(self, dist) -> None:
        uri = uris.thing("distribution", self.doc.id, dist.key)
        self.add(uri, RDF.type, JAR.GradeDistribution)
        self.add(uri, RDF.type, QB.DataSet)
        self.add(uri, QB.structure, JAR.gradeDistributionStructure)
        self.text(uri, DCTERMS.title, dist.title)
        self.add(uri, JAR.totalReviews, Literal(dist.total, datatype=XSD.nonNegativeInteger))
        self.add(uri, DCTERMS.source, self.doc_uri)
        if dist.period:
            start, _, end = dist.period.partition("/")
            self.add(uri, JAR.periodStart, Literal(start, datatype=XSD.gYearMonth))
            self.add(uri, JAR.periodEnd, Literal(end or start, datatype=XSD.gYearMonth))
        self.derived(uri, [dist.source])
        for (area_key, grade), count in sorted(dist.counts.items()):
            obs = URIRef(f"{uri}/{area_key}/{GRADES[grade]}")
            self.add(obs, RDF.type, JAR.GradeCount)
            self.add(obs, RDF.type, QB.Observation)
            self.add(obs, QB.dataSet, uri)
            self.add(obs, JAR.judgementArea, self.judgement_area(area_key, dist.source))
            self.add(obs, JAR.grade, uris.grade(grade))
            self.add(obs, JAR.numberOfAreas, Literal(count, datatype=XSD.nonNegativeInteger))
            self.derived(obs, [dist.source])

    def example(self, example) -> None:
        area = self.area_uri(example.area, example.source)
        self.area_label(area, example.area)
        uri = uris.thing("example", self.doc.id, uris.slug(f"{example.area} {example.title}"))
        self.add(uri, RDF.type, JAR.PracticeExample)
        self.add(uri, JAR.area, area)
        self.text(uri, DCTERMS.title, example.title)
        self.text(uri, JAR.text, example.text)
        if example.outcome_area:
            area_prop = JAR.outcomeArea if example.outcome_area in OUTCOME_AREAS else (
                JAR.judgementArea)
            self.add(uri, area_prop, self.judgement_area(example.outcome_area, example.source))
        self.add(self.doc_uri, JAR.citesExampleFrom, area)
        self.derived(uri, [example.source])

    def earlier_grade(self, number: int, item: str, source: Source) -> None:
        uri = uris.thing("methodology", "2005", "grade", str(number))
        self.add(uri, RDF.type, JAR.ReportedGrade)
        self.add(uri, SKOS.notation, Literal(number, datatype=XSD.integer))
        self.text(uri, RDFS.label, item)
        self.add(uri, JAR.methodology, uris.concept("methodology", "2005"))
        for pattern, key, scope in EARLIER_GRADE_RULES:
            if re.search(pattern, item, re.I):
                self.add(uri, JAR.judgementArea, uris.concept("judgement-area", key))
                self.add(uri, JAR.scope, uris.concept("scope", scope))
                break
        else:
            self.warn(source, f"earlier-methodology grade {item!r} matches no judgement area")
        self.derived(uri, [source])


RIGHTS = (
    "Crown copyright. May be reproduced in whole or in part for non-commercial purposes, "
    "provided that the information quoted is reproduced without adaptation and the source "
    "and date of publication are stated."
)


def area_key_for_uri(key: str, investigations: dict[str, URIRef] | None) -> str:
    """Investigation judgements and findings sit under ``investigation-{key}``."""
    if investigations and key in investigations:
        return f"investigation-{key}"
    return key


def issued_literal(published: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return Literal(published, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", published):
        return Literal(published, datatype=XSD.gYearMonth)
    return Literal(published, datatype=XSD.gYear)


@cache
def _inspectorates() -> dict[str, URIRef]:
    graph = schemes_graph()
    found: dict[str, URIRef] = {}
    for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        for subject, label in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and str(subject).startswith(
                    str(ID) + "inspectorate/"):
                found[" ".join(str(label).split()).casefold()] = subject
    return found


def inspectorate_uri(name: str) -> URIRef | None:
    return _inspectorates().get(" ".join(name.split()).casefold())


def encode_document(doc: Document,
                    area_uri: Callable[[str, Source | None], URIRef]) -> tuple[Graph, list]:
    """The document's graph and the warnings met while linking it."""
    encoder = Encoder(doc, area_uri)
    graph = encoder.encode()
    return graph, encoder.warnings
