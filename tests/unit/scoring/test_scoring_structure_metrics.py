"""Hand-over detection (gatekeeper → decision maker) and call metrics."""

from __future__ import annotations

import pytest
from conftest import GATEKEEPER_CALL, C, M, make_call

from scoring.analysis import CallText
from scoring.context import ScoringContext
from scoring.metrics import compute_metrics
from scoring.structure import detect_structure
from scoring.transcript import load_transcript


def structure(turns, use_classifier: bool = False):
    transcript = load_transcript(make_call(turns))
    if use_classifier:
        return ScoringContext(transcript).structure
    return detect_structure(CallText(transcript))


def test_handover_after_the_gatekeeper_connects():
    st = structure(GATEKEEPER_CALL)
    assert (st.has_gatekeeper, st.dm_reached, st.handover, st.dm_start) == (True, True, 6, 6)


def test_handover_skips_hold_messages_and_hallucinated_credits():
    turns = [
        *GATEKEEPER_CALL[:5],
        (C, "Минуту, узнаю, на месте ли она."),
        (M, "Спасибо, жду."),
        (C, "Соединяю."),
        (C, "Субтитры сделал DimaTorzok"),
        (C, "да крылова слушаю"),
        *GATEKEEPER_CALL[7:],
    ]
    st = structure(turns)
    assert st.handover == 9 and st.dm_reached


def test_decision_maker_answering_directly():
    st = structure(GATEKEEPER_CALL[6:])
    assert (st.has_gatekeeper, st.dm_reached, st.dm_start, st.handover) == (False, True, 0, None)


def test_person_who_answers_says_it_is_them():
    turns = [
        (C, "Компания «Альфа», добрый день."),
        (
            M,
            "Добрый день, меня зовут Андрей, компания «СтрелаЭкспресс». Могу я поговорить с Еленой Крыловой?",
        ),
        (C, "Да, это я."),
        *GATEKEEPER_CALL[8:],
    ]
    st = structure(turns)
    assert not st.has_gatekeeper and st.dm_reached


def test_gatekeeper_who_never_connects():
    turns = [
        *GATEKEEPER_CALL[:5],
        (C, "Мы не соединяем, пришлите на почту."),
        (M, "Хорошо, спасибо."),
        (C, "До свидания."),
    ]
    st = structure(turns)
    assert (st.has_gatekeeper, st.dm_reached, st.handover, st.gatekeeper_end) == (True, False, None, 8)


def test_a_decision_maker_saying_minute_is_not_a_handover():
    turns = [
        (C, "Алло, Смирнов, слушаю."),
        (M, "Сергей Петрович, добрый день, меня зовут Ольга, компания «КлиентПро»."),
        (C, "Минуту, я выйду из переговорной."),
        (C, "Да, слушаю вас."),
        *GATEKEEPER_CALL[10:],
    ]
    st = structure(turns)
    assert not st.has_gatekeeper and st.dm_start == 0


def test_structure_uses_the_gatekeeper_classifier_when_available(tiny_classifiers):
    st = structure(GATEKEEPER_CALL, use_classifier=True)
    assert st.handover == 6


def segments(*specs):
    return {"segments": [{"speaker": s, "start": a, "end": b, "text": t} for s, a, b, t in specs]}


def test_metrics_definitions():
    data = segments(
        ("client", 0.0, 2.0, "Алло, Смирнов, слушаю."),
        ("manager", 2.5, 10.0, "Добрый день, меня зовут Ольга. Удобно говорить?"),
        ("manager", 11.0, 20.0, "Звоню по поводу доставки, у нас курьеры по всему городу работают."),
        ("client", 19.0, 24.0, "Да, слушаю. А что именно вы предлагаете?"),  # interrupts the manager
        ("manager", 34.0, 40.0, "Сколько вы отправляете в месяц? И кто у вас этим занимается?"),
        ("client", 41.0, 45.0, "Около сотни, водитель возит."),
    )
    m = compute_metrics(data)
    assert m["speech_seconds"] == {"manager": 22.5, "client": 11.0}
    assert m["talk_share"]["manager"] == pytest.approx(22.5 / 33.5, abs=1e-3)
    assert m["questions"] == {"manager": 3, "client": 1}
    assert m["longest_monologue"]["manager"] == {"seconds": 17.5, "first_segment": 1, "last_segment": 2}
    assert m["interruptions"] == {"manager": 0, "client": 1} and m["overlap_seconds"] == 1.0
    assert m["longest_silence"] == {"seconds": 10.0, "after_segment": 3}
    assert m["speech_rate_wpm"]["client"] > 0
    assert m["dm"]["talk_share"] == m["talk_share"]  # the DM answered directly
    assert m["structure"]["dm_reached"] is True


def test_metrics_of_the_dm_part_exclude_the_gatekeeper():
    m = compute_metrics(make_call(GATEKEEPER_CALL))
    assert m["dm"]["segments"]["first"] == 6
    assert m["dm"]["questions"]["manager"] < m["questions"]["manager"]
    no_dm = compute_metrics(make_call([*GATEKEEPER_CALL[:5], (C, "Мы не соединяем, пришлите на почту.")]))
    assert no_dm["dm"] is None


def test_a_hold_is_not_a_transfer_when_the_gatekeeper_comes_back():
    turns = [
        (C, "Торговый дом «Вектор», приёмная."),
        (M, "Добрый день, меня зовут Олег, компания «СтрелаЭкспресс». Кто у вас отвечает за логистику?"),
        (C, "А по какому вопросу?"),
        (M, "По доставке документов, хотел бы поговорить с ответственным."),
        (C, "Подождите минутку, у меня звонок по второй линии."),
        (C, "Алло, вы ещё на линии?"),
        (M, "Да, я здесь."),
        (C, "Так вот, директор по логистике у нас Сергей, он сегодня на складе."),
        (M, "Хорошо, спасибо, всего доброго."),
    ]
    st = structure(turns)
    assert st.has_gatekeeper and not st.dm_reached


def test_side_talk_during_a_hold_is_not_the_decision_maker():
    turns = [
        (C, "Гостиница «Ока», ресепшен, добрый день."),
        (M, "Добрый день, меня зовут Анна, компания «ЧайТорг». Кто у вас отвечает за закупки для ресторана?"),
        (C, "Одну секунду."),
        (C, "ключ от номера возьмите пожалуйста завтрак до десяти"),
        (C, "алло простите вы ещё тут"),
        (M, "Я по поводу поставок чая, с кем можно поговорить?"),
        (C, "Мы не соединяем, все предложения через сайт."),
    ]
    st = structure(turns)
    assert st.has_gatekeeper and not st.dm_reached


def test_a_real_transfer_after_a_hold_still_reaches_the_decision_maker():
    turns = [
        *GATEKEEPER_CALL[:5],
        (C, "Минуту, узнаю, на месте ли она."),
        (C, "Соединяю."),
        (C, "Да, Крылова, слушаю."),
        *GATEKEEPER_CALL[7:],
    ]
    st = structure(turns)
    assert st.dm_reached and st.handover == 7
