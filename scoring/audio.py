"""Audio intake: decode any common recording with PyAV, validate it, resample to 16 kHz float32."""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

SAMPLE_RATE = 16000
DEFAULT_MAX_SECONDS = float(os.environ.get("SALESDOJO_AUDIO_MAX_SECONDS", 2 * 3600))
DEFAULT_MAX_BYTES = int(os.environ.get("SALESDOJO_AUDIO_MAX_BYTES", 300 * 1024 * 1024))
# Containers whose header states the exact length, so a shortfall on decoding means a cut file.
EXACT_LENGTH_FORMATS = {"wav", "flac", "aiff", "w64"}
TRUNCATION_TOLERANCE_S = 0.5


class AudioError(ValueError):
    """A recording that cannot be used; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class AudioInfo:
    """What a container says about its first audio stream (nothing decoded beyond the first frames)."""

    path: str
    size_bytes: int
    container: str
    codec: str
    channels: int
    sample_rate: int
    duration: float | None


@dataclass
class Audio:
    """Decoded audio: ``samples`` has shape (channels, n), float32 at 16 kHz."""

    samples: np.ndarray
    sample_rate_in: int
    path: str = ""
    codec: str = ""
    container: str = ""
    sample_rate: int = SAMPLE_RATE
    extra: dict = field(default_factory=dict)

    @property
    def channels(self) -> int:
        """Number of channels kept (1 or 2)."""
        return int(self.samples.shape[0])

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.samples.shape[1] / self.sample_rate

    def channel(self, index: int) -> np.ndarray:
        """One channel as a contiguous 1-D array."""
        return np.ascontiguousarray(self.samples[index])

    def mono(self) -> np.ndarray:
        """Average of the channels (a mono mix)."""
        if self.channels == 1:
            return self.channel(0)
        return np.ascontiguousarray(self.samples.mean(axis=0, dtype=np.float32))


def _fail(path: str | os.PathLike, problem: str) -> AudioError:
    return AudioError(f"{Path(path).name}: {problem}")


def _check_file(path: str | os.PathLike, max_bytes: int | None) -> int:
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise _fail(path, "file not found") from None
    except OSError as exc:
        raise _fail(path, f"cannot read the file ({exc.strerror})") from None
    if not Path(path).is_file():
        raise _fail(path, "not a regular file")
    if size == 0:
        raise _fail(path, "the file is empty (0 bytes)")
    if limit and size > limit:
        raise _fail(path, f"the file is {_human_size(size)}, larger than the {_human_size(limit)} limit")
    return size


def _human_size(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _check_wav_header(path: str | os.PathLike, size: int) -> None:
    shortfall = _wav_shortfall(path, size)
    if shortfall:
        raise _fail(
            path, f"the file is truncated: its WAV header promises {shortfall} more bytes than it holds"
        )


def _wav_shortfall(path: str | os.PathLike, size: int) -> int:
    """Bytes missing from a RIFF/WAVE file whose data chunk promises more than the file holds."""
    with open(path, "rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return 0
        offset = 12
        while offset + 8 <= size:
            fh.seek(offset)
            chunk_id, chunk_size = struct.unpack("<4sI", fh.read(8))
            if chunk_id == b"data":
                if chunk_size in (0, 0xFFFFFFFF):  # streaming writers leave the size open
                    return 0
                return max(0, offset + 8 + chunk_size - size)
            offset += 8 + chunk_size + (chunk_size & 1)
    return 0


def _open(path: str | os.PathLike) -> av.container.InputContainer:
    try:
        return av.open(str(path), metadata_errors="ignore")
    except av.error.InvalidDataError:
        raise _fail(path, "not an audio file (unrecognised or invalid data)") from None
    except av.error.FFmpegError as exc:
        raise _fail(path, f"cannot be opened as audio ({exc.strerror or exc})") from None


def _audio_stream(container: av.container.InputContainer, path: str | os.PathLike) -> av.audio.AudioStream:
    if not container.streams.audio:
        raise _fail(path, "contains no audio stream")
    return container.streams.audio[0]


def _declared_duration(container: av.container.InputContainer, stream: av.audio.AudioStream) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def probe_audio(
    path: str | os.PathLike, *, max_seconds: float | None = None, max_bytes: int | None = None
) -> AudioInfo:
    """Check that ``path`` holds decodable audio within the limits and describe it; else ``AudioError``.

    Cheap enough for an upload form: reads the header and the first frame only.
    """
    size = _check_file(path, max_bytes)
    _check_wav_header(path, size)
    with _open(path) as container:
        stream = _audio_stream(container, path)
        try:
            frame = next(container.decode(stream), None)
        except av.error.FFmpegError as exc:
            raise _fail(path, f"the audio data is corrupt ({exc.strerror or exc})") from None
        if frame is None or not frame.samples:
            raise _fail(path, "contains no audio samples (zero length)")
        declared = _declared_duration(container, stream)
        limit_s = DEFAULT_MAX_SECONDS if max_seconds is None else max_seconds
        if limit_s and declared is not None and declared > limit_s + 1:
            raise _fail(path, f"the recording is {declared:.1f} s long, longer than the {limit_s:g} s limit")
        return AudioInfo(
            path=str(path),
            size_bytes=size,
            container=container.format.name,
            codec=stream.codec_context.name,
            channels=stream.codec_context.channels,
            sample_rate=stream.codec_context.sample_rate,
            duration=declared,
        )


def load_audio(
    path: str | os.PathLike, *, max_seconds: float | None = None, max_bytes: int | None = None
) -> Audio:
    """Decode ``path`` to 16 kHz float32 (mono or stereo kept; more channels are mixed down to mono).

    ``max_seconds`` / ``max_bytes`` default to ``SALESDOJO_AUDIO_MAX_SECONDS`` / ``..._MAX_BYTES``
    (2 h, 300 MB); 0 disables a limit. Raises ``AudioError`` with a one-line reason.
    """
    size = _check_file(path, max_bytes)
    limit_s = DEFAULT_MAX_SECONDS if max_seconds is None else max_seconds
    _check_wav_header(path, size)
    with _open(path) as container:
        stream = _audio_stream(container, path)
        rate_in = stream.codec_context.sample_rate
        channels_in = stream.codec_context.channels
        declared = _declared_duration(container, stream)
        if limit_s and declared is not None and declared > limit_s + 1:
            raise _fail(path, f"the recording is {declared:.1f} s long, longer than the {limit_s:g} s limit")
        layout = "stereo" if channels_in == 2 else "mono"
        samples = _decode(container, stream, layout, limit_s, path)
        kind = container.format.name
        codec = stream.codec_context.name
    if samples.shape[1] == 0:
        raise _fail(path, "contains no audio samples (zero length)")
    decoded = samples.shape[1] / SAMPLE_RATE
    if (
        declared
        and kind.split(",")[0] in EXACT_LENGTH_FORMATS
        and decoded + TRUNCATION_TOLERANCE_S < declared
    ):
        raise _fail(
            path, f"the file is truncated: it declares {declared:.1f} s but only {decoded:.1f} s decode"
        )
    audio = Audio(samples=samples, sample_rate_in=rate_in or 0, path=str(path), codec=codec, container=kind)
    audio.extra["channels_in"] = channels_in
    return audio


def _decode(
    container: av.container.InputContainer,
    stream: av.audio.AudioStream,
    layout: str,
    limit_s: float,
    path: str | os.PathLike,
) -> np.ndarray:
    resampler = av.AudioResampler(format="fltp", layout=layout, rate=SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    total = 0
    max_samples = int(limit_s * SAMPLE_RATE) + SAMPLE_RATE if limit_s else 0
    try:
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray())
                total += out.samples
            if max_samples and total > max_samples:
                raise _fail(path, f"the recording is longer than the {limit_s:g} s limit")
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray())
    except av.error.FFmpegError as exc:
        raise _fail(path, f"the audio data is corrupt ({exc.strerror or exc})") from None
    channels = 2 if layout == "stereo" else 1
    if not chunks:
        return np.zeros((channels, 0), dtype=np.float32)
    return np.ascontiguousarray(np.concatenate(chunks, axis=1), dtype=np.float32)
