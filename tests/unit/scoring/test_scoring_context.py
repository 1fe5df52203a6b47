"""Scoring context: which client replies answer a discovery question, and "yes, but" objections."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from conftest import C, M, make_call

from scoring.classifiers import TASK_LABELS
from scoring.context import ScoringContext
from scoring.transcript import load_transcript


class KeywordClassifier:
    """A stand-in model: the first rule whose keyword occurs in the text decides the probabilities."""

    def __init__(self, task: str, rules: Sequence[tuple[str, dict[str, float]]], default: dict[str, float]):
        self.task = task
        self.labels = TASK_LABELS[task]
        self.version = "keywords"
        self.rules = rules
        self.default = default

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.labels)))
        for row, text in enumerate(texts):
            probs = next((p for word, p in self.rules if word in text.lower()), self.default)
            for label, prob in probs.items():
                out[row, self.labels.index(label)] = prob
        return out


SPIN = KeywordClassifier(
    "spin",
    [
        ("знают", {"other": 0.4, "situation": 0.3, "problem": 0.3}),  # split between discovery labels
        ("влияет", {"implication": 0.9, "other": 0.1}),
        ("если бы", {"need_payoff": 0.9, "other": 0.1}),
    ],
    {"other": 1.0},
)
OBJECTION = KeywordClassifier(
    "objection",
    [
        ("конечно", {"none": 0.7, "have_supplier": 0.3}),
        ("договор", {"have_supplier": 0.9, "none": 0.1}),
        ("дорого", {"price": 0.85, "none": 0.15}),
    ],
    {"none": 1.0},
)


def context(turns) -> ScoringContext:
    models = {"spin": SPIN, "objection": OBJECTION}
    return ScoringContext(load_transcript(make_call(turns)), classifiers=models)


OPENING = [(C, "Да, Смирнов, слушаю."), (M, "Добрый день, меня зовут Олег, компания «ТехноСнаб».")]


@pytest.mark.parametrize(
    ("manager", "expected"),
    [
        ("Как идут продажи? Клиенты вообще знают о новом салоне?", True),  # labels summed, trailing questions
        ("А на что это влияет? Клиенты уходят, наверное.", True),  # a short hint after the question
        ("А если бы доставка была быстрее, это помогло бы?", False),  # need-payoff: objections may follow
        (
            "На что это влияет? Смотрите, у нас свой автопарк и склад, доставка в день заказа по городу.",
            False,  # the question is followed by a pitch: the reply is to the pitch
        ),
    ],
)
def test_answers_to_discovery_questions(manager, expected):
    ctx = context([*OPENING, (C, "Слушаю."), (M, manager), (C, "Ну по-разному, дорого выходит.")])
    assert ctx.answers_spin_question(4) is expected


def test_yes_but_reply_is_read_from_the_part_after_but():
    ctx = context([*OPENING, (C, "Конечно. Но у нас договор с подрядчиком на год.")])
    reply = next(p for p in ctx.predictions("objection") if p.segment == 2)
    assert reply.label == "have_supplier" and reply.prob == pytest.approx(0.9)


def test_a_reply_without_but_keeps_its_own_reading():
    ctx = context([*OPENING, (C, "Конечно. У нас договор с подрядчиком на год.")])
    reply = next(p for p in ctx.predictions("objection") if p.segment == 2)
    assert reply.label == "none"


@pytest.mark.parametrize("text", ["Так.", "Ну, понятно.", "Спасибо, до четверга."])
def test_fillers_and_see_you_lines_are_not_classified(text):
    ctx = context([*OPENING, (C, text)])
    assert all(p.segment != 2 for p in ctx.predictions("objection"))


@pytest.mark.parametrize(
    ("text", "kept"), [("А почём у вас выходит, дорого?", False), ("Ну, дорого это.", True)]
)
def test_a_client_question_is_not_an_objection_when_questions_are_skipped(text, kept):
    ctx = context([*OPENING, (C, text)])
    labels = frozenset({"price"})
    assert ctx.select("objection", labels, {2}, 0.5) != []
    assert (ctx.select("objection", labels, {2}, 0.5, skip_questions=True) != []) is kept
