"""Helpers for the markdown-like text of the national reports and council papers.

The source files were converted from PDF and Word: headings are ``#`` lines,
emphasis is ``**bold**``, ``<b>`` or ``*italic*``, footnotes are ``<sup>n</sup>``
lines after a ``---`` page rule, and tables are tab-separated rows. These small
functions recognise one such piece each, so the readers can follow structure
rather than line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .text import MONTHS, Line, ReaderError, strip_marks
from .text import read_lines as text_read_lines

__all__ = ["Line", "ReaderError", "read_lines"]

_NUMBER_WORDS = {
    "none": 0, "no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

NUMBER = (
    r"(?:\d{1,3}|(?:" + "|".join(_TENS) + r")(?:-(?:" + "|".join(_UNITS) + r"))?|"
    + "|".join(sorted((w for w in _NUMBER_WORDS if w not in _TENS and w != "no"),
                      key=len, reverse=True))
    + r")"
)
"""Regex for a count as the reports write it: ``42``, ``six``, ``forty-seven``, ``none``."""


def read_lines(path: str | Path) -> list[Line]:
    """The file's cleaned lines; empty, binary or non-UTF-8 input raises `ReaderError`."""
    return text_read_lines(Path(path))


def is_blank(text: str) -> bool:
    return not text.strip()


def is_rule(text: str) -> bool:
    """A page rule: ``---``, or a table rule such as ``-----\\t--`` left by a page break."""
    stripped = text.strip()
    return bool(stripped) and bool(re.fullmatch(r"-{3,}(?:[\t|]+-*)*", stripped))


def heading(text: str) -> tuple[int, str] | None:
    """``## **Title**`` -> (2, "Title"); None for other lines."""
    match = re.match(r"^(#{1,6})\s+(.*\S)\s*$", text)
    if not match:
        return None
    return len(match.group(1)), clean(match.group(2))


def footnote(text: str) -> tuple[str, str] | None:
    """``<sup>2</sup> The Common ...`` at the start of a line -> ("2", "The Common ...")."""
    match = re.match(r"^\s*<sup>\s*(\w+)\s*</sup>\s*(.*)$", text)
    if not match or not match.group(2).strip():
        return None
    return match.group(1), clean(match.group(2))


def bullet(text: str) -> tuple[int, str] | None:
    """``  - item`` -> (indent, raw item text); None for other lines."""
    match = re.match(r"^(\s*)[-•]\s+(.*\S)\s*$", text)
    if not match:
        return None
    return len(match.group(1).expandtabs(4)), match.group(2)


def bold_lead(text: str) -> tuple[str, str] | None:
    """``**heading** rest`` -> (heading, rest); None when the text does not open in bold."""
    match = re.match(r"^\s*(?:\*\*(.+?)\*\*|<b>(.+?)</b>)\s*(.*)$", text)
    if not match:
        return None
    return clean(match.group(1) or match.group(2)), clean(match.group(3))


def is_bold_line(text: str) -> bool:
    """The whole line is one bold run (a heading written as bold text)."""
    return bool(re.fullmatch(r"\s*(?:\*\*[^*]+\*\*|<b>[^<]+</b>)\s*", text))


def link(text: str) -> tuple[str, str] | None:
    """A line that is only a markdown link ``[label](target)`` -> (label, target)."""
    match = re.fullmatch(r"\s*\[([^\]]+)\]\(([^)]*)\)\s*", text)
    if not match:
        return None
    return clean(match.group(1)), match.group(2)


def cells(text: str) -> list[str]:
    """The tab-separated cells of a table row, markup removed (empty cells kept)."""
    return [clean(cell) for cell in text.rstrip("\n").split("\t")]


def paragraph_cells(text: str) -> list[str]:
    """``<p>a</p> <p>b</p>`` -> ["a", "b"]; text outside ``<p>`` is one more item."""
    items = [clean(item) for item in re.findall(r"<p>(.*?)</p>", text, flags=re.S)]
    rest = clean(re.sub(r"<p>.*?</p>", " ", text, flags=re.S))
    if rest:
        items.append(rest)
    return [item for item in items if item]


