"""Every UI string in the source has an English translation (Russian is the source language)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def test_english_catalog_covers_every_extracted_string(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--omit-header",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as fh:
        source_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    with (ROOT / "app/translations/en/LC_MESSAGES/messages.po").open("rb") as fh:
        catalog = {(m.id if isinstance(m.id, str) else m.id[0]): m.string for m in read_po(fh) if m.id}
    missing = sorted(
        i for i in source_ids if not catalog.get(i) or (isinstance(catalog[i], tuple) and not all(catalog[i]))
    )
    assert not missing, f"{len(missing)} strings lack English, run tools/i18n.sh: {missing[:10]}"
