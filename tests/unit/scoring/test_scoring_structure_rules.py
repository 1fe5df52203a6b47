"""Hand-over rules learnt from independently written calls: who is a gatekeeper, what is a transfer."""

from __future__ import annotations

from scoring.analysis import CallText
from scoring.context import REFUSAL
from scoring.phrases import TokenView, compile_pattern, find_any
from scoring.questions import is_question
from scoring.structure import DISCOVERY_DM_MIN_AFTER_ASKING, detect_structure
from scoring.text import merge_numerals, tokenize
from scoring.transcript import load_transcript


def _text(lines: list[tuple[str, str]]) -> CallText:
    segments = [
        {"speaker": who, "start": 4.0 * i, "end": 4.0 * i + 3.5, "text": text} for i, (who, text) in enumerate(lines)
    ]
    return CallText(load_transcript({"language": "ru", "duration": 4.0 * len(lines), "segments": segments}))


def _view(text: str) -> TokenView:
    return TokenView.build(merge_numerals(tokenize(text)))


def test_a_decision_maker_who_asks_who_is_calling_and_brushes_off_is_not_a_gatekeeper():
    call = _text(
        [
            ("client", "снабжение слушаю"),
            ("manager", "добрый день мы поставляем абразивный инструмент круги электроды всё в наличии"),
            ("client", "подождите подождите а вы кто вообще"),
            ("manager", "абразив трейд компания из москвы"),
            ("client", "и что вы хотите"),
            ("manager", "хотел узнать какие круги вы берёте в месяц"),
            ("client", "берём разные тысячи полторы в месяц"),
        ]
    )
    structure = detect_structure(call)
    assert structure.dm_reached and not structure.has_gatekeeper


def test_naming_a_colleague_and_transferring_is_a_hand_over_even_when_nobody_was_asked_for():
    call = _text(
        [
            ("client", "«Агроснаб», добрый день."),
            ("manager", "Здравствуйте, мы насчёт упаковки звоним."),
            ("client", "А, это вам в снабжение, к Олегу Петровичу. Минуту, переключаю."),
            ("client", "Да, Зуев."),
            ("manager", "Олег Петрович, добрый день! Виталий, компания «ПакЛайн»."),
        ]
    )
    structure = detect_structure(call)
    assert structure.has_gatekeeper and structure.dm_reached and structure.dm_start == 3


def test_a_hold_for_a_customer_is_not_a_transfer():
    call = _text(
        [
            ("client", "пиццерия марготта добрый день"),
            ("manager", "здравствуйте а кто у вас занимается закупкой упаковки"),
            ("client", "это не ко мне это управляющая решает"),
            ("manager", "а как управляющую зовут"),
            ("client", "я не могу сказать извините одну минуту"),
            ("client", "да ваша пепперони тридцать с вас восемьсот сорок"),
            ("client", "так я здесь"),
            ("manager", "а когда она бывает на месте"),
            ("client", "по разному я не знаю"),
        ]
    )
    structure = detect_structure(call)
    assert structure.has_gatekeeper and not structure.dm_reached


def test_answering_many_discovery_questions_after_being_asked_for_makes_the_person_the_dm():
    call = _text(
        [
            ("client", "Да."),
            ("manager", "Добрый день! Алина, компания «СкладОнлайн». Вы Сергей Александрович, директор по операциям?"),
            ("client", "Да."),
            ("manager", "Как сейчас ведёте учёт?"),
            ("client", "В 1С. Плюс Excel."),
            ("manager", "А сколько наименований?"),
            ("client", "Двенадцать тысяч артикулов."),
        ]
    )


    def numbers_read_as_contacts(segments):
        # What the gatekeeper classifier said about these terse answers with numbers.
        return {i: ("gives_contact", 0.8) for i in segments if i in (4, 6)}

    few = detect_structure(call, numbers_read_as_contacts, discovery_questions=DISCOVERY_DM_MIN_AFTER_ASKING - 1)
    many = detect_structure(call, numbers_read_as_contacts, discovery_questions=DISCOVERY_DM_MIN_AFTER_ASKING)
    assert few.has_gatekeeper and not few.dm_reached
    assert many.dm_reached and not many.has_gatekeeper


def test_a_person_who_says_it_is_not_theirs_stays_a_gatekeeper_however_many_questions_they_answer():
    call = _text(
        [
            ("client", "Приёмная, здравствуйте."),
            ("manager", "Добрый день, соедините с директором."),
            ("client", "Это не ко мне, директор сам решает, его нет."),
            ("manager", "А вы сами какие коробки берёте?"),
            ("client", "Я не знаю, какие привозят."),
        ]
    )
    structure = detect_structure(call, discovery_questions=10)
    assert structure.has_gatekeeper and not structure.dm_reached


def test_indirect_and_comparison_questions_without_punctuation():
    assert is_question("ну вот хотел узнать какие круги вы берёте в месяц")
    assert is_question("понимаю а дорого по сравнению с чем с вашим курьером")
    assert is_question("ага а в день сколько примерно заказов выходит")
    assert not is_question("ну вот мы работаем с чем угодно")
    assert not is_question("спасибо вам что нашли время")


def test_a_refusal_inside_an_answer_is_recognised():
    assert find_any(REFUSAL, _view("мы сами подбираем справляемся агентство нам не нужно")) is not None
    assert find_any(REFUSAL, _view("после праздника подарок уже не нужен")) is None


def test_a_dictionary_word_does_not_fuzzy_match_a_different_dictionary_word():
    transfer = compile_pattern("перевожу")
    assert find_any([transfer], _view("думаем куда переходить")) is None
    assert find_any([transfer], _view("сейчас перевожу на него")) is not None


def test_mentioning_the_reception_desk_later_does_not_make_the_answerer_a_secretary():
    call = _text(
        [
            ("client", "Алло, клиника «Дента-Люкс», слушаю."),
            ("manager", "Здравствуйте! Я по поводу вашей телефонии. У вас сейчас какая связь?"),
            ("client", "Городские номера, лет десять назад ставили. А вы кто?"),
            ("manager", "Мы «СвязьТелеком», оператор связи. А сколько у вас администраторов на телефоне?"),
            ("client", "Двое, на ресепшене. Ну а что? Вы что-то продаёте?"),
            ("manager", "Вот смотрите, у нас виртуальная АТС."),
            ("client", "Подождите. Нам это не нужно, у нас всё работает."),
        ]
    )
    structure = detect_structure(call, discovery_questions=2)
    assert structure.dm_reached and not structure.has_gatekeeper


def test_a_desk_greeting_still_opens_a_gatekeeper_phase():
    call = _text(
        [
            ("client", "Приёмная, здравствуйте."),
            ("manager", "Добрый день, соедините с директором по закупкам."),
            ("client", "А по какому вопросу?"),
            ("manager", "По поставкам упаковки."),
            ("client", "Пришлите на почту, мы не соединяем."),
        ]
    )
    structure = detect_structure(call)
    assert structure.has_gatekeeper and not structure.dm_reached


def test_it_works_as_it_is_is_a_refusal():
    assert find_any(REFUSAL, _view("ну не знаю у нас вроде всё работает ребята не жалуются")) is not None
