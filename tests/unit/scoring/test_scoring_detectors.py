"""Every detector and combinator, evaluated through small checklists."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from conftest import GATEKEEPER_CALL, C, M, make_call

from scoring.checklist import parse_checklist
from scoring.engine import Scorecard, score


def run(detect: str, turns: list[Any], applies_when: str = "") -> Scorecard:
    """Score ``turns`` with a one-item checklist whose detect spec is ``detect`` (YAML flow text)."""
    item: dict[str, Any] = {
        "id": "probe",
        "title": "Проба",
        "skill": "opening",
        "detect": yaml.safe_load(detect),
    }
    if applies_when:
        item["applies_when"] = yaml.safe_load(applies_when)
    helper = {
        "id": "helper",
        "title": "Помощник",
        "skill": "opening",
        "detect": {"phrases": {"speaker": "manager", "any": ["добрый день"]}},
    }
    data = {
        "id": "probe",
        "title": "Проба",
        "lexicon": {"thanks": ["спасибо", "благодарю"]},
        "sections": [{"id": "s", "title": "S", "items": [item, helper]}],
    }
    return score(make_call(turns), parse_checklist(data))


def result(detect: str, turns: list[Any] = GATEKEEPER_CALL, applies_when: str = "") -> str:
    return run(detect, turns, applies_when).item("probe").result


@pytest.mark.parametrize(
    ("detect", "expected"),
    [
        ("{phrases: {speaker: manager, any: [меня зовут @name]}}", "pass"),
        ("{phrases: {speaker: client, any: [меня зовут @name]}}", "fail"),
        ("{phrases: {part: gatekeeper, any: [по какому вопросу]}}", "pass"),
        ("{phrases: {part: dm, any: [по какому вопросу]}}", "fail"),
        ("{phrases: {speaker: manager, part: dm, within: {turns: 1}, any: [компания]}}", "pass"),
        ("{phrases: {speaker: manager, part: dm, within: {turns: 1}, any: [удобно]}}", "pass"),
        ("{phrases: {speaker: manager, part: dm, within: {turns: 1}, any: [сколько]}}", "fail"),
        ("{phrases: {speaker: manager, within: {seconds: 5}, any: [зовут]}}", "pass"),
        ("{phrases: {speaker: manager, from_end: {turns: 1}, any: [$thanks]}}", "pass"),
        ("{phrases: {speaker: manager, from_end: {turns: 1}, any: [удобно]}}", "fail"),
        ("{phrases: {speaker: manager, any: [компания], min_count: 2}}", "pass"),
        ("{phrases: {speaker: manager, any: [компания], min_count: 3}}", "fail"),
        ("{phrases: {speaker: manager, any: [халтура], must_not: true}}", "pass"),
        ("{phrases: {speaker: manager, any: [дорого], must_not: true}}", "pass"),
        ("{phrases: {speaker: client, any: [дорого], must_not: true}}", "fail"),
        ("{phrases: {any: [автопарк], near: [а это значит]}}", "pass"),
        ("{phrases: {any: [автопарк], near: [бесплатно]}}", "fail"),
        ("{phrases: {any: [в четверг], reply: {none: [не надо]}}}", "pass"),
        ("{phrases: {speaker: manager, any: [в четверг], reply: {any: [давайте]}}}", "pass"),
        ("{phrases: {speaker: manager, any: [в четверг], reply: {any: [нет]}}}", "fail"),
        ("{phrases: {speaker: manager, questions_only: true, any: [задержки]}}", "pass"),
        ("{phrases: {speaker: manager, statements_only: true, any: [задержки]}}", "fail"),
        ("{phrases: {speaker: manager, fuzzy: 100, any: [переключаю]}}", "fail"),
    ],
)
def test_phrase_detector(detect, expected, tiny_classifiers):
    assert result(detect) == expected


def test_reply_refusal_cancels_a_match(tiny_classifiers):
    turns = [
        *GATEKEEPER_CALL[:-4],
        (M, "Давайте созвонимся в четверг в 11?"),
        (C, "Нет, не надо, не звоните."),
        (M, "До свидания."),
    ]
    assert result("{phrases: {any: [в четверг], reply: {none: [не надо]}}}", turns) == "fail"


@pytest.mark.parametrize(
    ("detect", "expected"),
    [
        (r"{regex: {speaker: manager, any: ['в \d{1,2}\b']}}", "pass"),
        ("{regex: {speaker: client, any: ['сидоров']}}", "fail"),
        ("{regex: {speaker: manager, any: ['халтур'], must_not: true}}", "pass"),
        ("{regex: {any: ['дорого'], must_not: true}}", "fail"),
        ("{regex: {unit: sentence, any: ['^понимаю вас\\.$']}}", "pass"),
    ],
)
def test_regex_detector(detect, expected, tiny_classifiers):
    assert result(detect) == expected


@pytest.mark.parametrize(
    ("detect", "expected"),
    [
        ("{classifier: {task: spin, label: implication, part: dm}}", "pass"),
        ("{classifier: {task: spin, label: implication, part: gatekeeper}}", "fail"),
        ("{classifier: {task: spin, label: [situation, problem], min_count: 2}}", "pass"),
        ("{classifier: {task: objection, exclude: [none], part: dm, min_prob: 0.5}}", "pass"),
        ("{classifier: {task: objection, label: price, must_not: true}}", "fail"),
        ("{classifier: {task: value, label: value, near: [а это значит]}}", "pass"),
        ("{classifier: {task: value, label: value, not_near: [автопарк]}}", "fail"),
        ("{classifier: {task: gatekeeper, label: asks_purpose, part: gatekeeper}}", "pass"),
    ],
)
def test_classifier_detector(detect, expected, tiny_classifiers):
    assert result(detect) == expected


def test_classifier_evidence_carries_label_and_probability(tiny_classifiers):
    card = run("{classifier: {task: spin, label: implication}}", GATEKEEPER_CALL)
    evidence = card.item("probe").evidence[0]
    assert evidence.quote == "К чему приводят эти задержки?" and evidence.note.startswith("implication ")


@pytest.mark.parametrize(
    ("detect", "expected"),
    [
        ("{metric: {name: questions, part: dm, min: 5}}", "pass"),
        ("{metric: {name: questions, part: dm, min: 50}}", "fail"),
        ("{metric: {name: talk_share, part: dm, max: 0.9}}", "pass"),
        ("{metric: {name: talk_share, part: dm, max: 0.3}}", "fail"),
        ("{metric: {name: longest_monologue, max: 60}}", "pass"),
        ("{metric: {name: interruptions, max: 0}}", "pass"),
        ("{metric: {name: speech_rate, min: 60, max: 400}}", "pass"),
        ("{metric: {name: longest_silence, max: 0.1}}", "fail"),
    ],
)
def test_metric_detector(detect, expected, tiny_classifiers):
    assert result(detect) == expected


def test_metric_on_the_dm_part_is_na_without_a_dm(tiny_classifiers):
    turns = [*GATEKEEPER_CALL[:5], (C, "Мы не соединяем. Пришлите на почту."), (M, "Спасибо, до свидания.")]
    assert result("{metric: {name: questions, part: dm, min: 1}}", turns) == "na"


def spin(label: str) -> str:
    return "{classifier: {task: spin, label: " + label + "}}"


@pytest.mark.parametrize(
    ("sequence", "expected"),
    [
        ([spin("situation"), spin("problem"), spin("implication")], "pass"),
        ([spin("implication"), spin("situation")], "fail"),
        ([spin("situation"), "{phrases: {speaker: client, any: [халтура]}}"], "na"),
    ],
)
def test_order_detector(sequence, expected, tiny_classifiers):
    assert result("{order: {sequence: [" + ", ".join(sequence) + "]}}") == expected


def test_order_of_items_uses_their_first_evidence(tiny_classifiers):
    assert result("{order: {sequence: [helper, helper]}}") == "pass"


TRIGGER = "{classifier: {task: objection, exclude: [none], part: dm, min_prob: 0.5}}"


def response(options: str) -> str:
    return "{response: {trigger: " + TRIGGER + ", " + options + "}}"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("any: [понимаю]", "pass"),
        ("any: [согласен]", "fail"),
        ("question: true", "pass"),
        ("any: [понимаю], none: [вы не правы]", "pass"),
    ],
)
def test_response_detector(options, expected, tiny_classifiers):
    assert result(response(options)) == expected


def test_response_without_trigger_is_na_and_arguing_fails(tiny_classifiers):
    calm = [t for t in GATEKEEPER_CALL if "дорого" not in t[1] and "не по карману" not in t[1]]
    assert result(response("question: true"), calm) == "na"
    arguing = [
        (s, "Вы не правы, понимаю, но это не дорого.") if "сравниваете" in t else (s, t)
        for s, t in GATEKEEPER_CALL
    ]
    assert result(response("any: [понимаю], none: [вы не правы]"), arguing) == "fail"


@pytest.mark.parametrize(
    ("detect", "expected"),
    [
        ("{call: {dm_reached: true}}", "pass"),
        ("{call: {has_gatekeeper: false}}", "fail"),
        ("{all: [{call: {dm_reached: true}}, {phrases: {any: [зовут]}}]}", "pass"),
        ("{all: [{call: {dm_reached: true}}, {phrases: {any: [халтура]}}]}", "fail"),
        ("{any: [{phrases: {any: [халтура]}}, {phrases: {any: [зовут]}}]}", "pass"),
        ("{any: [{phrases: {any: [халтура]}}, {phrases: {any: [бардак]}}]}", "fail"),
        ("{not: {phrases: {any: [халтура]}}}", "pass"),
        ("{not: {phrases: {any: [зовут]}}}", "fail"),
    ],
)
def test_call_detector_and_combinators(detect, expected, tiny_classifiers):
    assert result(detect) == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("{has_gatekeeper: true}", "pass"),
        ("{has_gatekeeper: false}", "na"),
        ("{dm_reached: true, client_objected: true}", "pass"),
        ("{spin_types_at_least: 4}", "pass"),
        ("{passed_at_least: {items: [helper], count: 1}}", "pass"),
        ("{item: {id: helper, result: fail}}", "na"),
        ("{any: [{has_gatekeeper: false}, {dm_reached: true}]}", "pass"),
        ("{not: {dm_reached: true}}", "na"),
    ],
)
def test_applies_when_rules(rule, expected, tiny_classifiers):
    assert result("{phrases: {any: [зовут]}}", applies_when=rule) == expected


def test_na_result_explains_why(tiny_classifiers):
    card = run("{phrases: {any: [зовут]}}", GATEKEEPER_CALL, applies_when="{has_gatekeeper: false}")
    assert card.item("probe").note == "there was a gatekeeper"


@pytest.mark.parametrize(
    ("detect", "expected"),
    [
        # "not_near" drops a match when the same unit also says something that changes its meaning.
        ("{phrases: {speaker: manager, unit: sentence, any: [созвонимся], not_near: [четверг]}}", "fail"),
        ("{phrases: {speaker: manager, unit: sentence, any: [созвонимся], not_near: [понедельник]}}", "pass"),
    ],
)
def test_phrase_detector_not_near(detect, expected, tiny_classifiers):
    assert result(detect) == expected


ARGUED_QUESTION = [
    *GATEKEEPER_CALL[:14],
    (M, "Вы ошибаетесь. К чему приводят эти задержки?"),
    *GATEKEEPER_CALL[15:],
]


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("", "pass"),
        (", context: sentence", "pass"),
        (", context: segment", "fail"),
        (", context: turn", "fail"),
    ],
)
def test_classifier_not_near_context(context, expected, tiny_classifiers):
    detect = "{classifier: {task: spin, label: implication, not_near: [ошибаетесь]" + context + "}}"
    assert result(detect, ARGUED_QUESTION) == expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("{phrases: {speaker: client, any: [задерживаются]}}", "pass"),  # the client's problem came first
        ("{phrases: {speaker: client, any: [жалуются]}}", "fail"),  # only said after the question
        ("{phrases: {speaker: client, any: [халтура]}}", "fail"),  # never said
    ],
)
def test_classifier_after(after, expected, tiny_classifiers):
    assert result("{classifier: {task: spin, label: implication, after: " + after + "}}") == expected


def test_a_short_tag_question_inherits_a_disqualified_sentence(tiny_classifiers):
    scheduling = [
        *GATEKEEPER_CALL[:20],
        (M, "Давайте тогда созвонимся в четверг. Удобно?"),
        *GATEKEEPER_CALL[21:],
    ]
    clarifying = [
        *GATEKEEPER_CALL[:20],
        (M, "Понимаю. Давайте в четверг созвонимся. С чем сравниваете?"),
        *GATEKEEPER_CALL[21:],
    ]
    assert result(response("question: true, question_none: [четверг]"), scheduling) == "fail"
    assert result(response("question: true, question_none: [четверг]"), clarifying) == "pass"
