"""``phrases`` detector: lemma phrases (inflection- and ASR-tolerant) said by a speaker in a part/window.

Options: ``any`` (phrases, ``$name`` expands a checklist lexicon list), ``near`` (phrases that must also
occur in the same unit), ``not_near`` (phrases that must not occur in it), ``unit`` (``sentence`` |
``segment`` | ``turn``), ``questions_only`` / ``statements_only`` (look only at question / non-question
sentences), ``min_count``, ``must_not`` (pass when nothing matches), ``fuzzy`` (minimum word similarity
82-100; 100 = exact lemmas only), ``reply`` (what the other side must / must not say in its next
turn(s): ``any``, ``none``, ``turns``), plus the scope keys ``speaker``, ``part``, ``within`` and
``from_end``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scoring.detectors import BuildEnv, register
from scoring.detectors.base import (
    SCOPE_KEYS,
    Evidence,
    Finding,
    Scope,
    SpecError,
    check_keys,
    make_quote,
    mapping,
    number,
    parse_scope,
)
from scoring.phrases import DEFAULT_FUZZY, Match, Pattern, TokenView, find_any

if TYPE_CHECKING:
    from scoring.context import ScoringContext

_KEYS = SCOPE_KEYS | {
    "any",
    "near",
    "not_near",
    "unit",
    "questions_only",
    "statements_only",
    "min_count",
    "must_not",
    "fuzzy",
    "reply",
}
_UNITS = ("sentence", "segment", "turn")
_EVIDENCE_LIMIT = 3


@dataclass(frozen=True, slots=True)
class Reply:
    """Constraint on the other side's next turn(s) after a match."""

    any: tuple[Pattern, ...]
    none: tuple[Pattern, ...]
    turns: int


@dataclass(slots=True)
class Chunk:
    """A piece of text a phrase is searched in, with where to point evidence."""

    segments: list[int]
    views: list[tuple[TokenView, int, float, float, str]]  # view, segment, start, end, text


def chunks(
    ctx: ScoringContext, segments: Sequence[int], unit: str, questions: bool | None = None
) -> list[Chunk]:
    """Cut the scoped segments into sentence, segment or turn chunks (optionally questions only)."""
    text = ctx.text
    out: list[Chunk] = []
    if unit == "sentence" or questions is not None:
        allowed = set(segments)
        for u in text.units:
            if u.segment in allowed and (questions is None or u.is_question == questions):
                out.append(Chunk([u.segment], [(u.view, u.segment, u.start, u.end, u.text)]))
        return out
    for i in segments:
        sv = text.segments[i]
        entry = (sv.view, i, sv.segment.start, sv.segment.end, sv.segment.text)
        if unit == "turn" and out and text.turn_of[out[-1].segments[-1]] == text.turn_of[i]:
            out[-1].segments.append(i)
            out[-1].views.append(entry)
        else:
            out.append(Chunk([i], [entry]))
    return out


def evidence_for(
    ctx: ScoringContext,
    segment: int,
    patterns: Sequence[Pattern],
    fallback: tuple[float, float, str],
    min_score: float,
    note: str = "",
) -> Evidence:
    """Point evidence at the sentence of ``segment`` where a pattern matches (else the whole segment)."""
    for uid in ctx.text.segments[segment].units:
        unit = ctx.text.units[uid]
        if find_any(patterns, unit.view, min_score) is not None:
            return Evidence(segment, unit.start, unit.end, make_quote(unit.text), note)
    start, end, quote = fallback
    return Evidence(segment, start, end, make_quote(quote), note)


def absence_evidence(ctx: ScoringContext, scope: Scope, note: str) -> list[Evidence]:
    """Evidence for "nothing found": the segment that opens (or, for end windows, closes) the scope."""
    segments = scope.segments(ctx)
    if not segments:
        return []
    i = segments[-1] if scope.last_seconds is not None or scope.last_turns is not None else segments[0]
    seg = ctx.transcript.segments[i]
    return [Evidence(i, seg.start, seg.end, make_quote(seg.text), note)]


