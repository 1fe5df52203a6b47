"""The ``competitor`` task: the shipped corpus, the model trained on it, and its wiring into the engine."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from conftest import C, M, make_call

from scoring import cli_text
from scoring.checklist import parse_checklist
from scoring.classifiers import DATA_DIR, TASK_LABELS, UtteranceClassifier, read_corpus, train
from scoring.context import TASK_UNITS, ScoringContext
from scoring.detectors import BuildEnv
from scoring.detectors.classifier import build_classifier
from scoring.engine import score
from scoring.transcript import load_transcript

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = DATA_DIR / "competitor.csv"  # the real corpus (the session fixtures point the loader at tiny ones)


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"corpora_{name}", ROOT / "tools" / "corpora" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped_model() -> UtteranceClassifier:
    """The competitor model trained on the shipped corpus (a few seconds, once for this module)."""
    return train("competitor", read_corpus(SHIPPED, "competitor"))


def test_the_shipped_corpus_loads_with_valid_labels_and_enough_rows():
    rows = read_corpus(SHIPPED, "competitor")
    counts = Counter(label for _, label in rows)
    assert set(counts) == set(TASK_LABELS["competitor"]) == {"disparage", "neutral"}
    assert len(rows) >= 700 and counts["disparage"] >= 250
    assert len({" ".join(t.lower().replace("ё", "е").split()) for t, _ in rows}) == len(rows)


def test_the_shipped_csv_is_built_from_the_raw_sources():
    build = _tool("build")
    expected = [(text, label) for label in build.TASKS["competitor"] for text in build.read_label("competitor", label)]
    assert read_corpus(SHIPPED, "competitor") == expected
    assert set(build.TASKS["competitor"]) == set(TASK_LABELS["competitor"])
    assert set(_tool("check").MINIMUMS["competitor"]) == set(TASK_LABELS["competitor"])


@pytest.mark.parametrize(
    "text",
    [
        "Честно говоря, их курьеры постоянно теряют документы, с ними лучше не связываться.",
        "ну эта фирма вообще непонятно чем занимается одни обещания",
        "Их сотрудники хамят клиентам, а руководство делает вид, что ничего не происходит.",
        "у вашего нынешнего поставщика бутыли грязные и вода с осадком это все знают",
    ],
)
def test_clear_disparagement_is_disparage(shipped_model, text):
    [(label, prob)] = shipped_model.predict([text])
    assert label == "disparage" and prob >= 0.8


@pytest.mark.parametrize(
    "text",
    [
        "Они хорошая компания, мы просто отличаемся сроками.",
        "Сравните условия, я пришлю расчёт по вашим объёмам.",
        "У нас фиксированный тариф и курьер приезжает в течение часа.",
        "Давайте я подъеду во вторник в десять и покажу образцы.",
        "у вас сейчас курьеры опаздывают и клиенты пишут жалобы",  # the client's problem, not a competitor
    ],
)
def test_respectful_factual_and_ordinary_statements_are_neutral(shipped_model, text):
    [(label, _)] = shipped_model.predict([text])
    assert label == "neutral"


def test_every_task_is_known_to_the_engine_the_detector_and_the_cli():
    assert set(TASK_UNITS) == set(TASK_LABELS)
    assert TASK_UNITS["competitor"] == "manager_statements"
    assert set(cli_text.TASKS) == set(TASK_LABELS)
    for task, labels in TASK_LABELS.items():  # the default speaker is known for every task
        build_classifier({"task": task, "label": labels[0]}, "detect.classifier", BuildEnv())


CHECKLIST = """
id: mini
title: Конкуренты
version: 1
sections:
  - id: value
    title: Презентация
    items:
      - id: value_competitor_respect
        title: Корректно о конкурентах
        weight: 5
        critical: true
        skill: positioning
        detect:
          classifier: {task: competitor, label: disparage, speaker: manager, min_prob: 0.8, must_not: true}
"""


def _call(manager_line: str) -> dict:
    return make_call(
        [
            (C, "Да, Смирнов, слушаю."),
            (M, "Добрый день, меня зовут Олег, компания «ТехноСнаб», мы возим офисную воду."),
            (C, "Воду нам уже возят, спасибо."),
            (M, manager_line),
            (C, "Хорошо, пришлите предложение, посмотрю."),
            (M, "Спасибо, отправлю сегодня, всего доброго."),
        ]
    )


def test_a_disparaging_statement_fails_the_critical_item(shipped_model):
    checklist = parse_checklist(CHECKLIST)
    bad = score(
        _call("Честно говоря, у вашего поставщика вода с осадком, от них все клиенты уже разбежались."),
        checklist,
        classifiers={"competitor": shipped_model},
    )
    good = score(
        _call("Понимаю, это хорошая компания, мы просто отличаемся тем, что привозим воду в день заказа."),
        checklist,
        classifiers={"competitor": shipped_model},
    )
    assert [i.result for i in bad.items] == ["fail"] and bad.critical_failed
    assert "disparage" in bad.items[0].evidence[0].note
    assert [i.result for i in good.items] == ["pass"] and not good.critical_failed


def test_the_task_reads_manager_statements_only(tiny_classifiers):
    ctx = ScoringContext(
        load_transcript(
            make_call(
                [
                    (C, "Да, у них курьеры вечно всё теряют, это шарашкина контора."),
                    (M, "А с кем вы сейчас работаете по доставке?"),
                    (M, "Понимаю, у нас собственный автопарк и сто курьеров."),
                ]
            )
        ),
        classifiers=tiny_classifiers,
    )
    texts = [p.text for p in ctx.predictions("competitor")]
    assert texts == ["Понимаю, у нас собственный автопарк и сто курьеров."]
