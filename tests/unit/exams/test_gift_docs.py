"""Every GIFT example in docs/gift.md parses, has the type the page says, and every supported type is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.exams.gift import QType, parse_gift, write_gift

DOC = Path(__file__).resolve().parents[3] / "docs" / "gift.md"
EXAMPLE = re.compile(r"<!-- type: ([a-z_ ]+) -->\n```gift\n(.*?)```", re.DOTALL)
EXAMPLES = EXAMPLE.findall(DOC.read_text(encoding="utf-8"))


def test_the_page_has_examples_and_none_is_unchecked():
    assert len(EXAMPLES) >= 10
    assert DOC.read_text(encoding="utf-8").count("```gift") == len(EXAMPLES)


@pytest.mark.parametrize("expected, text", EXAMPLES, ids=[f"{i}-{e.strip()}" for i, (e, _t) in enumerate(EXAMPLES)])
def test_example_parses_to_the_announced_type(expected, text):
    result = parse_gift(text)
    assert result.errors == [], [str(e) for e in result.errors]
    assert len(result.questions) == 1
    question = result.questions[0]
    kind, *flags = expected.split()
    assert question.qtype == QType(kind)
    assert question.missing_word == ("missing_word" in flags)
    assert parse_gift(write_gift(result.questions)).questions == result.questions


def test_every_supported_type_is_documented():
    shown = {expected.split()[0] for expected, _text in EXAMPLES}
    assert shown == {t.value for t in QType}
    assert any("missing_word" in expected for expected, _text in EXAMPLES)
