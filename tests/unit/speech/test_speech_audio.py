"""Audio intake: every container decodes to 16 kHz float, bad files are refused with a one-line reason."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.audio import SAMPLE_RATE, AudioError, load_audio, probe_audio

CONTAINERS = ["clip.wav", "clip.mp3", "clip.opus.ogg", "clip.m4a", "clip.flac", "clip.webm"]


@pytest.mark.parametrize("name", CONTAINERS)
def test_every_container_decodes_to_the_same_clip(audio_dir, refs, name):
    reference = load_audio(audio_dir / "clip.wav").channel(0)
    audio = load_audio(audio_dir / name)
    assert audio.channels == 1
    assert audio.sample_rate == SAMPLE_RATE
    assert audio.samples.dtype == np.float32
    assert audio.duration == pytest.approx(refs["clip"]["duration"], abs=0.08)
    # lossy codecs shift and colour the signal a little; the loudness envelope must match
    n = min(len(reference), audio.samples.shape[1]) // 1600 * 1600
    envelope_ref = np.abs(reference[:n]).reshape(-1, 1600).mean(axis=1)
    envelope = np.abs(audio.channel(0)[:n]).reshape(-1, 1600).mean(axis=1)
    assert np.corrcoef(envelope_ref, envelope)[0, 1] > 0.95


def test_stereo_call_keeps_both_channels_apart(audio_dir):
    audio = load_audio(audio_dir / "call04_closing.stereo.flac")
    assert audio.channels == 2 and audio.sample_rate_in == 16000
    left, right = audio.channel(0), audio.channel(1)
    assert np.abs(left).max() > 0.1 and np.abs(right).max() > 0.1
    # manager and client never speak at once in this fixture: the channels are nearly uncorrelated
    assert abs(np.corrcoef(left, right)[0, 1]) < 0.2
    assert np.allclose(audio.mono(), (left + right) / 2, atol=1e-6)


@pytest.mark.parametrize("name", ["call03_gatekeeper.tel8k.wav", "call01_discovery.tel8k.mp3"])
def test_telephony_is_resampled_from_8_khz(audio_dir, refs, name):
    audio = load_audio(audio_dir / name)
    assert audio.sample_rate_in == 8000
    assert audio.channels == 2
    assert audio.duration == pytest.approx(refs["calls"][refs["files"][name]["call"]]["duration"], abs=0.1)


def test_resampling_keeps_the_pitch(write_wav, synth):
    path = write_wav("tone8k.wav", [synth.tone(440.0, 2.0, rate=8000)], rate=8000)
    audio = load_audio(path)
    assert audio.samples.shape[1] == pytest.approx(2 * SAMPLE_RATE, abs=40)
    spectrum = np.abs(np.fft.rfft(audio.channel(0)))
    peak = np.fft.rfftfreq(audio.samples.shape[1], 1 / SAMPLE_RATE)[spectrum.argmax()]
    assert peak == pytest.approx(440.0, abs=2.0)


def test_more_than_two_channels_are_mixed_down(write_wav, synth):
    a = synth.tone(300.0, 1.0)
    path = write_wav("quad.wav", [a, a, a, a])
    audio = load_audio(path)
    assert audio.channels == 1 and audio.extra["channels_in"] == 4


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("bad_text.mp3", "not an audio file"),
        ("bad_empty.wav", "empty"),
        ("bad_truncated.wav", "truncated"),
    ],
)
def test_bad_files_are_refused_with_one_line_naming_file_and_problem(audio_dir, name, problem):
    with pytest.raises(AudioError) as caught:
        load_audio(audio_dir / name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert problem in message
    assert "\n" not in message
    with pytest.raises(AudioError, match=problem):
        probe_audio(audio_dir / name)


def test_random_bytes_and_missing_files_are_refused(tmp_path):
    noise = tmp_path / "noise.wav"
    noise.write_bytes(np.random.default_rng(1).integers(0, 256, 40_000, dtype=np.uint8).tobytes())
    with pytest.raises(AudioError, match="noise.wav: not an audio file"):
        load_audio(noise)
    with pytest.raises(AudioError, match="missing.mp3: file not found"):
        load_audio(tmp_path / "missing.mp3")
    with pytest.raises(AudioError, match="not a regular file"):
        load_audio(tmp_path)


def test_size_and_duration_limits(audio_dir):
    with pytest.raises(AudioError, match=r"clip.wav: the file is .* larger than the 1.0 KB limit"):
        load_audio(audio_dir / "clip.wav", max_bytes=1024)
    with pytest.raises(
        AudioError, match=r"clip.mp3: the recording is \d+\.\d s long, longer than the 5 s limit"
    ):
        load_audio(audio_dir / "clip.mp3", max_seconds=5)
    assert load_audio(audio_dir / "clip.mp3", max_seconds=0, max_bytes=0).duration > 9  # 0 = no limit


def test_a_wav_header_with_no_samples_is_zero_length(write_wav):
    path = write_wav("nothing.wav", [np.zeros(0, np.float32)])
    with pytest.raises(AudioError, match="nothing.wav: .*(zero length|not an audio file)"):
        load_audio(path)


def test_streaming_wav_with_open_size_is_not_called_truncated(write_wav, synth):
    path = write_wav("stream.wav", [synth.tone(200.0, 1.0)])
    data = bytearray(path.read_bytes())
    data[40:44] = (0xFFFFFFFF).to_bytes(4, "little")  # data chunk size left open by a streaming writer
    path.write_bytes(bytes(data))
    assert load_audio(path).duration == pytest.approx(1.0, abs=0.01)


def test_probe_describes_without_decoding_everything(audio_dir):
    info = probe_audio(audio_dir / "call03_gatekeeper.tel8k.wav")
    assert (info.codec, info.channels, info.sample_rate) == ("pcm_alaw", 2, 8000)
    assert info.duration == pytest.approx(52.4, abs=0.1)
    assert info.size_bytes == (audio_dir / "call03_gatekeeper.tel8k.wav").stat().st_size


def test_probe_applies_the_duration_limit(audio_dir):
    with pytest.raises(AudioError, match=r"call04_closing.stereo.flac: the recording is 50.6 s long"):
        probe_audio(audio_dir / "call04_closing.stereo.flac", max_seconds=30)
    assert probe_audio(audio_dir / "call04_closing.stereo.flac", max_seconds=60).channels == 2
