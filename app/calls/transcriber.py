"""Transcriber port: turn a stored recording into the transcript contract.

``CALLS_TRANSCRIBER`` picks the adapter: ``whisper`` (default; ``scoring.diarize.transcribe_call`` with the
per-process cached Whisper engine) or ``sidecar`` (tests and integrations: the transcript that came with
the upload). A call that came with a transcript never goes through speech recognition.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

# progress(fraction 0-1, step) where step is decode | transcribe | diarize | done (or omitted)
ProgressFn = Callable[..., None]


class TranscriberError(RuntimeError):
    """The recording could not be turned into a transcript; the message is for people."""


@dataclass(frozen=True)
class TranscribeRequest:
    """What a transcriber needs: the file, which channel is the manager, a transcript that came with it."""

    path: Path
    manager_channel: str  # left | right | mono
    channels: int
    sidecar: dict[str, Any] | None = None


class Transcriber(Protocol):
    """Turns a recording into transcript JSON (``{"language", "duration", "segments": [...]}``)."""

    name: str

    def transcribe(self, request: TranscribeRequest, progress: ProgressFn) -> dict[str, Any]:
        """Return the transcript as contract JSON; report progress as a fraction 0-1."""
        ...


def as_dict(value: Any) -> dict[str, Any]:
    """Contract JSON from whatever the scoring library returned (dict, ``to_dict()`` or a dataclass)."""
    if isinstance(value, dict):
        return value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")


class SidecarTranscriber:
    """Uses the transcript supplied with the upload; refuses calls that came without one."""

    name = "sidecar"

    def transcribe(self, request: TranscribeRequest, progress: ProgressFn) -> dict[str, Any]:
        """Return the supplied transcript."""
        if request.sidecar is None:
            raise TranscriberError("no transcript came with this recording and speech recognition is off")
        progress(1.0)
        return request.sidecar


class WhisperTranscriber:
    """Offline Whisper through ``scoring.diarize``: stereo by channel, mono with speaker diarization."""

    name = "whisper"

    def transcribe(self, request: TranscribeRequest, progress: ProgressFn) -> dict[str, Any]:
        """Recognise the recording (the model is loaded once per worker process and cached).

        Runs inside an app context (the web request or the job worker's), which has the company vocabulary.
        """
        from flask import current_app

        from scoring import diarize
        from scoring.asr.base import VocabularyError

        channel = request.manager_channel if request.manager_channel in ("left", "right") else "left"
        # "" rather than None when unset, so that the library does not fall back to the process environment
        vocabulary = current_app.config.get("ASR_VOCABULARY") or ""
        try:
            transcript = diarize.transcribe_call(
                str(request.path), manager_channel=channel, progress=progress, vocabulary=vocabulary
            )
        except VocabularyError as error:
            raise TranscriberError(str(error)) from None
        return as_dict(transcript)


ADAPTERS: dict[str, type] = {"whisper": WhisperTranscriber, "sidecar": SidecarTranscriber}


def get_transcriber(name: str, request: TranscribeRequest) -> Transcriber:
    """The transcriber for a request: the sidecar when one came with it, else the configured adapter."""
    if request.sidecar is not None:
        return SidecarTranscriber()
    try:
        return ADAPTERS[name]()
    except KeyError:
        raise TranscriberError(f"unknown CALLS_TRANSCRIBER {name!r}; use one of {', '.join(ADAPTERS)}") from None
