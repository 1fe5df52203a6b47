"""Recording storage port: content-addressed files under ``STORAGE_DIR``, written atomically, never by user path."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app

CHUNK = 1 << 20
_KEY = re.compile(r"^recordings/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}\.[a-z0-9]{1,8}$")


class StorageError(RuntimeError):
    """The storage cannot take or give a file."""


@dataclass
class TempFile:
    """An upload spooled to the storage's temp area with its hash and size."""

    path: Path
    sha256: str
    size: int


class RecordingStorage:
    """Files under ``root``: ``tmp/`` for uploads in flight, ``recordings/ab/cd/<sha256>.<ext>`` for keeps."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    @property
    def tmp_dir(self) -> Path:
        path = self.root / "tmp"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def path_for(self, key: str) -> Path:
        """Absolute path of a stored key; refuses anything that is not a recording key."""
        if not _KEY.match(key):
            raise StorageError(f"not a recording key: {key!r}")
        return self.root / key

    def spool(self, stream: BinaryIO, max_bytes: int | None = None) -> TempFile:
        """Copy a stream to a new temp file while hashing it; the caller removes it (``discard``)."""
        path = self.tmp_dir / f"upload-{secrets.token_hex(8)}.part"
        digest, size = hashlib.sha256(), 0
        try:
            with open(path, "xb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if max_bytes and size > max_bytes:
                        raise StorageError(f"larger than the {max_bytes // (1 << 20)} MB limit")
                    digest.update(chunk)
                    out.write(chunk)
        except BaseException:
            self.discard(path)
            raise
        return TempFile(path, digest.hexdigest(), size)

    def place(self, temp: TempFile, key: str) -> bool:
        """Move a temp file to ``key`` atomically; returns False (and drops the temp) when already stored."""
        target = self.path_for(key)
        if target.exists():
            self.discard(temp.path)
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temp.path, target)  # same filesystem: an atomic rename, never a half-written file
        return True

    def exists(self, key: str) -> bool:
        """Whether the file for ``key`` is present."""
        return self.path_for(key).is_file()

    def remove(self, key: str) -> None:
        """Delete a stored file (used to undo a placement whose database rows were not written)."""
        self.discard(self.path_for(key))

    @staticmethod
    def discard(path: str | os.PathLike) -> None:
        """Remove a file if it is there."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def get_storage() -> RecordingStorage:
    """The storage configured for the current app (``STORAGE_DIR``)."""
    return RecordingStorage(current_app.config["STORAGE_DIR"])
