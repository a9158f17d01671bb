"""Reader for joint area review reports (document family ``jar-report``).

A JAR report has a title page, a contents list, numbered paragraphs under a
fixed run of headings (Introduction, Context, Main findings, Grades,
Recommendations, Equality and diversity, the three core judgement sections,
the additional investigations, Service management / Capacity to improve), and
annexes (the APA letter, the corporate assessment, sometimes an enhanced youth
inspection, the summary of arrangements). The reader follows that structure and
the phrasing JARs share; it never relies on one report's line numbers.

Whatever it meets but cannot place becomes a `ReaderWarning`; a file it cannot
read at all raises `ReaderError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..model import (
    ContextFigure,
    Document,
    Finding,
    Investigation,
    Judgement,
    ReaderWarning,
    Recommendation,
    Review,
    Source,
)
from ..uris import slug
from ..vocab import CORE_AREAS, GRADE_WORDS, GRADES, OUTCOME_AREAS
from .text import (
    Item,
    Line,
    Paragraph,
    ReaderError,
    add_cell_fragment,
    assemble_paragraphs,
    bullet,
    cells,
    ends_sentence,
    guarded_read,
    has_words,
    join_fragments,
    numbered,
    p_items,
    parse_number,
    read_contents,
    restore_lost_numbers,
    row_text,
    split_sentences,
    squash,
    starts_mid_sentence,
    strip_emphasis,
    vocabulary,
)

FAMILY = "jar-report"

_GRADE = r"(outstanding|excellent|very good|good|adequate|satisfactory|inadequate)"
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")

# Headings every JAR of the 2007 methodology prints, as (pattern, role).
_HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), role) for p, role in [
        (r"introduction", "introduction"),
        (r"context", "context"),
        (r"main findings", "main-findings"),
        (r"grades", "grades"),
        (r"recommendations", "recommendations"),
        (r"equality and diversity", "equality"),
        (r"safeguarding", "safeguarding"),
        (r"looked after children(?: and young people)?", "looked-after-children"),
        (r"(?:children and young people with )?learning difficulties and(?:/or)? disabilities",
         "learning-difficulties-and-disabilities"),
        (r"areas for investigation through fieldwork during the joint area review",
         "fieldwork-areas"),
        # the outcome sections of the earlier (2005) methodology: read as passages
        (r"being healthy|staying safe|enjoying and achieving|making a positive contribution"
         r"|achieving economic well-?being", "outcome-area"),
        (r"other issues identified for further investigation|additional investigations?",
         "investigations"),
        (r"an investigation into .+", "investigation"),
        (r"service management(?: and capacity to improve)?", "service-management"),
        (r"capacity to improve", "capacity-to-improve"),
        (r"annex [a-z](?:\s*[:.\-–]\s*.*)?", "annex"),
    ]
]

# Sections whose tab rows a reader consumes (the grades table, annex tables).
_ROW_READERS = ("grades", "annex", "annex-part")
_CORE_ROLES = ("safeguarding", "looked-after-children", "learning-difficulties-and-disabilities",
               "service-management", "capacity-to-improve")

# Grades-table row labels -> judgement-area keys.
_GRADE_LABELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), key) for p, key in [
        (r"safeguarding", "safeguarding"),
        (r"looked after", "looked-after-children"),
        (r"learning difficult", "learning-difficulties-and-disabilities"),
        (r"service management|management of services", "service-management"),
        (r"capacity to improve", "capacity-to-improve"),
        (r"being healthy|be healthy", "being-healthy"),
        (r"staying safe|stay safe", "staying-safe"),
        (r"enjoying and achieving|enjoy and achieve", "enjoying-and-achieving"),
        (r"positive contribution", "making-a-positive-contribution"),
        (r"economic well-?being", "achieving-economic-well-being"),
    ]
]

# Main-findings bullets: phrases that name a core judgement area.
_CORE_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), key) for p, key in [
        (r"safeguard", "safeguarding"),
        (r"looked after", "looked-after-children"),
        (r"learning difficult", "learning-difficulties-and-disabilities"),
        (r"service management|management of services", "service-management"),
        (r"capacity to improve", "capacity-to-improve"),
    ]
]

# Council-level judgements stated in words (APA letter, corporate assessment):
# the subject of "... is good" names the area. Order matters: the first match wins
# for "overall contribution", which also mentions outcomes.
_COUNCIL_SUBJECTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), key) for p, key in [
        (r"\boverall contribution\b", "council-overall-contribution"),
        (r"^(?:the )?outcomes for children and young people\b",
         "outcomes-for-children-and-young-people"),
        (r"\bservice management\b|\bmanagement of (?:children's )?services\b",
         "service-management"),
        (r"\bcapacity\b.*\bto improve\b", "council-capacity-to-improve"),
        (r"\b(?:being|be) healthy\b|\bhealth of children and young people\b", "being-healthy"),
        (r"\bstay(?:ing)? safe\b|\bkeep(?:ing)? children(?: and young people)? safe\b"
         r"|\bappear safe\b", "staying-safe"),
        (r"\benjoy\w*\b.*\bachiev", "enjoying-and-achieving"),
        (r"\bpositive contribution\b|\bcontribute to society\b",
         "making-a-positive-contribution"),
        (r"\beconomic well-?being\b", "achieving-economic-well-being"),
    ]
]
_EXCLUSIVE = ("council-overall-contribution", "outcomes-for-children-and-young-people")

# The APA's descriptor of the overall grade (LSIF scale), in its usual wordings.
_LSIF: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"delivers? services .*?\bat an? " + _GRADE + r" level", re.I), 0),
    (re.compile(r"delivers? services .*?well above minimum requirements", re.I), 4),
    (re.compile(r"consistently delivers? services .*?above minimum requirements", re.I), 3),
    (re.compile(r"delivers? services .*?only (?:at )?minimum requirements", re.I), 2),
    (re.compile(r"(?:does not|fails to) deliver .*?minimum requirements", re.I), 1),
]

# Additional-investigation categories from title keywords, first rule wins.
# School improvement comes before standards ("support and challenge schools in
# raising attainment" is about school improvement), NEET before 14-19.
INVESTIGATION_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), key) for p, key in [
        (r"\bcamhs\b|mental health", "camhs"),
        (r"teenage (?:conception|pregnanc)|sexual health", "teenage-conceptions-and-sexual-health"),
        (r"substance misuse|\bdrugs?\b|\balcohol\b", "substance-misuse"),
        (r"not in (?:employment|education)|\bneet\b", "not-in-education-employment-or-training"),
        (r"\b1[34]\s*(?:-|–|to)\s*19\b", "14-19-strategy"),
        (r"support and challenge|challenge and support|school improvement",
         "school-improvement"),
        (r"\bstandards\b|achievement|attainment|key stages?", "standards-and-achievement"),
        (r"vulnerable|young carers|minority ethnic|travellers?|asylum|young offenders"
         r"|disadvantaged", "vulnerable-groups"),
        (r"health|hospital|immuni[sz]ation|obesity|dental", "health-investigation"),
        (r"education|school|learning|training|attendance|exclusion", "education-investigation"),
    ]
]

_PROTECTED_NAMES = ("Learning and Skills Council", "Children and Young People's",
                    "Health and Social Care", "Education and Training")
_INSPECTORATE = re.compile(r"commission|inspectorate|ofsted|estyn", re.I)
_TIMEFRAMES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"immediate", re.I), "immediate"),
    (re.compile(r"six months|6 months", re.I), "within-six-months"),
    (re.compile(r"longer term|long term|longer-term", re.I), "longer-term"),
]
_KEY_FILLER = frozenset("the of a an to for and with who are is local services children young "
                        "people".split())
_STOP = frozenset("the and for with who are is was were its their local services service "
                  "contribution impact children young people improving outcomes make makes "
                  "made provided into between into that this".split())


@dataclass
class _Table:
    header: Line
    rows: list[Line]


@dataclass
class _Section:
    role: str
    heading: str
    line: int
    lines: list[Line] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    rows: list[Line] = field(default_factory=list)
    annex: str | None = None
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    printed: str = ""
    """The heading line as printed, to recognise it when repeated as a page header."""

    def has_content(self) -> bool:
        return bool(self.tables or self.rows or any(ln.text.strip() for ln in self.lines))

    def numbered(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "numbered"]


def read_jar_report(path: Path) -> Document:
    """Read one JAR report into a `Document` with its JAR review and annex reviews."""
    return guarded_read(path, "a JAR report", lambda lines: _Reader(path, lines).read())


class _Reader:
    """State of one reading: the file's lines, its id, the warnings so far."""

    def __init__(self, path: Path, lines: list[Line]) -> None:
        self.path = path
        self.title_line = 1
        self.file = str(path)
        self.doc_id = path.stem
        self.lines = lines
        self.warnings: list[ReaderWarning] = []
        self.passages: list[Source] = []

    # -- plumbing ---------------------------------------------------------

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ReaderWarning(self.file, line, message))

    def src(self, line: int, section: str | None = None, paragraph: str | None = None,
            text: str | None = None) -> Source:
        return Source(self.doc_id, line, paragraph, section, text)

    # -- the whole document -------------------------------------------------

    def read(self) -> Document:
        body_start = self._body_start()
        front = self.lines[:body_start]
        doc = self._title_page(front)
        self._contents(front)
        sections = self._segment(body_start, self._page_headers(front))
        self._assemble(sections)
        year = int(doc.published[:4]) if doc.published[:4].isdigit() else 0
        jar = self._jar_review(doc, sections, year)
        doc.reviews.append(jar)
        doc.figures.extend(self._context_figures(sections))
        doc.reviews.extend(self._annex_reviews(sections, doc, year))
        doc.passages = self.passages
        doc.warnings = self.warnings
        return doc

    def _body_start(self) -> int:
        """Index of the body's first heading: the Introduction that numbered paragraphs
        follow (a contents list may name it too), else the first known heading."""
        roles = [(i, role) for i, ln in enumerate(self.lines) if (role := _heading_role(ln.text))]
        intro = [i for i, role in roles if role == "introduction"]
        for i in intro:
            if self._next_is_numbered(i):
                return i
        if intro:
            return intro[-1]
        if roles:
            return roles[0][0]
        raise ReaderError(self.file, 1, "no 'Introduction' or other JAR section heading found;"
                                        " not a joint area review report")

    # -- title page and contents ----------------------------------------------

    def _title_page(self, front: list[Line]) -> Document:
        texts = [(ln, ln.text.strip()) for ln in front if ln.text.strip()]
        title_ln = next((ln for ln, t in texts if t.lower() == "joint area review"), None)
        area_ln = next((ln for ln, t in texts
                        if re.search(r"children'?s services authority area$", t, re.I)), None)
        if title_ln is None:
            self.warn(1, "title page has no 'Joint area review' line")
        area = self._area_name(area_ln)
        title = "Joint area review" + (f": {area_ln.text.strip()}" if area_ln else "")
        doc = Document(id=self.doc_id, family=FAMILY, path=self.file, title=title,
                       published=self._published(texts), area=area, publisher="Ofsted")
        doc.reference = _field(texts, "reference no")
        if doc.reference is None:
            self.warn(1, "title page has no 'Reference no:' line")
        end = next((k for k, (_, t) in enumerate(texts)
                    if re.match(r"(?:age group|published)\s*:", t, re.I)), len(texts))
        doc.inspectorates = [t for _, t in texts[:end] if _INSPECTORATE.search(t) and len(t) < 80]
        self.title_line = title_ln.number if title_ln else 1
        self.passages.append(self.src(self.title_line, "Title page",
                                      text="\n".join(t for _, t in texts[:40])))
        return doc

    def _area_name(self, area_ln: Line | None) -> str:
        if area_ln is not None:
            return re.sub(r"\s+children'?s services authority area$", "", area_ln.text.strip(),
                          flags=re.I)
        self.warn(1, "title page names no '... Children's Services Authority Area'; area taken "
                     "from the file name")
        parts = self.doc_id.split("-")
        return " ".join(p.capitalize() for p in parts[1:-1]) or self.doc_id

    def _published(self, texts: list[tuple[Line, str]]) -> str:
        value = _field(texts, "published")
        if value is not None and (iso := _iso_date(value)) is not None:
            return iso
        copyright_year = next((m.group(1) for _, t in texts
                               if (m := re.search(r"copyright\s+(\d{4})", t, re.I))), None)
        line = next((ln.number for ln, t in texts if t.lower().startswith("published")), 1)
        self.warn(line, f"no readable 'Published:' date ({value!r}); "
                        f"using the copyright year {copyright_year}")
        return copyright_year or ""

    def _contents(self, front: list[Line]) -> None:
        start = next((i for i, ln in enumerate(front) if ln.text.strip().lower() == "contents"),
                     None)
        if start is None:
            return
        entries = read_contents(front[start + 1 :], vocabulary(self.lines))
        text = "\n".join(e.title + (f" ({e.page})" if e.page else "") for e in entries)
        self.passages.append(self.src(front[start].number, "Contents", text=text))

    def _page_headers(self, front: list[Line]) -> set[str]:
        """Title-page lines that, met again in the body, are running page headers."""
        heads = {"joint area review"}
        for ln in front:
            if re.search(r"children'?s services authority area$", ln.text.strip(), re.I):
                heads.add(ln.text.strip().lower())
        return heads

    # -- sections -----------------------------------------------------------

    def _segment(self, start: int, page_headers: set[str]) -> list[_Section]:
        """Cut the body into sections at headings; pull tables out as they come."""
        sections: list[_Section] = []
        zone = "body"
        i = start
        while i < len(self.lines):
            ln = self.lines[i]
            text = _heading_text(ln.text)
            sec = sections[-1] if sections else None
            role = _heading_role(ln.text)
            if zone == "annex" and role != "annex":
                role = None
            if text.lower() in page_headers:
                i += 1
                continue
            if role is not None:
                zone = self._open_section(sections, role, text, ln, zone)
            elif text and (_is_grade_box(ln.text) or not has_words(text)):
                pass  # grade-scale boxes and stray marks of the page layout
            elif _is_strengths_header(ln.text):
                table, i = self._read_table(i)
                if sec is not None:
                    sec.tables.append(table)
                continue
            elif sec is not None and self._is_subheading(i, sec, zone):
                self._open_subsection(sections, sec, text, ln, zone)
            elif sec is not None and "\t" in ln.text.strip():
                sec.rows.append(ln)
                if sec.role not in _ROW_READERS:
                    self.warn(ln.number, f"tab-separated row outside any table this reader "
                                         f"knows, kept as text only: {row_text(ln.text)[:60]!r}")
            elif sec is not None:
                sec.lines.append(ln)
            i += 1
        return sections

    def _open_section(self, sections: list[_Section], role: str, text: str, ln: Line,
                      zone: str) -> str:
        sec = sections[-1] if sections else None
        if (sec is not None and role == sec.role and role != "annex" and sec.has_content()
                and text.lower() in (sec.printed.lower(), sec.heading.lower())):
            return zone  # the heading repeated as a page header
        if (sec is not None and role == "capacity-to-improve" and sec.role == "service-management"
                and not sec.has_content()):
            sec.role = "service-management-and-capacity"
            sec.heading = f"{sec.heading} / {text}"
            return zone
        if role == "annex":
            letter, title = _annex_heading(text)
            sections.append(_Section("annex", f"Annex {letter}", ln.number, annex=letter,
                                     title=title))
            return "annex"
        if role == "investigation":
            sections.append(_Section("investigation", _investigation_title(text), ln.number,
                                     printed=text))
            return "investigations"
        sections.append(_Section(role, text, ln.number, printed=text))
        return "investigations" if role == "investigations" else "body"

    def _open_subsection(self, sections: list[_Section], sec: _Section, text: str, ln: Line,
                         zone: str) -> None:
        if zone == "investigations":
            sections.append(_Section("investigation", _investigation_title(text), ln.number))
        elif zone == "body":
            self.warn(ln.number, f"heading {text!r} is not one this reader knows: what is under "
                                 "it is kept as passages only")
            sections.append(_Section("other", text, ln.number, printed=text))
        elif sec.role == "annex" and sec.title is None and not sec.has_content():
            sec.title = text
        else:
            sections.append(_Section("annex-part", f"Annex {sec.annex}: {text}", ln.number,
                                     annex=sec.annex, title=text))

    def _is_subheading(self, i: int, sec: _Section, zone: str) -> bool:
        """A short stand-alone line that reads as a heading, in a zone that has them."""
        text = _heading_text(self.lines[i].text)
        if not _looks_like_heading(text, self.lines[i].text):
            return False
        if i > 0 and self.lines[i - 1].text.strip():
            return False
        if zone in ("investigations", "body"):
            last = next((ln.text for ln in reversed(sec.lines) if ln.text.strip()), "")
            return (not last or ends_sentence(last)) and self._next_is_numbered(i)
        return True

    def _next_is_numbered(self, i: int) -> bool:
        for ln in self.lines[i + 1 :]:
            if ln.text.strip() and has_words(ln.text) and not _is_grade_box(ln.text):
                return numbered(ln.text) is not None
        return False

    def _read_table(self, i: int) -> tuple[_Table, int]:
        """A strengths/weaknesses table: its rows, across page breaks and repeated headers."""
        table = _Table(self.lines[i], [])
        j, after_blank = i + 1, False
        while j < len(self.lines):
            text = self.lines[j].text
            if not text.strip() or not has_words(text):
                after_blank, j = True, j + 1
                continue
            if _is_strengths_header(text):
                after_blank, j = False, j + 1
                continue
            is_row = "\t" in text or "<p>" in text
            if (numbered(text) or _known_role(_heading_text(text)) or _is_grade_box(text)
                    or (after_blank and not is_row)):
                break
            table.rows.append(self.lines[j])
            after_blank, j = False, j + 1
        if not table.rows:
            self.warn(table.header.number, "strengths and weaknesses table has no rows")
        return table, j

    def _assemble(self, sections: list[_Section]) -> None:
        """Paragraphs for every section, lost numbers restored per numbering run."""
        runs: dict[str, list[Paragraph]] = {}
        for sec in sections:
            sec.paragraphs = assemble_paragraphs(sec.lines)
            runs.setdefault(sec.annex or "", []).extend(sec.paragraphs)
        for paragraphs in runs.values():
            for line, message in restore_lost_numbers(paragraphs):
                self.warn(line, message)
        seen: set[str] = set()
        for sec in sections:
            self._section_passages(sec, seen)

    def _section_passages(self, sec: _Section, seen: set[str]) -> None:
        loose: list[str] = [t for t in (row_text(r.text) for r in sec.rows) if t]
        for table in sec.tables:
            loose.extend(row_text(r.text) for r in [table.header, *table.rows])
        for para in sec.paragraphs:
            number = _paragraph_id(sec, para)
            if number is not None and number in seen:
                self.warn(para.line, f"paragraph number {number} printed twice; the second is "
                                     "kept with its section")
                number = None
            if number is None:
                loose.append(para.full_text())
                continue
            seen.add(number)
            self.passages.append(self.src(para.line, sec.heading, number,
                                          strip_emphasis(para.full_text())))
        heading = sec.heading if sec.title is None or sec.role == "annex-part" else (
            f"{sec.heading}: {sec.title}")
        text = "\n".join([heading, *(strip_emphasis(t) for t in loose)])
        self.passages.append(self.src(sec.line, sec.heading, text=text))

    # -- the JAR review ---------------------------------------------------

    def _jar_review(self, doc: Document, sections: list[_Section], year: int) -> Review:
        review = Review(kind="jar", area=doc.area or "", year=year,
                        source=self.src(self.title_line, "Title page", text=doc.title))
        judgements = self._grades_table(sections)
        review.methodology = _methodology(judgements)
        in_table = set(judgements)
        self._core_sections(sections, judgements, review)
        self._missing_rows(sections, judgements, in_table)
        self._investigations(sections, judgements, review)
        self._main_findings(sections, judgements, review)
        self._check_intro_investigations(sections, review)
        review.judgements = list(judgements.values())
        review.recommendations = self._recommendations(sections)
        review.summary = self._main_findings_text(sections)
        review.fieldwork = self._fieldwork(sections)
        return review

    def _grades_table(self, sections: list[_Section]) -> dict[str, Judgement]:
        judgements: dict[str, Judgement] = {}
        sec = _first(sections, "grades")
        if sec is None:
            self.warn(1, "no 'Grades' section: the JAR grades are read from the prose only")
            return judgements
        scopes: dict[int, str] = {}
        for row in sec.rows:
            cs = cells(row.text)
            if not any(_grade_value(c) for c in cs[1:]):
                scopes = _scope_columns(cs) or scopes
                continue
            self._grade_row(row, cs, scopes or {1: "local-services-overall"}, sec, judgements)
        if not judgements:
            self.warn(sec.line, "'Grades' section has no grade rows")
        return judgements

    def _grade_row(self, row: Line, cs: list[str], scopes: dict[int, str], sec: _Section,
                   judgements: dict[str, Judgement]) -> None:
        key = _label_key(cs[0], _GRADE_LABELS)
        if key is None:
            self.warn(row.number, f"grades table row {cs[0]!r} names no known judgement area")
            return
        for col, value in enumerate(cs[1:], start=1):
            if not value:
                continue
            grade = _grade_value(value)
            scope = scopes.get(col)
            if grade is None or scope is None:
                self.warn(row.number, f"grades table cell {value!r} in column {col} is not a "
                                      "grade under a known scope heading")
                continue
            source = self.src(row.number, sec.heading, text=row_text(row.text))
            judgements[f"{key}@{scope}"] = Judgement(key, grade, [source], scope)

    def _core_sections(self, sections: list[_Section], judgements: dict[str, Judgement],
                       review: Review) -> None:
        found: set[str] = set()
        for sec in sections:
            keys = _core_keys(sec.role)
            if not keys:
                continue
            found.update(keys)
            self._prose_grades(sec, keys, judgements)
            for table in sec.tables:
                review.findings.extend(self._table_findings(table, sec, keys[0]))
        for key in CORE_AREAS:
            if key not in found:
                self._missing_section(key, judgements, sections)

    def _missing_rows(self, sections: list[_Section], judgements: dict[str, Judgement],
                      in_table: set[str]) -> None:
        """A core area graded in its section but absent from a grades table that exists."""
        grades_sec = _first(sections, "grades")
        if grades_sec is None or not in_table:
            return
        for key in CORE_AREAS:
            slot = f"{key}@local-services-overall"
            if slot in judgements and slot not in in_table:
                self.warn(grades_sec.line, f"the grades table has no row for {key}; its grade "
                                           "is taken from the section's own sentence")

    def _missing_section(self, key: str, judgements: dict[str, Judgement],
                         sections: list[_Section]) -> None:
        row = judgements.get(f"{key}@local-services-overall")
        line = row.sources[0].line if row else next(
            (s.line for s in sections if s.role in _CORE_ROLES), 1)
        self.warn(line, f"no '{_SECTION_NAMES[key]}' section: the grade for {key} has no "
                        "supporting paragraph and its strengths and weaknesses are missing")

    def _prose_grades(self, sec: _Section, keys: tuple[str, ...],
                      judgements: dict[str, Judgement]) -> None:
        """The opening (bold) sentence(s) that state the section's grade in words."""
        paras = sec.numbered()
        stated = _grade_sentences(paras[0]) if paras else []
        for key in keys:
            match = next(((s, g, w) for s, g, w in stated
                          if _sentence_key(s, keys) == key), None)
            if match is None:
                self.warn(sec.line, f"section '{sec.heading}' has no sentence stating the "
                                    f"grade for {key}")
                continue
            sentence, grade, word = match
            source = self.src(paras[0].line, sec.heading, _paragraph_id(sec, paras[0]), sentence)
            self.merge(judgements, key, grade, source, "local-services-overall", word)

    def merge(self, judgements: dict[str, Judgement], key: str, grade: int, source: Source,
              scope: str, word: str | None) -> None:
        """Add a source to a judgement, warning when it states a different grade."""
        slot = f"{key}@{scope}"
        judgement = judgements.get(slot)
        if judgement is None:
            judgements[slot] = Judgement(key, grade, [source], scope, word)
            return
        if judgement.grade != grade:
            first = judgement.sources[0]
            where = f"paragraph {first.paragraph}" if first.paragraph else (
                f"'{first.section}' line {first.line}")
            self.warn(source.line, f"{key} is {GRADES[grade]} ({grade}) here but "
                                   f"{GRADES[judgement.grade]} ({judgement.grade}) in {where}")
        judgement.sources.append(source)
        if judgement.wording is None:
            judgement.wording = word

    def _table_findings(self, table: _Table, sec: _Section, area_key: str) -> list[Finding]:
        kinds = self._column_kinds(table)
        columns: dict[int, list[Item]] = {col: [] for col in kinds}
        for row in table.rows:
            for col, cell in enumerate(cells(row.text)):
                if cell:
                    self._table_cell(row, col, cell, kinds, columns)
        findings = []
        for col, items in columns.items():
            for item in items:
                source = self.src(item.line, sec.heading, text=item.text)
                findings.append(Finding(kinds[col], item.text, source, area_key))
        return findings

    def _column_kinds(self, table: _Table) -> dict[int, str]:
        kinds: dict[int, str] = {}
        for col, name in enumerate(cells(table.header.text)):
            if not name:
                continue
            kind = _column_kind(name)
            if kind is None:
                self.warn(table.header.number, f"unknown column {name!r} in strengths and "
                                               "weaknesses table: its cells are not read")
            else:
                kinds[col] = kind
        return kinds

    def _table_cell(self, row: Line, col: int, cell: str, kinds: dict[int, str],
                    columns: dict[int, list[Item]]) -> None:
        if col not in kinds:
            self.warn(row.number, f"table cell in column {col + 1}, which has no known heading,"
                                  f" not read: {squash(cell)[:80]!r}")
            return
        if "<p>" not in cell and "</p>" not in cell:
            add_cell_fragment(columns[col], cell, row.number)
            return
        items, leftover = p_items(cell)
        columns[col].extend(Item(text, row.number) for text in items)
        if leftover:
            self.warn(row.number, f"garbled table cell: text outside <p>...</p> not read: "
                                  f"{leftover[:80]!r}")

    # -- investigations ------------------------------------------------------

    def _investigations(self, sections: list[_Section], judgements: dict[str, Judgement],
                        review: Review) -> None:
        for sec in sections:
            if sec.role == "investigations" and sec.numbered():
                self._untitled_investigation(sec)
            if sec.role != "investigation":
                continue
            title = sec.title or sec.heading
            key = self._investigation_key(title, review)
            source = self.src(sec.line, sec.heading, text=sec.printed or title)
            review.investigations.append(Investigation(key, title, investigation_category(title),
                                                       source))
            self._prose_grades(sec, (key,), judgements)
            for table in sec.tables:
                review.findings.extend(self._table_findings(table, sec, key))

    def _untitled_investigation(self, sec: _Section) -> None:
        """Paragraphs straight under 'Other issues...': title them from the grade sentence."""
        stated = _grade_sentences(sec.numbered()[0])
        if not stated:
            self.warn(sec.line, "paragraphs under the additional-investigations heading with no "
                                "investigation heading or grade sentence")
            return
        subject = re.split(r"\s+(?:is|are)\s+(?:also\s+)?" + _GRADE, stated[0][0], flags=re.I)[0]
        sec.role, sec.title = "investigation", subject  # the heading stays, for provenance

    def _investigation_key(self, title: str, review: Review) -> str:
        short = re.sub(r"^(?:the )?(?:(?:contribution|impact) of (?:all )?(?:local )?services "
                       r"(?:to|in|on)\s+)?(?:the\s+)?", "", title, flags=re.I)
        words = [w for w in re.findall(r"[\w'’]+", short.lower()) if w not in _KEY_FILLER]
        key = slug(" ".join(words))
        taken = {inv.key for inv in review.investigations}
        if key in taken or key in CORE_AREAS:
            key = slug(title)
        return key

    def _check_intro_investigations(self, sections: list[_Section], review: Review) -> None:
        sec = _first(sections, "introduction")
        if sec is None:
            return
        for para in sec.numbered():
            if re.search(r"investigat", para.text, re.I) and para.text.rstrip().endswith(":"):
                if len(para.items) != len(review.investigations):
                    self.warn(para.line, f"the introduction lists {len(para.items)} additional "
                                         f"investigation(s) but {len(review.investigations)} "
                                         "investigation section(s) were found")

    # -- main findings --------------------------------------------------------

    def _main_findings(self, sections: list[_Section], judgements: dict[str, Judgement],
                       review: Review) -> None:
        sec = _first(sections, "main-findings")
        if sec is None:
            self.warn(1, "no 'Main findings' section")
            return
        used: set[str] = set()
        for number, item in _main_finding_bullets(sec):
            sentences = split_sentences(strip_emphasis(item.text))
            key = self._bullet_key(sentences[0] if sentences else "", review, used)
            if key is None:
                self.warn(item.line, f"main-findings bullet states no judgement this reader "
                                     f"can place: {item.text[:60]!r}")
                continue
            used.add(key)
            self._bullet_sources(sec, number, item, sentences, key, judgements)

    def _bullet_key(self, sentence: str, review: Review, used: set[str]) -> str | None:
        core = _label_key(sentence, _CORE_PHRASES)
        best, score = None, 0.0
        for inv in review.investigations:
            overlap = _overlap(sentence, inv.title)
            if overlap > score:
                best, score = inv.key, overlap
        if best is not None and score >= 0.5 and (core is None or core in used):
            return best
        return core

    def _bullet_sources(self, sec: _Section, number: str | None, item: Item,
                        sentences: list[str], key: str,
                        judgements: dict[str, Judgement]) -> None:
        targets = [(key, sentences[0])]
        if key == "service-management":
            targets += [("capacity-to-improve", s) for s in sentences[1:]
                        if re.search(r"capacity", s, re.I)][:1]
        for target, sentence in targets:
            grade = _bullet_grade(sentence)
            source = self.src(item.line, sec.heading, number, strip_emphasis(item.text))
            if grade is None:
                self.warn(item.line, f"main-findings bullet for {target} states no grade")
                continue
            if f"{target}@local-services-overall" not in judgements:
                self.warn(item.line, f"main-findings bullet grades {target}, which no grades "
                                     "table row or section grades")
            self.merge(judgements, target, grade[0], source, "local-services-overall", grade[1])

    def _main_findings_text(self, sections: list[_Section]) -> str | None:
        sec = _first(sections, "main-findings")
        if sec is None or not sec.paragraphs:
            return None
        return "\n".join(strip_emphasis(p.full_text()) for p in sec.paragraphs)

    # -- recommendations ----------------------------------------------------

    def _recommendations(self, sections: list[_Section]) -> list[Recommendation]:
        sec = _first(sections, "recommendations")
        if sec is None:
            self.warn(1, "no 'Recommendations' section")
            return []
        reader = _RecommendationReader(self, sec)
        for ln in sec.lines:
            reader.feed(ln)
        if not reader.recommendations:
            self.warn(sec.line, "'Recommendations' section has no recommendations")
        return reader.recommendations

    # -- context figures ------------------------------------------------------

    def _context_figures(self, sections: list[_Section]) -> list[ContextFigure]:
        sec = _first(sections, "context")
        if sec is None:
            self.warn(1, "no 'Context' section")
            return []
        figures: list[ContextFigure] = []
        for para in sec.numbered():
            number = _paragraph_id(sec, para)
            for sentence in split_sentences(strip_emphasis(para.text)):
                for measure, value, unit in _sentence_figures(sentence):
                    source = self.src(para.line, sec.heading, number, sentence)
                    figures.append(ContextFigure(measure, value, source, unit))
            for item in para.items:
                for measure, value in _counted_phrases(strip_emphasis(item.text)):
                    source = self.src(item.line, sec.heading, number, item.text)
                    figures.append(ContextFigure(measure, value, source, "count"))
        return figures

    def _fieldwork(self, sections: list[_Section]) -> str | None:
        for sec in sections:
            for para in sec.paragraphs:
                if (period := fieldwork_period(para.full_text())) is not None:
                    return period
        return None

    # -- annexes ------------------------------------------------------------

    def _annex_reviews(self, sections: list[_Section], doc: Document,
                       year: int) -> list[Review]:
        reviews: list[Review] = []
        for letter, parts in _annexes(sections).items():
            kind = _annex_kind(parts)
            area = doc.area or ""
            if kind == "apa":
                reviews.append(_ApaReader(self, parts, area).review(sections))
            elif kind == "corporate-assessment":
                reviews.append(self._corporate_assessment(parts, area, year))
            elif kind == "enhanced-youth-inspection":
                reviews.append(self._youth_inspection(parts, area, year))
            elif kind is None:
                self.warn(parts[0].line, f"annex {letter} ({parts[0].title!r}) is of no kind "
                                         "this reader knows: kept as passages only")
            if kind not in ("apa", "enhanced-youth-inspection"):
                for row in (row for sec in parts for row in sec.rows):
                    self.warn(row.number, f"table row in annex {letter} not read, kept as text "
                                          f"only: {row_text(row.text)[:60]!r}")
        return reviews

    def _corporate_assessment(self, parts: list[_Section], area: str, year: int) -> Review:
        """The children and young people section of the contemporaneous corporate assessment.

        Only sentences that grade an area in the assessment's own voice count. Sentences
        that report another review's judgement ("The 2006 annual performance assessment
        judged ... to be good", "The joint area review concluded ...") are left out: those
        grades belong to the APA or the JAR and are read from their own sections.
        """
        head = parts[0]
        review = Review(kind="corporate-assessment", area=area, year=year,
                        source=self.src(head.line, head.heading, text=head.title))
        judgements: dict[str, Judgement] = {}
        for sec, para in _annex_paragraphs(parts):
            for sentence in split_sentences(strip_emphasis(para.text)):
                if re.search(r"annual performance assessment|\bAPA\b|joint area review|"
                             r"\bJAR\b|consistently delivers", sentence, re.I):
                    continue
                for key, grade, word in council_sentence_grades(sentence):
                    source = self.src(para.line, sec.heading, _paragraph_id(sec, para), sentence)
                    self.merge(judgements, key, grade, source, "council", word)
        review.judgements = list(judgements.values())
        return review

    def _youth_inspection(self, parts: list[_Section], area: str, year: int) -> Review:
        """The enhanced youth inspection summary: key-aspect grades and its two lists.

        The summary gives no date of its own, so the review takes the JAR's year.
        """
        head = parts[0]
        review = Review(kind="enhanced-youth-inspection", area=area, year=year,
                        source=self.src(head.line, head.heading, text=head.title))
        for sec in parts:
            for row in sec.rows:
                self._youth_row(row, sec, review)
            kind = _list_kind(sec.title or "")
            for para in sec.paragraphs:
                if kind is not None and para.kind == "bullet":
                    source = self.src(para.line, sec.heading, text=para.text)
                    review.findings.append(Finding(kind, para.text, source))
                elif kind is not None:
                    self.warn(para.line, f"text under '{sec.title}' that is not a list item: "
                                         f"{para.text[:60]!r}")
        if not review.judgements:
            self.warn(head.line, "enhanced youth inspection summary has no key-aspect grades")
        return review

    def _youth_row(self, row: Line, sec: _Section, review: Review) -> None:
        cs = [c for c in cells(row.text) if c and not re.fullmatch(r"\d{1,2}\.?", c)]
        grade = _grade_value(cells(row.text)[-1])
        if grade is None:
            if not any(re.search(r"grade", c, re.I) for c in cs):
                self.warn(row.number, f"key-aspect row without a grade: {row_text(row.text)!r}")
            return
        key = _youth_key(" ".join(cs))
        if key is None:
            self.warn(row.number, f"key aspect {row_text(row.text)!r} is not one of the four "
                                  "youth inspection key aspects")
            return
        source = self.src(row.number, sec.heading, text=row_text(row.text))
        review.judgements.append(Judgement(key, grade, [source], "council"))


