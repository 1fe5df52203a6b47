"""openai-whisper (PyTorch) engine on a checkpoint converted from the bundled weights (or a user ``.pt``)."""

from __future__ import annotations

import gc
import os
import threading
import warnings

import numpy as np

from scoring.asr.base import AsrEngine, AsrSegment, AsrWord, ProgressFn
from scoring.asr.models import BUNDLED_MODEL_LABEL, resolve_openai_checkpoint


class OpenAIWhisperEngine(AsrEngine):
    """Whisper through PyTorch; same weights, same VAD and decoding options as the default engine."""

    name = "openai-whisper"

    def __init__(
        self,
        model: str | None = None,
        *,
        device: str = "auto",
        beam_size: int = 5,
        vad: bool = True,
        initial_prompt: str | None = None,
        cache_dir: str | None = None,
        **_ignored: object,
    ) -> None:
        super().__init__()
        import torch
        import whisper

        source = resolve_openai_checkpoint(model, cache_dir)
        self.device = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        self.model_name = (
            BUNDLED_MODEL_LABEL.replace("CTranslate2", "converted to PyTorch")
            if not (model or os.environ.get("WHISPER_MODEL"))
            else source
        )
        self.beam_size = beam_size
        self.vad = vad
        self.initial_prompt = initial_prompt
        self._lock = threading.Lock()
        self._model = whisper.load_model(source, device=self.device)
        with warnings.catch_warnings():
            # openai-whisper reads its vocabulary without closing the file; load it (cached) quietly now
            warnings.simplefilter("ignore", ResourceWarning)
            # same keyword call as whisper.tokenizer.get_tokenizer, so that its lru_cache entry is hit
            name = "multilingual" if self._model.is_multilingual else "gpt2"
            whisper.tokenizer.get_encoding(name=name, num_languages=self._model.num_languages)
            gc.collect()
        if os.path.isfile(source):
            self._set_alignment_heads(torch.load(source, map_location="cpu", mmap=True, weights_only=True))

    def _set_alignment_heads(self, checkpoint: dict) -> None:
        """Use the model's own word-timing heads (openai-whisper only knows them for its named models)."""
        import torch

        heads = checkpoint.get("alignment_heads")
        if not heads:
            return
        dims = self._model.dims
        mask = torch.zeros(dims.n_text_layer, dims.n_text_head, dtype=torch.bool)
        for layer, head in heads:
            mask[layer, head] = True
        self._model.register_buffer("alignment_heads", mask.to_sparse().to(self.device), persistent=False)

    def _decode(self, samples: np.ndarray, language: str, vocabulary: str | None = None) -> dict:
        # carry_initial_prompt puts the vocabulary in front of every window's prompt, like hotwords in
        # faster-whisper; without a vocabulary the configured initial prompt conditions the first window only
        return self._model.transcribe(
            samples,
            language=language,
            beam_size=self.beam_size,
            best_of=self.beam_size,
            condition_on_previous_text=False,
            word_timestamps=True,
            initial_prompt=vocabulary or self.initial_prompt,
            carry_initial_prompt=bool(vocabulary),
            fp16=self.device == "cuda",
            verbose=None,
        )

    def _recognise(
        self, samples: np.ndarray, *, language: str, progress: ProgressFn | None, vocabulary: str | None = None
    ) -> list[AsrSegment]:
        with self._lock:  # word timestamps install hooks on the shared model: one call at a time
            result = self._decode(samples, language, vocabulary)
        out = []
        for seg in result["segments"]:
            words = tuple(
                AsrWord(w["word"], float(w["start"]), float(w["end"]), float(w["probability"]))
                for w in seg.get("words") or ()
            )
            out.append(
                AsrSegment(
                    start=float(seg["start"]),
                    end=float(seg["end"]),
                    text=seg["text"].strip(),
                    avg_logprob=float(seg["avg_logprob"]),
                    no_speech_prob=float(seg["no_speech_prob"]),
                    compression_ratio=float(seg["compression_ratio"]),
                    words=words,
                )
            )
        if progress:
            progress(1.0)
        return out
