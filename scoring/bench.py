"""Benchmark: score synthetic 10-minute calls (~150 segments) on one core; cold start and peak memory.

Synthetic calls are built deterministically from a bank of gatekeeper, SPIN, value, objection and closing
utterances with random numbers, names and ASR-style lower-casing, so every call has different text.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from scoring.classifiers import TASK_LABELS, get_classifier

_NAMES = ["Андрей", "Марина", "Олег", "Светлана", "Игорь", "Наталья", "Денис", "Ольга", "Павел", "Ксения"]
_THINGS = ["доставку", "картриджи", "воду", "CRM", "рекламу", "лизинг", "упаковку", "уборку", "эквайринг"]
_MANAGER = [
    "Добрый день, меня зовут {name}, компания «СтрелаЭкспресс».",
    "Подскажите, пожалуйста, кто у вас отвечает за {thing}?",
    "Звоню по поводу {thing}, удобно сейчас говорить пару минут?",
    "Скажите, сколько примерно заказов в месяц вы отправляете, штук {n}?",
    "А кто у вас сейчас занимается этим, свой сотрудник или подрядчик?",
    "А бывает такое, что заказы задерживаются или теряются?",
    "Насколько вас устраивает скорость, с которой сейчас всё работает?",
    "А к чему это приводит, когда клиент получает заказ на {n} дней позже?",
    "Во сколько вам обходится один сорванный заказ, если посчитать?",
    "А если бы заказы приезжали в тот же день, что бы это дало вашим продажам?",
    "Насколько для вас важно, чтобы покупатель видел статус заказа?",
    "У нас собственный автопарк, а это значит, что ваши отправления не будут ждать субподрядчика.",
    "Курьер приезжает в течение {n} часов после заявки, благодаря этому договоры уходят в тот же день.",
    "у нас {n} курьеров по городу и склад на {n} тысяч мест",
    "понимаю вас многие наши клиенты тоже так говорили а с чем вы сравниваете",
    "Давайте я пришлю расчёт, а в четверг в {h} созвонимся и обсудим. Удобно?",
    "отлично тогда до четверга спасибо за время всего доброго",
    "Смотрите, мы работаем уже {n} лет, у нас договор, страховка и личный кабинет для клиентов.",
]
_CLIENT = [
    "Компания «Альфа», добрый день.",
    "А по какому вопросу?",
    "Минуту, соединяю.",
    "Да, слушаю.",
    "Ну, где-то {n} отправлений в месяц, иногда больше.",
    "Этим у нас занимается водитель, когда свободен.",
    "Бывает, конечно, особенно в конце месяца.",
    "Ну клиенты ругаются, пишут отзывы, часть отказывается.",
    "Это дорого для нас, мы сейчас платим меньше.",
    "У нас уже есть поставщик, нас всё устраивает.",
    "пришлите на почту коммерческое предложение",
    "мне надо подумать посоветоваться с директором",
    "да было бы неплохо если бы в тот же день",
    "угу понятно",
    "Хорошо, давайте в четверг.",
    "нет сейчас неудобно у меня совещание",
    "Да, до свидания.",
]


def synthetic_call(seed: int, segments: int = 150, duration: float = 600.0) -> dict[str, Any]:
    """A deterministic synthetic transcript of about ``duration`` seconds with ``segments`` segments."""
    rng = random.Random(seed)
    step = duration / segments
    out = []
    t = 0.5
    speaker = "client"
    for i in range(segments):
        bank = _CLIENT if speaker == "client" else _MANAGER
        text = rng.choice(bank).format(
            name=rng.choice(_NAMES), thing=rng.choice(_THINGS), n=rng.randint(2, 300), h=rng.randint(9, 18)
        )
        if rng.random() < 0.3:  # ASR-like: lower case, no punctuation
            text = "".join(ch for ch in text.lower() if ch.isalnum() or ch in " -")
        length = step * rng.uniform(0.6, 0.95)
        out.append({"speaker": speaker, "start": round(t, 2), "end": round(t + length, 2), "text": text})
        t += step
        if rng.random() < 0.7 or i < 3:
            speaker = "manager" if speaker == "client" else "client"
    return {"language": "ru", "duration": round(t, 2), "segments": out}


def _cold_start(checklist: str) -> dict[str, float]:
    code = (
        "import json, resource, sys, time\n"
        "t0 = time.perf_counter()\n"
        "from scoring.bench import synthetic_call\n"
        "from scoring.checklist import load_checklist\n"
        "from scoring.engine import score\n"
        "card = score(synthetic_call(1), load_checklist(sys.argv[1]))\n"
        "t1 = time.perf_counter()\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': t1 - t0, 'rss_mb': rss}))\n"
    )
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(
        [sys.executable, "-c", code, checklist], capture_output=True, text=True, env=env, check=True, cwd=root
    )
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"seconds": round(data["seconds"], 3), "peak_rss_mb": round(data["rss_mb"], 1)}


def run_bench(checklist_path: str, calls: int = 30, segments: int = 150, warmup: int = 3) -> dict[str, Any]:
    """Time scoring on one core after warm-up; measure cold start (fresh process, classifiers from cache)."""
    from scoring.checklist import load_checklist
    from scoring.engine import score

    t0 = time.perf_counter()
    for task in TASK_LABELS:
        get_classifier(task)
    prepare = time.perf_counter() - t0
    cold = _cold_start(checklist_path)
    checklist = load_checklist(checklist_path)
    transcripts = [synthetic_call(seed, segments) for seed in range(100, 100 + warmup + calls)]
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if affinity:
        os.sched_setaffinity(0, {min(affinity)})
    timings: list[float] = []
    cpu_timings: list[float] = []
    try:
        with threadpool_limits(limits=1):
            for i, data in enumerate(transcripts):
                start, cpu_start = time.perf_counter(), time.process_time()
                card = score(data, checklist)
                elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
                if card.unscorable:
                    raise RuntimeError(f"synthetic call unscorable: {card.unscorable_reason}")
                if i >= warmup:
                    timings.append(elapsed * 1000.0)
                    cpu_timings.append(cpu * 1000.0)
    finally:
        if affinity:
            os.sched_setaffinity(0, affinity)
    median = statistics.median(timings)
    return {
        "calls": calls,
        "segments_per_call": segments,
        "median_ms": round(median, 2),
        "median_cpu_ms": round(statistics.median(cpu_timings), 2),
        "p90_ms": round(sorted(timings)[int(0.9 * (len(timings) - 1))], 2),
        "calls_per_second": round(1000.0 / median, 1),
        "cold_start_s": cold["seconds"],
        "cold_start_peak_rss_mb": cold["peak_rss_mb"],
        "classifier_prepare_s": round(prepare, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def format_bench(result: dict[str, Any]) -> str:
    """Readable benchmark summary."""
    return (
        f"scored {result['calls']} synthetic calls of {result['segments_per_call']} segments (~10 min), "
        "one core\n"
        f"median {result['median_ms']:.1f} ms per call (p90 {result['p90_ms']:.1f} ms), "
        f"{result['calls_per_second']:.1f} calls/s; median CPU time "
        f"{result['median_cpu_ms']:.1f} ms per call "
        "(unaffected by other processes)\n"
        f"cold start (new process, classifiers from cache, first call scored): "
        f"{result['cold_start_s']:.2f} s, "
        f"peak RSS {result['cold_start_peak_rss_mb']:.0f} MB\n"
        f"classifier preparation in this process: {result['classifier_prepare_s']:.2f} s "
        f"(training happens only when a corpus changed)\n"
        f"peak RSS of the benchmark process: {result['peak_rss_mb']:.0f} MB"
    )
