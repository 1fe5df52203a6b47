"""Offline speaker clustering for mono calls: VAD windows, MFCC + pitch features, agglomerative clusters."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLE_RATE = 16000
FRAME, HOP, N_FFT, N_MELS, N_MFCC = 400, 160, 512, 40, 20  # 25 ms frames every 10 ms
WINDOW_S, WINDOW_HOP_S, MIN_WINDOW_S = 1.2, 0.4, 0.4
PITCH_MIN_HZ, PITCH_MAX_HZ = 60.0, 420.0
PITCH_WEIGHT = 3.0  # pitch separates voices well; give it the weight of a few cepstral coefficients
# A third voice (a gatekeeper before the decision maker) is accepted when three clusters are almost as
# compact as two: on the fixtures a real third voice costs ~0.01 of silhouette, a split voice >= 0.1.
THIRD_SPEAKER_TOLERANCE = 0.05
MIN_CLUSTER_SHARE = 0.08


@dataclass(frozen=True)
class SpeakerTurn:
    """A stretch of the recording attributed to one voice cluster."""

    start: float
    end: float
    label: int


def _mel_filterbank(rate: int = SAMPLE_RATE) -> np.ndarray:
    def hz_to_mel(hz: np.ndarray | float) -> np.ndarray:
        return 2595.0 * np.log10(1.0 + np.asarray(hz) / 700.0)

    mels = np.linspace(hz_to_mel(60.0), hz_to_mel(rate / 2 - 400), N_MELS + 2)
    bins = np.floor((N_FFT + 1) * (700.0 * (10 ** (mels / 2595.0) - 1.0)) / rate).astype(int)
    bank = np.zeros((N_MELS, N_FFT // 2 + 1), dtype=np.float32)
    for m in range(1, N_MELS + 1):
        left, centre, right = bins[m - 1], bins[m], bins[m + 1]
        bank[m - 1, left:centre] = (np.arange(left, centre) - left) / max(centre - left, 1)
        bank[m - 1, centre:right] = (right - np.arange(centre, right)) / max(right - centre, 1)
    return bank


def _frames(samples: np.ndarray, size: int, hop: int) -> np.ndarray:
    if len(samples) < size:
        samples = np.pad(samples, (0, size - len(samples)))
    count = 1 + (len(samples) - size) // hop
    return np.lib.stride_tricks.sliding_window_view(samples, size)[::hop][:count]


def mfcc(samples: np.ndarray) -> np.ndarray:
    """MFCCs (frames x N_MFCC) of 16 kHz audio, 25 ms frames every 10 ms."""
    from scipy.fft import dct

    emphasised = np.append(samples[:1], samples[1:] - 0.97 * samples[:-1]).astype(np.float32)
    frames = _frames(emphasised, FRAME, HOP) * np.hamming(FRAME).astype(np.float32)
    power = np.abs(np.fft.rfft(frames, N_FFT)) ** 2 / N_FFT
    mel = np.log(power @ _mel_filterbank().T + 1e-10)
    return dct(mel, type=2, axis=1, norm="ortho")[:, :N_MFCC].astype(np.float32)


def pitch(samples: np.ndarray) -> np.ndarray:
    """Per-frame F0 in Hz (0 where unvoiced) by normalised autocorrelation, aligned with ``mfcc`` frames."""
    size = 640  # 40 ms: two periods of a 60 Hz voice
    padded = np.pad(samples, (0, size))
    frames = _frames(padded, size, HOP)[: 1 + max(len(samples) - FRAME, 0) // HOP]
    frames = frames - frames.mean(axis=1, keepdims=True)
    spectrum = np.fft.rfft(frames, 2 * size)
    ac = np.fft.irfft(np.abs(spectrum) ** 2)[:, :size]
    energy = ac[:, :1] + 1e-9
    lo, hi = int(SAMPLE_RATE / PITCH_MAX_HZ), int(SAMPLE_RATE / PITCH_MIN_HZ)
    lag = lo + np.argmax(ac[:, lo:hi], axis=1)
    strength = ac[np.arange(len(ac)), lag] / energy[:, 0]
    loud = energy[:, 0] > 1e-4 * size
    return np.where((strength > 0.45) & loud, SAMPLE_RATE / lag, 0.0).astype(np.float32)


def window_spans(regions: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Cut speech regions into overlapping analysis windows."""
    spans = []
    for start, end in regions:
        if end - start < MIN_WINDOW_S:
            continue
        t = start
        while True:
            stop = min(t + WINDOW_S, end)
            spans.append((t, stop))
            if stop >= end or end - (t + WINDOW_HOP_S) < MIN_WINDOW_S:
                break
            t += WINDOW_HOP_S
    return spans


