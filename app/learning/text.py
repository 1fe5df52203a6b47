"""Russian-friendly text helpers for lesson search: tokens, lemmas (pymorphy3), plain text and snippets.

Pure functions over strings (no Flask, no database). Case and ё/е never matter; words match by lemma, so
«возражения» finds «возражение», and a partial word (3+ letters) matches as a prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

WORD_RE = re.compile(r"[0-9a-zа-яё]+(?:-[0-9a-zа-яё]+)*", re.IGNORECASE)
MIN_PREFIX = 3
SNIPPET_CHARS = 220


def normalize(text: str) -> str:
    """Lower-case and fold ё into е."""
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=1)
def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form a (normalized) word may have: «стали» gives {«стать», «сталь»}."""
    word = normalize(word)
    if not re.search(r"[а-я]", word):
        return frozenset({word})
    forms = {normalize(parse.normal_form) for parse in _morph().parse(word)[:4]}
    return frozenset(forms) or frozenset({word})


def words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens as (start, end, normalized word)."""
    return [(m.start(), m.end(), normalize(m.group())) for m in WORD_RE.finditer(text)]


def index_text(*texts: str) -> str:
    """The search index of some texts: their distinct lemmas, space-separated and space-padded."""
    found: set[str] = set()
    for text in texts:
        for _start, _end, word in words(text):
            found |= lemmas(word)
    return " " + " ".join(sorted(found)) + " "


@dataclass(frozen=True)
class Term:
    """One query word: the lemmas it matches exactly and the prefix it matches while still being typed."""

    word: str
    forms: frozenset[str]

    @property
    def prefix(self) -> str | None:
        return self.word if len(self.word) >= MIN_PREFIX else None

    def matches(self, word: str) -> bool:
        """Does a normalized text word match this term?"""
        if self.prefix and word.startswith(self.prefix):
            return True
        return not self.forms.isdisjoint(lemmas(word))


def parse_query(query: str, limit: int = 8) -> list[Term]:
    """Split a search query into terms (duplicates dropped, at most ``limit``)."""
    terms: dict[str, Term] = {}
    for _start, _end, word in words(query):
        if word not in terms:
            terms[word] = Term(word, lemmas(word))
    return list(terms.values())[:limit]


_MARKDOWN_NOISE = [
    (re.compile(r"```.*?\n|```"), " "),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),
    (re.compile(r"[*_`|~]+"), " "),
    (re.compile(r"^\s*:?-{3,}:?.*$", re.MULTILINE), " "),
    (re.compile(r"\s+"), " "),
]


def plain_text(markdown: str) -> str:
    """Markdown without its markup, on one line (for snippets)."""
    text = markdown
    for pattern, replacement in _MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    return text.strip()


def count_matches(text: str, terms: list[Term]) -> int:
    """How many words of ``text`` match any term."""
    return sum(1 for _s, _e, word in words(text) if any(term.matches(word) for term in terms))


def snippet(text: str, terms: list[Term], width: int = SNIPPET_CHARS) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first match, as (piece, highlighted) pairs; escaping is the caller's."""
    hits = [(s, e) for s, e, word in words(text) if any(term.matches(word) for term in terms)]
    if not hits:
        return [(text[:width] + ("…" if len(text) > width else ""), False)]
    start = max(0, hits[0][0] - width // 3)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < hits[0][0] else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", hits[0][1], end)
        end = space if space > hits[0][1] else end
    pieces: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    cursor = start
    for s, e in hits:
        if s < start or e > end:
            continue
        if s > cursor:
            pieces.append((text[cursor:s], False))
        pieces.append((text[s:e], True))
        cursor = e
    if cursor < end:
        pieces.append((text[cursor:end], False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces
