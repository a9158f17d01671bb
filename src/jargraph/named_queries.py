"""The named query library: ``queries/*.rq`` with their headers, rendered safely.

Each file starts with ``#`` comment lines that give the query's title,
description, parameters and an example call (the format is written down in
``queries/README.md``). A parameter ``NAME`` stands in the SPARQL as the
variable ``?_NAME``; ``render`` replaces it with a checked, escaped RDF term
(an IRI in ``<>``, a literal in quotes, an integer), never with the text as
given. A parameter with neither value nor default keeps its variable, which
then matches anything.

The same headers give the command line its ``--param`` checks, the web API its
400 messages and the OpenAPI document its parameter lists.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from . import resources
from .links import LinkError, authorities, resolve_area
from .ontology import scheme_graph
from .vocab import ID, JAR, JUDGEMENT_AREAS, PREFIXES, TIMEFRAMES

TYPES = ("iri", "area", "judgement-area", "service", "theme", "timeframe", "string", "integer")
"""Parameter types a header may declare."""
CONCEPT_TYPES = {
    "judgement-area": "judgement-area",
    "service": "service",
    "theme": "theme",
    "timeframe": "timeframe",
}
"""Types whose short names expand to ``/id/{kind}/{short name}``."""
FIELDS = ("title", "description", "param", "example")
_NAME = re.compile(r"[a-z][a-z0-9-]*")
_PARAM_NAME = re.compile(r"[a-z][a-z0-9_]*")
_FIELD = re.compile(r"#\s?(title|description|param|example)(?:\s+([A-Za-z0-9_-]+))?\s*:\s?(.*)$")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)$")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
_INTEGER = re.compile(r"[+-]?\d{1,18}")
_FORM = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.I)
MAX_STRING = 1000


class QueryLibraryError(ValueError):
    """A query file is malformed; the message names the file, the line and the fix."""


class ParameterError(ValueError):
    """A parameter value is not acceptable; says which parameter and what is allowed."""

    def __init__(self, message: str, query: str = "", parameter: str = "",
                 allowed: tuple[str, ...] = ()):
        super().__init__(message)
        self.query = query
        self.parameter = parameter
        self.allowed = allowed


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query, as its header declares it."""

    name: str
    type: str
    default: str | None = None
    allowed: tuple[str, ...] = ()
    """Values accepted (short names for concept types); empty means any value of the type."""
    required: bool = False
    description: str = ""

    @property
    def placeholder(self) -> str:
        return f"?_{self.name}"

    def choices(self) -> tuple[str, ...]:
        """The values a form or the OpenAPI document can offer, where they are few."""
        if self.allowed:
            return self.allowed
        return concept_keys(self.type) if self.type in CONCEPT_TYPES else ()


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file of the library."""

    name: str
    title: str
    description: str
    parameters: list[Parameter]
    example: str
    sparql: str
    path: Path
    form: str
    """``select``, ``construct``, ``ask`` or ``describe``."""

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(name)

    def render(self, values: Mapping[str, str] | None = None) -> str:
        """The SPARQL with every given or default value in place, each checked first."""
        values = dict(values or {})
        names = [p.name for p in self.parameters]
        for key in values:
            if key not in names:
                listed = ", ".join(names) if names else "none"
                raise ParameterError(
                    f"query {self.name!r} has no parameter {key!r}; its parameters: {listed}",
                    self.name, key, tuple(names))
        sparql = self.sparql
        for p in self.parameters:
            given = values.get(p.name)
            value = given if given is not None and given.strip() else p.default
            if value is None:
                if p.required:
                    raise ParameterError(
                        f"query {self.name!r} needs parameter {p.name!r} ({p.type})"
                        + _allowed_hint(p), self.name, p.name, p.choices())
                continue
            term = term_for(p, value, self.name)
            sparql = re.sub(rf"[?$]_{re.escape(p.name)}(?![\w])", _literally(term), sparql)
        return sparql


def _literally(text: str) -> Callable[[re.Match[str]], str]:
    """A ``re.sub`` replacement that puts ``text`` in as it is (no escapes read)."""
    return lambda _match: text


def _allowed_hint(p: Parameter) -> str:
    choices = p.choices()
    if choices:
        return "; allowed: " + ", ".join(choices)
    return {
        "area": "; give an area short name (southampton), its name (Leeds) or its IRI",
        "iri": "; give an absolute IRI (https://...) or a prefixed name (jarid:area/leeds)",
        "integer": "; give a whole number",
        "string": "; give some text",
    }.get(p.type, "")


# ---------------------------------------------------------------- terms


def term_for(p: Parameter, value: str, query: str = "") -> str:
    """The RDF term (SPARQL syntax) for one value of one parameter, or ParameterError."""
    value = value.strip()

    def bad(why: str) -> ParameterError:
        return ParameterError(
            f"parameter {p.name!r} of query {query!r}: {why}{_allowed_hint(p)}",
            query, p.name, p.choices())

    if p.type == "integer":
        if not _INTEGER.fullmatch(value):
            raise bad(f"{value!r} is not a whole number")
        if p.allowed and str(int(value)) not in p.allowed:
            raise bad(f"{value!r} is not allowed")
        return str(int(value))
    if p.type == "string":
        if len(value) > MAX_STRING:
            raise bad(f"the text is longer than {MAX_STRING} characters")
        if p.allowed and value not in p.allowed:
            raise bad(f"{value!r} is not allowed")
        return string_literal(value)
    if p.type == "iri":
        iri = expand_iri(value)
        if iri is None:
            raise bad(f"{value!r} is not an absolute IRI")
        if p.allowed and value not in p.allowed and iri not in p.allowed:
            raise bad(f"{value!r} is not allowed")
        return f"<{iri}>"
    if p.type == "area":
        iri = area_iri(value)
        if iri is None:
            raise bad(f"{value!r} is not an area of the reference table")
        if p.allowed and iri.rsplit("/", 1)[-1] not in p.allowed:
            raise bad(f"{value!r} is not allowed")
        return f"<{iri}>"
    if p.type in CONCEPT_TYPES:
        iri = concept_iri(p.type, value)
        if iri is None:
            raise bad(f"{value!r} is not a {p.type}")
        key = iri.rsplit("/", 1)[-1]
        if p.allowed and key not in p.allowed:
            raise bad(f"{value!r} is not allowed")
        return f"<{iri}>"
    raise bad(f"unknown parameter type {p.type!r}")


def string_literal(text: str) -> str:
    """A SPARQL string literal: backslash, quotes and line breaks escaped."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def expand_iri(value: str) -> str | None:
    """An absolute IRI, from itself, from ``<...>`` or from a known prefix (``jarid:...``)."""
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    prefix, sep, rest = value.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        value = PREFIXES[prefix] + rest
    return value if _IRI.fullmatch(value) else None