class _RecommendationReader:
    """Recommendations in both layouts: '- The council should ...' sentences, and
    'The local partnership should:' followed by items."""

    def __init__(self, reader: _Reader, sec: _Section) -> None:
        self.reader = reader
        self.sec = sec
        self.timeframe: str | None = None
        self.heading_seen = False
        self.stem: str | None = None
        self.recommendations: list[Recommendation] = []
        self.last_item: str | None = None

    def feed(self, ln: Line) -> None:
        text = ln.text.strip()
        if not text or not has_words(text):
            return
        if re.match(r"^for (?:immediate )?action\b", text, re.I) and not ends_sentence(text):
            self._timeframe(ln, text)
            return
        if (m := re.match(r"^(.*?)\s+should\s*:\s*$", strip_emphasis(text))) and not bullet(text):
            self.stem, self.last_item = m.group(1), None
            return
        item = bullet(ln.text)
        if item is None and ln.text[:1].isspace():
            item = text  # an indented item whose bullet glyph was lost
        if item is not None:
            self._add(ln, item)
        elif self.last_item is not None and (starts_mid_sentence(text)
                                             or not ends_sentence(self.last_item)):
            self._continue(text)  # the item went on after a page break
        elif self.stem is None and re.search(r"\bshould\b", text):
            self._add(ln, text)
        else:
            self.reader.warn(ln.number, f"text in 'Recommendations' read as neither an item nor "
                                        f"a heading: {text[:60]!r}")

    def _timeframe(self, ln: Line, text: str) -> None:
        self.timeframe = next((key for pattern, key in _TIMEFRAMES if pattern.search(text)), None)
        self.stem, self.last_item, self.heading_seen = None, None, True
        if self.timeframe is None:
            self.reader.warn(ln.number, f"recommendations heading {text!r} names no known "
                                        "timeframe")

    def _add(self, ln: Line, item: str) -> None:
        item = strip_emphasis(item)
        subject = re.match(r"^(.+?)\s+should\b\s*(.*)$", item)
        if subject and subject.group(1)[:1].isupper():
            addressees, text = split_addressees(subject.group(1)), item
        elif self.stem is not None:
            addressees, text = split_addressees(self.stem), f"{self.stem} should {item}"
        else:
            self.reader.warn(ln.number, f"recommendation with no addressee: {item[:60]!r}")
            addressees, text = [], item
        if not self.heading_seen:
            self.reader.warn(ln.number, "recommendation before any 'For ... action' heading: no "
                                        "timeframe")
            self.heading_seen = True  # said once is enough
        source = self.reader.src(ln.number, self.sec.heading, text=item)
        self.recommendations.append(Recommendation(text, source, self.timeframe, addressees))
        self.last_item = item

    def _continue(self, text: str) -> None:
        rec = self.recommendations[-1]
        rec.text = join_fragments(rec.text, strip_emphasis(text))
        self.last_item = join_fragments(self.last_item or "", strip_emphasis(text))
        old = rec.source
        rec.source = Source(old.document, old.line, old.paragraph, old.section, self.last_item)


