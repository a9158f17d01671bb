"""Text clean-up and structure helpers shared by the readers.

The source documents are text extracted from PDFs. The extraction leaves the
same classes of damage in every document of a family: line endings of several
kinds, non-breaking spaces, words split by a tab in the table of contents,
page breaks that cut a paragraph (or a table cell) in two, paragraph numbers
that were lost, bullets rendered as private-use glyphs, HTML tags and
footnote marks in running text. The helpers here repair or recognise those
classes, so each reader only has to know its own family's headings and
phrasing; tables have their own module, :mod:`.tables`.

Nothing here knows about RDF or about any one document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar


class ReaderError(Exception):
    """A file a reader cannot read at all (empty, binary, not UTF-8, wrong family)."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: error: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Line:
    """One physical line of a source file, cleaned, with its 1-based number."""

    number: int
    text: str


# --- reading and cleaning -------------------------------------------------

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\f": ""})
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Bullet glyphs that PDF extraction leaves at the start of list items
# (Symbol/Wingdings private-use code points, bullets, small squares).
_BULLET_GLYPHS = re.compile(
    r"^(\s*)[\uf0a7\uf0b7\uf0d8\uf0fc\uf076\u2022\u25aa\u25cf\u25e6\u00b7]\s*")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers match what an editor shows."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_line(text: str) -> str:
    """One line with odd spaces, invisible characters and bullet glyphs normalised."""
    text = _INVISIBLE.sub("", text.translate(_SPACES))
    text = _BULLET_GLYPHS.sub(r"\1- ", text)
    return text.rstrip()