class PhraseDetector:
    """Lemma-phrase matching with scope, co-occurrence, count, negation and reply constraints."""

    def __init__(
        self,
        scope: Scope,
        patterns: list[Pattern],
        near: list[Pattern],
        unit: str,
        questions: bool | None,
        min_count: int,
        must_not: bool,
        fuzzy: float,
        reply: Reply | None,
        not_near: list[Pattern] | None = None,
    ) -> None:
        self.not_near = not_near or []
        self.scope = scope
        self.patterns = patterns
        self.near = near
        self.unit = unit
        self.questions = questions
        self.min_count = min_count
        self.must_not = must_not
        self.fuzzy = fuzzy
        self.reply = reply

    def matches(self, ctx: ScoringContext) -> list[tuple[Chunk, int, Match]]:
        """Every chunk in scope that satisfies the phrase (and near/reply) conditions."""
        found: list[tuple[Chunk, int, Match]] = []
        for chunk in chunks(ctx, self.scope.segments(ctx), self.unit, self.questions):
            hit: tuple[int, Match] | None = None
            for k, (view, *_rest) in enumerate(chunk.views):
                match = find_any(self.patterns, view, self.fuzzy)
                if match is not None and (hit is None or match.score > hit[1].score):
                    hit = (k, match)
            if hit is None:
                continue
            if self.near and not any(find_any(self.near, v[0], self.fuzzy) for v in chunk.views):
                continue
            if self.not_near and any(find_any(self.not_near, v[0], self.fuzzy) for v in chunk.views):
                continue
            if self.reply is not None and not self._reply_ok(ctx, chunk):
                continue
            found.append((chunk, hit[0], hit[1]))
        return found

    def _reply_ok(self, ctx: ScoringContext, chunk: Chunk) -> bool:
        reply = self.reply
        assert reply is not None
        segs = ctx.transcript.segments
        me = segs[chunk.segments[-1]].speaker
        turn = ctx.text.turn_of[chunk.segments[-1]]
        replies = [t for t in ctx.text.turns[turn + 1 :] if t.speaker != me][: reply.turns]
        views = [ctx.text.segments[i].view for t in replies for i in t.segments if i not in ctx.text.noise]
        if reply.none and any(find_any(reply.none, v, self.fuzzy) for v in views):
            return False
        return not reply.any or any(find_any(reply.any, v, self.fuzzy) for v in views)

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Count matching chunks and decide."""
        found = self.matches(ctx)
        evidence = []
        for chunk, k, match in found[:_EVIDENCE_LIMIT]:
            _view, segment, start, end, text = chunk.views[k]
            evidence.append(
                evidence_for(
                    ctx,
                    segment,
                    [p for p in self.patterns if p.source == match.pattern],
                    (start, end, text),
                    self.fuzzy,
                    f"«{match.pattern}»",
                )
            )
        best = max((m.score for _, _, m in found), default=0.0)
        conf = 0.9 if best >= 100 else 0.75
        if self.must_not:
            if len(found) >= self.min_count:
                return Finding(False, evidence, conf, note=f"must not occur ({self.scope.describe()})")
            return Finding(
                True, absence_evidence(ctx, self.scope, f"none found in {self.scope.describe()}"), 0.8
            )
        if len(found) >= self.min_count:
            return Finding(True, evidence, conf)
        note = f"found {len(found)} of {self.min_count} needed in {self.scope.describe()}"
        return Finding(False, evidence or absence_evidence(ctx, self.scope, note), 0.75, note=note)


def _bool(spec: Mapping[str, Any], key: str, path: str) -> bool:
    value = spec.get(key, False)
    if not isinstance(value, bool):
        raise SpecError(f"{path}.{key}", f"must be true or false, got {value!r}")
    return value


def _reply(raw: Any, path: str, env: BuildEnv) -> Reply:
    spec = mapping(raw, path)
    check_keys(spec, {"any", "none", "turns"}, path)
    if "any" not in spec and "none" not in spec:
        raise SpecError(path, "needs 'any' and/or 'none'")
    turns = int(number(spec.get("turns", 1), f"{path}.turns", minimum=1, integer=True))
    return Reply(
        tuple(env.patterns(spec["any"], f"{path}.any")) if "any" in spec else (),
        tuple(env.patterns(spec["none"], f"{path}.none")) if "none" in spec else (),
        turns,
    )


@register("phrases")
def build_phrases(body: Any, path: str, env: BuildEnv) -> PhraseDetector:
    """Build a ``phrases`` detector from its spec."""
    spec = mapping(body, path)
    check_keys(spec, _KEYS, path)
    if "any" not in spec:
        raise SpecError(f"{path}.any", "is required: the phrases to look for")
    unit = spec.get("unit", "segment")
    if unit not in _UNITS:
        raise SpecError(f"{path}.unit", f"must be one of {', '.join(_UNITS)}, got {unit!r}")
    only_questions, only_statements = (
        _bool(spec, "questions_only", path),
        _bool(spec, "statements_only", path),
    )
    if only_questions and only_statements:
        raise SpecError(f"{path}.statements_only", "cannot be combined with questions_only")
    return PhraseDetector(
        scope=parse_scope(spec, path),
        patterns=env.patterns(spec["any"], f"{path}.any"),
        near=env.patterns(spec["near"], f"{path}.near") if "near" in spec else [],
        unit=str(unit),
        questions=True if only_questions else (False if only_statements else None),
        min_count=int(number(spec.get("min_count", 1), f"{path}.min_count", minimum=1, integer=True)),
        must_not=_bool(spec, "must_not", path),
        fuzzy=number(spec.get("fuzzy", DEFAULT_FUZZY), f"{path}.fuzzy", minimum=DEFAULT_FUZZY, maximum=100),
        reply=_reply(spec["reply"], f"{path}.reply", env) if "reply" in spec else None,
        not_near=env.patterns(spec["not_near"], f"{path}.not_near") if "not_near" in spec else None,
    )
