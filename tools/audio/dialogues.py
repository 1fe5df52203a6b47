"""Scripted B2B cold calls of the demo courier company, used to synthesise the test recordings.

Texts are lower case as spoken (festival reads them better that way and they double as ASR
references). Each turn names a voice; ``manager`` is the sales manager, every other voice is on the
client side (gatekeeper and decision maker included).
"""

from __future__ import annotations

# voice -> sox effects applied to festival's single Russian voice to make distinct speakers
VOICES: dict[str, list[str]] = {
    "manager": [],
    "client_low": ["pitch", "-300", "tempo", "0.95"],
    "client_high": ["pitch", "400"],
    "gatekeeper": ["pitch", "550", "tempo", "1.1"],
    "director": ["pitch", "-600", "tempo", "0.93"],
}

# voice -> role in the transcript contract
ROLE_OF_VOICE = {"manager": "manager"}

CALLS: dict[str, list[tuple[str, str]]] = {
    "call01_discovery": [
        ("client_low", "алло, слушаю."),
        (
            "manager",
            "добрый день. меня зовут алексей, компания стрела экспресс, курьерская доставка "
            "по городу. вам удобно сейчас говорить?",
        ),
        ("client_low", "да, пару минут есть. что вы хотели?"),
        ("manager", "скажите, как вы сейчас отправляете документы клиентам и партнёрам?"),
        ("client_low", "обычно ездит наш водитель, иногда вызываем такси."),
        ("manager", "понятно. а бывает так, что документы приходят с опозданием?"),
        ("client_low", "бывает, особенно в конце месяца, когда много договоров."),
        ("manager", "и к чему это приводит?"),
        ("client_low", "к задержке оплаты, бухгалтерия потом ругается."),
        ("manager", "мы доставляем документы в день заказа и присылаем фото подписи получателя."),
    ],
    "call02_objection": [
        ("client_high", "да, слушаю вас."),
        (
            "manager",
            "здравствуйте, это марина, компания стрела экспресс. мы помогаем интернет магазинам "
            "с доставкой заказов покупателям. с кем я могу обсудить логистику?",
        ),
        ("client_high", "со мной. но у нас уже есть служба доставки, нас всё устраивает."),
        (
            "manager",
            "понимаю, многие наши клиенты тоже так говорили. а что для вас сейчас важнее всего в доставке?",
        ),
        ("client_high", "чтобы курьер приезжал вовремя и не терял посылки."),
        (
            "manager",
            "мы даём точный интервал доставки и отвечаем за каждую посылку. можно начать "
            "с пробной партии, без договора на год.",
        ),
        ("client_high", "ну, пробную партию можно обсудить."),
    ],
    "call03_gatekeeper": [
        ("gatekeeper", "компания северный ветер, добрый день."),
        (
            "manager",
            "добрый день. меня зовут алексей, компания стрела экспресс. соедините, пожалуйста, "
            "с руководителем отдела логистики.",
        ),
        ("gatekeeper", "а по какому вопросу?"),
        ("manager", "по срочной доставке документов между вашими офисами."),
        ("gatekeeper", "хорошо, соединяю."),
        ("director", "игорь петрович, слушаю."),
        (
            "manager",
            "игорь петрович, добрый день. алексей, стрела экспресс. подскажите, как часто вы "
            "отправляете документы в другие города?",
        ),
        ("director", "почти каждый день, а что?"),
        (
            "manager",
            "мы доставляем такие отправления на следующий день. "
            "давайте я расскажу подробнее на встрече во вторник?",
        ),
        ("director", "давайте, после обеда подойдёт."),
    ],
    "call04_closing": [
        (
            "manager",
            "добрый день, ольга? это денис из компании стрела экспресс. мы с вами говорили "
            "на прошлой неделе о доставке заказов.",
        ),
        ("client_high", "да, помню. мы посмотрели ваше предложение."),
        ("manager", "отлично. какие у вас остались вопросы?"),
        ("client_high", "цена выше, чем у нашего текущего подрядчика."),
        (
            "manager",
            "да, цена немного выше. зато покупатели получают товар в день заказа "
            "и реже отказываются от покупки.",
        ),
        ("client_high", "это интересно. а возвраты вы тоже забираете?"),
        (
            "manager",
            "да, мы забираем возвраты у покупателей и привозим их на ваш склад. предлагаю "
            "подписать договор и начать с понедельника. договорились?",
        ),
        ("client_high", "договорились, присылайте договор."),
    ],
}

# festival speaks a little slower than its default: closer to phone speech, and Whisper base copes better
DURATION_STRETCH = 1.1

# pauses between turns in seconds, cycled (varied so the timeline is not perfectly regular)
GAPS = (0.45, 0.7, 0.35, 0.9, 0.55, 0.4)
