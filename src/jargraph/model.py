"""Plain records that readers produce and the encoder turns into RDF.

Nothing here knows about RDF. Every record that states something carries a
`Source` so the encoder can say which paragraph of which document it came from.

Keys (`area_key`, `scope`, `timeframe`, ...) are the slugs of concepts in the
schemes under `ontology/` (see `jargraph.vocab` for the lists); readers map the
documents' wording onto them, the encoder turns them into concept URIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Source:
    """Where a statement was read: document, paragraph or section, and file line."""

    document: str
    """Document id: the file's stem, e.g. ``jar-southampton-2007``."""
    line: int
    """1-based line in the source file where the statement starts."""
    paragraph: str | None = None
    """The paragraph number, unique within the document: as printed ("15", "3.1"),
    with the annex letter in front where an annex numbers its own paragraphs ("B.2")."""
    section: str | None = None
    """The heading the statement sits under ("Safeguarding", "Annex A", "Grades")."""
    text: str | None = None
    """The source text, when short enough to quote (a sentence or a table row)."""


@dataclass(frozen=True)
class ReaderWarning:
    """Structure a reader met but could not place. Never silently dropped."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: warning: {self.message}"


@dataclass
class Judgement:
    """A grade given to one judgement area in one review."""

    area_key: str
    """Judgement-area concept slug (``safeguarding``), or an investigation key."""
    grade: int
    """1 inadequate, 2 adequate, 3 good, 4 outstanding."""
    sources: list[Source]
    scope: str = "local-services-overall"
    """Scope concept slug: ``local-services-overall`` or ``council``."""
    wording: str | None = None
    """The grade word as printed ("Good", "excellent"), where words were used."""


@dataclass
class Investigation:
    """An additional investigation of a JAR, with its own title."""

    key: str
    """Slug unique within the review, made from the title."""
    title: str
    category: str | None
    """Slug of the investigation-category concept (``camhs``, ``14-19-strategy``...)."""
    source: Source


@dataclass
class Finding:
    """A major strength, important weakness, area for development or key finding."""

    kind: str
    """One of ``FINDING_KINDS``."""
    text: str
    source: Source
    area_key: str | None = None
    """The judgement area (or investigation key) whose table the finding is in."""


FINDING_KINDS = ("strength", "weakness", "area-for-development", "key-finding")


@dataclass
class Recommendation:
    text: str
    source: Source
    timeframe: str | None = None
    """``immediate``, ``within-six-months``, ``longer-term``, or None (national reports)."""
    addressees: list[str] = field(default_factory=list)
    """Addressees as written ("The council", "Local Learning and Skills Council")."""


@dataclass
class ContextFigure:
    """A number stated about the area: "170 foster carers", "population of 222,000"."""

    measure: str
    """The noun phrase as written ("foster carers", "population")."""
    value: Decimal
    source: Source
    unit: str | None = None
    """``persons``, ``percent``, ``count``, ``rank``..."""


@dataclass
class Review:
    """One inspection of one area: a JAR, an APA, a corporate assessment, a youth inspection."""

    kind: str
    """One of ``REVIEW_KINDS``."""
    area: str
    """Area name as the document writes it ("Southampton", "Leicester City")."""
    year: int
    """Year that identifies the review (publication year of a JAR, assessment year of an APA)."""
    source: Source
    methodology: str | None = None
    """``2005`` (thirteen grades) or ``2007`` (April 2007 methodology), where known."""
    judgements: list[Judgement] = field(default_factory=list)
    investigations: list[Investigation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    fieldwork: str | None = None
    """Fieldwork period as ISO months, ``2007-11/2007-12``, where stated."""
    url: str | None = None
    """The report's public address, where the document gives one."""
    summary: str | None = None


REVIEW_KINDS = ("jar", "apa", "corporate-assessment", "enhanced-youth-inspection")


@dataclass
class GradeDistribution:
    """How many areas got each grade for each judgement area, as a national report states."""

    key: str
    """Slug unique within the document (``annex-a``, ``camhs-investigations``)."""
    title: str
    total: int
    """The number of reviews (or investigations) the counts are about."""
    counts: dict[tuple[str, int], int]
    """(judgement-area key, grade) -> number of areas."""
    source: Source
    period: str | None = None
    """ISO interval of the reviews counted, e.g. ``2007-04/2008-07``."""


@dataclass
class PracticeExample:
    """An example of practice in a named local area, from a national report."""

    area: str
    title: str
    source: Source
    outcome_area: str | None = None
    """Key of the judgement area the example is filed under (an ECM outcome area, or
    capacity to improve), where the report says."""
    text: str | None = None


@dataclass
class GradeDescriptor:
    """The words a report uses for one grade of the scale."""

    grade: int
    label: str
    descriptor: str
    source: Source


@dataclass
class AreaMention:
    """An area a national report names, e.g. in its list of areas reviewed."""

    name: str
    source: Source
    role: str = "reviewed"
    """``reviewed`` (listed as reviewed) or ``example`` (cited for practice)."""


@dataclass
class Document:
    """Everything a reader got out of one source file."""

    id: str
    family: str
    """``jar-report``, ``council-report``, ``national-outcomes``, ``national-overview``."""
    path: str
    title: str
    published: str
    """ISO date ``2007-10-16`` or month ``2009-04``."""
    reference: str | None = None
    """Ofsted reference number as printed ("852", "080139")."""
    publisher: str | None = None
    inspectorates: list[str] = field(default_factory=list)
    area: str | None = None
    """The area the document is about, for single-area documents."""
    reviews: list[Review] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    """National key findings (review-level findings live on the Review)."""
    recommendations: list[Recommendation] = field(default_factory=list)
    """National recommendations."""
    figures: list[ContextFigure] = field(default_factory=list)
    distributions: list[GradeDistribution] = field(default_factory=list)
    areas_mentioned: list[AreaMention] = field(default_factory=list)
    examples: list[PracticeExample] = field(default_factory=list)
    grade_descriptors: list[GradeDescriptor] = field(default_factory=list)
    passages: list[Source] = field(default_factory=list)
    """Every numbered paragraph and named section, with its full text in ``Source.text``:
    what provenance points at, so a reader of the graph can see the words."""
    earlier_grades: list[tuple[str, Source]] = field(default_factory=list)
    """The thirteen grades of the 2005 methodology, as listed, in order."""
    warnings: list[ReaderWarning] = field(default_factory=list)