class _ApaReader:
    """The APA letter annex: its year, address, table and the grades stated in words."""

    def __init__(self, reader: _Reader, parts: list[_Section], area: str) -> None:
        self.reader = reader
        self.parts = parts
        self.area = area
        self.judgements: dict[str, Judgement] = {}

    def review(self, sections: list[_Section]) -> Review:
        head = self.parts[0]
        url = self._url()
        year = self._year(url, sections)
        review = Review(kind="apa", area=self.area, year=year, url=url,
                        source=self.reader.src(head.line, head.heading, text=head.title))
        for sec in self.parts:
            for row in sec.rows:
                self._row(row, sec)
        for sec, para in _annex_paragraphs(self.parts):
            self._words(sec, para)
        self._introduction(sections, year)
        review.judgements = list(self.judgements.values())
        review.summary = "\n".join(strip_emphasis(p.text)
                                   for _, p in _annex_paragraphs(self.parts)) or None
        if not review.judgements:
            self.reader.warn(head.line, "APA annex states no grade this reader can read")
        return review

    def _url(self) -> str | None:
        """The address line (it may hold spaces: ``...\\APA\\apa 2007 855.pdf``)."""
        for sec in self.parts:
            for ln in sec.lines:
                if _is_url(ln.text):
                    return ln.text.strip()
        return None

    def _year(self, url: str | None, sections: list[_Section]) -> int:
        title = " ".join(p.title or "" for p in self.parts)
        if m := re.search(r"\b(20\d\d|19\d\d)\b", title):
            return int(m.group(1))
        if url and (m := re.search(r"apa(?:[\s_-]|%20)*(\d{4})", url, re.I)):
            return int(m.group(1))
        intro = _first(sections, "introduction")
        for para in intro.numbered() if intro else []:
            if m := re.search(r"\b(\d{4}) (?:annual performance assessment|APA)\b", para.text):
                return int(m.group(1))
        self.reader.warn(self.parts[0].line, "APA annex gives no year; none found in its address "
                                             "or the introduction")
        return 0

    def _row(self, row: Line, sec: _Section) -> None:
        cs = [c for c in cells(row.text) if c]
        grade = _grade_value(cs[-1]) if cs else None
        if grade is None:
            if not re.search(r"grade", row.text, re.I):
                self.reader.warn(row.number, f"APA table row without a grade: "
                                             f"{row_text(row.text)!r}")
            return
        label = " ".join(cs[:-1])
        key = ("council-capacity-to-improve" if re.search(r"capacity", label, re.I)
               else "council-overall-contribution" if re.search(r"contribution|outcomes", label,
                                                                 re.I) else None)
        if key is None:
            self.reader.warn(row.number, f"APA table row names no known judgement: {label!r}")
            return
        source = self.reader.src(row.number, sec.heading, text=row_text(row.text))
        self.reader.merge(self.judgements, key, grade, source, "council", None)

    def _words(self, sec: _Section, para: Paragraph) -> None:
        for sentence in split_sentences(strip_emphasis(para.text)):
            if re.search(r"joint area review", sentence, re.I):
                continue
            found = council_sentence_grades(sentence) + _lsif_grades(sentence)
            for key, grade, word in found:
                source = self.reader.src(para.line, sec.heading, _paragraph_id(sec, para),
                                         sentence)
                self.reader.merge(self.judgements, key, grade, source, "council", word)

    def _introduction(self, sections: list[_Section], year: int) -> None:
        """'The 2006 annual performance assessment ... judged the council's children's
        services as good and its capacity to improve as good' names this APA's grades."""
        intro = _first(sections, "introduction")
        for para in intro.numbered() if intro else []:
            for sentence in split_sentences(strip_emphasis(para.text)):
                m = re.search(r"\b(?:(\d{4})|most recent) (?:annual performance assessment|APA)",
                              sentence, re.I)
                if m is None or (m.group(1) and int(m.group(1)) != year):
                    continue
                for key, grade, word in _judged_as(sentence):
                    source = self.reader.src(para.line, intro.heading,
                                             _paragraph_id(intro, para), sentence)
                    self.reader.merge(self.judgements, key, grade, source, "council", word)


