"""Speech recognition port: ``get_engine()`` returns a loaded, per-process cached Whisper engine."""

from __future__ import annotations

import os
import threading

from scoring.asr.base import AsrEngine, AsrSegment, AsrWord

DEFAULT_ENGINE = "faster-whisper"
ENGINES = ("faster-whisper", "openai-whisper")

_cache: dict[tuple, AsrEngine] = {}
_lock = threading.Lock()

__all__ = ["DEFAULT_ENGINE", "ENGINES", "AsrEngine", "AsrSegment", "AsrWord", "get_engine", "register_engine"]


def _create(name: str, **opts: object) -> AsrEngine:
    if name == "faster-whisper":
        from scoring.asr.faster import FasterWhisperEngine

        return FasterWhisperEngine(**opts)  # type: ignore[arg-type]
    if name == "openai-whisper":
        from scoring.asr.openai_whisper import OpenAIWhisperEngine

        return OpenAIWhisperEngine(**opts)  # type: ignore[arg-type]
    raise ValueError(f"unknown ASR engine {name!r}; choose one of {', '.join(ENGINES)}")


def get_engine(name: str | None = None, **opts: object) -> AsrEngine:
    """The engine called ``name`` (default ``$ASR_ENGINE`` or faster-whisper), loaded once per process."""
    name = name or os.environ.get("ASR_ENGINE") or DEFAULT_ENGINE
    key = (name, tuple(sorted(opts.items())))
    with _lock:  # web workers may ask from several threads; load the model only once
        engine = _cache.get(key)
        if engine is None:
            engine = _cache[key] = _create(name, **opts)
    return engine


def register_engine(engine: AsrEngine, name: str | None = None, **opts: object) -> None:
    """Put a ready engine (e.g. a fake in tests) into the per-process cache."""
    with _lock:
        _cache[(name or engine.name, tuple(sorted(opts.items())))] = engine


def clear_engines() -> None:
    """Forget every cached engine (tests)."""
    with _lock:
        _cache.clear()
