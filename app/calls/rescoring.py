"""Rescoring: score chosen calls again with the current published checklist version, in the background.

A run (``RescoreRun``) lists its call ids and records progress on its row. Each call gets a new scorecard
(``reason="rescore"``) that becomes the one in force; earlier scorecards are never changed and keep the
version they were scored with. The job is safe to run twice: a call whose scorecard in force already uses
the current version is skipped. Calls a supervisor has reviewed are skipped unless the run includes them,
since their human verdicts belong to the old scorecard.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import Role, Team, User, utcnow
from app.accounts.permissions import can
from app.calls.library_models import RescoreRun, RunStatus
from app.calls.models import Call, CallStatus
from app.core.domain import DomainError
from app.core.events import call_scored
from app.extensions import db
from app.jobs import enqueue, register_recovery

log = logging.getLogger(__name__)
JOB = "app.calls.rescoring.rescore_job"
MAX_CALLS = 20000


def reviewable_ids(user: User) -> list[int] | None:
    """Managers whose calls ``user`` may rescore (None: everyone) — the people they may review."""
    if user.role == Role.ADMIN:
        return None
    if user.role != Role.SUPERVISOR:
        return []
    teams = select(Team.id).where(Team.supervisor_id == user.id)
    return list(db.session.scalars(select(User.id).where(User.team_id.in_(teams))))


def may_rescore(user: User) -> bool:
    """Supervisors (their teams' calls) and admins start rescoring."""
    return user.role in (Role.ADMIN, Role.SUPERVISOR)


def _new_run(user: User, call_ids: list[int], include_reviewed: bool, **period: object) -> RescoreRun:
    if not call_ids:
        raise DomainError(_("Нет оценённых звонков, которые вы можете переоценить, в этой выборке."))
    if len(call_ids) > MAX_CALLS:
        raise DomainError(_("Слишком много звонков за раз (больше %(n)s): сузьте период.", n=MAX_CALLS))
    run = RescoreRun(
        created_by_id=user.id,
        call_ids=sorted(call_ids),
        total=len(call_ids),
        include_reviewed=include_reviewed,
        status=RunStatus.QUEUED,
        **period,
    )
    db.session.add(run)
    db.session.flush()
    return run


def start_for_calls(user: User, call_ids: list[int], include_reviewed: bool = False) -> RescoreRun:
    """A run over calls ticked in the list; calls the user may not review are refused."""
    wanted = sorted(set(call_ids))
    if not wanted:
        raise DomainError(_("Отметьте звонки в списке, которые нужно переоценить."))
    calls = db.session.scalars(select(Call).where(Call.id.in_(wanted))).all()
    if len(calls) != len(wanted) or not all(can(user, "review", c) for c in calls):
        raise DomainError(_("Среди отмеченных есть звонки, которые вы не можете переоценивать."))
    scored = [c.id for c in calls if c.status == CallStatus.SCORED]
    return _new_run(user, scored, include_reviewed)


def start_for_period(
    user: User, checklist_id: int, date_from: date, date_to: date, include_reviewed: bool = False
) -> RescoreRun:
    """A run over every scored call of a checklist in a period that the user may review."""
    if date_from > date_to:
        raise DomainError(_("Начало периода позже конца."), "date_to")
    query = select(Call.id).where(
        Call.checklist_id == checklist_id,
        Call.status == CallStatus.SCORED,
        Call.call_date >= date_from,
        Call.call_date <= date_to,
    )
    allowed = reviewable_ids(user)
    if allowed is not None:
        query = query.where(Call.manager_id.in_(allowed))
    ids = list(db.session.scalars(query.order_by(Call.id)))
    return _new_run(user, ids, include_reviewed, checklist_id=checklist_id, date_from=date_from, date_to=date_to)


def enqueue_run(run: RescoreRun) -> None:
    """Queue a run (after the commit that stored it)."""
    enqueue(JOB, run.id, job_id=f"rescore-run-{run.id}")


def _rescore_one(run: RescoreRun, call: Call) -> str:
    """Rescore one call; returns ``rescored``, or why it was skipped."""
    from app.calls.processing import ProcessingError, score_with
    from app.calls.scorecards import DuplicateScorecard, set_current_scorecard

    if call.status != CallStatus.SCORED or not call.transcript:
        return "not_scored"
    version = call.checklist.published
    if version is None:
        return "no_published_version"
    current = call.current_scorecard
    if current is not None and current.checklist_version_id == version.id:
        return "up_to_date"
    if call.reviewed_at is not None and not run.include_reviewed:
        return "reviewed"
    try:
        card = score_with(call, version, reason="rescore", created_by_id=run.created_by_id)
    except (ProcessingError, DuplicateScorecard) as error:
        db.session.rollback()
        return f"error: {error}"
    except Exception as error:  # one bad call must not stop the run; the reason stays on the run row
        log.exception("rescoring call %s failed", call.id)
        db.session.rollback()
        return f"error: {type(error).__name__}"
    set_current_scorecard(call, card)
    call.scored_at = utcnow()
    db.session.flush()
    call_scored.send(
        current_app._get_current_object(), call_id=call.id, manager_id=call.manager_id, scorecard_id=card.id
    )
    return "rescored"


def rescore_job(run_id: int) -> str:
    """Background job: rescore the calls of a run, committing after each call (resumes where it stopped)."""
    run = db.session.get(RescoreRun, int(run_id))
    if run is None or run.finished:
        return "missing" if run is None else run.status.value
    run.status, run.started_at = RunStatus.RUNNING, run.started_at or utcnow()
    db.session.commit()
    done = set(int(k) for k in (run.details or {}))
    for call_id in run.call_ids:
        if call_id in done:
            continue
        call = db.session.get(Call, call_id)
        outcome = "missing" if call is None else _rescore_one(run, call)
        run = db.session.get(RescoreRun, int(run_id))  # a rollback above expires it
        run.details = {**(run.details or {}), str(call_id): outcome}
        run.done = len(run.details)
        run.rescored = sum(v == "rescored" for v in run.details.values())
        run.failed = sum(v.startswith("error") for v in run.details.values())
        run.skipped = run.done - run.rescored - run.failed
        db.session.commit()
    run.status, run.finished_at = RunStatus.DONE, utcnow()
    db.session.commit()
    return run.status.value


def recent_runs(user: User, limit: int = 10) -> list[RescoreRun]:
    """The latest runs the user started (admins see everyone's)."""
    query = select(RescoreRun).order_by(RescoreRun.created_at.desc(), RescoreRun.id.desc()).limit(limit)
    if user.role != Role.ADMIN:
        query = query.where(RescoreRun.created_by_id == user.id)
    return list(db.session.scalars(query))


def may_view_run(user: User, run: RescoreRun) -> bool:
    """The person who started a run, or an admin."""
    return user.role == Role.ADMIN or run.created_by_id == user.id


@register_recovery
def recover_unfinished_runs() -> None:
    """At worker start: queue again the runs a stopped worker left queued or running.

    With RQ other workers may be busy with a run, so only runs whose row has not moved for
    ``CALLS_STALE_SECONDS`` are taken over; the in-process worker is alone and takes all of them.
    """
    query = select(RescoreRun.id).where(RescoreRun.status.in_((RunStatus.QUEUED, RunStatus.RUNNING)))
    if current_app.config.get("JOBS_MODE") == "rq":
        stale = current_app.config.get("CALLS_STALE_SECONDS", 300)
        query = query.where(RescoreRun.updated_at < utcnow() - timedelta(seconds=stale))
    ids = db.session.scalars(query).all()
    for run_id in ids:
        log.info("re-queueing rescoring run %s", run_id)
        enqueue(JOB, run_id, job_id=f"rescore-run-{run_id}")