# --- small pure helpers ---------------------------------------------------------

_SECTION_NAMES = {
    "safeguarding": "Safeguarding",
    "looked-after-children": "Looked after children and young people",
    "learning-difficulties-and-disabilities":
        "Children and young people with learning difficulties and/or disabilities",
    "service-management": "Service management",
    "capacity-to-improve": "Capacity to improve",
}


def _heading_text(text: str) -> str:
    return squash(strip_emphasis(text)).strip(" #").rstrip(".")


def _heading_role(raw: str) -> str | None:
    """The role of a body line that is a known heading; None for any other line."""
    text = _heading_text(raw)
    if "\t" in raw.strip() or len(text) > 250 or numbered(raw) or bullet(raw):
        return None
    role = _known_role(text)
    if role == "investigation" and ends_sentence(raw):
        return None  # a sentence that happens to start "An investigation into ..."
    return role


def _known_role(text: str) -> str | None:
    for pattern, role in _HEADINGS:
        if pattern.fullmatch(text):
            return role
    return None


def _looks_like_heading(text: str, raw: str) -> bool:
    """Short, stand-alone, capitalised, no closing punctuation: how sub-headings look."""
    return (bool(text) and has_words(text) and "\t" not in raw.strip() and len(text) <= 150
            and not text[0].islower() and not ends_sentence(raw) and ";" not in text
            and not re.search(r"\d:", text) and not _is_url(text)
            and numbered(raw) is None and bullet(raw) is None)


