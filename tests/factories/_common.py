"""Paths and a sequence shared by the factory modules."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CALLS_DIR = ROOT / "tests" / "data" / "calls"
# The speech pipeline commits its generated recordings here; the variable points elsewhere while it has not.
AUDIO = Path(os.environ.get("SALESDOJO_TEST_AUDIO_DIR") or ROOT / "tests" / "data" / "audio")
GOOD_CALL = "call01_strela_docs_gk_connects_good.json"

_seq = itertools.count(1)