def window_features(samples: np.ndarray, spans: list[tuple[float, float]]) -> np.ndarray:
    """One row per window: mean cepstrum without c0 (so loudness-free) plus the median log pitch."""
    ceps, f0 = mfcc(samples), pitch(samples)
    rows = []
    for start, end in spans:
        a, b = (
            int(start * SAMPLE_RATE / HOP),
            max(int(end * SAMPLE_RATE / HOP), int(start * SAMPLE_RATE / HOP) + 1),
        )
        block = ceps[a:b, 1:]
        voiced = f0[a:b][f0[a:b] > 0]
        log_f0 = np.log(np.median(voiced)) if len(voiced) >= 3 else np.nan
        rows.append(np.concatenate([block.mean(axis=0), [log_f0]]))
    features = np.asarray(rows, dtype=np.float64)
    if len(features):
        missing = np.isnan(features[:, -1])
        fallback = np.nanmedian(features[:, -1]) if (~missing).any() else 0.0
        features[missing, -1] = fallback
    return features


def cluster_windows(features: np.ndarray, max_speakers: int = 3) -> np.ndarray:
    """Agglomerative (Ward) clustering into two voices, or three when three are about as compact."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler

    if len(features) < 4:
        return np.zeros(len(features), dtype=int)
    scaled = StandardScaler().fit_transform(features)
    scaled[:, -1] *= PITCH_WEIGHT
    best_labels, best_score = None, -1.0
    for k in range(2, min(max_speakers, len(features) - 1) + 1):
        labels = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(scaled)
        if np.bincount(labels).min() < MIN_CLUSTER_SHARE * len(labels):
            continue
        score = float(silhouette_score(scaled, labels))
        if best_labels is None or score >= best_score - THIRD_SPEAKER_TOLERANCE:
            best_labels, best_score = labels, score
    return best_labels if best_labels is not None else np.zeros(len(features), dtype=int)


def speaker_timeline(
    samples: np.ndarray, regions: list[tuple[float, float]], max_speakers: int = 3
) -> list[SpeakerTurn]:
    """Label every 10 ms of speech with a voice cluster and return contiguous turns."""
    spans = window_spans(regions)
    if not spans:
        return [SpeakerTurn(s, e, 0) for s, e in regions]
    labels = cluster_windows(window_features(samples, spans), max_speakers)
    n = int(np.ceil(len(samples) / HOP)) + 1
    k = int(labels.max()) + 1
    votes = np.zeros((n, k), dtype=np.float32)
    for (start, end), label in zip(spans, labels, strict=True):
        votes[int(start * 100) : int(end * 100) + 1, label] += 1.0
    turns: list[SpeakerTurn] = []
    for start, end in regions:
        a, b = int(start * 100), max(int(end * 100), int(start * 100) + 1)
        region_votes = votes[a:b]
        if not region_votes.any():
            # a region too short for its own window: take the nearest voiced neighbour's label
            nearest = _nearest_label(votes, a, b)
            turns.append(SpeakerTurn(start, end, nearest))
            continue
        frame_labels = _fill_gaps(region_votes)
        cuts = np.flatnonzero(np.diff(frame_labels)) + 1
        bounds = [0, *cuts.tolist(), len(frame_labels)]
        for i in range(len(bounds) - 1):
            turns.append(
                SpeakerTurn(
                    start + bounds[i] / 100,
                    min(end, start + bounds[i + 1] / 100),
                    int(frame_labels[bounds[i]]),
                )
            )
    return _merge(turns)


def _fill_gaps(region_votes: np.ndarray) -> np.ndarray:
    labels = region_votes.argmax(axis=1)
    has = region_votes.sum(axis=1) > 0
    idx = np.where(has, np.arange(len(labels)), -1)
    np.maximum.accumulate(idx, out=idx)
    first = int(np.argmax(has))
    idx[idx < 0] = first
    return labels[idx]


def _nearest_label(votes: np.ndarray, a: int, b: int) -> int:
    voiced = np.flatnonzero(votes.sum(axis=1) > 0)
    if not len(voiced):
        return 0
    centre = (a + b) // 2
    return int(votes[voiced[np.argmin(np.abs(voiced - centre))]].argmax())


def _merge(turns: list[SpeakerTurn], gap: float = 0.3) -> list[SpeakerTurn]:
    merged: list[SpeakerTurn] = []
    for turn in turns:
        if merged and merged[-1].label == turn.label and turn.start - merged[-1].end <= gap:
            merged[-1] = SpeakerTurn(merged[-1].start, turn.end, turn.label)
        else:
            merged.append(turn)
    return merged