def _is_url(text: str) -> bool:
    return bool(re.match(r"^\s*(?:https?://|www\.)", text))


def _is_grade_box(text: str) -> bool:
    """The grade-scale boxes printed under a judgement heading ("Inadequate Adequate Good X")."""
    words = [w for w in re.split(r"[\t ]+", text.strip()) if w]
    grade_words = [w for w in words if w.lower() in ("inadequate", "adequate", "good",
                                                     "outstanding")]
    return bool(grade_words) and all(w in grade_words or len(w) <= 2 for w in words)


def _is_strengths_header(text: str) -> bool:
    """The header row of a 'Major strengths / Important weaknesses' table."""
    return any(re.fullmatch(r"major strengths?|important weakness(?:es)?", c.lower())
               for c in cells(text) if c)


def _column_kind(name: str) -> str | None:
    name = name.lower()
    if "strength" in name:
        return "strength"
    if "weakness" in name:
        return "weakness"
    if re.search(r"areas? for (?:development|improvement)", name):
        return "area-for-development"
    return None


def _list_kind(title: str) -> str | None:
    if re.fullmatch(r"(?:key |main )?strengths", title.strip(), re.I):
        return "strength"
    if re.fullmatch(r"(?:key )?areas? for (?:development|improvement)", title.strip(), re.I):
        return "area-for-development"
    return None