def read_lines(path: Path) -> list[Line]:
    """The cleaned lines of a UTF-8 text file; a `ReaderError` when it is not one."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(name, 0, f"cannot read file: {exc.strerror or exc}") from None
    if not data.strip():
        raise ReaderError(name, 1, "file is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ReaderError(name, line, "file is binary (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise ReaderError(name, line, f"not UTF-8 text (byte 0x{byte:02x})") from None
    return text_lines(text)


def text_lines(text: str, count: int | None = None) -> list[Line]:
    """The cleaned, numbered lines of a text (the first ``count`` of them), whatever its
    line endings, without a leading byte-order mark."""
    raw = normalise_newlines(text.removeprefix("\ufeff")).split("\n", count or -1)
    return [Line(number, clean_line(t)) for number, t in enumerate(raw[:count], start=1)]


def has_words(text: str) -> bool:
    """False for lines of stray punctuation that page layout leaves behind."""
    return any(ch.isalnum() for ch in text)


_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
_SUPERSCRIPT = re.compile(r"<sup>.*?</sup>", re.I | re.S)
_TAG = re.compile(r"</?(?:p|b|i|u|em|strong|span|div|br|sub|font)\b[^<>]*>", re.I)
_FOOTNOTE_MARK = re.compile(r"(?<=[^\s\d¹²³⁴⁵⁶⁷⁸⁹⁰])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_STAR_MARK = re.compile(r"(?<=[^\W\d_]{2})\\\*|^(\s*)\\\*", re.M)


def strip_marks(text: str) -> str:
    """Running text without the source files' marks a reader never sees: HTML tags
    (``<p>``, ``<b>``, ``<br>`` ...), footnote references (``<sup>1</sup>``, ``¹``
    after a word, an escaped ``\\*`` after a word or opening a footnote), each tag
    replaced by a space. A grade's star (``A\\*``, ``A*-C``) is kept; line breaks are
    kept; spaces are not squashed (see :func:`squash`)."""
    text = _SUPERSCRIPT.sub("", text)
    text = _TAG.sub(" ", text)
    text = _FOOTNOTE_MARK.sub("", text)
    return _STAR_MARK.sub(r"\1", text)


def strip_emphasis(text: str) -> str:
    """Text without ``**bold**`` and ``*italic*`` markers (``A*-C`` grades are kept), nor
    the other marks of :func:`strip_marks`."""
    return _EMPHASIS.sub(r"\1", strip_marks(text).replace("**", ""))


def squash(text: str) -> str:
    """Runs of whitespace become one space."""
    return " ".join(text.split())


# --- sentences and fragments ------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_TERMINAL = tuple(".!?:;")


def split_sentences(text: str) -> list[str]:
    """Sentences, split where a full stop is followed by a capital or digit."""
    return [s.strip() for s in _SENTENCE_END.split(squash(text)) if s.strip()]


def ends_sentence(text: str) -> bool:
    """True when the text ends at a sentence (or list-introducing) boundary."""
    tail = strip_emphasis(text).rstrip().rstrip("\"'”’)")
    return tail.endswith(_TERMINAL)


def starts_mid_sentence(text: str) -> bool:
    """True for a line that can only be the rest of something (lower case, comma...)."""
    head = strip_emphasis(text).lstrip(" -\t")
    return bool(head) and (head[0].islower() or head[0] in ",;)")


def join_fragments(first: str, second: str) -> str:
    """Two pieces of one paragraph or cell that a page break or wrap cut apart."""
    if not first:
        return second.strip()
    return f"{first.rstrip()} {second.strip()}"


# --- numbers and months ----------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}


MONTHS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        [
            "january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december",
        ],
        start=1,
    )
}
"""Month names, lower case, to their numbers: every family prints dates in words."""


def parse_number(token: str) -> Decimal | None:
    """``222,000`` -> 222000, ``2.4`` -> 2.4, ``five`` -> 5; None for anything else."""
    word = token.strip().lower()
    if word in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[word])
    if not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", word):
        return None
    try:
        return Decimal(word.replace(",", ""))
    except InvalidOperation:
        return None


# --- numbered paragraphs, bullets, footnotes ---------------------------------

_NUMBERED = re.compile(r"^\s*(?:[-–]\s*)?(\d{1,3})\.(?:\s+|(?=[A-Z*]))(?=\S)(.*)$")
_BULLET = re.compile(r"^\s*[-–]\s+(?=\S)(.*)$")
_FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*(?=\S)(.*)$")


def numbered(text: str) -> tuple[str, str] | None:
    """(number, rest) for a numbered paragraph line: ``15. ...`` or ``- 15. ...``."""
    m = _NUMBERED.match(text)
    return (m.group(1), m.group(2).strip()) if m else None


def bullet(text: str) -> str | None:
    """The item text of a ``- item`` line, or None."""
    m = _BULLET.match(text)
    return m.group(1).strip() if m else None


def footnote(text: str) -> str | None:
    """The text of a footnote line (it starts with a superscript number), or None."""
    m = _FOOTNOTE.match(text)
    return m.group(1).strip() if m else None


@dataclass
class Item:
    """A list item (or bullet) and the line it starts on."""

    text: str
    line: int


@dataclass
class Paragraph:
    """A numbered paragraph, unnumbered text, a bullet or a footnote, page breaks mended."""

    kind: str
    """``numbered``, ``text``, ``bullet`` or ``footnote``."""
    line: int
    text: str
    number: str | None = None
    """The printed number (or, when ``restored``, the one the neighbours imply)."""
    items: list[Item] = field(default_factory=list)
    restored: bool = False
    lost_number: bool = False
    """A paragraph whose printed number was lost (``- The LSCB is outstanding...``)."""

    def full_text(self) -> str:
        """The paragraph with its list items, each item on its own line."""
        return "\n".join([self.text, *(f"- {item.text}" for item in self.items)])

    def opens_list(self) -> bool:
        return ends_with_colon(self.text) or bool(self.items)

    def append(self, text: str) -> None:
        """Mend a page break: the text continues the last item, or else the paragraph."""
        if self.items:
            self.items[-1].text = join_fragments(self.items[-1].text, text)
        else:
            self.text = join_fragments(self.text, text)

    def last_text(self) -> str:
        return self.items[-1].text if self.items else self.text


def ends_with_colon(text: str) -> bool:
    return strip_emphasis(text).rstrip().endswith(":")


def assemble_paragraphs(lines: Iterable[Line]) -> list[Paragraph]:
    """Group a section's lines into paragraphs, mending the extraction's damage.

    Numbered lines start paragraphs; ``- item`` lines after a paragraph that ends
    with a colon are its items; a ``- text`` line after an ordinary numbered
    paragraph is a paragraph whose number was lost; any other text line continues
    the paragraph before it (a page break cut it), except where no paragraph is
    open, when it is unnumbered text. Footnotes stand alone and leave the open
    paragraph open, since the page break they sit in cuts that paragraph.
    """
    blocks: list[Paragraph] = []
    current: Paragraph | None = None
    for ln in lines:
        text = ln.text
        if not text.strip() or not has_words(text):
            continue
        if (note := footnote(text)) is not None:
            blocks.append(Paragraph("footnote", ln.number, note))
            continue
        if (num := numbered(text)) is not None:
            _mark_lost_first(blocks, num[0])
            current = Paragraph("numbered", ln.number, num[1], number=num[0])
            blocks.append(current)
            continue
        item = bullet(text)
        if item is not None and current is not None and current.opens_list():
            current.items.append(Item(item, ln.number))
        elif item is not None and current is not None and current.kind == "numbered":
            current = Paragraph("numbered", ln.number, item, lost_number=True)
            blocks.append(current)
        elif item is not None:
            current = Paragraph("bullet", ln.number, item)
            blocks.append(current)
        elif current is not None and _continues(current, text):
            current.append(text)
        else:
            current = Paragraph("text", ln.number, text.strip())
            blocks.append(current)
    return blocks


def _continues(current: Paragraph, text: str) -> bool:
    """A numbered paragraph takes any following text (a page break cut it); other
    blocks only text that is plainly the rest of a sentence."""
    if current.kind == "numbered":
        return True
    return starts_mid_sentence(text) or not ends_sentence(current.last_text())


def _mark_lost_first(blocks: list[Paragraph], number: str) -> None:
    """``- text`` then ``- 2. ...`` at the start of a section: the first number was lost."""
    if number == "2" and len(blocks) == 1 and blocks[0].kind == "bullet":
        blocks[0].kind, blocks[0].lost_number = "numbered", True


def restore_lost_numbers(paragraphs: Sequence[Paragraph]) -> list[tuple[int, str]]:
    """Give each paragraph whose number was lost the one its neighbours imply.

    The number is restored only where it is certain: the paragraph sits between
    n and n+2, follows the last numbered paragraph n, or precedes 2. Elsewhere
    it stays unnumbered and a (line, message) problem is returned.
    """
    problems: list[tuple[int, str]] = []
    numbered_paras = [p for p in paragraphs if p.kind == "numbered"]
    for i, para in enumerate(numbered_paras):
        if not para.lost_number:
            continue
        before = _printed(numbered_paras[:i][::-1])
        after = _printed(numbered_paras[i + 1 :])
        guess: int | None = None
        if before is not None and (after is None or after == before + 2):
            guess = before + 1
        elif before is None and after is not None and after >= 2:
            guess = after - 1
        if guess is None:
            problems.append((para.line, f"paragraph without a number between {before} and "
                                        f"{after}; kept unnumbered"))
            para.kind = "text"
            continue
        para.number, para.restored = str(guess), True
    return problems


def _printed(paragraphs: Iterable[Paragraph]) -> int | None:
    """The first printed (or restored) number among the paragraphs."""
    for para in paragraphs:
        if para.number is not None:
            return int(para.number)
        if not para.lost_number:
            return None
    return None


# --- table of contents -----------------------------------------------------

def vocabulary(lines: Iterable[Line]) -> set[str]:
    """The lower-case words a document uses: the dictionary for mending split words."""
    words: set[str] = set()
    for ln in lines:
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", ln.text))
    return words


def _seam_candidates(left: str, right: str) -> list[str]:
    """Ways a word cut at a tab may have been printed: plain, a glyph doubled, rn/nn for m."""
    return [left + right, left + right[1:], left[:-1] + right,
            left[:-1] + "m" + right[1:], left[:-1] + right[1:]]


def rejoin_split_words(text: str, words: set[str]) -> str:
    """Mend words a tab cut in two (``Introdu\\tction``, ``Recomr\\tnendations``).

    Where the letters either side of a tab make a word the document uses (allowing
    for a doubled glyph or ``rn``/``nn`` for ``m`` at the cut), they are joined;
    other tabs become spaces.
    """
    text = re.sub(r"[(\[]([A-Z]:)", r"\1", text)  # stray bracket before "C:"
    parts = text.split("\t")
    out = parts[0]
    for part in parts[1:]:
        m_left = re.search(r"([^\W\d_]+)$", out)
        m_right = re.match(r"([^\W\d_]+)", part)
        joined = None
        if m_left and m_right:
            left, right = m_left.group(1), m_right.group(1)
            for candidate in _seam_candidates(left, right):
                if candidate.lower() in words and len(candidate) > 1:
                    joined = out[: m_left.start()] + candidate + part[m_right.end() :]
                    break
            if joined is None and right.lower() == left.lower():
                joined = out + part[m_right.end() :]  # "Annex A\tA: The APA letter"
        out = joined if joined is not None else join_fragments(out, part)
    return squash(out)


@dataclass
class ContentsEntry:
    title: str
    page: str | None
    line: int


def read_contents(lines: Iterable[Line], words: set[str]) -> list[ContentsEntry]:
    """Table-of-contents entries, split words mended and wrapped entries joined."""
    entries: list[ContentsEntry] = []
    for ln in lines:
        if not ln.text.strip() or not has_words(ln.text):
            continue
        m = re.match(r"^(.*?)\t\s*(\d{1,3})\s*$", ln.text)
        body, page = (m.group(1), m.group(2)) if m else (ln.text, None)
        title = rejoin_split_words(body.strip("\t "), words)
        wraps = ln.text.startswith("\t") or starts_mid_sentence(ln.text)
        if entries and wraps and entries[-1].page is None:
            entries[-1].title = join_fragments(entries[-1].title, title)
            entries[-1].page = page
        else:
            entries.append(ContentsEntry(title, page, ln.number))
    return entries


T = TypeVar("T")


def guarded_read(path: str | Path, kind: str, read: Callable[[list[Line]], T]) -> T:
    """Read ``path``'s lines and run ``read`` on them, so that whatever goes wrong
    deep inside a reader reaches the user as one ReaderError naming the file."""
    lines = read_lines(Path(path))
    try:
        return read(lines)
    except ReaderError:
        raise
    except Exception as exc:  # never a traceback from deep inside: say which file
        raise ReaderError(str(path), 0, f"could not read as {kind}: {exc!r}") from exc
