"""Random selection prefers questions the person has not seen and falls back to the least-seen ones."""

from __future__ import annotations

import random

from app.exams.gift import parse_gift
from app.exams.selection import pick_questions, shuffle_layout

POOL = [f"q{i}" for i in range(10)]


def test_unseen_questions_come_first():
    seen = {f"q{i}": 1 for i in range(6)}
    for seed in range(20):
        picked = pick_questions(POOL, 4, seen, rng=random.Random(seed))
        assert sorted(picked) == ["q6", "q7", "q8", "q9"]


def test_when_the_pool_runs_out_the_least_seen_are_reused():
    seen = {**{f"q{i}": 2 for i in range(5)}, **{f"q{i}": 1 for i in range(5, 9)}}  # q9 never seen
    picked = pick_questions(POOL, 6, seen, rng=random.Random(1))
    assert picked[0] == "q9"
    assert set(picked[1:5]) == {"q5", "q6", "q7", "q8"}
    assert picked[5] in {"q0", "q1", "q2", "q3", "q4"}
    assert len(set(picked)) == 6


def test_three_attempts_of_15_from_30_use_every_question_before_repeating():
    pool = [f"q{i}" for i in range(30)]
    seen: dict[str, int] = {}
    rng = random.Random(7)
    first = pick_questions(pool, 15, seen, rng=rng)
    seen.update({k: 1 for k in first})
    second = pick_questions(pool, 15, seen, rng=rng)
    assert not set(first) & set(second)
    seen.update({k: seen.get(k, 0) + 1 for k in second})
    third = pick_questions(pool, 15, seen, rng=rng)
    assert len(set(third)) == 15  # every question seen once: third attempt reuses, never fails


def test_excluded_keys_are_never_picked_and_short_pools_return_what_exists():
    assert pick_questions(POOL, 20, {}, exclude={"q0", "q1"}, rng=random.Random(3)).__len__() == 8
    assert "q0" not in pick_questions(POOL, 20, {}, exclude={"q0"}, rng=random.Random(3))
    assert pick_questions([], 3, {}) == []
    assert pick_questions(POOL, 0, {}) == []


def test_selection_varies_with_the_random_source():
    results = {tuple(pick_questions(POOL, 3, {}, rng=random.Random(seed))) for seed in range(10)}
    assert len(results) > 1


def test_layout_shuffles_choices_and_matching_options():
    single = parse_gift("Q {=a ~b ~c ~d ~e}").questions[0]
    layouts = {tuple(shuffle_layout(single, random.Random(s))["order"]) for s in range(10)}
    assert all(sorted(order) == [0, 1, 2, 3, 4] for order in layouts) and len(layouts) > 1
    match = parse_gift("Q {=a -> 1 =b -> 2 = -> 3}").questions[0]
    assert sorted(shuffle_layout(match, random.Random(1))["options"]) == ["1", "2", "3"]
    assert shuffle_layout(parse_gift("Q {T}").questions[0], random.Random(1)) == {}