def clean(text: str) -> str:
    """Text without markup: bold, italics, tags (``<b>``, ``<p>``), footnote marks (see
    :func:`.text.strip_marks`), links, escapes; one line, spaces squashed."""
    text = strip_marks(text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "")
    text = re.sub(r"(?<![\w\\*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = text.replace("\\\\_", "_").replace("\\_", "_").replace("\\*", "*")
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def join_text(parts: list[str]) -> str:
    """Join wrapped pieces: mid-sentence breaks with a space, finished sentences with a newline.

    An empty part stands for a blank line: after a list item it ends the item, but
    it does not end a sentence that a page break cut in two.
    """
    out = ""
    blank = False
    for part in (p.strip() for p in parts):
        if not part:
            blank = True
            continue
        last = out.rsplit("\n", 1)[-1]
        if not out:
            out = part
        elif ends_sentence(out) or part.startswith(("- ", "• ")) \
                or blank and last.startswith(("- ", "• ")) and not starts_lower(part):
            out += "\n" + part
        else:
            out += " " + part
        blank = False
    return out


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence or a clause that a list or colon closes (``:-`` too,
    as a council paper writes "These were:-")."""
    return bool(re.search(r"(?:[.!?:;)'’\"”]|:-)$", text.strip()))


def starts_lower(text: str) -> bool:
    """Whether a line starts in lower case, i.e. continues a sentence broken by a page."""
    stripped = clean(text).lstrip("(‘'\"“")
    return bool(stripped) and stripped[0].islower()


def number_value(word: str) -> int | None:
    """``"42"`` -> 42, ``"forty-seven"`` -> 47, ``"none"`` -> 0; None if not a count."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in _TENS and unit in _UNITS:
            return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]
    return None


def month_iso(text: str) -> str | None:
    """``"April 2009"`` (anywhere in text) -> ``"2009-04"``."""
    match = re.search(r"\b([A-Z][a-z]+)\s+(\d{4})\b", text)
    if not match or match.group(1).lower() not in MONTHS:
        return None
    return f"{match.group(2)}-{MONTHS[match.group(1).lower()]:02d}"


def date_iso(text: str) -> str | None:
    """``"11th June 2008"`` or ``"May 6th 2008"`` -> ISO date; None if no full date."""
    match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]+),?\s+(\d{4})\b", text)
    if match and match.group(2).lower() in MONTHS:
        day, month, year = match.group(1), match.group(2), match.group(3)
    else:
        match = re.search(r"\b([A-Z][a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", text)
        if not match or match.group(1).lower() not in MONTHS:
            return None
        month, day, year = match.group(1), match.group(2), match.group(3)
    return f"{year}-{MONTHS[month.lower()]:02d}-{int(day):02d}"


def field_value(lines: list[Line], name: str) -> tuple[str, Line] | None:
    """The value of a cover-page field ``**Published:** April 2009`` or ``Date: 11th June 2008``."""
    pattern = re.compile(rf"^\s*(?:\*\*)?{re.escape(name)}\s*:\s*(?:\*\*)?\s*(.*\S)\s*$", re.I)
    for line in lines:
        match = pattern.match(line.text)
        if match:
            return clean(match.group(1)), line
    return None


def norm(text: str) -> str:
    """Lower case, markup and punctuation folded, for matching headings and labels."""
    text = clean(text).lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"[^\w/' -]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """Split prose into sentences at a full stop followed by a capital or digit."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text.strip()) if s]


_AREA_LABELS = {
    "safeguarding": "safeguarding",
    "looked after children": "looked-after-children",
    "learning difficulties and/or disabilities": "learning-difficulties-and-disabilities",
    "learning difficulties and disabilities": "learning-difficulties-and-disabilities",
    "service management": "service-management",
    "capacity to improve": "capacity-to-improve",
    "being healthy": "being-healthy",
    "be healthy": "being-healthy",
    "staying safe": "staying-safe",
    "stay safe": "staying-safe",
    "enjoying and achieving": "enjoying-and-achieving",
    "enjoy and achieve": "enjoying-and-achieving",
    "making a positive contribution": "making-a-positive-contribution",
    "make a positive contribution": "making-a-positive-contribution",
    "achieving economic well-being": "achieving-economic-well-being",
    "achieve economic well-being": "achieving-economic-well-being",
    "outcomes for children and young people": "outcomes-for-children-and-young-people",
}


def area_key(label: str) -> str | None:
    """The judgement-area key for a label as documents print it, or None.

    Folds the documents' variants: "(LAC)", "Children with ...", "Be Healthy",
    "Achieve Economic Wellbeing".
    """
    text = norm(re.sub(r"\([^)]*\)", " ", label))
    text = text.replace("wellbeing", "well-being").replace("well being", "well-being")
    text = re.sub(r"^(?:the )?(?:children(?: and young people)? (?:with|who have) )", "", text)
    text = re.sub(r"^contribution of local services overall to ", "", text)
    return _AREA_LABELS.get(text.strip())


