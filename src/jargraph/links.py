"""Links from jargraph areas to DfE and ONS data, through the reference table.

``data/reference/local-authorities.csv`` lists every children's services
authority of 2005-2009 with its DfE number and ONS GSS code. This module
reads it, resolves the area names the documents print to one authority each,
and states the codes about the area nodes so that jargraph joins to other
open government data.

Area slugs (``/id/area/{slug}``) never change. The slug is ``uris.slug`` of
the authority's *short name*: the official name with a trailing ", City of"
or ", County of" dropped ("Bristol, City of" -> ``bristol``, "Kingston upon
Hull, City of" -> ``kingston-upon-hull``, "Herefordshire, County of" ->
``herefordshire``); every other name is used whole ("County Durham" ->
``county-durham``, "St. Helens" -> ``st-helens``, "City of London" ->
``city-of-london``).

Names are matched in two steps, both driven by the data below and the
table's ``notes`` column:

1. The name is normalised (``normalise``): case folded, "&" read as "and",
   "Saint" read as "St", full stops and apostrophes dropped, hyphens and
   commas read as spaces, spaces collapsed. It is looked up among the
   normalised official names, short names, the inverted forms of ", City of"
   names ("City of Bristol", "Bristol City") and every spelling listed after
   "Also written:" in ``notes``.
2. If that fails, the council-style affixes in ``AFFIXES`` are taken off
   ("Southampton City Council" -> "southampton", "London Borough of Camden"
   -> "camden", "Durham County Council" -> "durham") and the lookup is tried
   again.

A new spelling is added to the table's notes ("Also written: ..."), not here.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from . import resources, uris
from .vocab import ID, JAR, ONS_GEOGRAPHY, PREFIXES

REFERENCE_CSV = resources.reference_csv()
REFERENCE_DATASET = URIRef(str(ID) + "dataset/local-authorities")
"""The reference table as a dataset: what every area's ``dcterms:source`` points at."""
REFERENCE_README = "data/reference/README.md"

COLUMNS = ("name", "dfe_la_code", "gss_code", "authority_type", "region", "in_service", "notes")
AUTHORITY_TYPES = ("county", "metropolitan district", "unitary", "London borough", "other")
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)

SHORT_NAME_SUFFIXES = (", City of", ", County of")
"""Official-name endings dropped to make the short name (and so the slug)."""

AFFIXES: tuple[tuple[str, str], ...] = (
    ("suffix", "metropolitan borough council"),
    ("suffix", "metropolitan district council"),
    ("suffix", "borough council"),
    ("suffix", "county council"),
    ("suffix", "city council"),
    ("suffix", "district council"),
    ("suffix", "council"),
    ("suffix", "children s services"),
    ("suffix", "childrens services"),
    ("suffix", "local authority"),
    ("suffix", "corporation"),
    ("suffix", "metropolitan borough"),
    ("suffix", "borough"),
    ("suffix", "county"),
    ("suffix", "city"),
    ("prefix", "the"),
    ("prefix", "council of the"),
    ("prefix", "london borough of"),
    ("prefix", "royal borough of"),
    ("prefix", "metropolitan borough of"),
    ("prefix", "borough of"),
    ("prefix", "county of"),
    ("prefix", "city of"),
)
"""Council-style words around a place name, taken off (in order, repeatedly) when
the name as written is not known: normalised text, matched on whole words."""

_GSS = re.compile(r"E(06|08|09|10)\d{6}")
_DFE = re.compile(r"\d{3}")
_IN_SERVICE = re.compile(r"(\d{4})-(\d{4})?")
_ALSO_WRITTEN = re.compile(r"Also written:\s*(.*?)(?:\.\s+[A-Z(]|\.?$|\s+\()")
"""Spellings after "Also written:", separated by ";", up to the end of the sentence
or an opening bracket."""
_LATER_GSS = re.compile(r"GSS (?:code changed to )?(E\d{8})")
_EARLIER_GSS = re.compile(r"ONS county code (E\d{8})")


