"""Processing of one call: ``uploaded → transcribing → scoring → scored`` (or ``failed`` with a reason).

Safe to run twice and after a crash: a scored call is left alone, an interrupted one resumes at the first
stage whose output is missing, and the unique (call, sequence) constraint keeps a second worker from
storing a duplicate scorecard. Progress is committed on the call row while the job runs.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from app.accounts.models import utcnow
from app.calls import rules
from app.calls.intake import _problem_text
from app.calls.models import UNFINISHED, Call, CallStatus, Scorecard
from app.calls.scorecards import DuplicateScorecard, create_scorecard, set_current_scorecard
from app.calls.storage import get_storage
from app.calls.transcriber import TranscribeRequest, TranscriberError, as_dict, get_transcriber
from app.core.events import call_scored
from app.extensions import db

log = logging.getLogger(__name__)
PROGRESS_INTERVAL_S = 1.0


class ProcessingError(RuntimeError):
    """A step failed for a reason a person can act on; the message is shown on the call page."""


def jsonable(value: Any) -> Any:
    """Plain JSON (numpy numbers and other odd types turned into floats or strings)."""
    return json.loads(
        json.dumps(value, ensure_ascii=False, default=lambda o: float(o) if hasattr(o, "__float__") else str(o))
    )


def _set_state(call: Call, status: CallStatus, stage: str, fraction: float = 0.0) -> None:
    rules.check_transition(call.status.value, status.value)
    call.status, call.stage, call.error = status, stage, None
    call.progress = rules.stage_progress(status.value, fraction)
    call.updated_at = utcnow()


def _stage_label(stage: str | None) -> str:
    labels = {
        "decode": _("Чтение записи"),
        "transcribe": _("Распознавание речи"),
        "diarize": _("Разделение реплик по ролям"),
        "done": _("Распознавание завершено"),
    }
    return labels.get(stage or "", _("Распознавание речи"))


class _ProgressRecorder:
    """Commits the transcription progress (and the step, when told) on the call row, at most once a second."""

    def __init__(self, call_id: int) -> None:
        self.call_id, self.last_value, self.last_stage, self.last_at = call_id, -1, None, 0.0

    def __call__(self, fraction: float, stage: str | None = None) -> None:
        value = rules.stage_progress(rules.TRANSCRIBING, fraction)
        now = time.monotonic()
        moved = value != self.last_value or stage != self.last_stage
        if not moved or (now - self.last_at < PROGRESS_INTERVAL_S and fraction < 1.0 and stage == self.last_stage):
            return
        self.last_value, self.last_stage, self.last_at = value, stage, now
        db.session.execute(
            update(Call)
            .where(Call.id == self.call_id)
            .values(progress=value, stage=_stage_label(stage), updated_at=utcnow())
        )
        db.session.commit()


def _transcribe(call: Call) -> None:
    _set_state(call, CallStatus.TRANSCRIBING, _("Распознавание речи"))
    call.attempts = (call.attempts or 0) + 1
    db.session.commit()
    storage = get_storage()
    recording = call.recording
    if recording is None:  # calls sent as a transcript arrive with it; without one there is nothing to score
        raise ProcessingError(_("У звонка нет ни записи, ни транскрипта: загрузите звонок заново."))
    path = Path(storage.path_for(recording.storage_key))
    if not path.is_file():
        raise ProcessingError(_("Файл записи не найден в хранилище; загрузите звонок заново."))
    request = TranscribeRequest(path, call.manager_channel.value, recording.channels, call.sidecar_transcript)
    transcriber = get_transcriber(current_app.config.get("CALLS_TRANSCRIBER", "whisper"), request)
    transcript = jsonable(as_dict(transcriber.transcribe(request, _ProgressRecorder(call.id))))
    transcript.setdefault("source", transcriber.name)
    call.transcript = transcript
    heard = max([transcript.get("duration") or 0.0, *(s.get("end", 0.0) for s in transcript.get("segments", []))])
    call.duration = max(call.duration or 0.0, float(heard)) or None
    db.session.commit()


def score_with(call: Call, version: Any, *, reason: str = "initial", created_by_id: int | None = None) -> Scorecard:
    """Score the call's transcript with a checklist version and store a new scorecard (flushed)."""
    import scoring
    from app.quality.checklists import parsed_checklist
    from app.quality.learning_loop import active_classifiers
    from scoring import engine
    from scoring.transcript import TranscriptError, load_transcript

    checklist = parsed_checklist(version)
    try:
        transcript = load_transcript(call.transcript or {})
        auto = jsonable(as_dict(engine.score(transcript, checklist, classifiers=active_classifiers())))
    except TranscriptError as error:
        raise ProcessingError(_("Транскрипт не подходит для оценки: %(e)s", e=str(error))) from error
    meta = (call.transcript or {}).get("meta") or {}
    source = meta.get("model") or meta.get("engine") or (call.transcript or {}).get("source")
    return create_scorecard(
        call,
        version,
        auto,
        checklist,
        reason=reason,
        created_by_id=created_by_id,
        asr_model=str(source)[:200] if source else None,
        engine_version=getattr(scoring, "__version__", None),
    )


