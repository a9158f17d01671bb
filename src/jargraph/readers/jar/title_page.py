"""The front matter of a JAR report: its title page and contents list.

The title page names the area, the publication date, Ofsted's reference number
and the inspectorates; its lines recur in the body as running page headers,
which the sectioning must drop. The area and the year of publication identify
the document (``jar-southampton-2007``), whatever the file is called: a title
page that does not name them is an error, not a guess.
"""

from __future__ import annotations

import re

from ..base import cover_year, document_id, plain, unidentified
from ..text import Line, read_contents, vocabulary
from .dates import iso_date
from .layout import JarReading
from .wording import INSPECTORATE

_AREA_LINE = r"children[\u2018\u2019'`\u00b4]?s\s+services\s+authority(?:\s+area)?\s*\.?$"
"""``Children's Services Authority Area``, however its apostrophe and spaces are typed."""


def title_page(reader: JarReading, front: list[Line]) -> None:
    """Title, area, publication date, reference and inspectorates, onto the document."""
    doc = reader.doc
    texts = [(ln, ln.text.strip()) for ln in front if ln.text.strip()]
    title_ln = next((ln for ln, t in texts if t.lower() == "joint area review"), None)
    area_ln = next((ln for ln, t in texts if re.search(_AREA_LINE, t, re.I)), None)
    if title_ln is None:
        reader.warn(1, "title page has no 'Joint area review' line")
    doc.area = _area_name(reader, area_ln, title_ln)
    doc.title = "Joint area review" + (f": {' '.join(area_ln.text.split())}" if area_ln else "")
    doc.published = _published(reader, texts)
    year = cover_year(front, doc.published)
    if year is None:
        raise unidentified(reader, title_ln.number if title_ln else 1,
                           "the title page gives no year: no 'Published: 16 October 2007' "
                           "line and no '© Crown copyright 2007'")
    doc.id = document_id("jar", doc.area, year)
    doc.publisher = "Ofsted"
    doc.reference = _field(texts, "reference no")
    if doc.reference is None:
        reader.warn(1, "title page has no 'Reference no:' line")
    end = next((k for k, (_, t) in enumerate(texts)
                if re.match(r"(?:age group|published)\s*:", t, re.I)), len(texts))
    doc.inspectorates = [t for _, t in texts[:end] if INSPECTORATE.search(t) and len(t) < 80]
    reader.title_line = title_ln.number if title_ln else 1
    doc.passages.append(reader.source(reader.title_line, "Title page",
                                      text="\n".join(t for _, t in texts[:40])))


def _area_name(reader: JarReading, area_ln: Line | None, title_ln: Line | None) -> str:
    """The area as the title page prints it, its typography made plain."""
    name = re.sub(_AREA_LINE, "", area_ln.text.strip(), flags=re.I) if area_ln else ""
    if not plain(name):
        raise unidentified(reader, area_ln.number if area_ln else (
            title_ln.number if title_ln else 1),
            "the title page names no area: under 'Joint area review' it should print "
            "the line '<Area> Children's Services Authority Area'")
    return plain(name)


def _published(reader: JarReading, texts: list[tuple[Line, str]]) -> str:
    value = _field(texts, "published")
    if value is not None and (iso := iso_date(value)) is not None:
        return iso
    copyright_year = next((m.group(1) for _, t in texts
                           if (m := re.search(r"copyright\s+(\d{4})", t, re.I))), None)
    line = next((ln.number for ln, t in texts if t.lower().startswith("published")), 1)
    if copyright_year is not None:
        reader.warn(line, f"no readable 'Published:' date ({value!r}); "
                          f"using the copyright year {copyright_year}")
    return copyright_year or ""


def _field(texts: list[tuple[Line, str]], name: str) -> str | None:
    for _, text in texts:
        m = re.match(rf"^{name}\.?\s*:\s*(.+)$", text, re.I)
        if m:
            return m.group(1).strip()
    return None


def contents(reader: JarReading, front: list[Line]) -> None:
    """The contents list as one passage, words the conversion split mended."""
    start = next((i for i, ln in enumerate(front) if ln.text.strip().lower() == "contents"),
                 None)
    if start is None:
        return
    entries = read_contents(front[start + 1 :], vocabulary(reader.lines))
    text = "\n".join(e.title + (f" ({e.page})" if e.page else "") for e in entries)
    reader.doc.passages.append(reader.source(front[start].number, "Contents", text=text))


def page_headers(front: list[Line]) -> set[str]:
    """Title-page lines that, met again in the body, are running page headers."""
    heads = {"joint area review"}
    for ln in front:
        if re.search(_AREA_LINE, ln.text.strip(), re.I):
            heads.add(ln.text.strip().lower())
    return heads
