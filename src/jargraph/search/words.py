"""What a person types into a search box, turned into an SQLite FTS5 expression.

People type words and phrases, not FTS5: ``NEAR(``, ``title:x``, a lone ``*``
or an unbalanced quote are FTS5 syntax errors, and a search box must not
answer them with a server error. So the user's words are never passed to
FTS5 as they are. They are read by the small language below and each word
or phrase is written back as a quoted FTS5 string, in which nothing is
syntax:

- words: every one must match (``private fostering``); common words of a
  question (``which``, ``had``, ``in`` ...) are left out unless quoted, so
  ``which areas had weaknesses in private fostering?`` searches for its
  content words;
- ``"a phrase"``: the words next to each other, in that order;
- ``OR`` (in capitals) between two terms: either will do;
- ``-word`` or ``NOT word`` (or ``-"a phrase"``): leave out what matches it;
- ``word*``: any word that starts so (``priv*`` finds private, privately).

Anything else (brackets, colons, ``NEAR``, ``AND``) is plain text: a word
of the documents or nothing. A quotation mark left open, a ``*`` that
follows no word, a search with only words to leave out, or one too long,
raises :class:`SearchSyntaxError` with a message that says what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_LENGTH = 500
"""Most characters a search may have."""
MAX_TERMS = 32
"""Most words and phrases a search may have."""
STOP_WORDS = frozenset("""
a about all an and any are as at be been by can could did do does for from had has have
how i in into is it its me my of on or our show that the their them there these they
this those to was we were what when where which who whom whose why will with would you
""".split())
"""Words of a question that say nothing about what to find (left out unless quoted)."""
_WORD_CHARACTER = re.compile(r"\w")
_TOKEN = re.compile(r'-?"[^"]*"\*?|"[^"]*$|-?[^\s"]+')


class SearchSyntaxError(ValueError):
    """The search cannot be read; the message says what to change."""


@dataclass(frozen=True)
class Term:
    """One word or phrase of a search."""

    text: str
    phrase: bool = False
    prefix: bool = False
    negated: bool = False
    or_before: bool = False
    """Joined to the term before it by ``OR``."""

    def fts(self) -> str:
        """The term as an FTS5 string, quoted so that nothing in it is syntax."""
        return '"' + self.text.replace('"', '""') + '"' + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Parsed:
    """A search read into its terms."""

    terms: list[Term] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """Common words left out."""

    @property
    def positive(self) -> list[Term]:
        return [t for t in self.terms if not t.negated]

    @property
    def negative(self) -> list[Term]:
        return [t for t in self.terms if t.negated]

    @property
    def has_or(self) -> bool:
        return any(t.or_before for t in self.positive)

    def expression(self, any_word: bool = False) -> str:
        """The FTS5 expression: every term (or, with ``any_word``, any of them), with
        ``OR`` groups bracketed and what to leave out after ``NOT``."""
        groups: list[list[Term]] = []
        for term in self.positive:
            if term.or_before and groups:
                groups[-1].append(term)
            else:
                groups.append([term])
        joined = " OR " if any_word else " AND "
        wanted = joined.join("(" + " OR ".join(t.fts() for t in g) + ")" for g in groups)
        if self.negative:
            unwanted = " OR ".join(t.fts() for t in self.negative)
            wanted = f"({wanted}) NOT ({unwanted})"
        return wanted


def parse(text: str) -> Parsed:
    """Read a search (see the module docstring); raises SearchSyntaxError."""
    if len(text) > MAX_LENGTH:
        raise SearchSyntaxError(
            f"the search is {len(text)} characters long; at most {MAX_LENGTH} are allowed")
    text = "".join(" " if ch.isspace() or ord(ch) < 32 else ch for ch in text)
    terms: list[Term] = []
    ignored: list[str] = []
    or_next = negate_next = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.startswith('"') and (len(token) == 1 or not token.rstrip("*").endswith('"')):
            raise SearchSyntaxError(
                f"the quotation mark at character {match.start() + 1} is not closed: "
                'put a " at the end of the phrase, or leave the quotation mark out')
        if token == "OR":
            or_next = bool(terms) and not negate_next
            continue
        if token == "NOT":
            negate_next = True
            continue
        if token == "AND":
            continue
        term = _term(token, match.start(), negate_next, or_next)
        or_next = negate_next = False
        if term is None:
            continue
        if not term.phrase and not term.prefix and not term.negated \
                and term.text.lower() in STOP_WORDS:
            ignored.append(term.text)
            continue
        terms.append(term)
    if not terms and ignored:  # a search of common words only: search for them after all
        terms = [Term(word) for word in ignored]
        ignored = []
    if len(terms) > MAX_TERMS:
        raise SearchSyntaxError(
            f"the search has {len(terms)} words and phrases; at most {MAX_TERMS} are allowed")
    parsed = Parsed(terms, ignored)
    if terms and not parsed.positive:
        raise SearchSyntaxError(
            "the search only says what to leave out: add a word to look for")
    return parsed


def _term(token: str, start: int, negated: bool, or_before: bool) -> Term | None:
    """One token as a term, or None when it holds no word."""
    if token.startswith("-") and len(token) > 1:
        negated, token = True, token[1:]
    prefix = token.endswith("*")
    body = token.rstrip("*")
    phrase = body.startswith('"')
    if phrase:
        body = body[1:-1]
    if not _WORD_CHARACTER.search(body):
        if prefix:
            raise SearchSyntaxError(
                f"the * at character {start + len(token)} follows no word: write it at the "
                "end of the start of a word (priv* finds private, privately ...)")
        return None
    return Term(body, phrase=phrase, prefix=prefix, negated=negated, or_before=or_before)
