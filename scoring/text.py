"""Russian text layer: normalization, tokens, cached lemmas, numerals and fuzzy word matching.

Tokenization on the hot path uses a compiled regular expression that yields the same word tokens as
``razdel`` for speech text (words, hyphenated words, numbers, clock times) about twenty times faster;
``razdel`` splits sentences. Lemmas come from ``pymorphy3`` and are cached per word form, so a warm
process analyses a call almost entirely from memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3
import razdel
from rapidfuzz import fuzz

_MORPH: pymorphy3.MorphAnalyzer | None = None

TOKEN_RE = re.compile(r"\d{1,2}[:.]\d{2}(?!\d)|\d+(?:[.,]\d+)?|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
SENTENCE_END_RE = re.compile(r"[.!?…]")
_AFTER_QUESTION_RE = re.compile(r"(?<=[?!])\s+")
HESITATIONS = frozenset({"э", "ээ", "эээ", "эм", "эмм", "ммм", "мм", "хм", "гм", "ам", "аа", "ааа"})
# Colloquial and ASR spellings that pymorphy does not map to the standard lemma.
SPOKEN_FORMS = {
    "чо": "что",
    "чё": "что",
    "че": "что",
    "шо": "что",
    "щас": "сейчас",
    "ща": "сейчас",
    "ваще": "вообще",
    "тыщ": "тысяча",
    "тыщи": "тысяча",
    "тыща": "тысяча",
    "када": "когда",
    "седня": "сегодня",
    "скока": "сколько",
    "скоко": "сколько",
    "чтоб": "чтобы",
    "норм": "нормально",
    "кэпэ": "кп",
    "капэ": "кп",
    "алле": "алло",
    "але": "алло",
    "ало": "алло",
    "щаc": "сейчас",
}
_NUMERAL_SUFFIXES = frozenset({"го", "ого", "е", "ое", "й", "ый", "ой", "я", "ая", "ю", "х", "ти", "ми"})
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
# Common nouns that pymorphy also knows as first names; never treat them as a name by themselves.
NOT_NAMES = frozenset(
    {
        "вера",
        "надежда",
        "любовь",
        "роман",
        "лев",
        "мир",
        "слава",
        "ник",
        "ли",
        "том",
        "марка",
        "роза",
        "лилия",
        "майя",
        "юла",
        "нина",
        "ива",
        "ян",
        "дина",
        "раз",
    }
)

_UNITS = {
    "ноль": 0,
    "один": 1,
    "одна": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "тринадцать": 13,
    "четырнадцать": 14,
    "пятнадцать": 15,
    "шестнадцать": 16,
    "семнадцать": 17,
    "восемнадцать": 18,
    "девятнадцать": 19,
    "двадцать": 20,
    "тридцать": 30,
    "сорок": 40,
    "пятьдесят": 50,
    "шестьдесят": 60,
    "семьдесят": 70,
    "восемьдесят": 80,
    "девяносто": 90,
    "сто": 100,
    "двести": 200,
    "триста": 300,
    "четыреста": 400,
    "пятьсот": 500,
    "шестьсот": 600,
    "семьсот": 700,
    "восемьсот": 800,
    "девятьсот": 900,
}
_ORDINALS = {
    "первый": 1,
    "второй": 2,
    "третий": 3,
    "четвертый": 4,
    "пятый": 5,
    "шестой": 6,
    "седьмой": 7,
    "восьмой": 8,
    "девятый": 9,
    "десятый": 10,
    "одиннадцатый": 11,
    "двенадцатый": 12,
    "тринадцатый": 13,
    "четырнадцатый": 14,
    "пятнадцатый": 15,
    "шестнадцатый": 16,
    "семнадцатый": 17,
    "восемнадцатый": 18,
    "девятнадцатый": 19,
    "двадцатый": 20,
    "тридцатый": 30,
}


def morph() -> pymorphy3.MorphAnalyzer:
    """Return the process-wide pymorphy3 analyzer (created on first use)."""
    global _MORPH
    if _MORPH is None:
        _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


def normalize(text: str) -> str:
    """Lower-case, replace ё with е, drop punctuation and collapse whitespace."""
    return " ".join(TOKEN_RE.findall(text.lower().replace("ё", "е")))


def tokenize(text: str) -> list[str]:
    """Split text into lower-case word/number tokens (ё→е); hesitation sounds are dropped."""
    out: list[str] = []
    for word in TOKEN_RE.findall(text.lower().replace("ё", "е")):
        if word in HESITATIONS or (word in _NUMERAL_SUFFIXES and out and out[-1][0].isdigit()):
            continue
        if "-" in word and word[0].isalpha():
            parts = word.split("-")
            # "две-три минуты", "пятнадцать-двадцать": ranges of spelled-out numbers become separate words.
            if all(analyze(p).number is not None for p in parts if p):
                out.extend(p for p in parts if p)
                continue
        out.append(word)
    return out


def split_sentences(text: str) -> list[str]:
    """Split a segment's text into sentences with razdel (a single sentence when unpunctuated)."""
    stripped = text.strip()
    if not stripped:
        return []
    if not SENTENCE_END_RE.search(stripped[:-1]):
        return [stripped]
    # razdel keeps "влияет? сотрудники жалуются" together when ASR continues in lower case: split on ?/! too.
    return [
        piece
        for sentence in razdel.sentenize(stripped)
        for piece in _AFTER_QUESTION_RE.split(sentence.text)
        if piece.strip()
    ]


