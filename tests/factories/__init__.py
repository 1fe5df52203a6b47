"""Test data for every test package: people, checklists, transcripts and recordings, calls with scorecards, exams,
motivation rows.

Builders that write rows run inside an app context and flush; the ones that commit say so. Builders of calls are
named by what decides the scorecard: ``scored_call`` (items given), ``checklist_call`` (every item of a published
version), ``skills_call``, ``objection_call``, ``final_score_call``, ``engine_call`` (the real engine) and
``intake_call`` (the upload service).
"""

from __future__ import annotations

from tests.factories._common import AUDIO, CALLS_DIR, GOOD_CALL, ROOT
from tests.factories.calls import (
    checklist_call,
    engine_call,
    final_score_call,
    intake_call,
    item,
    objection_call,
    scored_call,
    skills_call,
)
from tests.factories.checklists import (
    MINI_CALL_ITEMS,
    MINI_CALL_YAML,
    MINI_YAML,
    SPIN_YAML,
    cold_call_stub,
    publish,
    publish_cold_call,
    stub_checklist,
)
from tests.factories.corpus import TINY_CORPUS, write_tiny_corpus
from tests.factories.exams import exam, exam_attempt, tagged_attempt
from tests.factories.motivation import SEEDS_TEXT, manager_scheme, sales_row
from tests.factories.people import attach, build_people, build_world
from tests.factories.recordings import (
    QUESTIONS,
    TRANSCRIPT,
    question_transcript,
    recording,
    shortest_stereo_fixture,
    speech_pipeline_missing,
    store_wav,
    transcript,
    wav_bytes,
)

__all__ = [
    "AUDIO",
    "CALLS_DIR",
    "GOOD_CALL",
    "MINI_CALL_ITEMS",
    "MINI_CALL_YAML",
    "MINI_YAML",
    "QUESTIONS",
    "ROOT",
    "SEEDS_TEXT",
    "SPIN_YAML",
    "TRANSCRIPT",
    "TINY_CORPUS",
    "attach",
    "build_people",
    "build_world",
    "checklist_call",
    "cold_call_stub",
    "engine_call",
    "exam",
    "exam_attempt",
    "final_score_call",
    "intake_call",
    "item",
    "manager_scheme",
    "objection_call",
    "publish",
    "publish_cold_call",
    "question_transcript",
    "recording",
    "sales_row",
    "scored_call",
    "shortest_stereo_fixture",
    "skills_call",
    "speech_pipeline_missing",
    "store_wav",
    "stub_checklist",
    "tagged_attempt",
    "transcript",
    "wav_bytes",
    "write_tiny_corpus",
]