class LinkError(ValueError):
    """A name or table row could not be linked; the message says where and what to do."""


@dataclass(frozen=True)
class Authority:
    """One children's services authority, as the reference table gives it."""

    name: str
    """Official name in the DfE/ONS form ("Kingston upon Hull, City of")."""
    slug: str
    """Stable area slug from the short name (``kingston-upon-hull``)."""
    dfe_code: str
    """Three-digit DfE local authority number ("852")."""
    gss_code: str | None
    """ONS GSS code valid in April 2009 ("E06000045")."""
    region: str
    authority_type: str
    in_service: str
    """``2005-``, ``2005-2009``, ``2009-`` ... (see the table's README)."""
    later_gss_codes: tuple[str, ...] = ()
    """Codes ONS gave the authority after a re-coding, from ``notes``."""
    earlier_gss_codes: tuple[str, ...] = ()
    """Pre-April-2009 ONS county codes, from ``notes``."""
    also_written: tuple[str, ...] = ()
    notes: str = ""
    line: int = 0
    """Line of the table the row is on, for messages."""

    @property
    def short_name(self) -> str:
        return short_name(self.name)

    @property
    def uri(self) -> URIRef:
        return uris.area(self.slug)

    @property
    def ons_uri(self) -> URIRef | None:
        return URIRef(ONS_GEOGRAPHY + self.gss_code) if self.gss_code else None

    @property
    def start_year(self) -> int:
        return int(self.in_service[:4])

    @property
    def end_year(self) -> int | None:
        """The year the authority was abolished (1 April), or None if it continues."""
        end = self.in_service.split("-", 1)[1]
        return int(end) if end else None


def short_name(official: str) -> str:
    """The official name without a trailing ", City of" / ", County of"."""
    for suffix in SHORT_NAME_SUFFIXES:
        if official.endswith(suffix):
            return official[: -len(suffix)]
    return official


def normalise(name: str) -> str:
    """Lower-case words for comparing names: "St. Helens" and "St Helens" agree."""
    text = name.casefold().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"[.']", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    words = ["st" if w == "saint" else w for w in text.split()]
    return " ".join(words)


def stripped(key: str) -> list[str]:
    """The name (normalised), then the name with one more council-style affix taken off
    each time."""
    keys = [key]
    changed = True
    while changed:
        changed = False
        for kind, words in AFFIXES:
            if kind == "suffix" and key.endswith(" " + words):
                key, changed = key[: -len(words) - 1], True
            elif kind == "prefix" and key.startswith(words + " "):
                key, changed = key[len(words) + 1 :], True
            if changed:
                keys.append(key)
                break
    return keys


def _variants(authority: Authority) -> set[str]:
    names = {authority.name, authority.short_name, *authority.also_written}
    for suffix in SHORT_NAME_SUFFIXES:
        if authority.name.endswith(suffix):
            kind = suffix.split()[-2]
            names |= {f"{kind} of {authority.short_name}", f"{authority.short_name} {kind}"}
    return {normalise(n) for n in names}


def _row_error(path: Path, line: int, field: str, value: str, wanted: str) -> LinkError:
    return LinkError(
        f"{path}:{line}: column {field!r} has {value!r}; expected {wanted}. "
        f"Correct the row (see {REFERENCE_README} for what each column holds)."
    )


