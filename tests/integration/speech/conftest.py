"""Real-model speech fixtures: the bundled Whisper base loaded once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

AUDIO_DIR = Path(__file__).resolve().parents[2] / "data" / "audio"


@pytest.fixture(scope="session")
def audio_dir() -> Path:
    """Folder of the committed test recordings."""
    return AUDIO_DIR


@pytest.fixture(scope="session")
def refs() -> dict:
    """Reference timelines and texts of the test recordings."""
    return json.loads((AUDIO_DIR / "refs.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def vocabulary(refs) -> str:
    """The fixtures' company vocabulary (what the company would type in: its name and what it sells)."""
    return refs["vocabulary"]


@pytest.fixture(autouse=True)
def _no_vocabulary_from_the_shell(monkeypatch):
    """Tests say which vocabulary they use; an ASR_VOCABULARY exported in the shell must not change them."""
    monkeypatch.delenv("ASR_VOCABULARY", raising=False)


@pytest.fixture(scope="session")
def asr_engine():
    """faster-whisper on the bundled model (assembled into the cache on first use), loaded once."""
    from scoring.asr import get_engine

    return get_engine("faster-whisper")


@pytest.fixture(scope="session")
def openai_engine():
    """openai-whisper on the checkpoint converted from the same bundled weights, loaded once."""
    from scoring.asr import get_engine

    return get_engine("openai-whisper")
