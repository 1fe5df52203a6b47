"""``applies_when`` rules: when an item is applicable (otherwise it is scored ``na`` with the reason).

A rule is a mapping; all of its keys must hold. Keys: ``has_gatekeeper``, ``dm_reached`` (true/false),
``client_objected`` (true/false or ``{min_prob: 0.6}``), ``spin_types_at_least: N`` (distinct SPIN question
types the classifier finds in the DM part), ``passed_at_least: {items: [...], count: N}``,
``item: {id: ..., result: pass|fail|na|[...]}``, and the combinators ``all``, ``any``, ``not``.
``client_objected`` takes the options of an objection ``classifier`` trigger (``min_prob``,
``skip_spin_answers``, ``skip_questions``, ``not_near``) so that the rule and the trigger agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scoring.classifiers import ClassifierError
from scoring.detectors import BuildEnv
from scoring.detectors.base import SpecError, check_keys, mapping, number
from scoring.detectors.classifier import ClassifierDetector, build_classifier

if TYPE_CHECKING:
    from scoring.context import ScoringContext

Check = Callable[["ScoringContext"], tuple[bool, str]]
SPIN_TYPES = ("situation", "problem", "implication", "need_payoff")
RESULTS = ("pass", "fail", "na")


@dataclass(slots=True)
class Condition:
    """A compiled applies_when rule plus the item ids it depends on."""

    check: Check
    references: set[str]

    def evaluate(self, ctx: ScoringContext) -> tuple[bool, str]:
        """Return (applies, reason when it does not)."""
        return self.check(ctx)


def build_condition(spec: Any, path: str = "applies_when", env: BuildEnv | None = None) -> Condition:
    """Compile an applies_when mapping; raise SpecError naming the field."""
    local = BuildEnv(lexicon=env.lexicon if env is not None else {})
    return Condition(_build(spec, path, local), local.references)


def _build(spec: Any, path: str, env: BuildEnv) -> Check:
    spec = mapping(spec, path)
    if not spec:
        raise SpecError(path, "must name at least one condition")
    checks = [_one(key, value, f"{path}.{key}", env) for key, value in spec.items()]

    def all_hold(ctx: ScoringContext) -> tuple[bool, str]:
        for check in checks:
            ok, reason = check(ctx)
            if not ok:
                return False, reason
        return True, ""

    return all_hold


def _flag(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise SpecError(path, f"must be true or false, got {value!r}")
    return value


def _one(key: str, value: Any, path: str, env: BuildEnv) -> Check:
    if key == "has_gatekeeper":
        want = _flag(value, path)
        return lambda ctx: (
            ctx.structure.has_gatekeeper == want,
            "the decision maker answered directly" if want else "there was a gatekeeper",
        )
    if key == "dm_reached":
        want = _flag(value, path)
        return lambda ctx: (
            ctx.structure.dm_reached == want,
            "the decision maker was not reached" if want else "the decision maker was reached",
        )
    if key == "client_objected":
        return _client_objected(value, path, env)
    if key == "spin_types_at_least":
        need = int(number(value, path, minimum=1, maximum=4, integer=True))
        return lambda ctx: _spin_types(ctx, need)
    if key == "passed_at_least":
        spec = mapping(value, path)
        check_keys(spec, {"items", "count"}, path)
        items = spec.get("items")
        if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
            raise SpecError(f"{path}.items", "must be a non-empty list of item ids")
        count = int(number(spec.get("count", 1), f"{path}.count", minimum=1, integer=True))
        env.references.update(items)
        return lambda ctx: (
            sum(ctx.item_results.get(i) == "pass" for i in items) >= count,
            f"fewer than {count} of {', '.join(items)} passed",
        )
    if key == "item":
        return _item(value, path, env.references)
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise SpecError(path, "must be a non-empty list of conditions")
        parts = [_build(v, f"{path}[{i}]", env) for i, v in enumerate(value)]
        combine = all if key == "all" else any
        return lambda ctx: _combine(ctx, parts, combine)
    if key == "not":
        inner = _build(value, path, env)
        return lambda ctx: (not inner(ctx)[0], "the excluded condition holds")
    known = (
        "has_gatekeeper, dm_reached, client_objected, spin_types_at_least, passed_at_least, item, "
        "all, any, not"
    )
    raise SpecError(path, f"unknown condition {key!r} (known: {known})")


def _combine(ctx: ScoringContext, parts: list[Check], combine: Callable[[Any], bool]) -> tuple[bool, str]:
    results = [p(ctx) for p in parts]
    ok = combine(r[0] for r in results)
    return ok, "" if ok else "; ".join(r[1] for r in results if not r[0])


def _client_objected(value: Any, path: str, env: BuildEnv) -> Check:
    """Same options as an objection classifier trigger, so the rule and the trigger agree."""
    want = True
    detector: ClassifierDetector
    if isinstance(value, Mapping):
        check_keys(value, {"min_prob", "skip_spin_answers", "skip_questions", "not_near"}, path)
        spec = {"task": "objection", "exclude": ["none"], "part": "dm", **value}
        detector = build_classifier(spec, path, env)
    else:
        want = _flag(value, path)
        detector = build_classifier({"task": "objection", "exclude": ["none"], "part": "dm"}, path, env)

    def check(ctx: ScoringContext) -> tuple[bool, str]:
        try:
            objected = bool(detector.hits(ctx))
        except ClassifierError as exc:
            return False, f"objection classifier unavailable: {exc}"
        return objected == want, "the client raised no objection" if want else "the client objected"

    return check


def _spin_types(ctx: ScoringContext, need: int) -> tuple[bool, str]:
    first, stop = ctx.part_range("dm")
    try:
        found = {
            p.label
            for p in ctx.predictions("spin")
            if first <= p.segment < stop and p.label in SPIN_TYPES and p.prob >= 0.5
        }
    except ClassifierError as exc:
        return False, f"spin classifier unavailable: {exc}"
    return len(found) >= need, f"only {len(found)} SPIN question type(s) asked (needs {need})"


def _item(value: Any, path: str, refs: set[str]) -> Check:
    spec = mapping(value, path)
    check_keys(spec, {"id", "result"}, path)
    item_id = spec.get("id")
    if not isinstance(item_id, str):
        raise SpecError(f"{path}.id", "must be an item id")
    wanted = spec.get("result", "pass")
    wanted = [wanted] if isinstance(wanted, str) else wanted
    if not isinstance(wanted, list) or not wanted or any(w not in RESULTS for w in wanted):
        raise SpecError(f"{path}.result", f"must be one or more of {', '.join(RESULTS)}")
    refs.add(item_id)
    return lambda ctx: (ctx.item_results.get(item_id) in wanted, f"{item_id} is not {'/'.join(wanted)}")