def area_iri(value: str) -> str | None:
    """An area's IRI from its short name, any name the reference table knows, or its IRI."""
    base = str(ID) + "area/"
    iri = expand_iri(value) if ":" in value else None
    if iri is not None:
        slug = iri[len(base):] if iri.startswith(base) else None
        known = {a.slug for a in authorities()}
        return iri if slug in known else None
    slugs = {a.slug for a in authorities()}
    if value in slugs:
        return base + value
    try:
        return str(resolve_area(value).uri)
    except LinkError:
        return None


def concept_iri(kind: str, value: str) -> str | None:
    """A concept's IRI from its short name, its label or its IRI."""
    base = str(ID) + CONCEPT_TYPES[kind] + "/"
    keys = concept_keys(kind)
    iri = expand_iri(value) if ":" in value else None
    if iri is not None:
        if iri.startswith(base) and iri[len(base):] in keys:
            return iri
        if kind == "judgement-area" and "/investigation/" in iri and iri.startswith(str(ID)):
            return iri
        return None
    if value in keys or value.lower() in keys:
        return base + value.lower()
    wanted = " ".join(value.split()).casefold()
    for key, labels in concept_labels(kind).items():
        if wanted in labels:
            return base + key
    return None


SCHEME_FILES = {
    "judgement-area": "judgement-areas.ttl",
    "service": "services.ttl",
    "theme": "themes.ttl",
    "timeframe": "timeframes.ttl",
}