def _annex_heading(text: str) -> tuple[str, str | None]:
    m = re.match(r"annex\s+([a-z])\b\s*[:.\-–]?\s*(.*)$", text, re.I)
    if m is None:
        return "?", text
    return m.group(1).upper(), (m.group(2).strip() or None)


def _investigation_title(text: str) -> str:
    title = re.sub(r"^an investigation into\s+", "", text, flags=re.I).strip()
    return title[:1].upper() + title[1:]


def investigation_category(title: str) -> str:
    """The investigation-category key for a title, by the first keyword rule that fits."""
    for pattern, key in INVESTIGATION_RULES:
        if pattern.search(title):
            return key
    return "other-investigation"


def _core_keys(role: str) -> tuple[str, ...]:
    if role == "service-management-and-capacity":
        return ("service-management", "capacity-to-improve")
    return (role,) if role in _CORE_ROLES else ()


def _first(sections: list[_Section], role: str) -> _Section | None:
    return next((s for s in sections if s.role == role), None)


def _paragraph_id(sec: _Section, para: Paragraph) -> str | None:
    if para.kind != "numbered" or para.number is None:
        return None
    return f"{sec.annex}.{para.number}" if sec.annex else para.number


def _field(texts: list[tuple[Line, str]], name: str) -> str | None:
    for _, text in texts:
        m = re.match(rf"^{name}\s*:\s*(.+)$", text, re.I)
        if m:
            return m.group(1).strip()
    return None


