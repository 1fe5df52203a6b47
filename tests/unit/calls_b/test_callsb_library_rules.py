"""Library rules without the app: clock times and tags."""

from __future__ import annotations

import pytest

from app.calls.library import fragment_lines, normalize_tags, parse_clock


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("", None), ("75", 75.0), ("1:15", 75.0), ("01:05.5", 65.5), ("1:02:03", 3723.0), ("12,5", 12.5)],
)
def test_parse_clock(text, seconds):
    assert parse_clock(text) == seconds


@pytest.mark.parametrize("text", ["1:75", "abc", "1:2:3:4", "-5", "1:"])
def test_parse_clock_rejects_nonsense(text):
    with pytest.raises(ValueError):
        parse_clock(text)


def test_normalize_tags():
    assert normalize_tags(" Возражения, цена ;#цена\n  работа   с  возражениями ,, ") == [
        "возражения",
        "цена",
        "работа с возражениями",
    ]


def test_fragment_lines_keep_only_what_starts_inside_the_fragment():
    transcript = {
        "segments": [
            {"speaker": "client", "start": 0.0, "end": 9.0, "text": "до фрагмента"},
            {"speaker": "manager", "start": 9.8, "end": 14.0, "text": "начало"},
            {"speaker": "client", "start": 15.0, "end": 25.0, "text": "внутри"},
            {"speaker": "manager", "start": 30.0, "end": 31.0, "text": "после"},
        ]
    }
    assert [line.text for line in fragment_lines(transcript, 10.0, 30.0)] == ["начало", "внутри"]
    assert len(fragment_lines(transcript, None, None)) == 4
