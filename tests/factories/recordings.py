"""Transcripts and recordings: gold-set transcripts, WAV bytes, stored recordings, audio fixtures."""

from __future__ import annotations

import hashlib
import io
import json
import wave
from pathlib import Path
from typing import Any

import numpy as np

from tests.factories._common import AUDIO, CALLS_DIR, GOOD_CALL, _seq


def transcript(name: str = GOOD_CALL) -> dict[str, Any]:
    """One of the evaluation transcripts in ``tests/data/calls`` as contract JSON."""
    return json.loads((CALLS_DIR / name).read_text(encoding="utf-8"))


TRANSCRIPT: dict[str, Any] = {
    "language": "ru",
    "duration": 60.0,
    "segments": [
        {
            "speaker": "manager",
            "start": 0.0,
            "end": 4.0,
            "text": "Добрый день, меня зовут Анна, компания СтрелаЭкспресс.",
        },
        {"speaker": "client", "start": 4.5, "end": 6.0, "text": "Здравствуйте, слушаю вас."},
        {
            "speaker": "manager",
            "start": 6.5,
            "end": 12.0,
            "text": "Сколько отправлений в день вы сейчас отправляете по городу?",
        },
        {
            "speaker": "client",
            "start": 12.5,
            "end": 16.0,
            "text": "Примерно тридцать посылок, возим сами на своей машине.",
        },
        {
            "speaker": "manager",
            "start": 16.5,
            "end": 22.0,
            "text": "Бывает ли, что посылки опаздывают к вашим клиентам?",
        },
        {"speaker": "client", "start": 22.5, "end": 27.0, "text": "Да, бывает, особенно в пятницу, клиенты жалуются."},
        {
            "speaker": "manager",
            "start": 27.5,
            "end": 35.0,
            "text": "Давайте созвонимся в четверг в десять, я расскажу про доставку в день заказа.",
        },
        {"speaker": "client", "start": 35.5, "end": 37.0, "text": "Хорошо, давайте в четверг."},
        {"speaker": "manager", "start": 37.5, "end": 40.0, "text": "Спасибо, всего доброго!"},
        {"speaker": "client", "start": 40.5, "end": 41.5, "text": "До свидания."},
    ],
}
"""A short call the mini checklist scores: greeting, a meeting agreed, a farewell."""

QUESTIONS = (
    "Сколько курьеров вам нужно в пиковые дни?",
    "Как часто вы отправляете документы контрагентам?",
    "Что происходит, если документы приходят с опозданием?",
    "Насколько для вас важна доставка до конца дня?",
    "Кто у вас отвечает за логистику интернет-магазина?",
    "Были ли случаи, когда посылку теряли?",
    "Во сколько обходится один потерянный заказ?",
    "Если бы курьер приезжал через час, это решило бы проблему?",
    "Какие склады вы сейчас используете?",
    "Сколько возвратов у вас бывает в неделю?",
    "Часто ли клиенты жалуются на сроки?",
    "Как задержки отражаются на повторных покупках?",
    "Что бы изменилось, если бы возвраты забирали на следующий день?",
    "Через какую систему вы принимаете заказы?",
    "Устраивает ли вас стоимость текущей доставки?",
    "Сколько времени менеджеры тратят на заявки курьерам?",
    "Было бы удобно видеть статус каждой посылки онлайн?",
    "В какие города вы чаще всего отправляете?",
    "Бывают ли ошибки при ручном вводе адресов?",
    "К чему приводят такие ошибки для вашего бизнеса?",
    "Насколько полезна была бы интеграция по API?",
    "Кто принимает решение о смене подрядчика?",
    "Какой объём наложенного платежа у вас в месяц?",
    "Сколько дней вы ждёте деньги от текущей службы?",
)


def question_transcript(questions: tuple[str, ...] = QUESTIONS) -> dict[str, Any]:
    """A call where the manager asks every question and the client answers briefly."""
    segments, t = [], 0.0
    segments.append({"speaker": "manager", "start": t, "end": t + 3, "text": "Добрый день, компания СтрелаЭкспресс."})
    t += 3.5
    segments.append({"speaker": "client", "start": t, "end": t + 2, "text": "Здравствуйте, слушаю вас внимательно."})
    for question in questions:
        t += 2.5
        segments.append({"speaker": "manager", "start": t, "end": t + 3, "text": question})
        t += 3.5
        segments.append(
            {"speaker": "client", "start": t, "end": t + 2, "text": "Ну, по-разному бывает, сложно сказать."}
        )
    return {"language": "ru", "duration": t + 3, "segments": segments}


def wav_bytes(seconds: float = 1.0, channels: int = 2, rate: int = 8000, freq: float = 440.0) -> bytes:
    """A short tone as 16-bit PCM WAV; ``freq`` changes the bytes (and so the hash)."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.2 * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2")
    frames = np.stack([tone] * channels, axis=1)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames.tobytes())
    return buffer.getvalue()


def recording(**fields: Any):  # type: ignore[no-untyped-def]
    """A recording row (no file behind it unless ``store_wav`` wrote one); ``fields`` override the defaults."""
    from app.calls.models import Recording

    values: dict[str, Any] = dict(
        sha256=hashlib.sha256(f"rec-{next(_seq)}".encode()).hexdigest(),
        extension="wav",
        size_bytes=1000,
        mime="audio/wav",
        container="wav",
        codec="pcm_s16le",
        duration=120.0,
        channels=2,
        sample_rate=16000,
    )
    values.update(fields)
    return Recording(**values)


def store_wav(storage_dir: str, seconds: float = 6.0, rate: int = 16000):  # type: ignore[no-untyped-def]
    """A real stereo WAV in the storage (a rising tone, so every fragment differs) and its recording row."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.3 * np.sin(2 * np.pi * (200 + 40 * t) * t) * 32767).astype("<i2")
    pcm = np.stack([tone, tone // 2], axis=1).tobytes()
    rec = recording(sha256=hashlib.sha256(pcm).hexdigest(), duration=seconds, size_bytes=len(pcm) + 44)
    path = Path(storage_dir) / rec.storage_key
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return rec


def shortest_stereo_fixture() -> Path | None:
    """The shortest stereo recording the speech pipeline generated in ``tests/data/audio`` (None if absent)."""
    refs_path = AUDIO / "refs.json"
    if not refs_path.is_file():
        return None
    refs = json.loads(refs_path.read_text(encoding="utf-8"))
    stereo = [
        (refs.get("calls", {}).get(facts.get("call"), {}).get("duration", 1e9), name)
        for name, facts in refs.get("files", {}).items()
        if facts.get("layout") == "stereo" and facts.get("sample_rate") == 16000 and (AUDIO / name).is_file()
    ]
    return AUDIO / min(stereo)[1] if stereo else None


def speech_pipeline_missing() -> str | None:
    """Why the real-model tests cannot run here (no diarization module or no fixtures), or None."""
    try:
        import scoring.diarize  # noqa: F401
    except ModuleNotFoundError:
        return "scoring.diarize (the speech pipeline) is not in this checkout"
    if shortest_stereo_fixture() is None:
        return "no stereo fixture in tests/data/audio (run tools/audio/make_fixtures.py)"
    return None