def _iso_date(text: str) -> str | None:
    """``16 October 2007`` -> ``2007-10-16``; ``October 2007`` -> ``2007-10``."""
    m = re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]+)\s+(\d{4})", text.strip())
    if m is None or m.group(2).lower() not in _MONTHS:
        return None
    month = _MONTHS.index(m.group(2).lower()) + 1
    if m.group(1) is None:
        return f"{m.group(3)}-{month:02d}"
    try:
        return date(int(m.group(3)), month, int(m.group(1))).isoformat()
    except ValueError:
        return None


def fieldwork_period(text: str) -> str | None:
    """``fieldwork ... 5 to 16 November 2007`` -> ``2007-11``; two months -> an interval."""
    m = re.search(r"fieldwork[^.]*?\b(?:\d{1,2}\s+)?([A-Z][a-z]+)(?:\s+(\d{4}))?"
                  r"(?:\s*(?:to|and|until|-|–)\s*(?:\d{1,2}\s+)?([A-Z][a-z]+))?\s+(\d{4})",
                  text)
    if m is None or m.group(1).lower() not in _MONTHS:
        return None
    end_month = m.group(3) or m.group(1)
    if end_month.lower() not in _MONTHS:
        return None
    first = f"{m.group(2) or m.group(4)}-{_MONTHS.index(m.group(1).lower()) + 1:02d}"
    last = f"{m.group(4)}-{_MONTHS.index(end_month.lower()) + 1:02d}"
    return first if first == last else f"{first}/{last}"


def _grade_value(text: str) -> int | None:
    text = text.strip().lower()
    if re.fullmatch(r"[1-4]", text):
        return int(text)
    return GRADE_WORDS.get(text)


def _scope_columns(cs: list[str]) -> dict[int, str]:
    scopes = {}
    for col, name in enumerate(cs):
        if re.search(r"local services", name, re.I):
            scopes[col] = "local-services-overall"
        elif re.search(r"council", name, re.I):
            scopes[col] = "council"
    return scopes


def _label_key(text: str, table: list[tuple[re.Pattern[str], str]]) -> str | None:
    return next((key for pattern, key in table if pattern.search(text)), None)


def _methodology(judgements: dict[str, Judgement]) -> str | None:
    """``2007`` for a table of the five core judgements (a damaged one may lack a row),
    ``2005`` for one that grades the outcome areas."""
    keys = {j.area_key for j in judgements.values()}
    if keys & set(OUTCOME_AREAS):
        return "2005"
    if len(keys) >= 3 and keys <= set(CORE_AREAS):
        return "2007"
    return None


def _grade_sentences(para: Paragraph) -> list[tuple[str, int, str]]:
    """(sentence, grade, word) for the sentences that open a judgement section.

    The bold run when there is one, else the first two sentences: JARs open each
    judgement section with "The contribution of local services ... is adequate."
    """
    bold = re.findall(r"\*\*(.+?)\*\*", para.text)
    candidates = split_sentences(" ".join(bold)) if bold else split_sentences(
        strip_emphasis(para.text))[:2]
    found = []
    for sentence in candidates:
        m = re.search(r"\b(?:is|are)\s+(?:also\s+)?" + _GRADE + r"\s*[.!]?$", sentence, re.I)
        if m:
            found.append((sentence, GRADE_WORDS[m.group(1).lower()], m.group(1)))
    return found


def _sentence_key(sentence: str, keys: tuple[str, ...]) -> str:
    if len(keys) == 1:
        return keys[0]
    return "capacity-to-improve" if re.search(r"capacity", sentence, re.I) else (
        "service-management")


def _bullet_grade(sentence: str) -> tuple[int, str] | None:
    for pattern in (r"\b(?:is|are)\s+(?:also\s+)?" + _GRADE + r"\b",
                    r"\ban?\s+" + _GRADE + r"\s+contribution\b"):
        m = re.search(pattern, sentence, re.I)
        if m:
            return GRADE_WORDS[m.group(1).lower()], m.group(1)
    return None


def _main_finding_bullets(sec: _Section) -> Iterator[tuple[str | None, Item]]:
    for para in sec.paragraphs:
        if para.kind == "numbered":
            for item in para.items:
                yield _paragraph_id(sec, para), item
        elif para.kind == "bullet":
            yield None, Item(para.text, para.line)


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {w for w in words if (len(w) >= 3 or w.isdigit()) and w not in _STOP}


def _overlap(sentence: str, title: str) -> float:
    """Share of the title's content words that the sentence uses."""
    wanted = _content_words(title)
    return len(wanted & _content_words(sentence)) / len(wanted) if wanted else 0.0


