"""The shipped cold-call checklist on varied wording: intros, reasons for calling, next steps, consent."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import C, M, make_call

from scoring.checklist import load_checklist
from scoring.engine import score
from scoring.phrases import PatternSet, TokenView, compile_pattern, find_any
from scoring.text import merge_numerals, tokenize

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def cold_call():
    return load_checklist(ROOT / "checklists" / "cold_call.yaml")


def lexicon(checklist, name: str) -> PatternSet:
    return PatternSet(compile_pattern(p) for p in checklist.lexicon[name])


def said(checklist, name: str, text: str) -> bool:
    return find_any(lexicon(checklist, name), TokenView.build(merge_numerals(tokenize(text)))) is not None


def item(checklist, turns, item_id: str) -> str:
    return score(make_call(turns), checklist).item(item_id).result


def opening(intro: str, reason: str) -> list[tuple[str, str]]:
    return [
        (C, "Да, Смирнов, слушаю."),
        (M, intro),
        (C, "Слушаю."),
        (M, reason),
        (C, "Ну давайте, только быстро."),
        (M, "Сколько у вас сейчас отправок в неделю?"),
        (C, "Штук сорок, по-разному бывает."),
        (M, "Спасибо, до свидания."),
    ]


@pytest.mark.parametrize(
    "intro",
    [
        "Сергей Петрович, добрый день, Роман Шилов, банк «Заречный».",
        "Добрый день, я Ольга, представляю компанию «ТехноСнаб».",
        "Здравствуйте, на связи Дмитрий Орлов, агентство «Маяк».",
        "Сергей Петрович, это Анна Кравец, курьерская служба «ГородЭкспресс».",
        "добрый день павел громов северная звезда",
        "Разрешите представиться: Игорь Соколов, компания «Полимер».",
    ],
)
def test_intro_variants_pass(cold_call, intro, tiny_classifiers):
    turns = opening(intro, "Звоню по поводу доставки. Удобно сейчас?")
    assert item(cold_call, turns, "open_intro") == "pass"


@pytest.mark.parametrize(
    "intro",
    [
        "Сергей Петрович, добрый день, это Игорь.",  # a name but no company
        "Добрый день, компания «Полимер», по поводу упаковки.",  # a company but no name
    ],
)
def test_half_intros_fail(cold_call, intro, tiny_classifiers):
    turns = opening(intro, "Звоню по поводу доставки. Удобно сейчас?")
    assert item(cold_call, turns, "open_intro") == "fail"


@pytest.mark.parametrize(
    "reason",
    [
        "Увидела, что вы открыли второй склад, поэтому и звоню. Можете уделить мне пару минут?",
        "Хотел коротко обсудить поставки бумаги для вашего офиса. Есть минутка?",
        "Мы с вами общались весной, вы просили набрать осенью. Сейчас удобно разговаривать?",
        "У меня к вам предложение по доставке документов. Найдётся пара минут?",
        "звоню насчёт лизинга техники для вашего парка удобно сейчас",
        "Решил вам позвонить по поводу кофе для офиса. Я не отвлекаю?",
    ],
)
def test_reason_and_convenience_variants_pass(cold_call, reason, tiny_classifiers):
    turns = opening("Добрый день, меня зовут Олег, компания «ТехноСнаб».", reason)
    assert item(cold_call, turns, "open_reason") == "pass"


def test_reason_without_a_convenience_check_fails(cold_call, tiny_classifiers):
    turns = opening("Добрый день, меня зовут Олег, компания «ТехноСнаб».", "Звоню по поводу доставки бумаги.")
    assert item(cold_call, turns, "open_reason") == "fail"


def closing(manager: str, client: str) -> list[tuple[str, str]]:
    return [
        (C, "Да, Смирнов, слушаю."),
        (M, "Добрый день, меня зовут Олег, компания «ТехноСнаб». Звоню по поводу доставки, удобно сейчас?"),
        (C, "Да, говорите."),
        (M, "Сколько у вас сейчас отправок в неделю?"),
        (C, "Штук сорок, по пятницам больше всего."),
        (M, manager),
        (C, client),
        (M, "Спасибо, всего доброго."),
    ]


@pytest.mark.parametrize(
    ("manager", "client"),
    [
        ("Давайте созвонимся в четверг в десять?", "Давайте."),
        ("Предлагаю встретиться у вас в среду, в 15:00, покажу расчёт.", "Хорошо, приезжайте."),
        ("Когда вам удобно посмотреть демонстрацию?", "Давайте послезавтра с утра, в девять."),
        ("Я наберу вам завтра после обеда, договорились?", "Договорились."),
        ("Можем провести демо двадцать пятого числа?", "Да, записывайте на двадцать пятое."),
    ],
)
def test_concrete_next_steps_pass(cold_call, manager, client, tiny_classifiers):
    assert item(cold_call, closing(manager, client), "close_next_step") == "pass"


@pytest.mark.parametrize(
    ("manager", "client"),
    [
        ("Я пришлю предложение, посмотрите, как будет время.", "Хорошо, посмотрю."),
        ("Уборка у нас на четыре часа, по вторникам и четвергам.", "Понятно."),  # duration and habit
        ("Созвонимся как-нибудь на следующей неделе.", "Ладно."),  # no date
        ("Давайте созвонимся в четверг в десять?", "Нет, не надо, не звоните."),  # refused
    ],
)
def test_vague_or_refused_next_steps_fail(cold_call, manager, client, tiny_classifiers):
    assert item(cold_call, closing(manager, client), "close_next_step") == "fail"


@pytest.mark.parametrize(
    "text",
    ["ну пару минут найду говорите", "минутка есть", "три минуты давайте", "да слушаю вас"],
)
def test_consent_replies(cold_call, text):
    assert said(cold_call, "consent", text)


@pytest.mark.parametrize("text", ["слушайте вы пришлите лучше на почту", "мне некогда"])
def test_objections_are_not_consent(cold_call, text):
    assert not said(cold_call, "consent", text)


@pytest.mark.parametrize(
    "text",
    [
        "Они же паленые тонеры под видом оригинала продают.",
        "Это известная контора, про них все на рынке знают.",
        "У них одни косяки, отчёты рисуют.",
    ],
)
def test_disparaging_a_competitor_fails_the_critical_item(cold_call, text, tiny_classifiers):
    turns = closing(text, "Ну не знаю.")
    assert item(cold_call, turns, "value_competitor_respect") == "fail"


def test_ordinary_product_talk_is_not_disparagement(cold_call, tiny_classifiers):
    turns = closing("Плёнка у нас первичная, паллеты не рвутся, всё по паспорту качества.", "Понятно.")
    assert item(cold_call, turns, "value_competitor_respect") == "pass"


def gatekeeper_call(manager: str) -> list[tuple[str, str]]:
    return [
        (C, "Компания «Альфа», приёмная, добрый день."),
        (M, "Добрый день, меня зовут Олег, компания «ТехноСнаб». Кто у вас отвечает за закупки?"),
        (C, "А по какому вопросу? Какие у вас цены?"),
        (M, manager),
        (C, "Мы не соединяем, пишите на почту."),
        (M, "Спасибо, всего доброго."),
    ]


def test_declining_to_quote_prices_to_a_gatekeeper_is_not_a_pitch(cold_call, tiny_classifiers):
    turns = gatekeeper_call("Цены зависят от объёмов, это я бы обсудил с тем, кто отвечает за закупки.")
    assert item(cold_call, turns, "gk_no_pitch") == "pass"


def test_quoting_prices_to_a_gatekeeper_is_a_pitch(cold_call, tiny_classifiers):
    turns = gatekeeper_call("Цена от девятисот рублей за коробку, а при заказе от десяти скидка.")
    assert item(cold_call, turns, "gk_no_pitch") == "fail"
