"""Lemma phrase patterns matched through inflection and typical ASR misspellings.

Pattern syntax (one string per phrase, words separated by spaces):

* a word matches any inflected form of its lemma (``соединяю`` matches ``соединю``, ``соединяем``);
  words of five letters or more also match close misspellings (``саединяю``) and two words run
  together or split apart by the recogniser (``стрела экспресс`` ~ ``стрелаэкспресс``);
* ``a|b|c`` — any of the alternatives; ``word?`` — optional word; ``=word`` — this exact form only;
* ``*`` — any one word; ``...`` — up to three arbitrary words;
* classes: ``@name`` (a first name, patronymic or surname), ``@patr`` (a patronymic), ``@surname``,
  ``@num`` (a number, spelled out or in digits), ``@time`` (a clock time such as ``11:30`` or an hour
  1-23), ``@org`` (a word missing from the dictionary, typically a brand), ``@brand`` (a word that can
  open a company name: ``@org``, or a noun/adjective in the nominative that is not a greeting, a
  pronoun or a job title — "кирилл зотов стрела экспресс").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from scoring.text import WordInfo, analyze, merge_numerals, morph, tokenize

CLASS_TOKENS = ("@name", "@patr", "@surname", "@num", "@time", "@org", "@brand")
DEFAULT_FUZZY = 82.0
# A dictionary word matches another lemma only when nearly identical: "переходить" is not "переводить".
KNOWN_WORD_FUZZY = 92.0
JOIN_MIN_LENGTH = 8
TIME_WORDS = frozenset({"час", "утро", "вечер", "день", "ноль", "нуль", "ровно", "полдень"})
_SURNAME_END = re.compile(r"(ов|ев|ин|ын|ова|ева|ина|ына|ский|ская|цкий|цкая|ко|ук|юк|ых|их)$")
_GAP_WORDS = 3
FORM_KEY = "="  # prefix of exact-form keys in TokenView.key_set (lemmas never start with it)


class PatternError(ValueError):
    """Raised when a phrase pattern cannot be compiled."""


class Lexicon:
    """Registry of every pattern lemma, with a memo of which lemmas each word form matches (and how well)."""

    def __init__(self) -> None:
        self._lemmas: set[str] = set()
        self._fuzzy_pool: list[str] = []
        self._memo: dict[str, dict[str, float]] = {}
        self._long_prefixes: set[str] = set()
        self._joined_memo: dict[str, dict[str, float]] = {}

    def register(self, lemma: str) -> None:
        """Add a pattern lemma; the per-form memo is rebuilt lazily."""
        if lemma not in self._lemmas:
            self._lemmas.add(lemma)
            if len(lemma) >= 5:
                self._fuzzy_pool.append(lemma)
            if len(lemma) >= JOIN_MIN_LENGTH:
                self._long_prefixes.add(lemma[:3])
            self._memo.clear()
            self._joined_memo.clear()

    def joined(self, first: str, second: str) -> dict[str, float]:
        """Long pattern lemmas matched by two words run together ("стрела экспресс" ~ "стрелаэкспресс")."""
        if first[:3] not in self._long_prefixes or len(second) < 3:
            return {}
        form = first + second
        found = self._joined_memo.get(form)
        if found is None:
            found = {form: 100.0} if form in self._lemmas else {}
            for lemma, score, _ in process.extract(
                form, self._fuzzy_pool, scorer=fuzz.ratio, score_cutoff=DEFAULT_FUZZY, limit=None
            ):
                if len(lemma) >= JOIN_MIN_LENGTH and score > found.get(lemma, 0.0):
                    found[lemma] = float(score)
            self._joined_memo[form] = found
        return found

    def matches(self, info: WordInfo) -> dict[str, float]:
        """Pattern lemmas this word form matches, with a score (100 exact, lower for fuzzy matches)."""
        found = self._memo.get(info.form)
        if found is not None:
            return found
        found = {lemma: 100.0 for lemma in info.lemmas if lemma in self._lemmas}
        if len(info.form) >= 4 and self._fuzzy_pool:
            # Known dictionary words need a closer match: a real but different word is rarely an ASR slip.
            cutoff = DEFAULT_FUZZY if not info.is_known else KNOWN_WORD_FUZZY
            for query in {info.form, info.lemma}:
                for lemma, score, _ in process.extract(
                    query, self._fuzzy_pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
                ):
                    if _plausible_slip(lemma, query) and score > found.get(lemma, 0.0):
                        found[lemma] = float(score)
        self._memo[info.form] = found
        return found


def _plausible_slip(lemma: str, word: str) -> bool:
    """Recognition slips keep the first letter and the length, and never add or drop a negation."""
    return (
        abs(len(lemma) - len(word)) <= 3
        and lemma[0] == word[0]
        and lemma.startswith("не") == word.startswith("не")
    )


LEXICON = Lexicon()


@dataclass(frozen=True, slots=True)
class PatternToken:
    """One position of a compiled pattern."""

    kind: str  # "word", "form", "any", "gap", or a class token such as "@name"
    lemmas: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled phrase pattern."""

    source: str
    tokens: tuple[PatternToken, ...]
    # Alternatives of each required word (lemmas, or "=form" for exact forms), to skip units quickly.
    anchors: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """Where a pattern matched inside a token list, and how exactly."""

    start: int
    stop: int
    score: float
    pattern: str