def _authority(path: Path, line: int, row: dict[str, str]) -> Authority:
    name = (row.get("name") or "").strip()
    if not name:
        raise _row_error(path, line, "name", "", "the authority's official name")
    dfe = (row.get("dfe_la_code") or "").strip()
    if not _DFE.fullmatch(dfe):
        raise _row_error(path, line, "dfe_la_code", dfe, "a three-digit DfE number")
    gss = (row.get("gss_code") or "").strip() or None
    if gss is not None and not _GSS.fullmatch(gss):
        raise _row_error(path, line, "gss_code", gss, "empty or E06/E08/E09/E10 + 6 digits")
    kind = (row.get("authority_type") or "").strip()
    if kind not in AUTHORITY_TYPES:
        raise _row_error(path, line, "authority_type", kind, f"one of {', '.join(AUTHORITY_TYPES)}")
    region = (row.get("region") or "").strip()
    if region not in REGIONS:
        raise _row_error(path, line, "region", region, f"one of {', '.join(REGIONS)}")
    in_service = (row.get("in_service") or "").strip()
    if not _IN_SERVICE.fullmatch(in_service):
        raise _row_error(path, line, "in_service", in_service, "YYYY- or YYYY-YYYY")
    notes = (row.get("notes") or "").strip()
    also: list[str] = []
    for match in _ALSO_WRITTEN.finditer(notes):
        also += [v.strip() for v in match.group(1).split(";") if v.strip()]
    return Authority(
        name=name,
        slug=uris.slug(short_name(name)),
        dfe_code=dfe,
        gss_code=gss,
        region=region,
        authority_type=kind,
        in_service=in_service,
        later_gss_codes=tuple(_LATER_GSS.findall(notes)),
        earlier_gss_codes=tuple(_EARLIER_GSS.findall(notes)),
        also_written=tuple(also),
        notes=notes,
        line=line,
    )