def _score(call: Call) -> None:
    _set_state(call, CallStatus.SCORING, _("Оценка по чек-листу"))
    db.session.commit()
    version = call.checklist.published
    if version is None:
        raise ProcessingError(
            _(
                "У чек-листа «%(t)s» нет опубликованной версии: опубликуйте её и запустите обработку снова.",
                t=call.checklist.title,
            )
        )
    card = score_with(call, version)
    set_current_scorecard(call, card)
    _set_state(call, CallStatus.SCORED, _("Готово"), 1.0)
    call.scored_at = utcnow()
    db.session.flush()
    call_scored.send(
        current_app._get_current_object(), call_id=call.id, manager_id=call.manager_id, scorecard_id=card.id
    )
    db.session.commit()


def _reason(error: Exception) -> str:
    from scoring.audio import AudioError

    if isinstance(error, ProcessingError):
        return str(error)
    if isinstance(error, AudioError):
        return _("Не удалось прочитать запись: %(p)s.", p=_problem_text(str(error).split(": ", 1)[-1]))
    if isinstance(error, TranscriberError):
        return _("Не удалось распознать речь: %(e)s", e=str(error))
    if type(error).__name__ == "ModelError":
        return _("Модель распознавания речи недоступна: %(e)s", e=str(error))
    return _(
        "Внутренняя ошибка при обработке (%(t)s). Запустите обработку снова; если не поможет, сообщите администратору.",
        t=type(error).__name__,
    )


def _fail(call_id: int, reason: str) -> None:
    db.session.rollback()
    call = db.session.get(Call, call_id)
    if call is None or call.status == CallStatus.SCORED:
        return
    call.status, call.error, call.stage, call.updated_at = CallStatus.FAILED, reason, _("Ошибка"), utcnow()
    db.session.commit()


def process(call_id: int) -> str:
    """Run (or resume) the processing of one call; returns the status it ended in."""
    call = db.session.get(Call, call_id)
    if call is None:
        log.warning("process_call: call %s does not exist", call_id)
        return "missing"
    if call.status not in UNFINISHED:
        return call.status.value
    stage = rules.resume_stage(call.transcript is not None, call.current_scorecard_id is not None)
    try:
        if stage == rules.TRANSCRIBING:
            _transcribe(call)
        if stage != rules.SCORED:
            _score(call)
        else:
            _set_state(call, CallStatus.SCORED, _("Готово"), 1.0)
            db.session.commit()
    except DuplicateScorecard:
        db.session.rollback()  # another worker finished this call first
    except Exception as error:  # every failure ends on the row, with a reason a person understands
        if not isinstance(error, ProcessingError | TranscriberError):
            log.exception("processing call %s failed", call_id)
        _fail(call_id, _reason(error))
    db.session.expire_all()
    return db.session.get(Call, call_id).status.value


def unfinished_call_ids(stale_seconds: int | None = None) -> list[int]:
    """Calls left mid-processing; with ``stale_seconds`` only those whose row has not moved for that long."""
    query = select(Call.id).where(Call.status.in_(UNFINISHED)).order_by(Call.id)
    if stale_seconds:
        from datetime import timedelta

        query = query.where(Call.updated_at < utcnow() - timedelta(seconds=stale_seconds))
    return list(db.session.scalars(query))


def retry(call: Call) -> None:
    """Put a failed call back in the queue (the caller commits, then enqueues)."""
    rules.check_transition(call.status.value, CallStatus.UPLOADED.value)
    call.status, call.error, call.progress = CallStatus.UPLOADED, None, 0
    call.stage, call.updated_at = _("В очереди на распознавание"), utcnow()
    db.session.flush()