def _pattern_lemma(word: str) -> str:
    return analyze(word).lemma


def compile_pattern(source: str) -> Pattern:
    """Compile one pattern string; raise PatternError with a readable reason."""
    if not isinstance(source, str) or not source.strip():
        raise PatternError("a phrase must be a non-empty string")
    tokens: list[PatternToken] = []
    for raw in source.lower().replace("ё", "е").split():
        optional = raw.endswith("?") and len(raw) > 1
        raw = raw.rstrip("?") if optional else raw
        if raw == "*":
            tokens.append(PatternToken("any", optional=optional))
        elif raw == "...":
            tokens.append(PatternToken("gap"))
        elif raw.startswith("=") and len(raw) > 1:
            forms = tuple(w for alt in raw[1:].split("|") for w in tokenize(alt))
            if not forms:
                raise PatternError(f"cannot read word {raw!r} in phrase {source!r}")
            tokens.append(PatternToken("form", forms, optional))
        elif raw.startswith("@"):
            if raw not in CLASS_TOKENS:
                raise PatternError(
                    f"unknown word class {raw!r} in {source!r} (known: {', '.join(CLASS_TOKENS)})"
                )
            tokens.append(PatternToken(raw, optional=optional))
        else:
            alternatives: list[str] = []
            for alt in raw.split("|"):
                words = merge_numerals(tokenize(alt))
                if len(words) != 1:
                    raise PatternError(f"cannot read word {alt!r} in phrase {source!r}")
                lemma = _pattern_lemma(words[0])
                LEXICON.register(lemma)
                alternatives.append(lemma)
            tokens.append(PatternToken("word", tuple(dict.fromkeys(alternatives)), optional))
    if not any(t.kind not in {"gap"} and not t.optional for t in tokens):
        raise PatternError(f"phrase {source!r} has no required word")
    anchors = tuple(
        t.lemmas if t.kind == "word" else tuple(FORM_KEY + f for f in t.lemmas)
        for t in tokens
        if t.kind in ("word", "form") and not t.optional
    )
    return Pattern(source, tuple(tokens), anchors)