@cache
def _scheme_concepts(kind: str) -> dict[str, frozenset[str]]:
    """Short name -> lower-case labels, for the concepts of one scheme file."""
    base = str(ID) + CONCEPT_TYPES[kind] + "/"
    graph = scheme_graph(SCHEME_FILES[kind])
    found: dict[str, set[str]] = {}
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        if isinstance(concept, URIRef) and str(concept).startswith(base):
            key = str(concept)[len(base):]
            labels = found.setdefault(key, set())
            for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, JAR.abbreviation):
                for label in graph.objects(concept, prop):
                    labels.add(" ".join(str(label).split()).casefold())
    return {k: frozenset(v) for k, v in sorted(found.items())}


def concept_keys(kind: str) -> tuple[str, ...]:
    """The short names a concept type accepts: the scheme's, else the vocabulary's."""
    fixed = {"judgement-area": JUDGEMENT_AREAS, "timeframe": TIMEFRAMES}.get(kind, ())
    from_scheme = tuple(_scheme_concepts(kind))
    return tuple(dict.fromkeys((*fixed, *from_scheme)))


def concept_labels(kind: str) -> dict[str, frozenset[str]]:
    return _scheme_concepts(kind)


# ---------------------------------------------------------------- loading


def load_library(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file of ``directory`` (the bundled library by default) by name; a
    malformed one raises QueryLibraryError."""
    directory = directory or resources.queries_dir()
    if not directory.is_dir():
        raise QueryLibraryError(f"{directory}: no such folder of named queries")
    library: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.rq")):
        query = load_query(path)
        library[query.name] = query
    return library


def load_query(path: Path) -> NamedQuery:
    """Parse one query file's header and check it against its SPARQL."""
    name = path.stem
    if not _NAME.fullmatch(name):
        raise QueryLibraryError(
            f"{path}: the file name must be lower-case words joined by hyphens, e.g. "
            "area-grades.rq")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise QueryLibraryError(f"{path}: cannot read: {exc}") from None
    lines = text.splitlines()
    fields: dict[str, list[tuple[int, str]]] = {}
    params: list[Parameter] = []
    last: tuple[str, int] | None = None
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            body_start = number - 1
            break
        if line.strip() == "#":
            last = None
            continue
        cont = _CONTINUATION.match(line)
        if cont and last is not None:
            key, index = last
            if key == "param":
                raise QueryLibraryError(
                    f"{path}:{number}: a param declaration must fit on one line")
            line_no, previous = fields[key][index]
            fields[key][index] = (line_no, f"{previous} {cont.group(1).strip()}")
            continue
        match = _FIELD.match(line)
        if not match:
            raise QueryLibraryError(
                f"{path}:{number}: header line {line!r} is not '# KEY: value' with KEY one of "
                f"{', '.join(FIELDS)} (or a continuation indented by two spaces); "
                "see queries/README.md")
        key, extra, value = match.group(1), match.group(2), match.group(3).strip()
        if key == "param":
            params.append(_parameter(path, number, extra, value))
            last = None
            continue
        if extra:
            raise QueryLibraryError(f"{path}:{number}: '{key}' takes no name before the colon")
        if key in fields:
            raise QueryLibraryError(f"{path}:{number}: '{key}' is given twice")
        fields[key] = [(number, value)]
        last = (key, 0)
    for required in ("title", "description", "example"):
        if required not in fields or not fields[required][0][1]:
            raise QueryLibraryError(f"{path}:1: the header needs a '# {required}: ...' line")
    example = fields["example"][0][1]
    if not example.startswith(f"jargraph query {name}"):
        raise QueryLibraryError(
            f"{path}:{fields['example'][0][0]}: the example must start "
            f"'jargraph query {name}', not {example!r}")
    sparql = "\n".join(lines[body_start:]).strip() + "\n"
    _check_placeholders(path, body_start, sparql, params)
    form = _form(sparql)
    if form is None:
        raise QueryLibraryError(f"{path}:{body_start + 1}: no SELECT, CONSTRUCT, ASK or "
                                "DESCRIBE after the header")
    query = NamedQuery(name, fields["title"][0][1], fields["description"][0][1], params,
                       example, sparql, path, form)
    _check_example(path, fields["example"][0][0], query)
    return query


def _parameter(path: Path, number: int, name: str | None, spec: str) -> Parameter:
    where = f"{path}:{number}"
    if not name or not _PARAM_NAME.fullmatch(name):
        raise QueryLibraryError(
            f"{where}: write '# param NAME: type=TYPE; ...' with NAME in lower case "
            "(letters, digits, underscores)")
    attrs: dict[str, str] = {}
    rest = spec
    while rest:
        key, eq, tail = rest.partition("=")
        key = key.strip()
        if not eq or not re.fullmatch(r"[a-z]+", key):
            raise QueryLibraryError(
                f"{where}: parameter {name!r}: expected 'key=value' pairs separated by ';' "
                f"(type, default, allowed, required, description), not {rest.strip()!r}")
        if key == "description":
            value, rest = tail, ""
        else:
            value, _, rest = tail.partition(";")
        if key in attrs:
            raise QueryLibraryError(f"{where}: parameter {name!r} gives {key!r} twice")
        attrs[key] = value.strip()
    unknown = set(attrs) - {"type", "default", "allowed", "required", "description"}
    if unknown:
        raise QueryLibraryError(
            f"{where}: parameter {name!r}: unknown attribute(s) {', '.join(sorted(unknown))}; "
            "use type, default, allowed, required, description")
    kind = attrs.get("type", "")
    if kind not in TYPES:
        raise QueryLibraryError(
            f"{where}: parameter {name!r} needs type= one of {', '.join(TYPES)}, "
            f"not {kind!r}")
    required = attrs.get("required", "no").lower()
    if required not in ("yes", "no"):
        raise QueryLibraryError(f"{where}: parameter {name!r}: required= must be yes or no")
    allowed = tuple(v.strip() for v in attrs["allowed"].split(",")) if attrs.get("allowed") \
        else ()
    param = Parameter(name, kind, attrs.get("default") or None, allowed,
                      required == "yes", attrs.get("description", ""))
    for value in ([param.default] if param.default else []) + list(allowed):
        try:
            term_for(Parameter(name, kind), value, path.stem)
        except ParameterError as exc:
            raise QueryLibraryError(f"{where}: {exc}") from None
    if param.default:
        try:
            term_for(param, param.default, path.stem)
        except ParameterError as exc:
            raise QueryLibraryError(f"{where}: the default is not allowed: {exc}") from None
    return param


def _check_placeholders(path: Path, body_start: int, sparql: str,
                        params: list[Parameter]) -> None:
    used = set(re.findall(r"[?$]_([a-z][a-z0-9_]*)", sparql))
    declared = [p.name for p in params]
    if len(set(declared)) != len(declared):
        raise QueryLibraryError(f"{path}: a parameter is declared twice")
    missing = sorted(used - set(declared))
    if missing:
        raise QueryLibraryError(
            f"{path}:{body_start + 1}: the query uses ?_{missing[0]} but the header declares "
            f"no parameter {missing[0]!r}; add '# param {missing[0]}: type=...'")
    unused = sorted(set(declared) - used)
    if unused:
        raise QueryLibraryError(
            f"{path}: parameter {unused[0]!r} is declared but the query never uses "
            f"?_{unused[0]}")


def _form(sparql: str) -> str | None:
    text = re.sub(r"#[^\n]*", " ", sparql)
    text = re.sub(r"<[^>\s]*>", "<>", text)
    match = _FORM.search(text)
    return match.group(1).lower() if match else None


def example_values(example: str) -> dict[str, str]:
    """The ``--param KEY=VALUE`` pairs of an example call, read as a shell would."""
    try:
        words = shlex.split(example)
    except ValueError:
        return {}
    values: dict[str, str] = {}
    for flag, word in zip(words, words[1:], strict=False):
        if flag in ("--param", "-p") and "=" in word:
            key, _, value = word.partition("=")
            values[key] = value
    return values


def _check_example(path: Path, number: int, query: NamedQuery) -> None:
    try:
        query.render(example_values(query.example))
    except ParameterError as exc:
        raise QueryLibraryError(f"{path}:{number}: the example does not run: {exc}") from None
