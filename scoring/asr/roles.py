"""Decide which voice cluster of a mono call is the sales manager: opening order plus what each voice says."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.asr.wer import normalize_words

# (pattern over normalised text, weight). Manager: introduces self and company, asks, proposes.
MANAGER_CUES = [
    (r"\bменя зовут\b", 3.0),
    (r"\bвас беспокоит\b", 3.0),
    (r"\bзвоню\b", 1.5),
    (r"\bудобно (сейчас )?(говорить|разговаривать)\b", 2.0),
    (r"\bсоедините\b", 2.0),
    (r"\bкомпани[яи] \w+", 0.5),
    (r"\bмы (доставляем|помогаем|даем|забираем|предлагаем|работаем|можем)\b", 1.0),
    (r"\bпредлага\w*", 1.0),
    (r"\bподскажите\b", 0.5),
    (r"\bдавайте (я|встретимся|созвонимся|договоримся)\b", 1.0),
    (r"\bнаш\w* (компани|услуг|сервис|курьер)\w*", 1.0),
]
# Client side (gatekeeper included): answers the phone, filters, objects, agrees.
CLIENT_CUES = [
    (r"^(алло|да)\b", 1.0),
    (r"\bслушаю\b", 1.5),
    (r"\bсоединяю\b", 2.0),
    (r"\bпо какому вопросу\b", 2.0),
    (r"\bчто вы хотели\b", 1.5),
    (r"\bу нас уже есть\b", 1.5),
    (r"\bнас (все )?устраивает\b", 1.5),
    (r"\bне интересно\b", 1.5),
    (r"\bприсылайте\b", 1.0),
]
FIRST_SPEAKER_WEIGHT = 1.5
ANSWER_RE = re.compile(r"\b(алло|слушаю|добрый день|здравствуйте|да)\b")
ANSWER_MAX_WORDS = 6


@dataclass(frozen=True)
class VoiceTurn:
    """Text spoken by one voice cluster at one time."""

    label: int
    start: float
    text: str


def _cue_score(text: str, cues: list[tuple[str, float]]) -> float:
    return sum(weight for pattern, weight in cues if re.search(pattern, text))


def _is_phone_answer(text: str) -> bool:
    """A short 'hello / speaking / Company X, good afternoon' said by the called party on picking up."""
    words = normalize_words(text)
    return len(words) <= ANSWER_MAX_WORDS and ANSWER_RE.search(" ".join(words)) is not None


def manager_scores(turns: list[VoiceTurn]) -> dict[int, float]:
    """Per voice: evidence of being the manager (positive) or the client (negative)."""
    scores: dict[int, float] = {}
    for turn in turns:
        text = " ".join(normalize_words(turn.text))
        delta = _cue_score(text, MANAGER_CUES) - _cue_score(text, CLIENT_CUES)
        scores[turn.label] = scores.get(turn.label, 0.0) + delta
    ordered = sorted(turns, key=lambda t: t.start)
    # In an outbound call the called side picks up ("Алло?"), then the manager opens the conversation:
    # the first voice that says more than a phone answer is most likely the manager.
    opener = next((t for t in ordered if normalize_words(t.text) and not _is_phone_answer(t.text)), None)
    if opener is not None:
        scores[opener.label] = scores.get(opener.label, 0.0) + FIRST_SPEAKER_WEIGHT
    if ordered and _is_phone_answer(ordered[0].text):
        scores[ordered[0].label] = scores.get(ordered[0].label, 0.0) - 1.0
    return scores


def assign_roles(turns: list[VoiceTurn]) -> tuple[dict[int, str], dict[int, float]]:
    """Map each voice label to ``manager`` (exactly one) or ``client``; also return the scores."""
    scores = manager_scores(turns)
    if not scores:
        return {}, {}
    manager = max(scores, key=lambda label: (scores[label], -label))
    return {label: ("manager" if label == manager else "client") for label in scores}, scores
