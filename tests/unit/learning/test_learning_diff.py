"""The history page's line diff."""

from __future__ import annotations

from app.learning.editing import diff_lines


def test_diff_marks_removed_and_added_lines_and_cuts_long_unchanged_runs():
    old = "\n".join(f"строка {i}" for i in range(20))
    new = old.replace("строка 3", "строка три").replace("строка 17", "строка семнадцать")
    lines = diff_lines(old, new, context=1)
    kinds = [(line.kind, line.text) for line in lines]
    assert ("removed", "строка 3") in kinds and ("added", "строка три") in kinds
    assert ("removed", "строка 17") in kinds and ("added", "строка семнадцать") in kinds
    assert ("gap", "…") in kinds
    assert ("same", "строка 10") not in kinds  # far from any change


def test_equal_texts_have_no_diff():
    assert diff_lines("а\nб", "а\nб") == []
