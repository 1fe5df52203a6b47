"""Pure parts of the learning loop: text identity, fixed folds, merging, metrics, override planning."""

from __future__ import annotations

import pytest

from app.quality.learning_loop import fold_of, merge, score_predictions, text_key
from app.quality.overrides import classifier_nodes, plan
from scoring.context import Prediction


def test_text_key_ignores_case_yo_and_punctuation():
    assert text_key("Всё ли устраивает?") == text_key("все ли устраивает")
    assert text_key("а") != text_key("б")


def test_folds_are_fixed_and_spread():
    keys = [text_key(f"пример {i}") for i in range(300)]
    folds = [fold_of(k, 5) for k in keys]
    assert folds == [fold_of(k, 5) for k in keys]
    assert all(30 < folds.count(f) < 90 for f in range(5))


def test_merge_lets_later_labels_win():
    merged = merge([("Это дорого.", "price"), ("Пришлите КП", "send_proposal")], [("это дорого", "none")])
    assert sorted(merged) == [("Пришлите КП", "send_proposal"), ("это дорого", "none")]


def test_score_predictions():
    truth = ["a", "a", "b", "b", "c"]
    predicted = ["a", "b", "b", "b", "a"]
    m = score_predictions(truth, predicted)
    assert m["accuracy"] == pytest.approx(3 / 5)
    assert m["labels"]["a"] == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2})
    assert m["labels"]["b"]["f1"] == pytest.approx(0.8)
    assert m["labels"]["c"]["f1"] == 0.0
    assert m["macro_f1"] == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    assert m["confusion"]["matrix"] == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]


def _pred(segment: int, text: str, label: str, probs: dict[str, float]) -> Prediction:
    return Prediction(segment, None, float(segment), float(segment) + 1, text, label, max(probs.values()), probs)


def test_classifier_nodes_follow_combinators_and_negation():
    detect = {"all": [{"phrases": {"any": ["а"]}}, {"not": {"classifier": {"task": "value", "label": "value"}}}]}
    (node,) = classifier_nodes(detect)
    assert node["task"] == "value" and node["must_not"] is True


def test_plan_false_hit_offers_the_evidence_without_a_label():
    preds = [
        _pred(2, "К чему это приводит?", "implication", {"implication": 0.7, "problem": 0.3}),
        _pred(4, "Сколько у вас машин?", "situation", {"situation": 0.9, "implication": 0.1}),
    ]
    evidence = [{"segment": 2, "quote": "К чему это приводит?"}]
    spec = {"task": "spin", "label": "implication"}
    offered = plan("pass", "fail", spec, ("situation", "problem", "implication"), preds, evidence)
    assert [(p.segment, label) for p, label in offered] == [(2, None)]


def test_plan_miss_offers_the_likeliest_utterances_with_the_label():
    preds = [
        _pred(2, "Сколько у вас машин?", "situation", {"situation": 0.9, "implication": 0.1}),
        _pred(4, "А что тогда бывает?", "problem", {"problem": 0.55, "implication": 0.45}),
    ]
    spec = {"task": "spin", "label": "implication"}
    offered = plan("fail", "pass", spec, ("situation", "problem", "implication"), preds, [])
    assert [(p.segment, label) for p, label in offered] == [(4, "implication"), (2, "implication")]
    assert plan("na", "pass", spec, ("implication",), preds, []) == []
    # must_not flips the meaning: a "fail" with hits that a person passes means the hits were wrong
    offered = plan(
        "fail",
        "pass",
        {**spec, "must_not": True},
        ("situation", "implication"),
        [_pred(6, "К чему это приведёт?", "implication", {"implication": 0.8, "situation": 0.2})],
        [{"segment": 6, "quote": "К чему это приведёт?"}],
    )
    assert [(p.segment, label) for p, label in offered] == [(6, None)]


def test_response_triggers_count_only_when_the_item_is_judged_not_applicable():
    detect = {"response": {"trigger": {"classifier": {"task": "objection", "exclude": ["none"]}}, "question": True}}
    (node,) = classifier_nodes(detect)
    assert node["trigger"] is True
    known = ("price", "no_time", "none")
    preds = [_pred(3, "Дорого у вас.", "price", {"price": 0.85, "none": 0.15})]
    evidence = [{"segment": 3, "quote": "Дорого у вас."}]
    assert plan("fail", "pass", node, known, preds, evidence) == []  # the answer was judged, not the trigger
    assert [(p.segment, label) for p, label in plan("fail", "na", node, known, preds, evidence)] == [(3, None)]