def load_authorities(path: Path = REFERENCE_CSV) -> list[Authority]:
    """Every row of the reference table, checked; a bad row names its line and column."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise LinkError(f"cannot read the reference table {path}: {exc.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LinkError(
                f"{path}:1: header lacks column(s) {', '.join(missing)}; "
                f"the table needs {', '.join(COLUMNS)}"
            )
        authorities = [_authority(path, reader.line_num, row) for row in reader]
    _check_unique(path, authorities)
    return authorities


def _check_unique(path: Path, authorities: list[Authority]) -> None:
    for field in ("name", "slug", "dfe_code", "gss_code"):
        seen: dict[str, Authority] = {}
        for a in authorities:
            value = getattr(a, field)
            if value is None:
                continue
            if value in seen:
                raise LinkError(
                    f"{path}:{a.line}: {field} {value!r} is also on line {seen[value].line}; "
                    "each authority must have its own"
                )
            seen[value] = a


@dataclass(frozen=True)
class Index:
    """Normalised name -> authority, for one reference table."""

    authorities: tuple[Authority, ...]
    by_key: Mapping[str, Authority]
    path: Path

    def resolve(self, name: str, file: str | None = None, line: int | None = None) -> Authority:
        for key in stripped(normalise(name)):
            found = self.by_key.get(key)
            if found is not None:
                return found
        raise LinkError(_unknown_message(self, name, file, line))


def _unknown_message(index: Index, name: str, file: str | None, line: int | None) -> str:
    where = f"{file}:{line}: " if file and line else f"{file}: " if file else ""
    keys = list(index.by_key)
    close = difflib.get_close_matches(stripped(normalise(name))[-1], keys, n=5, cutoff=0.5)
    names: list[str] = []
    for key in close:
        official = index.by_key[key].name
        if official not in names:
            names.append(official)
    hint = f"closest: {', '.join(names)}" if names else "no similar name"
    return (
        f"{where}unknown area {name!r} ({hint}). If it is one of these, add the spelling "
        f"after 'Also written:' in the notes column of {index.path.name}."
    )


def build_index(authorities: Iterable[Authority], path: Path = REFERENCE_CSV) -> Index:
    """Index every spelling; two authorities sharing a spelling is an error in the table."""
    by_key: dict[str, Authority] = {}
    listed = tuple(authorities)
    for authority in listed:
        for key in _variants(authority):
            other = by_key.get(key)
            if other is not None and other is not authority:
                raise LinkError(
                    f"{path}:{authority.line}: the spelling {key!r} fits both {other.name} "
                    f"(line {other.line}) and {authority.name}; remove it from one row's notes"
                )
            by_key[key] = authority
    return Index(listed, by_key, path)


@cache
def _default_index() -> Index:
    return build_index(load_authorities(REFERENCE_CSV), REFERENCE_CSV)


def authorities() -> tuple[Authority, ...]:
    """All 154 authorities of the reference table, in table order."""
    return _default_index().authorities


def resolve_area(name: str, file: str | None = None, line: int | None = None) -> Authority:
    """The one authority a document's area name means ("Stockton" -> Stockton-on-Tees).

    ``file`` and ``line`` say where the name was read, for the error message.
    """
    return _default_index().resolve(name, file, line)


def area_uri(name: str, file: str | None = None, line: int | None = None) -> URIRef:
    """The stable ``/id/area/{slug}`` URI for a name as a document prints it."""
    return resolve_area(name, file, line).uri


def dataset_graph() -> Graph:
    """What the reference table is and where its rows came from."""
    g = Graph()
    d = REFERENCE_DATASET
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, RDF.type, PROV.Entity))
    g.add((d, DCTERMS.title, Literal("English children's services authorities, 2005-2009", "en")))
    g.add((d, DCTERMS.description, Literal(
        "Every upper-tier authority that was a children's services authority during the "
        "joint area review period, with its DfE local authority number, ONS GSS code, "
        "region, type and years of service. Codes cross-checked against DfE (Explore "
        "Education Statistics, GIAS, EduBase) and non-DfE lists (Data to Insight, mySociety, "
        f"GDS registers, LGA); the sources and the checks are in {REFERENCE_README}.", "en")))
    g.add((d, DCTERMS.source, Literal(
        "dfe-analytical-services/dfe-published-data-qa data/las.csv "
        "(commit 1ed4f5ebbdae6cdbcbe54f9e2d8c534d7403deb2)")))
    g.add((d, DCTERMS.source, URIRef(
        "https://get-information-schools.service.gov.uk/Guidance/LaNameCodes")))
    g.add((d, RDFS.seeAlso, Literal(REFERENCE_README)))
    g.add((d, DCTERMS.temporal, Literal("2005-09/2009-04")))
    return g


def authority_triples(g: Graph, node: URIRef, authority: Authority) -> None:
    """State the table's facts about one area node."""
    g.add((node, RDF.type, JAR.Area))
    g.add((node, SKOS.prefLabel, Literal(authority.name, "en")))
    if authority.short_name != authority.name:
        g.add((node, SKOS.altLabel, Literal(authority.short_name, "en")))
    for spelling in authority.also_written:
        g.add((node, SKOS.altLabel, Literal(spelling, "en")))
    g.add((node, JAR.dfeCode, Literal(authority.dfe_code)))
    if authority.gss_code:
        g.add((node, JAR.gssCode, Literal(authority.gss_code)))
        g.add((node, OWL.sameAs, URIRef(ONS_GEOGRAPHY + authority.gss_code)))
    for code in authority.later_gss_codes + authority.earlier_gss_codes:
        g.add((node, SKOS.closeMatch, URIRef(ONS_GEOGRAPHY + code)))
    g.add((node, JAR.region, Literal(authority.region)))
    g.add((node, JAR.authorityType, Literal(authority.authority_type)))
    g.add((node, DCTERMS.source, REFERENCE_DATASET))


def reference_graph() -> Graph:
    """All authorities of the table, so queries can join to areas not (yet) reviewed."""
    g = dataset_graph()
    for authority in authorities():
        authority_triples(g, authority.uri, authority)
    return g


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("onsgeo", ONS_GEOGRAPHY)
    return g


__all__ = [
    "AFFIXES",
    "Authority",
    "LinkError",
    "REFERENCE_CSV",
    "REFERENCE_DATASET",
    "area_uri",
    "authorities",
    "build_index",
    "load_authorities",
    "normalise",
    "reference_graph",
    "resolve_area",
    "short_name",
    "stripped",
]