_CATEGORY_PATTERNS = (
    (r"\badditional investigations?\b", "additional-investigation"),
    (r"\bhealth investigations?\b", "health-investigation"),
    (r"\beducation investigations?\b", "education-investigation"),
    (r"\bother investigations?\b", "other-investigation"),
    (r"\bmental health\b|\bcamhs\b", "camhs"),
    (r"\bteenage conceptions?\b|\bsexual health\b", "teenage-conceptions-and-sexual-health"),
    (r"\bsubstance misuse\b", "substance-misuse"),
    (r"\b14 ?(?:-|to) ?19\b", "14-19-strategy"),
    (r"\bnot in education,? employment (?:or|and) training\b|\bneet\b",
     "not-in-education-employment-or-training"),
    (r"\bschool improvement\b", "school-improvement"),
    (r"\bstandards and(?:/or)? achievement\b", "standards-and-achievement"),
    (r"\bvulnerable groups\b", "vulnerable-groups"),
)


def investigation_category(text: str) -> str | None:
    """The investigation-category key a title or heading names, or None."""
    folded = norm(text)
    for pattern, key in _CATEGORY_PATTERNS:
        if re.search(pattern, folded):
            return key
    return None


@dataclass
class Section:
    """A headed part of a markdown-like report, page furniture removed from its body."""

    title: str
    level: int
    line: Line
    body: list[Line]


@dataclass(frozen=True)
class Note:
    """A footnote: its mark as printed, its text and the line it is on."""

    mark: str
    text: str
    line: Line


def split_sections(lines: list[Line]) -> tuple[list[Line], list[Section], list[Note]]:
    """Front lines, headed sections and footnotes of a report.

    Page rules are dropped and footnotes taken out of the flow, so a sentence a
    page break cut in two reads on. A "heading" that starts in lower case is the
    rest of the line before it (a PDF artefact), and a "Read about" heading is the
    link line's label; both stay in the body as text.
    """
    front: list[Line] = []
    sections: list[Section] = []
    notes: list[Note] = []
    for line in lines:
        if is_rule(line.text):
            continue
        note = footnote(line.text)
        if note:
            notes.append(Note(note[0], note[1], line))
            continue
        head = heading(line.text)
        if head and not starts_lower(head[1]) and norm(head[1]) != "read about":
            sections.append(Section(head[1], head[0], line, []))
            continue
        if head:
            line = Line(line.number, re.sub(r"^#+\s+", "", line.text))
        (sections[-1].body if sections else front).append(line)
    return front, sections, notes


def bullet_items(lines: list[Line], top_only: bool = True) -> list[tuple[Line, str]]:
    """The list items among lines, each with its raw text.

    A lower-case line after an unfinished item (across blank lines: a page
    break) continues that item; adjacent bold runs are merged so a bold heading
    broken by a page stays one heading.
    """
    items: list[list] = []
    open_item = False
    for line in lines:
        item = bullet(line.text)
        if item and (item[0] == 0 or not top_only):
            items.append([line, item[1]])
            open_item = True
        elif item:
            open_item = False
        elif is_blank(line.text):
            continue
        elif open_item and starts_lower(line.text) and not ends_sentence(clean(items[-1][1])):
            items[-1][1] = re.sub(r"\*\*\s+\*\*", " ", f"{items[-1][1]} {line.text.strip()}")
        else:
            open_item = False
    return [(line, text) for line, text in items]


def block_text(lines: list[Line]) -> str:
    """Lines as readable text: prose as :func:`join_text` joins it, and a table (rows with
    tabs, blank lines between them left out: a page break) a line per row, a space
    between cells; a table of names only (no figure in any cell) read down each column in
    turn, as such a list is printed. A short line that ends no sentence, right after a
    row, is a row whose empty cells lost their tabs."""
    chunks: list[str] = []
    prose: list[str] = []
    rows: list[list[str]] = []
    for line in lines:
        text = line.text
        if "\t" in text or (rows and text.strip() and not ends_sentence(clean(text))
                            and len(text.split()) <= 8):
            if not rows:
                chunks.append(join_text(prose))
                prose = []
            rows.append([cell for cell in cells(text)])
        elif rows and is_blank(text):
            continue
        else:
            chunks.extend(_table_lines(rows))
            rows = []
            prose.append(clean(text))
    chunks.extend(_table_lines(rows))
    chunks.append(join_text(prose))
    return "\n".join(chunk for chunk in chunks if chunk)


def _table_lines(rows: list[list[str]]) -> list[str]:
    if any(re.search(r"\d", cell) for row in rows for cell in row):
        return [" ".join(cell for cell in row if cell) for row in rows]
    width = max((len(row) for row in rows), default=0)
    return [row[k] for k in range(width) for row in rows if k < len(row) and row[k]]
