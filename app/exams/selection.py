"""Pure question selection for an attempt: random N from a pool, preferring questions the person has not seen."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from app.exams.gift.model import QType, Question


def pick_questions(
    pool: Sequence[str],
    count: int,
    seen: Mapping[str, int],
    exclude: Collection[str] = (),
    rng: random.Random | None = None,
) -> list[str]:
    """Choose ``count`` keys from ``pool``: unseen ones first (in random order), then the least-seen ones.

    ``seen`` counts how often the person met each question in earlier attempts; keys in ``exclude`` (already in
    this attempt) are never chosen. When the pool is smaller than ``count`` every available key is returned.
    """
    rng = rng or random.Random()
    candidates = list(dict.fromkeys(k for k in pool if k not in set(exclude)))
    rng.shuffle(candidates)
    # Stable sort after the shuffle: fewer sightings first, random order among equals.
    candidates.sort(key=lambda key: seen.get(key, 0))
    return candidates[: max(count, 0)]


def shuffle_layout(question: Question, rng: random.Random) -> dict[str, Any]:
    """Per-attempt presentation: choice order for choice questions, right-hand option order for matching."""
    if question.qtype in (QType.SINGLE, QType.MULTIPLE) and not question.missing_word:
        order = list(range(len(question.answers)))
        rng.shuffle(order)
        return {"order": order}
    if question.qtype == QType.SINGLE:
        order = list(range(len(question.answers)))
        rng.shuffle(order)
        return {"order": order}
    if question.qtype == QType.MATCHING:
        options = sorted({pair.right for pair in question.pairs})
        rng.shuffle(options)
        return {"options": options}
    return {}
