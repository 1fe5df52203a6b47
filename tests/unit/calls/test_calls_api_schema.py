"""The integration API's metadata parsing: every refusal names its field."""

from __future__ import annotations

import json
from datetime import date, time

import pytest

from app.api.schemas import ApiInputError, load_metadata, load_transcript_part, parse_metadata
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


SEGMENT = {"speaker": "manager", "start": 0.0, "end": 2.5, "text": "Добрый день"}


def test_metadata_may_come_decoded_from_a_json_body():
    assert load_metadata(dict(GOOD)) == GOOD


@pytest.mark.parametrize(
    "raw",
    [
        {"segments": [SEGMENT]},
        json.dumps({"segments": [SEGMENT]}, ensure_ascii=False),
        json.dumps({"segments": [SEGMENT]}).encode(),
    ],
)
def test_the_transcript_part_is_decoded_from_a_body_key_field_or_file(raw):
    assert load_transcript_part(raw) == {"segments": [SEGMENT]}


@pytest.mark.parametrize("raw", [None, "", b"  "])
def test_an_empty_transcript_part_means_none_was_sent(raw):
    assert load_transcript_part(raw) is None


@pytest.mark.parametrize(("raw", "words"), [("{oops", "not valid JSON"), ("[1]", "JSON object"), (7, "JSON object")])
def test_a_transcript_part_that_is_not_a_json_object_is_refused(raw, words):
    with pytest.raises(ApiInputError) as caught:
        load_transcript_part(raw)
    assert caught.value.field == "transcript" and words in caught.value.message


def test_a_separate_transcript_goes_into_the_call_data():
    data, _email, _checklist = parse_metadata(dict(GOOD), {"segments": [SEGMENT]})
    assert data.transcript == {"segments": [SEGMENT]}


@pytest.mark.parametrize(
    ("segment", "where"),
    [
        ({**SEGMENT, "speaker": "operator"}, "segments[1].speaker"),
        ({**SEGMENT, "end": "2,5"}, "segments[1].end"),
        ({**SEGMENT, "text": 42}, "segments[1].text"),
    ],
)
def test_transcript_errors_name_the_segment_and_its_field(segment, where):
    with pytest.raises(ApiInputError) as caught:
        parse_metadata(dict(GOOD), {"segments": [SEGMENT, segment]})
    assert caught.value.field == "transcript" and where in caught.value.message


def test_a_transcript_sent_in_both_places_is_refused():
    with pytest.raises(ApiInputError) as caught:
        parse_metadata({**GOOD, "transcript": {"segments": [SEGMENT]}}, {"segments": [SEGMENT]})
    assert caught.value.field == "transcript" and "once" in caught.value.message
