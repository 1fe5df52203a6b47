"""The integration API's metadata parsing: every refusal names its field."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.api.schemas import ApiInputError, load_metadata, parse_metadata
from app.calls.models import Direction, ManagerChannel

GOOD = {"external_id": "pbx-1", "manager_email": "anna@strela.example", "call_date": "2026-11-20T14:05:00"}


def test_full_metadata_is_parsed():
    data, email, checklist = parse_metadata(
        {
            **GOOD,
            "direction": "INBOUND",
            "manager_channel": "right",
            "client_company": " ООО Ромашка ",
            "checklist": "spin",
        }
    )
    assert (data.call_date, data.call_time) == (date(2026, 11, 20), time(14, 5))
    assert data.direction == Direction.INBOUND and data.manager_channel == ManagerChannel.RIGHT
    assert (data.client_company, data.external_id, email, checklist) == (
        "ООО Ромашка",
        "pbx-1",
        "anna@strela.example",
        "spin",
    )


def test_defaults_for_optional_fields():
    data, _email, checklist = parse_metadata({**GOOD, "call_date": "2026-11-20"})
    assert data.call_time is None and data.direction == Direction.OUTBOUND and checklist == "cold_call"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"external_id": None}, "external_id"),
        ({"manager_email": ""}, "manager_email"),
        ({"call_date": "20.11.2026"}, "call_date"),
        ({"direction": "sideways"}, "direction"),
        ({"manager_channel": "centre"}, "manager_channel"),
        ({"transcript": "text"}, "transcript"),
        ({"client_company": "x" * 201}, "client_company"),
    ],
)
def test_bad_fields_are_named(change, field):
    with pytest.raises(ApiInputError) as caught:
        parse_metadata({**GOOD, **change})
    assert caught.value.field == field


@pytest.mark.parametrize("raw", [None, "", "{not json", "[1, 2]"])
def test_metadata_must_be_a_json_object(raw):
    with pytest.raises(ApiInputError) as caught:
        load_metadata(raw)
    assert caught.value.field == "metadata"
