"""Model provisioning from the split packages: assembly, checksum, concurrency, overrides."""

from __future__ import annotations

import hashlib
import sys
import threading
from pathlib import Path

import pytest

from scoring.asr import models


@pytest.fixture
def fake_parts(tmp_path, monkeypatch):
    """Two importable packages holding a small 'model' in two parts, with the checksum patched to match."""
    root = tmp_path / "site"
    blob = bytes(range(256)) * 1000
    halves = (blob[:100_000], blob[100_000:])
    names = ("fake_model_part1", "fake_model_part2")
    for name, half, part in zip(names, halves, models.PART_FILES, strict=True):
        data = root / name / "data"
        data.mkdir(parents=True)
        (root / name / "__init__.py").write_text("")
        (data / part).write_bytes(half)
    for side in models.SIDE_FILES:
        (root / names[0] / "data" / side).write_text(f"{side} content")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(models, "PART_PACKAGES", names)
    monkeypatch.setattr(models, "MODEL_SHA256", hashlib.sha256(blob).hexdigest())
    monkeypatch.setattr(models, "MODEL_SIZE", len(blob))
    monkeypatch.delenv("WHISPER_MODEL", raising=False)
    yield blob
    for name in names:
        sys.modules.pop(name, None)


def test_parts_are_assembled_once_into_the_cache(fake_parts, tmp_path):
    cache = tmp_path / "cache"
    target = models.ensure_model(cache)
    assert target == cache / models.BUNDLED_NAME
    assert (target / "model.bin").read_bytes() == fake_parts
    assert all((target / f).is_file() for f in models.SIDE_FILES)
    stamp = (target / "model.bin").stat().st_mtime_ns
    assert models.ensure_model(cache) == target
    assert (target / "model.bin").stat().st_mtime_ns == stamp  # not rebuilt
    assert not [p for p in cache.iterdir() if p.name.startswith(f".{models.BUNDLED_NAME}-")]  # no temp left


def test_cache_dir_comes_from_the_environment(fake_parts, tmp_path, monkeypatch):
    monkeypatch.setenv("SALESDOJO_CACHE_DIR", str(tmp_path / "envcache"))
    assert models.ensure_model() == tmp_path / "envcache" / models.BUNDLED_NAME


def test_a_damaged_copy_is_rebuilt_when_verified(fake_parts, tmp_path):
    target = models.ensure_model(tmp_path)
    model = target / "model.bin"
    model.write_bytes(b"x" * len(fake_parts))  # same size, wrong bytes
    assert models.ensure_model(tmp_path, verify=True) == target
    assert model.read_bytes() == fake_parts


def test_a_wrong_checksum_is_refused_and_leaves_nothing_behind(fake_parts, tmp_path, monkeypatch):
    monkeypatch.setattr(models, "MODEL_SHA256", "0" * 64)
    cache = tmp_path / "cache"
    with pytest.raises(models.ModelError, match="checksum"):
        models.ensure_model(cache)
    assert not [p for p in cache.iterdir() if p.is_dir()]


def test_concurrent_starts_build_one_good_copy(fake_parts, tmp_path):
    results, errors = [], []

    def start() -> None:
        try:
            results.append(models.ensure_model(tmp_path))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(results)) == 1
    assert (results[0] / "model.bin").read_bytes() == fake_parts


def test_missing_package_names_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(models, "PART_PACKAGES", ("no_such_model_pkg_1", "no_such_model_pkg_2"))
    with pytest.raises(models.ModelError, match="no-such-model-pkg-1 is not installed"):
        models.ensure_model(tmp_path)


def test_whisper_model_override(tmp_path, monkeypatch):
    local = tmp_path / "my-model"
    local.mkdir()
    monkeypatch.setenv("WHISPER_MODEL", str(local))
    assert models.resolve_model(cache_dir=tmp_path) == str(local)
    monkeypatch.setenv("WHISPER_MODEL", "small")  # a name: only meaningful with internet access
    assert models.resolve_model(cache_dir=tmp_path) == "small"
    monkeypatch.setenv("WHISPER_MODEL", str(tmp_path / "gone"))
    with pytest.raises(models.ModelError, match="does not exist"):
        models.resolve_model(cache_dir=tmp_path)
    assert models.resolve_model("medium", cache_dir=tmp_path) == "medium"  # explicit argument wins


def test_openai_checkpoint_is_converted_once(tmp_path, monkeypatch):
    calls: list[Path] = []

    def fake_convert(source: Path, out: Path) -> Path:
        calls.append(source)
        out.write_bytes(b"checkpoint")
        return out

    monkeypatch.setattr("scoring.asr.convert.convert_ct2_to_openai", fake_convert)
    ct2 = tmp_path / "ct2"
    ct2.mkdir()
    (ct2 / "model.bin").write_bytes(b"model")
    first = models.ensure_openai_checkpoint(ct2, tmp_path / "cache")
    second = models.ensure_openai_checkpoint(ct2, tmp_path / "cache")
    assert first == second and first.read_bytes() == b"checkpoint"
    assert calls == [ct2]
    monkeypatch.setenv("WHISPER_MODEL", str(ct2))
    assert models.resolve_openai_checkpoint(cache_dir=tmp_path / "cache") == str(first)
