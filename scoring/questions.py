"""Which utterances are questions: by "?" or, when the recogniser dropped punctuation, by Russian cues."""

from __future__ import annotations

from functools import lru_cache

from scoring.question_words import (
    A_CLAUSE_ENDINGS,
    A_WH_WINDOW,
    AFTER_EST,
    CLAUSE_JOINERS,
    CONJUNCTION_LIKE,
    CONVENIENCE_PAIRS,
    EVALUATIVE_ENDINGS,
    FIRST_PERSON,
    HARDSHIP,
    HOW_OFTEN,
    INDEFINITE,
    INTERROGATIVES,
    LEAD_WORDS,
    NARRATIVE_AFTER_A,
    NEGATED_EXISTENCE,
    NOT_AFTER_WHAT,
    NOT_BEFORE_TAG,
    OFFER_VERBS,
    POLITE_INFINITIVES,
    POLITE_QUESTION_ENDINGS,
    PREPOSITIONS,
    QUESTION_VERBS,
    REQUEST_OPENERS,
    SLOT_WORDS,
    STRONG_YES_NO,
    SUPPOSE,
    TAG_ENDINGS,
    TAG_LAST_WORDS,
    THANKS,
    TIME_ASKED,
    TWO_WORD_TAGS,
    VERBLESS_CHOICE_WORDS,
    VERBLESS_TAGS,
    WH_LEAD_WORDS,
    YES_NO_OPENERS,
    YOU,
    YOU_STATE,
    is_finite_verb,
    is_you_present,
    is_you_verb,
)
from scoring.text import morph, tokenize


def is_question(sentence: str, words: list[str] | None = None) -> bool:
    """Tell whether a sentence is a question: by '?' or, when unterminated, by Russian interrogative cues."""
    stripped = sentence.rstrip(" \"'»)")
    if stripped.endswith("?"):
        return True
    if stripped.endswith((".", "!", "…")):
        return False
    tokens = words if words is not None else tokenize(sentence)
    return bool(tokens) and has_question_cue(tokens)


def has_question_cue(tokens: list[str]) -> bool:
    """Interrogative cues of an unpunctuated clause: wh-word, "ли", "подскажите", "а у вас", tag endings."""
    words = set(tokens)
    first = next((i for i, t in enumerate(tokens) if t not in LEAD_WORDS), None)
    if (
        _particle_cues(tokens, words)
        or _tag_question(tokens)
        or _frame_cues(tokens, words, first)
        or _wh_cues(tokens, words, first)
        or _compared_with_what(tokens)
    ):
        return True
    # "ага, а в день сколько примерно выходит": read the "а" clause again after the lead-in words.
    lead = next((i for i, t in enumerate(tokens) if t not in LEAD_WORDS or t == "а"), 0)
    return 0 < lead < len(tokens) - 1 and tokens[lead] == "а" and has_question_cue(tokens[lead:])


_PREPOSITIONAL_WH = frozenset(("чем", "чего", "кем", "ком", "кого", "чему", "кому"))


def _compared_with_what(tokens: list[str]) -> bool:
    """"Дорого по сравнению с чем?", "а это связано с чем": a wh-word after a preposition near the end."""
    n = len(tokens)
    return any(
        tokens[i] in _PREPOSITIONAL_WH
        and tokens[i - 1] in PREPOSITIONS
        and (n - i <= 4 or "сравнению" in tokens[:i])
        and tokens[i + 1 : i + 2] not in (["угодно"], ["надо"], ["нужно"], ["попало"], ["придется"])
        and not {"мы", "я"}.intersection(tokens[:i])
        for i in range(1, n)
    )


def _particle_cues(tokens: list[str], words: set[str]) -> bool:
    """Fixed cues: "подскажите …", "… подскажете", "ли", "удобно …", "…, правильно?" and other endings."""
    if any(t in QUESTION_VERBS for t in tokens[:-2]) or tokens[-1] in POLITE_QUESTION_ENDINGS:
        return True
    if "ли" in tokens[1:5] or ("удобно" in tokens[:3] and "если" not in tokens[:2]):
        return True
    if _indirect_question(tokens):
        return True
    if tokens[-1] not in TAG_LAST_WORDS:
        return False
    for ending in TAG_ENDINGS:
        n = len(ending)
        if len(tokens) > n + 1 and tuple(tokens[-n:]) == ending and tokens[-n - 1] not in NOT_BEFORE_TAG:
            return True
    return False


_WANT = frozenset(("хотел", "хотела", "хотели", "хочу", "хотим", "хотелось", "бы"))
_ASK_INFINITIVES = frozenset(("узнать", "уточнить", "спросить", "понять"))


