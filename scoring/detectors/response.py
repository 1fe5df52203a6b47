"""``response`` detector: how the manager answers each trigger (typically a client objection).

Options: ``trigger`` (a detector spec whose occurrences are the triggers), ``turns`` (how many following
manager turns count as the response, default 1), ``any`` (phrases the response must contain), ``none``
(phrases it must not contain), ``question`` (the response must contain a question; ``question_none``
lists phrases that disqualify a question, e.g. scheduling questions are not clarifying), ``min_share``
(share of triggers answered well, default 0.5; any response with a ``none`` phrase fails the item; a
tag question of up to three words after a ``question_none`` sentence is disqualified with it),
``fuzzy``. With no trigger the item does not apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scoring.detectors import BuildEnv, build_detector, register
from scoring.detectors.base import (
    Detector,
    Evidence,
    Finding,
    SpecError,
    check_keys,
    make_quote,
    mapping,
    number,
)
from scoring.detectors.classifier import ClassifierDetector
from scoring.detectors.phrase import PhraseDetector
from scoring.phrases import DEFAULT_FUZZY, Pattern, find_any
from scoring.question_words import INTERROGATIVES

if TYPE_CHECKING:
    from scoring.analysis import Unit
    from scoring.context import ScoringContext

# A yes/no question this short right after a scheduling sentence only checks the slot ("Удобно?").
TAG_WORDS = 3
_KEYS = frozenset({"trigger", "turns", "any", "none", "question", "question_none", "min_share", "fuzzy"})


def trigger_segments(detector: Detector, ctx: ScoringContext) -> list[int]:
    """Every segment where a trigger detector fires (all occurrences, not only the quoted ones)."""
    if isinstance(detector, ClassifierDetector):
        return sorted({p.segment for p in detector.hits(ctx)})
    if isinstance(detector, PhraseDetector):
        return sorted({chunk.segments[0] for chunk, _, _ in detector.matches(ctx)})
    found = detector.evaluate(ctx)
    return sorted({e.segment for e in found.evidence}) if found.passed else []


class ResponseDetector:
    """Judges the manager's response to every trigger and passes when enough responses are good."""

    def __init__(
        self,
        trigger: Detector,
        turns: int,
        wanted: list[Pattern],
        banned: list[Pattern],
        question: bool,
        question_banned: list[Pattern],
        min_share: float,
        fuzzy: float,
    ) -> None:
        self.trigger = trigger
        self.turns = turns
        self.wanted = wanted
        self.banned = banned
        self.question = question
        self.question_banned = question_banned
        self.min_share = min_share
        self.fuzzy = fuzzy

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Group triggers by the response they get, then judge each response."""
        triggers = trigger_segments(self.trigger, ctx)
        if not triggers:
            return Finding(False, na_reason="no trigger in the call (e.g. no objection)")
        text = ctx.text
        groups: dict[int, int] = {}
        for seg in triggers:
            turn = text.turn_of[seg]
            responses = [t for t in range(turn + 1, len(text.turns)) if text.turns[t].speaker == "manager"]
            key = responses[0] if responses else -1 - seg
            groups.setdefault(key, seg)
        good = 0
        evidence: list[Evidence] = []
        notes: list[str] = []
        banned_seen = False
        for first_turn, seg in groups.items():
            ok, ev, note = self._judge(ctx, seg, first_turn)
            good += ok
            if not ok and note.startswith("argues"):
                banned_seen = True
                evidence[:0] = ev
            else:
                evidence.extend(ev)
            if not ok:
                notes.append(note)
        share = good / len(groups)
        # One response with a banned phrase (arguing) fails the item however the others went.
        passed = share >= self.min_share and not banned_seen
        confidence = round(
            0.6 + 0.35 * abs(share - self.min_share) / max(self.min_share, 1 - self.min_share), 2
        )
        summary = f"{good} of {len(groups)} handled as required"
        return Finding(passed, evidence[:4], confidence, note="; ".join([summary, *notes[:2]]))

    def _judge(self, ctx: ScoringContext, trigger: int, first_turn: int) -> tuple[bool, list[Evidence], str]:
        segs = ctx.transcript.segments
        trig = segs[trigger]
        trig_ev = Evidence(trigger, trig.start, trig.end, make_quote(trig.text), "trigger")
        if first_turn < 0:
            return False, [trig_ev], "no response from the manager"
        text = ctx.text
        turns = [t for t in range(first_turn, len(text.turns)) if text.turns[t].speaker == "manager"][
            : self.turns
        ]
        seg_ids = [i for t in turns for i in text.turns[t].segments if i not in text.noise]
        units = [text.units[u] for i in seg_ids for u in text.segments[i].units]
        for unit in units:
            match = find_any(self.banned, unit.view, self.fuzzy) if self.banned else None
            if match is not None:
                ev = Evidence(unit.segment, unit.start, unit.end, make_quote(unit.text), f"«{match.pattern}»")
                return False, [trig_ev, ev], f"argues: «{unit.text[:60]}»"
        hit = None
        if self.wanted:
            for unit in units:
                match = find_any(self.wanted, unit.view, self.fuzzy)
                if match is not None:
                    hit = Evidence(
                        unit.segment, unit.start, unit.end, make_quote(unit.text), f"«{match.pattern}»"
                    )
                    break
            if hit is None:
                first = segs[seg_ids[0]]
                ev = Evidence(seg_ids[0], first.start, first.end, make_quote(first.text), "response")
                return False, [trig_ev, ev], "the response lacks the required words"
        if self.question:
            asked = next(
                (u for k, u in enumerate(units) if u.is_question and not self._banned_question(units, k)),
                None,
            )
            if asked is None:
                first = segs[seg_ids[0]]
                ev = Evidence(seg_ids[0], first.start, first.end, make_quote(first.text), "response")
                return False, [trig_ev, ev], "no question in the response"
            hit = hit or Evidence(asked.segment, asked.start, asked.end, make_quote(asked.text), "question")
        return True, [trig_ev] + ([hit] if hit else []), ""


    def _banned_question(self, units: list[Unit], k: int) -> bool:
        """A disqualified question; a short yes/no tag ("Подходит?") inherits the sentence it follows."""
        if not self.question_banned:
            return False
        if find_any(self.question_banned, units[k].view, self.fuzzy) is not None:
            return True
        words = [info.form for info in units[k].view.infos]
        return (
            k > 0
            and len(words) <= TAG_WORDS
            and not INTERROGATIVES.intersection(words)  # "С чем сравниваете?" asks something of its own
            and find_any(self.question_banned, units[k - 1].view, self.fuzzy) is not None
        )


@register("response")
def build_response(body: Any, path: str, env: BuildEnv) -> ResponseDetector:
    """Build a ``response`` detector from its spec."""
    spec = mapping(body, path)
    check_keys(spec, _KEYS, path)
    if "trigger" not in spec:
        raise SpecError(f"{path}.trigger", "is required: the detector whose occurrences need a response")
    question = spec.get("question", False)
    if not isinstance(question, bool):
        raise SpecError(f"{path}.question", f"must be true or false, got {question!r}")
    if "any" not in spec and "none" not in spec and not question:
        raise SpecError(path, "give 'any', 'none' or 'question: true'")
    return ResponseDetector(
        trigger=build_detector(spec["trigger"], f"{path}.trigger", env),
        turns=int(number(spec.get("turns", 1), f"{path}.turns", minimum=1, integer=True)),
        wanted=env.patterns(spec["any"], f"{path}.any") if "any" in spec else [],
        banned=env.patterns(spec["none"], f"{path}.none") if "none" in spec else [],
        question=question,
        question_banned=env.patterns(spec["question_none"], f"{path}.question_none")
        if "question_none" in spec
        else [],
        min_share=number(spec.get("min_share", 0.5), f"{path}.min_share", minimum=0, maximum=1),
        fuzzy=number(spec.get("fuzzy", DEFAULT_FUZZY), f"{path}.fuzzy", minimum=DEFAULT_FUZZY, maximum=100),
    )