@dataclass(frozen=True, slots=True)
class WordInfo:
    """Everything the matchers need to know about one word form."""

    form: str
    lemmas: frozenset[str]
    lemma: str
    name_tags: frozenset[str]
    is_known: bool
    number: int | None
    name_like: bool = False  # a first name even if also a common noun ("роман", "вера")

    @property
    def is_name(self) -> bool:
        """True for a first name, surname or patronymic."""
        return bool(self.name_tags)


@lru_cache(maxsize=200_000)
def analyze(word: str) -> WordInfo:
    """Analyse one lower-case word form (cached): lemmas, name flag, dictionary flag, numeral value."""
    spoken = SPOKEN_FORMS.get(word)
    if spoken is not None:
        return WordInfo(word, frozenset({spoken, word}), spoken, frozenset(), True, None)
    if word[:1].isdigit():
        return WordInfo(word, frozenset({word}), word, frozenset(), True, _digits_value(word))
    parses = morph().parse(word)
    lemmas = frozenset(p.normal_form.replace("ё", "е") for p in parses[:4]) | {word}
    lemma = parses[0].normal_form.replace("ё", "е") if parses else word
    name_tags: frozenset[str] = frozenset()
    tags = (
        frozenset(g for p in parses[:3] for g in NAME_GRAMMEMES & set(p.tag.grammemes))
        if len(word) > 2
        else None
    )
    if tags and lemma not in NOT_NAMES:
        name_tags = frozenset(g for p in parses[:2] for g in NAME_GRAMMEMES & set(p.tag.grammemes))
    number = _UNITS.get(lemma, _ORDINALS.get(lemma))
    return WordInfo(word, lemmas, lemma, name_tags, morph().word_is_known(word), number, bool(tags))


def lemma(word: str) -> str:
    """Return the most likely lemma of one word form."""
    return analyze(word.lower().replace("ё", "е")).lemma


def lemmatize(text: str) -> list[str]:
    """Return the lemma of every token of ``text``."""
    return [analyze(t).lemma for t in tokenize(text)]


def _digits_value(token: str) -> int | None:
    head = re.split(r"[:.,]", token, maxsplit=1)[0]
    return int(head) if head.isdigit() and len(head) <= 6 else None


def merge_numerals(words: list[str]) -> list[str]:
    """Replace spelled-out numerals with digits (``двадцать пять`` → ``25``, ``пятнадцатого`` → ``15``)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        info = analyze(words[i])
        if info.number is None or words[i][0].isdigit():
            out.append(words[i])
            i += 1
            continue
        total = last = info.number
        j = i + 1
        # Compose "сто двадцать пять": each next part must fill a smaller order of magnitude.
        while j < len(words) and not words[j][0].isdigit():
            nxt = analyze(words[j]).number
            if nxt is None or not _can_follow(last, nxt):
                break
            total += nxt
            last = nxt
            j += 1
        out.append(str(total))
        i = j
    return out


def _can_follow(last: int, nxt: int) -> bool:
    if last >= 100 and last % 100 == 0:
        return nxt < 100
    if 20 <= last < 100 and last % 10 == 0:
        return nxt < 10
    return False


def similarity(a: str, b: str) -> float:
    """Similarity of two words in percent (normalized Indel distance, rapidfuzz)."""
    return float(fuzz.ratio(a, b))
