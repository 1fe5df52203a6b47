"""Synthesise the committed test recordings in tests/data/audio/ (festival + festvox-ru, sox, ffmpeg).

Run from the repository root: ``python tools/audio/make_fixtures.py [--out tests/data/audio]``.
The output is deterministic for a given festival/sox build (the added noise is seeded). The product
code never needs these tools; only this generator does.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dialogues import CALLS, DURATION_STRETCH, GAPS, ROLE_OF_VOICE, VOICES

RATE = 16000
VOCABULARY = "Стрела Экспресс, курьерская доставка, логистика"
LEAD_IN = 0.6  # seconds of silence before the first turn
TAIL = 0.8
CLIP_TURN = 1  # the container clip is the manager's introduction in call01, mono
TELEPHONY_WAV_CALL = "call03_gatekeeper"  # A-law stereo wav
TELEPHONY_MP3_CALL = "call01_discovery"  # 8 kHz stereo mp3, as many PBXs export
NOISE_CALL = "call02_objection"
NOISE_SNR_DB = 12.0


def run(cmd: list[str]) -> None:
    """Run one external tool, failing loudly."""
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def read_wav(path: Path) -> np.ndarray:
    """Read a 16-bit mono wav as float32 in [-1, 1]."""
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == RATE and wav.getnchannels() == 1, path
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    return data.astype(np.float32) / 32768.0


def write_wav(path: Path, channels: list[np.ndarray], rate: int = RATE) -> None:
    """Write float channels as interleaved 16-bit PCM."""
    stacked = np.stack(channels, axis=1)
    pcm = (np.clip(stacked, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(len(channels))
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm.tobytes())


def speak(text: str, voice: str, work: Path, index: int) -> np.ndarray:
    """Synthesise one line with festival and shape it into the given voice with sox."""
    txt, raw, shaped = work / f"{index}.txt", work / f"{index}.raw.wav", work / f"{index}.wav"
    txt.write_text(text + "\n", encoding="utf-8")
    stretch = f"(Parameter.set 'Duration_Stretch {DURATION_STRETCH})"
    run(["text2wave", "-eval", "(voice_msu_ru_nsh_clunits)", "-eval", stretch, str(txt), "-o", str(raw)])
    effects = [*VOICES[voice], "gain", "-n", "-3", "rate", str(RATE)]
    run(["sox", "-D", str(raw), "-r", str(RATE), "-c", "1", str(shaped), *effects])
    return read_wav(shaped)


def build_call(name: str, work: Path) -> tuple[np.ndarray, np.ndarray, list[dict]]:
    """Lay the turns of one call on a timeline: manager on the left channel, client side on the right."""
    pieces, turns, cursor = [], [], LEAD_IN
    for index, (voice, text) in enumerate(CALLS[name]):
        audio = speak(text, voice, work, index)
        start = cursor
        end = start + len(audio) / RATE
        pieces.append((voice, int(round(start * RATE)), audio))
        turns.append(
            {
                "voice": voice,
                "speaker": ROLE_OF_VOICE.get(voice, "client"),
                "start": round(start, 3),
                "end": round(end, 3),
                "text": text,
            }
        )
        cursor = end + GAPS[index % len(GAPS)]
    total = int(round((cursor - GAPS[(len(CALLS[name]) - 1) % len(GAPS)] + TAIL) * RATE))
    left, right = np.zeros(total, np.float32), np.zeros(total, np.float32)
    for voice, offset, audio in pieces:
        target = left if voice == "manager" else right
        target[offset : offset + len(audio)] += audio
    return left, right, turns


def add_noise(signal: np.ndarray, snr_db: float, seed: int) -> np.ndarray:
    """Add seeded pink-ish noise plus a faint 50 Hz hum at the given speech-to-noise ratio."""
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(len(signal)).astype(np.float32)
    spectrum = np.fft.rfft(white)
    spectrum /= np.sqrt(np.maximum(np.arange(len(spectrum)), 1.0))  # 1/f power
    noise = np.fft.irfft(spectrum, n=len(signal)).astype(np.float32)
    noise += 0.3 * np.sin(2 * np.pi * 50 * np.arange(len(signal)) / RATE).astype(np.float32) * noise.std()
    speech_power = np.mean(signal[np.abs(signal) > 1e-4] ** 2)
    noise *= np.sqrt(speech_power / (10 ** (snr_db / 10)) / np.mean(noise**2))
    return signal + noise


def encode(src: Path, dst: Path, *args: str) -> None:
    """Encode with ffmpeg (no metadata, deterministic flags)."""
    run(
        [
            "ffmpeg",
            "-nostdin",
            "-y",
            "-loglevel",
            "error",
            "-i",
            str(src),
            "-map_metadata",
            "-1",
            "-fflags",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            *args,
            str(dst),
        ]
    )


def make_calls(out: Path, work: Path, refs: dict) -> None:
    """Write the stereo, mono, telephony and noisy versions of the calls (sized to keep the repo small)."""
    for name in CALLS:
        left, right, turns = build_call(name, work / name)
        refs["calls"][name] = {"duration": round(len(left) / RATE, 3), "turns": turns}
        tmp_stereo, tmp_mono = work / f"{name}.stereo.wav", work / f"{name}.mono.wav"
        write_wav(tmp_stereo, [left, right])
        mono = left + right
        write_wav(tmp_mono, [mono])
        # clean 16 kHz stereo, lossless: manager left, client right
        encode(tmp_stereo, out / f"{name}.stereo.flac", "-c:a", "flac", "-compression_level", "12")
        add_file(refs, f"{name}.stereo.flac", call=name, layout="stereo", sample_rate=RATE, channels=2)
        # mono mix as a phone would export it (Opus in Ogg)
        encode(tmp_mono, out / f"{name}.mono.ogg", "-c:a", "libopus", "-b:a", "24k")
        add_file(refs, f"{name}.mono.ogg", call=name, layout="mono", sample_rate=RATE, channels=1)
        if name in (TELEPHONY_WAV_CALL, TELEPHONY_MP3_CALL):
            # band-limited 300-3400 Hz at 8 kHz, stored as PBXs do: A-law wav, or a low-rate mp3
            tel = work / f"{name}.tel8k.wav"
            run(["sox", "-D", str(tmp_stereo), "-r", "8000", "-e", "a-law", str(tel), "sinc", "300-3400"])
            if name == TELEPHONY_WAV_CALL:
                shutil.copy(tel, out / tel.name)
            else:
                tel = out / f"{name}.tel8k.mp3"
                encode(work / f"{name}.tel8k.wav", tel, "-c:a", "libmp3lame", "-b:a", "32k")
            add_file(refs, tel.name, call=name, layout="stereo", sample_rate=8000, channels=2)
        if name == NOISE_CALL:
            noisy = work / f"{name}.noisy.wav"
            write_wav(noisy, [add_noise(mono, NOISE_SNR_DB, seed=7)])
            encode(noisy, out / f"{name}.noisy.mono.mp3", "-c:a", "libmp3lame", "-b:a", "64k")
            add_file(
                refs,
                f"{name}.noisy.mono.mp3",
                call=name,
                layout="mono",
                sample_rate=RATE,
                channels=1,
                snr_db=NOISE_SNR_DB,
            )


def add_file(refs: dict, file: str, **facts: object) -> None:
    """Record what a fixture file holds."""
    refs["files"][file] = facts


def make_containers(out: Path, work: Path, refs: dict) -> None:
    """Encode one short mono clip in the containers/codecs phones and PBXs export."""
    turn = refs["calls"]["call01_discovery"]["turns"][CLIP_TURN]
    start, end = turn["start"] - 0.3, turn["end"] + 0.3
    clip = out / "clip.wav"
    run(
        [
            "sox",
            "-D",
            str(work / "call01_discovery.mono.wav"),
            str(clip),
            "trim",
            f"{start:.3f}",
            f"={end:.3f}",
        ]
    )
    refs["clip"] = {"duration": round(end - start, 3), "text": turn["text"], "speaker": turn["speaker"]}
    formats = {
        "clip.mp3": ["-c:a", "libmp3lame", "-b:a", "32k"],
        "clip.opus.ogg": ["-c:a", "libopus", "-b:a", "24k"],
        "clip.m4a": ["-c:a", "aac", "-b:a", "32k"],
        "clip.flac": ["-c:a", "flac"],
        "clip.webm": ["-c:a", "libopus", "-b:a", "24k"],
    }
    add_file(refs, clip.name, clip=True, layout="mono", sample_rate=RATE, channels=1)
    for file, args in formats.items():
        encode(clip, out / file, *args)
        add_file(refs, file, clip=True, layout="mono", channels=1)
    silence = work / "silence.wav"
    write_wav(silence, [np.zeros(RATE * 8, np.float32)])
    encode(silence, out / "silence.flac", "-c:a", "flac")
    add_file(refs, "silence.flac", layout="mono", channels=1, silence=True)


def make_bad_files(out: Path, refs: dict) -> None:
    """Files the intake must reject with a clear message."""
    (out / "bad_text.mp3").write_text("это не звук, а текстовый файл\n", encoding="utf-8")
    (out / "bad_empty.wav").write_bytes(b"")
    data = (out / "clip.wav").read_bytes()
    (out / "bad_truncated.wav").write_bytes(data[: len(data) // 3])
    refs["bad"] = {"bad_text.mp3": "not audio", "bad_empty.wav": "empty", "bad_truncated.wav": "truncated"}


def main(argv: list[str] | None = None) -> int:
    """Generate every fixture and refs.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("tests/data/audio"))
    args = parser.parse_args(argv)
    for tool in ("text2wave", "sox", "ffmpeg"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is not installed (apt-get install festival festvox-ru sox ffmpeg)")
    args.out.mkdir(parents=True, exist_ok=True)
    # The fixtures' company vocabulary: what a customer would type in ASR_VOCABULARY (name and trade).
    refs: dict = {"rate": RATE, "vocabulary": VOCABULARY, "calls": {}, "files": {}}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in CALLS:
            (work / name).mkdir()
        make_calls(args.out, work, refs)
        make_containers(args.out, work, refs)
    make_bad_files(args.out, refs)
    text = json.dumps(refs, ensure_ascii=False, indent=1) + "\n"
    (args.out / "refs.json").write_text(text, encoding="utf-8")
    total = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"wrote {len(list(args.out.iterdir()))} files, {total / 1e6:.2f} MB, into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