def _indirect_question(tokens: list[str]) -> bool:
    """"Хотел узнать, какие круги вы берёте": a wish to ask, then a wh-word or "ли" — an indirect question."""
    for i, t in enumerate(tokens[1:], start=1):
        if t in _ASK_INFINITIVES and tokens[i - 1] in _WANT:
            following = tokens[i + 1 : i + 3]
            if any(w in INTERROGATIVES or w == "ли" for w in following):
                return True
    return False


def _frame_cues(tokens: list[str], words: set[str], first: int | None) -> bool:
    """Question frames without a wh-word: verb-first yes/no, "а …", "или", hypotheses, convenience."""
    if _conditional_question(tokens) or _opens_yes_no(tokens, first) or _you_after_a(tokens):
        return True
    if ("а" in words or "или" in words) and _alternative_question(tokens):
        return True
    if first is not None and _opens_request(tokens, first):
        return True
    if _a_clause_check(tokens) or ("или" in words and _verb_choice(tokens)):
        return True
    if words.intersection(("часто", "регулярно")) and any(
        pair in HOW_OFTEN for pair in zip(tokens, tokens[1:], strict=False)
    ):
        return True  # "кофемашины у вас часто ломаются"
    return "удобно" in words and any(
        pair in CONVENIENCE_PAIRS and (i == 0 or tokens[i - 1] not in ("если", "как", "когда"))
        for i, pair in enumerate(zip(tokens, tokens[1:], strict=False))
    )


def _wh_cues(tokens: list[str], words: set[str], first: int | None) -> bool:
    """Wh-words that ask: at the start, after "а", "вы" or "это", or before a later "вы"."""
    if "именно" in words and any(
        t == "именно" and i > 0 and tokens[i - 1] in INTERROGATIVES for i, t in enumerate(tokens)
    ):
        return True
    if first is not None and opens_question(tokens, first):
        return True
    # A clause opened by "а" asks when a wh-word follows ("а в чём вы сейчас ведёте клиентов").
    if tokens[0] == "а" and any(_asking_wh(tokens, i) for i in range(1, min(len(tokens), A_WH_WINDOW))):
        return True
    if _if_then_wh(tokens, first) or _you_then_wh(tokens, first) or _wh_then_you(tokens):
        return True
    # A mid-clause "а" starts a new question: "понятно а сколько у вас машин".
    if "а" in words and any(
        t == "а" and i > 0 and opens_question(tokens, i + 1) for i, t in enumerate(tokens)
    ):
        return True
    if not INTERROGATIVES.intersection(words):
        return False
    # "вы где сейчас заправляете": a wh-word right after "вы"/"вам"/"у вас" (not "спасибо вам, что…").
    if YOU.intersection(words) and any(
        t in INTERROGATIVES
        and tokens[i - 1] in YOU
        and not (t == "что" and THANKS.intersection(tokens[:i]))
        for i, t in enumerate(tokens)
        if i > 0
    ):
        return True
    # "это как сказывается на закупках": a wh-word right after "это" asks about an effect or a cost.
    return "это" in words and any(
        t in INTERROGATIVES
        and t not in {"что", "чем", "чего"}
        and tokens[i - 1] == "это"
        and tokens[i + 1 : i + 2] != ["раз"]
        for i, t in enumerate(tokens)
        if i > 0
    )


def _tag_question(tokens: list[str]) -> bool:
    """Clause-final checks: "…удобно сейчас", "…или нет", "…есть пара минут", "пятница в два нормально"."""
    if len(tokens) >= 3 and tuple(tokens[-2:]) in TWO_WORD_TAGS and tokens[-3] not in NOT_BEFORE_TAG:
        return True
    if len(tokens) >= 4 and "есть" in tokens[-3:-1] and tokens[-1] in TIME_ASKED:
        return True
    if len(tokens) >= 3 and tokens[-1] in VERBLESS_TAGS and tokens[-2] not in NOT_BEFORE_TAG:
        verbs = [i for i, t in enumerate(tokens[:-1]) if is_finite_verb(t)]
        tail = tokens[verbs[-1] + 1 : -1] if verbs else tokens[:-1]
        return len(tail) >= 2 and any(t in SLOT_WORDS or t[0].isdigit() for t in tail)
    return False


def _conditional_question(tokens: list[str]) -> bool:
    """A clause-initial hypothetical asks for value: "если бы …, это помогло бы / вам было бы интересно"."""
    first = next((i for i, t in enumerate(tokens) if t not in LEAD_WORDS), None)
    if first is None or tokens[first] != "если" or "бы" not in tokens[first + 1 : first + 5]:
        return False
    return tokens.count("бы") >= 2 or tokens[-1] in EVALUATIVE_ENDINGS