def split_addressees(subject: str) -> list[str]:
    """'The council, Local Learning and Skills Council and Connexions' -> three addressees.

    Names that contain 'and' themselves are protected; 'X and its partners' stays whole;
    'X, in partnership with Y' addresses both.
    """
    subject = squash(subject.strip(" -"))
    subject = re.sub(r",?\s+in partnership with\s+", ", ", subject, flags=re.I)
    guarded = subject
    for k, name in enumerate(_PROTECTED_NAMES):
        guarded = guarded.replace(name, f"\x00{k}\x00")
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", guarded) if p.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and re.fullmatch(r"(?:its|their|other) partners|partners", part, re.I):
            merged[-1] = f"{merged[-1]} and {part}"
        else:
            merged.append(part)
    return [re.sub(r"\x00(\d+)\x00", lambda m: _PROTECTED_NAMES[int(m.group(1))], p)
            for p in merged]


def council_sentence_grades(sentence: str) -> list[tuple[str, int, str]]:
    """Grades a sentence states about council-level areas: '<subject> is/are <grade>'."""
    m = re.search(r"^(?P<subject>.+?)\s+(?:is|are)\s+(?:also\s+|now\s+)?"
                  r"(?:judged\s+(?:to\s+be\s+)?)?" + _GRADE + r"(?P<rest>.*)$", sentence, re.I)
    found: list[tuple[str, int, str]] = []
    if m is None or not re.match(r"^\s*(?:[.;,]|and\b|but\b|although\b|overall\b|$)",
                                 m.group("rest"), re.I):
        m = re.search(r"^(?P<subject>.*?)\bha(?:s|ve)\s+" + _GRADE + r"\s+(?P<rest>capacity to "
                      r"improve.*)$", sentence, re.I)
        if m is None:
            return found
        subject = m.group("rest")
    else:
        subject = m.group("subject")
    word = m.group(2)
    for pattern, key in _COUNCIL_SUBJECTS:
        if pattern.search(subject):
            found.append((key, GRADE_WORDS[word.lower()], word))
            if key in _EXCLUSIVE:
                break
    return found


def _lsif_grades(sentence: str) -> list[tuple[str, int, str]]:
    """'The council consistently delivers services ... at a good level' -> overall grade."""
    for pattern, grade in _LSIF:
        m = pattern.search(sentence)
        if m:
            word = m.group(1) if grade == 0 else GRADES[grade]
            return [("council-overall-contribution", grade or GRADE_WORDS[word.lower()], word)]
    return []


def _judged_as(sentence: str) -> list[tuple[str, int, str]]:
    """'judged the council's children's services as good and its capacity to improve as good'."""
    found = []
    m = re.search(r"children'?s services as " + _GRADE, sentence, re.I)
    if m:
        found.append(("council-overall-contribution", GRADE_WORDS[m.group(1).lower()], m.group(1)))
    m = re.search(r"capacity to improve (?:\w+ )?as " + _GRADE, sentence, re.I)
    if m:
        found.append(("council-capacity-to-improve", GRADE_WORDS[m.group(1).lower()], m.group(1)))
    return found


def _youth_key(label: str) -> str | None:
    label = label.lower()
    if "standards" in label or "achievement" in label:
        return "youth-standards-of-achievement"
    if "practice" in label:
        return "youth-work-practice"
    if "curriculum" in label or "resources" in label:
        return "youth-curriculum-and-resources"
    if "leadership" in label or "management" in label:
        return "youth-leadership-and-management"
    return None


def _annexes(sections: list[_Section]) -> dict[str, list[_Section]]:
    annexes: dict[str, list[_Section]] = {}
    for sec in sections:
        if sec.annex is not None:
            annexes.setdefault(sec.annex, []).append(sec)
    return annexes


def _annex_kind(parts: list[_Section]) -> str | None:
    title = parts[0].title or ""
    if re.search(r"arrangements", title, re.I):
        return "arrangements"
    if re.search(r"corporate assessment", title, re.I):
        return "corporate-assessment"
    if re.search(r"youth", title, re.I):
        return "enhanced-youth-inspection"
    if re.search(r"annual performance assessment|\bAPA\b", title, re.I):
        return "apa"
    return None


def _annex_paragraphs(parts: list[_Section]) -> Iterator[tuple[_Section, Paragraph]]:
    for sec in parts:
        for para in sec.paragraphs:
            if para.kind in ("numbered", "text"):
                yield sec, para


# --- context figures ---------------------------------------------------------

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty", "thirty", "forty", "fifty"]) + r")"
_QUALIFIERS = r"(?:(?:approximately|about|around|some|over|just over|just under|nearly|almost)\s+)*"


def _sentence_figures(sentence: str) -> list[tuple[str, Decimal, str]]:
    """Figures stated in a context sentence: population, rates, ranks, 'There are N ...'."""
    found: list[tuple[str, Decimal, str]] = []
    if m := re.search(r"population of " + _QUALIFIERS + r"(\d{1,3}(?:,\d{3})+|\d+)", sentence,
                      re.I):
        found.append(("population", Decimal(m.group(1).replace(",", "")), "persons"))
    if m := re.search(r"(\d+(?:\.\d+)?)% aged (under|over) (\d+)", sentence):
        found.append((f"population aged {m.group(2)} {m.group(3)}", Decimal(m.group(1)),
                      "percent"))
    if m := (re.search(r"\b(?:at|of)\s+(\d+(?:\.\d+)?)%,?\s+the\s+unemployment rate", sentence,
                       re.I)
             or re.search(r"unemployment rate[^.%]*?\b(?:is|was|of|at)\s+(\d+(?:\.\d+)?)%",
                          sentence, re.I)):
        found.append(("unemployment rate", Decimal(m.group(1)), "percent"))
    if m := re.search(r"(\d+(?:\.\d+)?)% from ([a-z][a-z -]*?minority ethnic groups)", sentence):
        found.append((m.group(2), Decimal(m.group(1)), "percent"))
    if m := re.search(r"ranked (?:the )?(\d+)(?:st|nd|rd|th)?\b", sentence, re.I):
        measure = ("rank in the index of multiple deprivation"
                   if re.search(r"deprivation", sentence, re.I) else "rank")
        found.append((measure, Decimal(m.group(1)), "rank"))
    if m := re.match(r"^There (?:are|is) (.+?)\.?$", sentence):
        found.extend((p, v, "count") for p, v in _counted_phrases(m.group(1), articles=False))
    elif ":" in sentence:
        found.extend((p, v, "count") for p, v in _counted_phrases(sentence))
    return found


def _counted_phrases(text: str, articles: bool = True) -> list[tuple[str, Decimal]]:
    """'990 childminders, three children's centres and a pupil referral unit (PRU)'.

    Each piece of the list that starts with a number (digits or words; 'a'/'an' when
    ``articles``) gives the noun phrase after it; breakdowns in brackets are left out.
    """
    if ":" in text:
        text = text.split(":", 1)[1]
    text = re.sub(r"\s*\([^)]*\)", "", text)
    lead = r"(?:a|an|" + _NUM + r")" if articles else _NUM
    pieces = re.split(r",(?!\d{3})\s*|;\s*|\s+and\s+(?=" + lead + r"\s)", text, flags=re.I)
    found = []
    for piece in pieces:
        m = re.match(r"^(?:and\s+)?(?P<n>" + lead + r")\s+(?P<phrase>.+?)[.;]?$", piece.strip(),
                     re.I)
        if m is None:
            continue
        n = m.group("n").lower()
        value = Decimal(1) if n in ("a", "an") else parse_number(n)
        phrase = m.group("phrase").strip()
        if value is not None and re.match(r"[a-z]", phrase, re.I):
            found.append((phrase, value))
    return found
