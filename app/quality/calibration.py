"""Calibration sessions: invited reviewers score the same call blind; agreement per item and with the engine.

Blindness: a reviewer sees the transcript and the checklist items only — no automatic verdicts and nobody
else's — until they have submitted; submitted verdicts are final. The organiser who does not review sees
the results as they come in. Services flush; the view commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select

from app.accounts.models import Role, User, utcnow
from app.calls.models import Call, CallStatus
from app.core.domain import DomainError
from app.extensions import db
from app.quality import agreement
from app.quality.calibration_models import CalibrationReviewer, CalibrationSession, CalibrationVerdict, SessionStatus

RESULTS = ("pass", "fail", "na")
REVIEWER_ROLES = (Role.SUPERVISOR, Role.TRAINER, Role.ADMIN)


@dataclass(slots=True)
class ItemAgreement:
    """One checklist item across reviewers."""

    item_id: str
    title: str
    section: str | None
    auto: str
    verdicts: dict[int, str]  # reviewer user id -> verdict
    percent: float | None  # pairwise agreement between reviewers
    majority: str | None
    with_auto: float | None  # share of reviewers agreeing with the automatic verdict


@dataclass(slots=True)
class Results:
    """A session's agreement figures."""

    items: list[ItemAgreement]
    reviewers: list[CalibrationReviewer]
    fleiss: float | None
    mean_percent: float | None
    mean_with_auto: float | None
    pairs: list[tuple[str, str, float | None]]  # rater, rater, Cohen's kappa over the items


def reviewer_choices() -> list[User]:
    """People who may be invited: active supervisors, trainers and admins."""
    return list(
        db.session.scalars(
            select(User).where(User.role.in_(REVIEWER_ROLES), User.active.is_(True)).order_by(User.full_name)
        )
    )


def create_session(
    call: Call | None, organiser: User, reviewer_ids: list[int], title: str | None
) -> CalibrationSession:
    """Open a session on a scored call with at least two invited reviewers."""
    if call is None:
        raise DomainError(_("Звонка с таким номером нет."), "call_id")
    if call.status != CallStatus.SCORED or call.current_scorecard is None:
        raise DomainError(_("Звонок ещё не оценён: выберите оценённый звонок."), "call_id")
    people = [u for u in reviewer_choices() if u.id in set(reviewer_ids)]
    if len(people) < 2:
        raise DomainError(_("Пригласите хотя бы двух проверяющих: согласие считается между людьми."), "reviewers")
    session = CalibrationSession(
        call_id=call.id,
        scorecard_id=call.current_scorecard_id,
        title=(title or "").strip()[:200] or _("Калибровка звонка №%(id)s", id=call.id),
        created_by_id=organiser.id,
    )
    session.reviewers = [CalibrationReviewer(user_id=u.id) for u in people]
    db.session.add(session)
    db.session.flush()
    return session


def sessions_for(user: User) -> list[CalibrationSession]:
    """Sessions a person organised or is invited to (admins: all), newest first."""
    query = select(CalibrationSession).order_by(CalibrationSession.created_at.desc(), CalibrationSession.id.desc())
    if user.role != Role.ADMIN:
        invited = select(CalibrationReviewer.session_id).where(CalibrationReviewer.user_id == user.id)
        query = query.where(or_(CalibrationSession.created_by_id == user.id, CalibrationSession.id.in_(invited)))
    return list(db.session.scalars(query))


def pending_for(user: User) -> list[CalibrationSession]:
    """Open sessions waiting for this person's verdicts."""
    query = (
        select(CalibrationSession)
        .join(CalibrationReviewer, CalibrationReviewer.session_id == CalibrationSession.id)
        .where(
            CalibrationReviewer.user_id == user.id,
            CalibrationReviewer.submitted_at.is_(None),
            CalibrationSession.status == SessionStatus.OPEN,
        )
        .order_by(CalibrationSession.created_at)
    )
    return list(db.session.scalars(query))


