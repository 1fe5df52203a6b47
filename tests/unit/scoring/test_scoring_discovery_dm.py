"""A person who answers several discovery questions is the decision maker, whatever the gatekeeper classifier says."""

from __future__ import annotations

from scoring.analysis import CallText
from scoring.structure import DISCOVERY_DM_MIN, detect_structure
from scoring.transcript import load_transcript

SEGMENTS = [
    ("client", "Да, алло."),
    ("manager", "Елена Сергеевна, добрый день, Максим, компания КассаСервис. Удобно говорить?"),
    ("client", "Минута есть. Что вы хотели?"),
    ("manager", "Сколько у вас сейчас точек и на каких кассах работаете?"),
    ("client", "Двенадцать пекарен, кассы в основном новые."),
    ("manager", "А что бывает, когда касса ломается утром?"),
    ("client", "Ой, утром у нас самая выручка, очередь стоит."),
    ("manager", "Как это сказывается на выручке за день?"),
    ("client", "Есть у нас обслуживающая организация, но приезжают через день."),
]


def _text() -> CallText:
    segments = [
        {"speaker": who, "start": 4.0 * i, "end": 4.0 * i + 3.5, "text": text} for i, (who, text) in enumerate(SEGMENTS)
    ]
    return CallText(load_transcript({"language": "ru", "duration": 40.0, "segments": segments}))


def _gatekeeper_moves(segments):
    # What a gatekeeper classifier trained on gatekeeper lines tends to say about a decision maker's answers.
    moves = {2: ("asks_purpose", 0.8), 4: ("gives_contact", 0.7), 6: ("deflects", 0.7), 8: ("deflects", 0.7)}
    return {i: moves[i] for i in segments if i in moves}


def test_without_discovery_the_moves_read_as_a_gatekeeper_who_never_connected():
    structure = detect_structure(_text(), _gatekeeper_moves, discovery_questions=0)
    assert structure.has_gatekeeper and not structure.dm_reached


def test_answers_to_discovery_questions_make_the_person_the_decision_maker():
    structure = detect_structure(_text(), _gatekeeper_moves, discovery_questions=DISCOVERY_DM_MIN)
    assert structure.dm_reached and not structure.has_gatekeeper and structure.dm_start == 0
