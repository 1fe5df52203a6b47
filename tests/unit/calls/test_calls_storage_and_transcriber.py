"""Recording storage (content-addressed, atomic, no user paths) and the transcriber port."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.calls.storage import RecordingStorage, StorageError
from app.calls.transcriber import (
    SidecarTranscriber,
    TranscribeRequest,
    TranscriberError,
    WhisperTranscriber,
    as_dict,
    get_transcriber,
)


def _key(sha: str) -> str:
    return f"recordings/{sha[:2]}/{sha[2:4]}/{sha}.wav"


def test_spool_hashes_and_place_moves_once(tmp_path):
    storage = RecordingStorage(tmp_path)
    payload = b"RIFF" + b"x" * 5000
    temp = storage.spool(io.BytesIO(payload))
    assert temp.sha256 == hashlib.sha256(payload).hexdigest() and temp.size == len(payload)
    assert storage.place(temp, _key(temp.sha256)) is True
    assert storage.path_for(_key(temp.sha256)).read_bytes() == payload
    again = storage.spool(io.BytesIO(payload))
    assert storage.place(again, _key(again.sha256)) is False  # already stored: the temp copy is dropped
    assert not again.path.exists()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_spool_over_the_limit_leaves_nothing_behind(tmp_path):
    storage = RecordingStorage(tmp_path)
    with pytest.raises(StorageError):
        storage.spool(io.BytesIO(b"x" * 3 * (1 << 20)), max_bytes=2 * (1 << 20))
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize("key", ["../etc/passwd", "recordings/ab/cd/../../x.wav", "/abs/path.wav", "recordings/x.wav"])
def test_only_recording_keys_map_to_paths(tmp_path, key):
    with pytest.raises(StorageError):
        RecordingStorage(tmp_path).path_for(key)


def _request(sidecar=None) -> TranscribeRequest:
    return TranscribeRequest(Path("/nowhere.wav"), "left", 2, sidecar)


def test_a_supplied_transcript_always_wins_over_speech_recognition():
    assert isinstance(get_transcriber("whisper", _request({"segments": []})), SidecarTranscriber)
    assert isinstance(get_transcriber("whisper", _request()), WhisperTranscriber)


def test_sidecar_without_a_transcript_refuses_and_unknown_adapter_is_named():
    with pytest.raises(TranscriberError, match="no transcript"):
        get_transcriber("sidecar", _request()).transcribe(_request(), lambda f: None)
    with pytest.raises(TranscriberError, match="CALLS_TRANSCRIBER"):
        get_transcriber("kaldi", _request())


def test_sidecar_reports_completion_and_returns_the_transcript():
    seen: list[float] = []
    transcript = {"segments": [{"speaker": "manager", "start": 0, "end": 1, "text": "Алло"}]}
    assert SidecarTranscriber().transcribe(_request(transcript), seen.append) is transcript
    assert seen == [1.0]


@dataclass
class _Plain:
    language: str = "ru"


class _WithToDict:
    def to_dict(self):
        return {"segments": []}


def test_as_dict_accepts_the_shapes_the_library_returns():
    assert as_dict({"a": 1}) == {"a": 1}
    assert as_dict(_WithToDict()) == {"segments": []}
    assert as_dict(_Plain()) == {"language": "ru"}
    with pytest.raises(TypeError):
        as_dict(42)
