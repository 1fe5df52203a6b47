"""Which utterances are questions: by "?" or, when the recogniser dropped punctuation, by Russian cues."""

from __future__ import annotations

from scoring.text import tokenize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make an unpunctuated clause a question when they open it.
INTERROGATIVES = _words("""
как какой каков сколько почему зачем где куда откуда когда кто кого кому кем ком что чего чему чем чей чья
чье чьи разве неужели насколько отчего каким какая какое какие каких какую какого каком какому какими
скольких скольким
""")
# Imperatives that turn what follows into a question ("подскажите, у вас есть склад").
QUESTION_VERBS = _words("""
подскажите скажите расскажите уточните поделитесь подскажете скажете расскажете поясните объясните напомните
""")
# Polite second-person forms that end a question ("а почту для тарифов подскажете").
POLITE_QUESTION_ENDINGS = _words("подскажете скажете продиктуете расскажете подскажите")
# Words that open a polite question or a request for permission at the start of a clause.
REQUEST_OPENERS = {
    "можно": _words("уточнить спросить узнать задать поговорить вопрос я"),
    "было": _words("бы"),
    "будет": _words("ли удобно"),
    "правильно": _words("я понимаю ли"),
}
_PREPOSITIONS = _words("в во на с со за о об про к ко по для от из у до при")
# Discourse words skipped before looking at the first content word of a clause.
LEAD_WORDS = _words("""
а и ну так вот пожалуйста кстати хорошо понятно ясно да угу слушайте простите извините интересно отлично
окей ок ага тогда еще скажем допустим понял поняла супер здорово верно спасибо
""")
# Verbs and adverbs that open a yes/no question after "а" ("а бывает, что…", "а можно…", "а если бы…").
YES_NO_OPENERS = _words("""
бывает бывают бывало случается случаются случалось приходится приходилось устраивает нравится удобно можно
получается часто есть хотелось планируете рассматриваете пробовали думали знаете слышали пользуетесь
работаете было могу можем правильно
""")
TAG_ENDINGS = (
    ("удобно",),
    ("подойдет",),
    ("подходит",),
    ("правильно", "понимаю"),
    ("я", "правильно", "понимаю"),
    ("верно",),
    ("правильно",),
    ("так", "ведь"),
    ("правда", "ли"),
    ("не", "так", "ли"),
    ("да", "ведь"),
    ("не", "правда"),
    ("так", "же"),
)
_YOU = _words("вы вас вам ваш ваша ваше ваши вашей вашем вашего вашу вами")
_NOT_AFTER_WHAT = _words("касается ж же именно нет")
_CONJUNCTION_LIKE = _words("что чем как когда кто")
_NOT_BEFORE_TAG = _words("и это все совершенно абсолютно очень тоже вполне")


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
    if any(t in QUESTION_VERBS for t in tokens[:-2]) or tokens[-1] in POLITE_QUESTION_ENDINGS:
        return True
    if any(t == "именно" and i > 0 and tokens[i - 1] in INTERROGATIVES for i, t in enumerate(tokens)):
        return True
    if "ли" in tokens[1:5] or ("удобно" in tokens[:3] and "если" not in tokens[:2]):
        return True
    for ending in TAG_ENDINGS:
        n = len(ending)
        if len(tokens) > n + 1 and tuple(tokens[-n:]) == ending and tokens[-n - 1] not in _NOT_BEFORE_TAG:
            return True
    first = next((i for i, t in enumerate(tokens) if t not in LEAD_WORDS), None)
    if first is not None and (opens_question(tokens, first) or _opens_request(tokens, first)):
        return True
    # A clause opened by "а" asks when a wh-word follows ("а в чём вы сейчас ведёте клиентов").
    if tokens[0] == "а" and any(
        t in INTERROGATIVES and (t not in _CONJUNCTION_LIKE or tokens[i] in _PREPOSITIONS)
        for i, t in enumerate(tokens[1:5])
    ):
        return True
    # "вы где сейчас заправляете": a wh-word right after "вы"/"вам"/"у вас".
    if any(t in INTERROGATIVES and tokens[i - 1] in _YOU for i, t in enumerate(tokens) if i > 0):
        return True
    # Mid-clause "а" often starts a new, unpunctuated question: "понятно а сколько у вас машин".
    return any(t == "а" and i > 0 and opens_question(tokens, i + 1) for i, t in enumerate(tokens))


def _opens_request(tokens: list[str], i: int) -> bool:
    """Clause-initial "можно уточнить", "могу я…", "было бы вам…", "вы ведь…" (polite or tag questions)."""
    word = tokens[i]
    if word in REQUEST_OPENERS and tokens[i + 1 : i + 2] and tokens[i + 1] in REQUEST_OPENERS[word]:
        return True
    if word == "я" and tokens[i + 1 : i + 2] in (["могу"], ["говорю"]):
        return True
    return word in _YOU and tokens[i + 1 : i + 2] in (["ведь"], ["же"])


def opens_question(tokens: list[str], i: int) -> bool:
    """Whether the word at position ``i`` opens a question (wh-word, "во сколько", "а вы"/"а у вас")."""
    if i >= len(tokens):
        return False
    word = tokens[i]
    if word in INTERROGATIVES:
        return not (word == "что" and tokens[i + 1 : i + 2] and tokens[i + 1] in _NOT_AFTER_WHAT)
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
        and (word in _YOU or (word == "у" and tokens[i + 1 : i + 2] == ["вас"]))
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
