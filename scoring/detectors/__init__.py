"""Detectors a checklist item's ``detect`` spec is built from, and the ``all``/``any``/``not`` combinators.

A spec node is a mapping with exactly one key, the detector name: ``phrases``, ``regex``, ``classifier``,
``metric``, ``order``, ``response``, ``call``, or a combinator ``all`` / ``any`` (lists of nodes) or
``not`` (one node).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from scoring.detectors.base import Detector, Finding, SpecError
from scoring.phrases import Pattern, PatternError, PatternSet, compile_pattern

if TYPE_CHECKING:
    from scoring.context import ScoringContext


@dataclass(slots=True)
class BuildEnv:
    """What detector builders may need: the checklist's named phrase lists; collects item references."""

    lexicon: Mapping[str, Sequence[str]] = field(default_factory=dict)
    references: set[str] = field(default_factory=set)

    def patterns(self, value: Any, path: str) -> PatternSet:
        """Compile a list of phrases; ``$name`` entries expand to the checklist lexicon list ``name``."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise SpecError(path, "must be a non-empty list of phrases")
        out: list[Pattern] = []
        for i, phrase in enumerate(value):
            if isinstance(phrase, str) and phrase.startswith("$"):
                name = phrase[1:]
                if name not in self.lexicon:
                    raise SpecError(f"{path}[{i}]", f"unknown lexicon list {phrase!r}")
                out.extend(self.patterns(list(self.lexicon[name]), f"lexicon.{name}"))
                continue
            try:
                out.append(compile_pattern(phrase))
            except PatternError as exc:
                raise SpecError(f"{path}[{i}]", str(exc)) from exc
        return PatternSet(out)


Builder = Callable[[Any, str, BuildEnv], Detector]
_REGISTRY: dict[str, Builder] = {}


BuilderT = TypeVar("BuilderT", bound=Builder)


def register(name: str) -> Callable[[BuilderT], BuilderT]:
    """Decorator adding a detector builder under ``name``."""

    def wrap(builder: BuilderT) -> BuilderT:
        _REGISTRY[name] = builder
        return builder

    return wrap


def detector_names() -> list[str]:
    """Names accepted in a ``detect`` spec."""
    _load_builtin()
    return sorted(_REGISTRY)


def build_detector(spec: Any, path: str, env: BuildEnv) -> Detector:
    """Build a detector tree from a spec node; raise SpecError naming the field."""
    _load_builtin()
    if not isinstance(spec, Mapping) or len(spec) != 1:
        raise SpecError(path, f"must be a mapping with exactly one detector ({', '.join(sorted(_REGISTRY))})")
    ((name, body),) = spec.items()
    builder = _REGISTRY.get(str(name))
    if builder is None:
        raise SpecError(
            f"{path}.{name}", f"unknown detector {name!r} (known: {', '.join(sorted(_REGISTRY))})"
        )
    return builder(body, f"{path}.{name}", env)


class AllOf:
    """Passes when every child passes."""

    def __init__(self, children: list[Detector]) -> None:
        self.children = children

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Evaluate children in order; the first failure decides."""
        evidence = []
        confidence = 1.0
        for child in self.children:
            found = child.evaluate(ctx)
            if found.na_reason:
                return found
            if not found.passed:
                return found
            evidence.extend(found.evidence)
            confidence = min(confidence, found.confidence)
        return Finding(True, _dedupe(evidence), confidence)


class AnyOf:
    """Passes when at least one child passes; the evidence of every passing child is kept, in time order."""

    def __init__(self, children: list[Detector]) -> None:
        self.children = children

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Evaluate every child so that the earliest evidence is known (the order detector relies on it)."""
        findings = [child.evaluate(ctx) for child in self.children]
        passed = [f for f in findings if f.passed and not f.na_reason]
        if passed:
            evidence = sorted(_dedupe([e for f in passed for e in f.evidence]), key=lambda e: e.start)
            return Finding(True, evidence[:4], max(f.confidence for f in passed))
        if all(f.na_reason for f in findings):
            return findings[0]
        worst = [f for f in findings if not f.na_reason]
        evidence = _dedupe([e for f in worst for e in f.evidence])[:3]
        return Finding(
            False, evidence, min(f.confidence for f in worst), note="; ".join(f.note for f in worst if f.note)
        )


class Not:
    """Inverts a child: passes when the child fails (its evidence then explains a failure)."""

    def __init__(self, child: Detector) -> None:
        self.child = child

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Invert the child's verdict, keeping its evidence."""
        found = self.child.evaluate(ctx)
        if found.na_reason:
            return found
        return Finding(not found.passed, found.evidence, found.confidence, note=found.note)


def _dedupe(evidence: list[Any]) -> list[Any]:
    seen: set[tuple[int, str]] = set()
    out = []
    for e in evidence:
        key = (e.segment, e.quote)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _children(body: Any, path: str, env: BuildEnv) -> list[Detector]:
    if not isinstance(body, list) or not body:
        raise SpecError(path, "must be a non-empty list of detectors")
    return [build_detector(child, f"{path}[{i}]", env) for i, child in enumerate(body)]


register("all")(lambda body, path, env: AllOf(_children(body, path, env)))
register("any")(lambda body, path, env: AnyOf(_children(body, path, env)))
register("not")(lambda body, path, env: Not(build_detector(body, path, env)))

_LOADED = False


def _load_builtin() -> None:
    global _LOADED
    if not _LOADED:
        _LOADED = True
        from scoring.detectors import (  # noqa: F401  (modules register themselves)
            classifier,
            metric,
            order,
            phrase,
            regex,
            response,
            structure,
        )


__all__ = ["BuildEnv", "Detector", "Finding", "SpecError", "build_detector", "detector_names", "register"]