def may_open(user: User, session: CalibrationSession) -> bool:
    """Organiser, invited reviewers and admins."""
    return user.role == Role.ADMIN or session.created_by_id == user.id or session.reviewer_for(user.id) is not None


def may_close(user: User, session: CalibrationSession) -> bool:
    """The organiser or an admin."""
    return user.role == Role.ADMIN or session.created_by_id == user.id


def may_see_results(user: User, session: CalibrationSession) -> bool:
    """Blind until one's own verdicts are in: invited reviewers see results only after submitting."""
    if not may_open(user, session):
        return False
    mine = session.reviewer_for(user.id)
    return mine is None or mine.submitted_at is not None or session.status == SessionStatus.CLOSED


def items_of(session: CalibrationSession) -> list[Any]:
    """The checklist items of the compared scorecard (with the automatic verdicts)."""
    return list(session.scorecard.items) if session.scorecard is not None else []


def submit(session: CalibrationSession, user: User, verdicts: dict[str, str], comments: dict[str, str]) -> None:
    """Hand in one reviewer's verdicts (every item needs one); final once submitted."""
    reviewer = session.reviewer_for(user.id)
    if reviewer is None:
        raise DomainError(_("Вы не приглашены в эту калибровку."))
    if session.status != SessionStatus.OPEN:
        raise DomainError(_("Калибровка закрыта: вердикты больше не принимаются."))
    if reviewer.submitted_at is not None:
        raise DomainError(_("Вы уже отправили свои вердикты."))
    items = items_of(session)
    missing = [i.title for i in items if verdicts.get(i.item_id) not in RESULTS]
    if missing:
        raise DomainError(_("Поставьте вердикт каждому пункту. Не хватает: %(t)s", t=", ".join(missing[:5])))
    reviewer.verdicts = [
        CalibrationVerdict(
            item_id=i.item_id,
            result=verdicts[i.item_id],
            comment=(comments.get(i.item_id) or "").strip()[:2000] or None,
        )
        for i in items
    ]
    reviewer.submitted_at = utcnow()
    db.session.flush()


def close(session: CalibrationSession) -> None:
    """Stop taking verdicts (results become visible to every invited reviewer)."""
    session.status, session.closed_at = SessionStatus.CLOSED, utcnow()
    db.session.flush()


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def results(session: CalibrationSession) -> Results:
    """Per-item agreement between the submitted reviewers and with the automatic verdicts, plus kappas."""
    reviewers = session.submitted
    maps = {r.user_id: r.verdict_map() for r in reviewers}
    rows = []
    for item in items_of(session):
        given = {uid: m[item.item_id] for uid, m in maps.items() if item.item_id in m}
        ratings = list(given.values())
        auto = item.auto_result.value
        rows.append(
            ItemAgreement(
                item.item_id,
                item.title,
                item.section,
                auto,
                given,
                agreement.pair_agreement(ratings),
                agreement.majority(ratings),
                agreement.share_equal(ratings, auto),
            )
        )
    complete = [r for r in rows if len(r.verdicts) == len(reviewers)]
    fleiss = agreement.fleiss_kappa([list(r.verdicts.values()) for r in complete]) if len(reviewers) >= 2 else None
    raters: list[tuple[str, list[str]]] = [
        (r.user.full_name, [row.verdicts[r.user_id] for row in complete]) for r in reviewers
    ]
    raters.append((_("Автооценка"), [row.auto for row in complete]))
    pairs = [
        (raters[i][0], raters[j][0], agreement.cohen_kappa(raters[i][1], raters[j][1]))
        for i in range(len(raters))
        for j in range(i + 1, len(raters))
    ]
    return Results(
        rows,
        reviewers,
        fleiss,
        _mean([r.percent for r in rows]),
        _mean([r.with_auto for r in rows]),
        pairs,
    )
