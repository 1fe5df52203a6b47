"""Engine: verdicts with evidence, N/A rules, critical failure, unscorable transcripts, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GATEKEEPER_CALL, TINY_CORPORA, C, M, make_call

from scoring.checklist import load_checklist
from scoring.classifiers import train
from scoring.engine import score

ROOT = Path(__file__).resolve().parents[3]
GK_ITEMS = ["gk_intro", "gk_asks_for_dm", "gk_no_pitch", "gk_outcome"]
DM_ONLY = [
    "open_intro",
    "open_reason",
    "spin_situation",
    "spin_problem",
    "spin_implication",
    "spin_need_payoff",
    "value_benefit",
    "obj_acknowledge",
    "obj_clarify",
    "close_next_step",
    "talk_share",
    "questions_count",
]
ALWAYS_JUDGED = [
    "gk_intro",
    "gk_asks_for_dm",
    "gk_no_pitch",
    "value_competitor_respect",
    "close_farewell",
    "monologue",
]


@pytest.fixture(scope="module")
def cold_call():
    return load_checklist(ROOT / "checklists" / "cold_call.yaml")


def direct_call() -> list[tuple[str, str]]:
    """The same call without the gatekeeper: the DM picks up."""
    return GATEKEEPER_CALL[6:]


def test_good_call_scores_with_quotes_and_times(cold_call, tiny_classifiers):
    card = score(make_call(GATEKEEPER_CALL), cold_call)
    results = card.results()
    assert results["talk_share"] == "fail"  # the manager talks most in this short call
    assert {k for k, v in results.items() if v != "pass"} == {"talk_share"}
    assert card.structure["has_gatekeeper"] and card.handover["segment"] == 6
    for item in card.items:
        assert item.evidence, item.id
        for ev in item.evidence:
            assert ev.quote and ev.end >= ev.start >= 0
    applicable = [i for i in card.items if i.result != "na"]
    expected = round(100 * sum(i.points for i in applicable) / sum(i.weight for i in applicable), 1)
    assert card.score == expected and not card.critical_failed
    # The engine always reads spin, objection and gatekeeper (structure, triggers); value and any other task
    # only when a classifier detector of the checklist names it.
    named = _classifier_tasks([item.spec for item in cold_call.items])
    assert set(card.models) == {"spin", "value", "objection", "gatekeeper"} | named


def _classifier_tasks(node: object) -> set[str]:
    """Tasks named by the ``classifier`` detectors anywhere in a spec tree."""
    if isinstance(node, dict):
        spec = node.get("classifier")
        found = {str(spec["task"])} if isinstance(spec, dict) else set()
        return found.union(*(_classifier_tasks(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_classifier_tasks(value) for value in node))
    return set()


def test_gatekeeper_items_are_na_when_the_dm_answers(cold_call, tiny_classifiers):
    card = score(make_call(direct_call()), cold_call)
    assert [card.item(i).result for i in GK_ITEMS] == ["na"] * 4
    assert card.item("open_intro").result == "pass"
    assert card.handover is None and card.structure["dm_start"] == 0


def test_no_dm_part_rule(cold_call, tiny_classifiers):
    turns = [
        *GATEKEEPER_CALL[:5],
        (C, "Мы не соединяем. Пришлите на почту."),
        (M, "Хорошо, спасибо, до свидания."),
        (C, "До свидания."),
    ]
    card = score(make_call(turns), cold_call)
    assert card.structure["has_gatekeeper"] and not card.structure["dm_reached"]
    assert all(card.item(i).result == "na" for i in DM_ONLY)
    assert all(card.item(i).result in ("pass", "fail") for i in ALWAYS_JUDGED)
    assert card.item("gk_outcome").result == "fail"


def test_dm_name_obtained_counts_as_gatekeeper_outcome(cold_call, tiny_classifiers):
    turns = [
        *GATEKEEPER_CALL[:5],
        (C, "Его нет на месте. Директора зовут Иван Петрович Сидоров."),
        (M, "Спасибо, перезвоню ему, до свидания."),
        (C, "До свидания."),
    ]
    card = score(make_call(turns), cold_call)
    assert card.item("gk_outcome").result == "pass"
    assert card.item("spin_situation").result == "na"


def test_pitch_to_the_gatekeeper_fails(cold_call, tiny_classifiers):
    turns = list(GATEKEEPER_CALL)
    turns[4] = (M, "У нас доставка от трёхсот рублей и скидка пятнадцать процентов на первый месяц.")
    card = score(make_call(turns), cold_call)
    assert card.item("gk_no_pitch").result == "fail"
    assert "рубл" in card.item("gk_no_pitch").evidence[0].quote


def test_disparaging_a_competitor_is_a_critical_failure(cold_call, tiny_classifiers):
    turns = [
        *GATEKEEPER_CALL[:18],
        (M, "Ваш нынешний подрядчик, честно говоря, халтурит, у них вечно бардак."),
        *GATEKEEPER_CALL[18:],
    ]
    card = score(make_call(turns), cold_call)
    item = card.item("value_competitor_respect")
    assert item.result == "fail" and item.critical and card.critical_failed
    assert "бардак" in item.evidence[0].quote
    assert card.score is not None


def test_spin_order_and_its_na_rule(cold_call, tiny_classifiers):
    turns = list(direct_call())
    turns[4:6], turns[8:10] = turns[8:10], turns[4:6]  # implication before situation
    assert score(make_call(turns), cold_call).item("spin_order").result == "fail"
    only_one = [
        t
        for t in direct_call()
        if t[1]
        not in {
            "Бывает ли, что посылки задерживаются?",
            "К чему приводят эти задержки?",
            "А если бы заказы приезжали в тот же день, что бы это дало?",
        }
    ]
    assert score(make_call(only_one), cold_call).item("spin_order").result == "na"


def test_objection_items_na_without_objection_and_fail_when_arguing(cold_call, tiny_classifiers):
    calm = [t for t in direct_call() if "дорого" not in t[1] and "не по карману" not in t[1]]
    card = score(make_call(calm), cold_call)
    assert card.item("obj_acknowledge").result == card.item("obj_clarify").result == "na"
    arguing = list(direct_call())
    index = arguing.index((M, "Понимаю вас. А с какой ценой вы сравниваете?"))
    arguing[index] = (M, "Вы не правы, это совсем не дорого.")
    card = score(make_call(arguing), cold_call)
    assert card.item("obj_acknowledge").result == "fail"
    assert card.item("obj_clarify").result == "fail"


def test_long_monologue_fails(cold_call, tiny_classifiers):
    turns = [
        *direct_call()[:4],
        (M, "Смотрите, расскажу подробно о компании.", 25.0),
        (M, "У нас сто двадцать курьеров и свой склад.", 25.0),
        (M, "Мы работаем с десятого года.", 20.0),
        *direct_call()[4:],
    ]
    card = score(make_call(turns), cold_call)
    assert card.item("monologue").result == "fail"
    assert card.metrics["longest_monologue"]["manager"]["seconds"] > 60


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"segments": []}, "no segments"),
        ({"segments": "oops"}, "invalid transcript"),
        (
            make_call(
                [(M, "Добрый день, меня зовут Андрей, я вам звоню по поводу доставки документов.")] * 3
            ),
            "only the manager",
        ),
        (
            {
                "segments": [
                    {"speaker": s, "start": 0.0, "end": 100.0, "text": "бла бла " * 10}
                    for s in ("manager", "client") * 5
                ]
            },
            "overlap",
        ),
        (
            make_call(
                [(M, "фыва олдж прол дорл ывап цукен гшщз"), (C, "ячсм итьб юждл орпа впрол ывап")] * 2
            ),
            "does not look like Russian",
        ),
        (make_call([(M, "Алло?"), (C, "Да.")]), "too little speech"),
    ],
)
def test_unusable_transcripts_give_an_unscorable_scorecard(cold_call, data, reason):
    card = score(data, cold_call)
    assert card.unscorable and reason in card.unscorable_reason
    assert card.score is None and all(i.result == "na" for i in card.items)
    assert card.to_dict()["unscorable_reason"] == card.unscorable_reason


def test_missing_file_is_unscorable_not_an_exception(cold_call, tmp_path: Path):
    card = score(tmp_path / "nope.json", cold_call)
    assert card.unscorable and "file not found" in card.unscorable_reason


def test_scoring_is_deterministic(cold_call, tiny_classifiers):
    data = make_call(GATEKEEPER_CALL)
    assert score(data, cold_call).to_dict() == score(data, cold_call).to_dict()


def test_classifiers_can_be_passed_in(cold_call, tiny_classifiers):
    retrained = {task: train(task, rows[::-1]) for task, rows in TINY_CORPORA.items()}
    card = score(make_call(GATEKEEPER_CALL), cold_call, classifiers=retrained)
    # ``models`` names the tasks the checklist uses, each with the version of the model handed in.
    assert {"spin", "value", "objection", "gatekeeper"} <= set(card.models) <= set(retrained)
    assert card.models == {task: retrained[task].version for task in card.models}
    assert card.models["spin"] != tiny_classifiers["spin"].version