@dataclass(slots=True)
class TokenView:
    """A unit's tokens prepared for matching: word infos and the pattern lemmas matched at each position."""

    infos: list[WordInfo]
    keys: list[dict[str, float]]
    key_set: set[str]

    @classmethod
    def concat(cls, views: Sequence[TokenView]) -> TokenView:
        """One view over several (a segment made of its sentences)."""
        if len(views) == 1:
            return views[0]
        key_set: set[str] = set()
        for view in views:
            key_set |= view.key_set
        return cls([i for v in views for i in v.infos], [k for v in views for k in v.keys], key_set)

    @classmethod
    def build(cls, words: Sequence[str]) -> TokenView:
        """Analyse words (numerals already merged) and look up their lexicon matches."""
        infos = [analyze(w) for w in words]
        keys = [LEXICON.matches(i) for i in infos]
        # Exact word forms are keys too, so that "=пятницу" patterns are only tried where the form occurs.
        key_set: set[str] = {FORM_KEY + i.form for i in infos}
        for k in keys:
            key_set.update(k)
        # Two words that the recogniser split apart ("стрела экспресс") may match one pattern lemma.
        for i in range(len(infos) - 1):
            if len(infos[i].form) >= 3 and not infos[i].form[0].isdigit():
                for lemma, score in LEXICON.joined(infos[i].form, infos[i + 1].form).items():
                    if lemma not in keys[i]:
                        keys[i] = {**keys[i], lemma: score - 5.0, f"+{lemma}": 0.0}
                        key_set.add(lemma)
        return cls(infos, keys, key_set)


_INTRO_BEFORE = frozenset({"это", "зовут", "я"})
_INTRO_AFTER = frozenset({"компания", "из", "фирма", "агентство", "банк", "от", "представитель", "менеджер"})


def _token_score(token: PatternToken, view: TokenView, i: int, min_score: float) -> tuple[float, int]:
    """Score of a pattern token at position i and how many words it consumes (0 = no match)."""
    info = view.infos[i]
    if token.kind == "any":
        return 100.0, 1
    if token.kind == "form":
        return (100.0, 1) if info.form in token.lemmas else (0.0, 0)
    if token.kind == "@name":
        # "Роман" is also a noun: accept such a name when a surname or patronymic follows.
        after = view.infos[i + 1] if i + 1 < len(view.infos) else None
        ok = info.is_name or (
            info.name_like
            and after is not None
            and (after.name_like or after.is_name or _SURNAME_END.search(after.form) is not None)
            and len(after.form) >= 4
        )
        if not ok and info.name_like and i > 0 and view.infos[i - 1].lemma in _INTRO_BEFORE:
            # "это роман, компания лифт медиа": introducing oneself, then the company or nothing more.
            ok = after is None or after.lemma in _INTRO_AFTER
        return (100.0, 1) if ok else (0.0, 0)
    if token.kind == "@patr":
        return (100.0, 1) if "Patr" in info.name_tags else (0.0, 0)
    if token.kind == "@surname":
        ok = "Surn" in info.name_tags and "Patr" not in info.name_tags
        # pymorphy may prefer a common-noun reading ("зайцев"); after a first name trust the ending.
        ok = ok or (i > 0 and view.infos[i - 1].name_like and _SURNAME_END.search(info.form) is not None)
        return (100.0, 1) if ok else (0.0, 0)
    if token.kind == "@num":
        return (100.0, 1) if info.number is not None else (0.0, 0)
    if token.kind == "@time":
        ok = ":" in info.form and info.form[0].isdigit()
        if not ok and info.number is not None and 1 <= info.number <= 23 and "." not in info.form:
            # A bare hour counts at the end of the utterance or before a time word ("в 11", "в 9 утра").
            after = view.infos[i + 1] if i + 1 < len(view.infos) else None
            ok = (
                after is None or after.lemma in TIME_WORDS or (after.number is not None and after.number < 60)
            )
        return (100.0, 1) if ok else (0.0, 0)
    if token.kind in ("@org", "@brand"):
        ok = not info.is_known and not info.is_name and len(info.form) >= 3 and not info.form[0].isdigit()
        if not ok and token.kind == "@brand":
            ok = _opens_brand(info.form)
        return (100.0, 1) if ok else (0.0, 0)
    best = 0.0
    width = 1
    for lemma in token.lemmas:
        score = view.keys[i].get(lemma, 0.0)
        if score > best and score >= min_score:
            best = score
            width = 2 if f"+{lemma}" in view.keys[i] else 1
    return best, (width if best else 0)


