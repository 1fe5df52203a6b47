"""faster-whisper (CTranslate2) engine: int8 on CPU, float16 on CUDA, Silero VAD, word timestamps."""

from __future__ import annotations

import os

import numpy as np

from scoring.asr.base import SAMPLE_RATE, AsrEngine, AsrSegment, AsrWord, ProgressFn
from scoring.asr.models import BUNDLED_MODEL_LABEL, resolve_model


def available_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def cuda_available() -> bool:
    """Whether CTranslate2 sees a CUDA device."""
    import ctranslate2

    try:
        return ctranslate2.get_cuda_device_count() > 0
    except RuntimeError:  # pragma: no cover - broken CUDA install
        return False


class FasterWhisperEngine(AsrEngine):
    """Whisper through CTranslate2; the default engine."""

    name = "faster-whisper"

    def __init__(
        self,
        model: str | None = None,
        *,
        device: str = "auto",
        compute_type: str | None = None,
        cpu_threads: int | None = None,
        beam_size: int = 5,
        vad: bool = True,
        initial_prompt: str | None = None,
        cache_dir: str | None = None,
    ) -> None:
        super().__init__()
        from faster_whisper import WhisperModel

        source = resolve_model(model, cache_dir)
        self.device = ("cuda" if cuda_available() else "cpu") if device == "auto" else device
        self.compute_type = compute_type or ("float16" if self.device == "cuda" else "int8")
        self.model_name = BUNDLED_MODEL_LABEL if not (model or os.environ.get("WHISPER_MODEL")) else source
        self.beam_size = beam_size
        self.vad = vad
        self.initial_prompt = initial_prompt
        self._model = WhisperModel(
            source,
            device=self.device,
            compute_type=self.compute_type,
            cpu_threads=cpu_threads or available_cpus(),
        )

    def _recognise(
        self, samples: np.ndarray, *, language: str, progress: ProgressFn | None, vocabulary: str | None = None
    ) -> list[AsrSegment]:
        duration = max(len(samples) / SAMPLE_RATE, 1e-6)
        segments, _info = self._model.transcribe(
            samples,
            language=language,
            beam_size=self.beam_size,
            vad_filter=False,  # the base class has already cut the audio down to speech
            condition_on_previous_text=False,
            word_timestamps=True,
            initial_prompt=self.initial_prompt,  # the first window only (no conditioning on previous text)
            hotwords=vocabulary,  # the prompt of every window (faster-whisper truncates it to fit)
        )
        out: list[AsrSegment] = []
        for seg in segments:  # a generator: decoding happens while we iterate
            words = tuple(
                AsrWord(w.word, float(w.start), float(w.end), float(w.probability)) for w in seg.words or ()
            )
            out.append(
                AsrSegment(
                    start=float(seg.start),
                    end=float(seg.end),
                    text=seg.text.strip(),
                    avg_logprob=float(seg.avg_logprob),
                    no_speech_prob=float(seg.no_speech_prob),
                    compression_ratio=float(seg.compression_ratio),
                    words=words,
                )
            )
            if progress:
                progress(min(1.0, seg.end / duration))
        return out

    def describe(self) -> dict:
        """Engine facts for transcript metadata."""
        return {**super().describe(), "compute_type": self.compute_type}