def _alternative_question(tokens: list[str]) -> bool:
    """A "you" verb in a question frame: "а закупаете сами или …", "вы сейчас возите сами или подрядчик"."""
    for i, t in enumerate(tokens):
        if t == "а" and i + 1 < len(tokens) and tokens[i + 1] not in NARRATIVE_AFTER_A:
            if i <= 2 and any(is_you_present(w) for w in tokens[i + 1 : i + 5]):
                return True
            if i == 0 and STRONG_YES_NO.intersection(tokens[1:8]):
                return True
    if "или" not in tokens[1:-1]:
        return False
    head = tokens[: tokens.index("или")]
    if {"мы", "я", "нас", "нам"}.intersection(head) or OFFER_VERBS.intersection(tokens):
        return False
    with_you = "вы" in head
    if any(is_you_present(w, with_you) for w in head):
        return True
    if with_you and any(is_you_verb(w) for w in head):
        return True  # "вы арендуете склад или он в собственности"
    if any(a == "у" and b == "вас" for a, b in zip(head, head[1:], strict=False)):
        return True  # "интеграция у вас через api или вручную"
    # A short verbless choice: "интеграция с вашей системой или цена за точку".
    return len(tokens) <= VERBLESS_CHOICE_WORDS and not any(is_finite_verb(t) for t in tokens)


def _asking_wh(tokens: list[str], i: int) -> bool:
    """Whether the wh-word at ``i`` asks rather than joins clauses ("а на что это влияет", not "то, что")."""
    word = tokens[i]
    if word not in INTERROGATIVES:
        return False
    before = tokens[i - 1] if i > 0 else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if (word == "как" and after == "раз") or (word == "что" and THANKS.intersection(tokens[:i])):
        return False
    if word not in CONJUNCTION_LIKE or before in PREPOSITIONS:
        return True
    if before in CLAUSE_JOINERS:
        return False
    if i <= 3 and is_finite_verb(before):
        return True  # "а возит кто", "а платит кто у вас"
    return after in YOU or (after == "у" and tokens[i + 2 : i + 3] == ["вас"]) or is_finite_verb(after)


def _opens_yes_no(tokens: list[str], first: int | None) -> bool:
    """Verb-first yes/no questions: "бывают жалобы…", "не было просадки…", "есть у вас пара минут"."""
    if first is None:
        return False
    if tokens[first] in POLITE_QUESTION_ENDINGS and first + 1 < len(tokens):
        return True  # "подскажете адрес", "продиктуете номер"
    if len(tokens) - first < 3 or "конечно" in tokens or (first > 0 and tokens[first - 1] == "да"):
        return False  # "да, бывает, у многих так" answers rather than asks
    word, nxt = tokens[first], tokens[first + 1]
    if (word in STRONG_YES_NO and word != "устраивает") or (word == "не" and nxt in NEGATED_EXISTENCE):
        return True
    if word == "есть" and (nxt in AFTER_EST or (nxt == "у" and tokens[first + 2] == "вас")):
        return True
    if word in ("можете", "сможете") and nxt in POLITE_INFINITIVES:
        return True
    if nxt == "бы" and "если" in tokens[first + 2 :] and is_finite_verb(word):
        return True  # "помогло бы вам, если бы мы привозили ночью"
    if word in ("вам", "вас") and nxt in YOU_STATE:
        return True  # "вам хватает мощностей", "вас устраивает график"
    if word == "не" and nxt in HARDSHIP and any(t in YOU for t in tokens[first + 2 : first + 4]):
        return True  # "не тяжело вам самим всё контролировать"
    return (word, nxt) in (("могли", "бы"), ("не", "могли"), ("не", "подскажете"), ("не", "скажете"))


def _a_clause_check(tokens: list[str]) -> bool:
    """An "а" clause ending in a check: "а соединить с отделом можно", "а есть какие-то сложности"."""
    if len(tokens) < 3 or tokens[0] != "а" or FIRST_PERSON.intersection(tokens):
        return False
    if tokens[-1] in A_CLAUSE_ENDINGS:
        return True
    return "есть" in tokens and bool(INDEFINITE.intersection(tokens))


def _you_then_wh(tokens: list[str], first: int | None) -> bool:
    """A clause opened by "вы" with an asking wh-word soon after: "вы сейчас с кем работаете"."""
    if first is None or tokens[first] not in YOU:
        return False
    return any(_asking_wh(tokens, i) for i in range(first + 1, min(len(tokens), first + 4)))