# Nominative words that follow a caller's name without being a company ("иван петров, добрый день").
_NOT_BRAND = frozenset(
    """добрый доброе здравствуйте привет день утро вечер менеджер специалист представитель консультант
    руководитель директор сотрудник отдел звоню я мы вы вам вас это который такой какой весь сам""".split()  # noqa: SIM905
)


@lru_cache(maxsize=50_000)
def _opens_brand(form: str) -> bool:
    """A noun or full adjective in the nominative that could be the first word of a company name."""
    if len(form) < 3 or form[0].isdigit() or form in _NOT_BRAND:
        return False
    tag = morph().parse(form)[0].tag
    return tag.POS in ("NOUN", "ADJF") and "nomn" in tag and "Name" not in tag and "Surn" not in tag


def _match_from(
    tokens: tuple[PatternToken, ...], t: int, view: TokenView, i: int, min_score: float
) -> tuple[int, float] | None:
    """Match pattern tokens[t:] starting at word i; return (stop, min score) or None."""
    if t == len(tokens):
        return i, 100.0
    token = tokens[t]
    if token.kind == "gap":
        for skip in range(0, _GAP_WORDS + 1):
            if i + skip > len(view.infos):
                break
            found = _match_from(tokens, t + 1, view, i + skip, min_score)
            if found is not None:
                return found
        return None
    if i < len(view.infos):
        score, width = _token_score(token, view, i, min_score)
        if width:
            found = _match_from(tokens, t + 1, view, i + width, min_score)
            if found is not None:
                return found[0], min(score, found[1])
    if token.optional:
        return _match_from(tokens, t + 1, view, i, min_score)
    return None


def find(pattern: Pattern, view: TokenView, min_score: float = DEFAULT_FUZZY) -> Match | None:
    """First match of a pattern in a token view, or None."""
    for alternatives in pattern.anchors:
        if not any(a in view.key_set for a in alternatives):
            return None
    for i in range(len(view.infos)):
        found = _match_from(pattern.tokens, 0, view, i, min_score)
        if found is not None and found[0] > i:
            return Match(i, found[0], found[1], pattern.source)
    return None


class PatternSet(list[Pattern]):
    """Patterns indexed by a required lemma: a unit is only tried against patterns it could match."""

    def __init__(self, patterns: Iterable[Pattern] = ()) -> None:
        super().__init__(patterns)
        self._by_lemma: dict[str, list[int]] = {}
        self._free: list[int] = []
        for index, pattern in enumerate(self):
            if pattern.anchors:
                # Index by the most selective required word: "бывать" rather than "а" in "а бывает".
                anchor = max(pattern.anchors, key=lambda alternatives: min(len(a) for a in alternatives))
                for lemma in anchor:
                    self._by_lemma.setdefault(lemma, []).append(index)
            else:
                self._free.append(index)

    def candidates(self, view: TokenView) -> list[Pattern]:
        """Patterns whose indexed required word occurs in the view (plus patterns without required words)."""
        keys = view.key_set
        if len(keys) < len(self._by_lemma):
            hits = [i for lemma in keys for i in self._by_lemma.get(lemma, ())]
        else:
            hits = [i for lemma, ids in self._by_lemma.items() if lemma in keys for i in ids]
        return [self[i] for i in sorted({*hits, *self._free})]


def find_any(patterns: Sequence[Pattern], view: TokenView, min_score: float = DEFAULT_FUZZY) -> Match | None:
    """Best match among several patterns (highest score, then earliest), or None."""
    pool = patterns.candidates(view) if isinstance(patterns, PatternSet) else patterns
    best: Match | None = None
    for pattern in pool:
        found = find(pattern, view, min_score)
        if found is not None and (best is None or (found.score, -found.start) > (best.score, -best.start)):
            best = found
            if best.score >= 100.0 and best.start == 0:
                break
    return best
