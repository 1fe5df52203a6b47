"""A tiny classifier corpus that trains in milliseconds."""

from __future__ import annotations

import csv
from pathlib import Path

TINY_CORPUS = {
    "spin": {
        "situation": [
            "Сколько отправлений в день вы отправляете?",
            "Кто у вас занимается доставкой?",
            "С какой курьерской службой вы работаете?",
            "Сколько у вас заказов в месяц?",
            "Как вы сейчас возите документы?",
            "Какие города вы обслуживаете?",
        ],
        "problem": [
            "Бывает ли, что курьер опаздывает?",
            "Что вас не устраивает в доставке?",
            "Случаются ли потери посылок?",
            "Есть ли жалобы от клиентов на сроки?",
            "Довольны ли вы скоростью доставки?",
            "Какие сложности бывают с курьерами?",
        ],
        "implication": [
            "К чему приводят эти опоздания?",
            "Во сколько вам обходится каждый возврат?",
            "Как это сказывается на ваших клиентах?",
            "Что происходит, когда посылка теряется?",
            "Сколько клиентов вы теряете из-за задержек?",
            "Как на это реагирует руководство?",
        ],
        "need_payoff": [
            "Если бы курьер приезжал за час, что бы это дало?",
            "Насколько важно доставлять в день заказа?",
            "Как бы изменилась работа с быстрой доставкой?",
            "Было бы полезно отслеживать посылки онлайн?",
            "Что вам даст доставка без опозданий?",
            "Если бы возвраты шли быстрее, это помогло бы?",
        ],
        "other": [
            "Удобно сейчас говорить?",
            "Когда вам удобно созвониться?",
            "Могу я прислать предложение на почту?",
            "Как вас зовут?",
            "Добрый день, вам удобно?",
            "Договоримся на четверг?",
        ],
    }
}


def write_tiny_corpus(directory: Path) -> Path:
    """Write ``spin.csv`` with a few rows per label (fast to train) and return the folder."""
    directory.mkdir(parents=True, exist_ok=True)
    for task, labels in TINY_CORPUS.items():
        with open(directory / f"{task}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["text", "label"])
            for label, texts in labels.items():
                for text in texts:
                    writer.writerow([text, label])
    return directory