def _wh_then_you(tokens: list[str]) -> bool:
    """An early wh-word with "вы" later: "хорошо, коротко: сколько заказов вы сейчас отправляете"."""
    for i, t in enumerate(tokens[:WH_LEAD_WORDS]):
        if t in INTERROGATIVES and t not in CONJUNCTION_LIKE:
            if any(is_finite_verb(w) for w in tokens[:i]):
                return False
            return any(w in YOU for w in tokens[i + 1 :])
        if is_finite_verb(t):
            return False
    return False


def _verb_choice(tokens: list[str]) -> bool:
    """Two finite verbs on either side of "или": "покупатели дожидались или отказывались"."""
    return any(
        t == "или" and 0 < i < len(tokens) - 1 and _indicative(tokens[i - 1]) and _indicative(tokens[i + 1])
        for i, t in enumerate(tokens)
    )


@lru_cache(maxsize=50_000)
def _indicative(word: str) -> bool:
    """A finite verb that is not an imperative ("звоните или пишите" offers, it does not ask)."""
    if not is_finite_verb(word):
        return False
    return "impr" not in morph().parse(word)[0].tag


def _if_then_wh(tokens: list[str], first: int | None) -> bool:
    """A condition followed by a wh-question: "если так пойдёт и дальше, что это значит для вас"."""
    if first is None or tokens[first] not in SUPPOSE:
        return False
    return any(
        (_asking_wh(tokens, i) or (tokens[i] in INTERROGATIVES and tokens[i + 1 : i + 2] == ["это"]))
        and not FIRST_PERSON.intersection(tokens[i:])  # "если бы вы знали, сколько мы возим"
        for i in range(first + 3, len(tokens))
    )


def _you_after_a(tokens: list[str]) -> bool:
    """The "а + a few words + вы" frame: "а качеством вы довольны", "а в эту ставку вы включаете…"."""
    if len(tokens) < 4 or tokens[0] != "а":
        return False
    you = next((i for i in range(2, min(len(tokens), 6)) if tokens[i] in YOU), None)
    if you is None or NARRATIVE_AFTER_A.intersection(tokens[1:you]):
        return False
    return not FIRST_PERSON.intersection(tokens[1 : you + 1])


def _opens_request(tokens: list[str], i: int) -> bool:
    """Clause-initial "можно уточнить", "могу я…", "было бы вам…", "вы ведь…" (polite or tag questions)."""
    word = tokens[i]
    if word in REQUEST_OPENERS and tokens[i + 1 : i + 2] and tokens[i + 1] in REQUEST_OPENERS[word]:
        return True
    if word == "я" and tokens[i + 1 : i + 2] in (["могу"], ["говорю"]):
        return True
    return word in YOU and tokens[i + 1 : i + 2] in (["ведь"], ["же"])


def opens_question(tokens: list[str], i: int) -> bool:
    """Whether the word at position ``i`` opens a question (wh-word, "во сколько", "а вы"/"а у вас")."""
    if i >= len(tokens):
        return False
    word = tokens[i]
    if word in PREPOSITIONS and tokens[i + 1 : i + 2] and tokens[i + 1] in INTERROGATIVES:
        return True  # "на какую почту отправить", "с чем это связано"
    if word in INTERROGATIVES:
        if word == "что" and i > 0 and (tokens[i - 1] in ("так", "потому") or tokens[i - 1] in THANKS):
            return False  # "так что вы переплачиваете", "спасибо, что нашли время": a conjunction
        return not (word == "что" and tokens[i + 1 : i + 2] and tokens[i + 1] in NOT_AFTER_WHAT)
    if word == "во" and tokens[i + 1 : i + 2] == ["сколько"]:
        return True
    if (
        i > 0
        and tokens[i - 1] == "а"
        and (word in YES_NO_OPENERS or (word == "если" and "бы" in tokens[i + 1 : i + 4]))
    ):
        return True
    return (
        i > 0
        and tokens[i - 1] == "а"
        and (word in YOU or (word == "у" and tokens[i + 1 : i + 2] == ["вас"]))
    )


def split_clauses(sentence: str, words: list[str]) -> list[tuple[int, int]]:
    """Cut an unpunctuated sentence before "а" + question cue; return token spans (start, stop)."""
    if any(ch in sentence for ch in "?.!,;"):
        return [(0, len(words))]
    cuts = [0]
    for i, token in enumerate(words):
        if token == "а" and i - cuts[-1] >= 3 and opens_question(words, i + 1):
            cuts.append(i)
    cuts.append(len(words))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
