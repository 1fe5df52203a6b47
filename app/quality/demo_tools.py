"""Demo for the trainer tools (runs after ``app.calls.demo``): a calibration session on a demo call.

The session is on the newest scored call with a transcript (in the demo, a recorded call). Two supervisors and
the trainer are invited; the corporate team's supervisor and the trainer have already scored it blind (one
disagreement on purpose), the e-commerce supervisor has not, so the page shows both the "waiting for you" state
and agreement figures. The title says what the session is about — whose call, which team, when, which client
and checklist — taken from the call itself. Idempotent: keyed by the title's prefix.
"""

from __future__ import annotations

from sqlalchemy import select

from app.calls.models import Call, CallStatus
from app.core.demo import DemoContext
from app.extensions import db
from app.quality import calibration
from app.quality.calibration_models import CalibrationSession

PREFIX = "Демо-калибровка"
# The title seeded before: it named the corporate team whatever call was picked (the newest is an e-commerce one).
OLD_TITLE = "Демо: калибровка звонка команды корпоративных продаж"


def session_title(call: Call) -> str:
    """«Демо-калибровка: Павел Егоров («Интернет-магазины»), звонок от 22.11.2026 в «Книжный Мир», чек-лист
    «Холодный звонок ЛПР»» — what the calibrators are about to score."""
    manager = call.manager.full_name if call.manager else "—"
    team = f" («{call.team.name}»)" if call.team else ""
    client = f" в «{call.client_company}»" if call.client_company else ""
    checklist = f", чек-лист «{call.checklist.title}»" if call.checklist else ""
    return f"{PREFIX}: {manager}{team}, звонок от {call.call_date:%d.%m.%Y}{client}{checklist}"[:200]


def seed(ctx: DemoContext) -> None:
    """Create the demo calibration session once (and retitle one seeded under the old, wrong title)."""
    people = [ctx.users.get(k) for k in ("rop_corp", "rop_ecom", "trainer")]
    if any(p is None for p in people):
        return
    old = db.session.scalar(select(CalibrationSession).where(CalibrationSession.title == OLD_TITLE))
    if old is not None:
        old.title = session_title(old.call)
        ctx.echo(f"Calibration: renamed to «{old.title}»")
        return
    if db.session.scalar(select(CalibrationSession.id).where(CalibrationSession.title.startswith(f"{PREFIX}: "))):
        return
    call = db.session.scalar(
        select(Call)
        .where(Call.status == CallStatus.SCORED, Call.current_scorecard_id.is_not(None), Call.transcript.is_not(None))
        .order_by(Call.call_date.desc(), Call.id.desc())
        .limit(1)
    )
    if call is None:
        return
    title = session_title(call)
    session = calibration.create_session(call, people[2], [p.id for p in people], title)  # type: ignore[union-attr]
    items = calibration.items_of(session)
    verdicts = {i.item_id: i.result.value for i in items}
    calibration.submit(session, people[0], verdicts, {})  # type: ignore[arg-type]
    contested = next((i for i in items if i.result.value in ("pass", "fail")), None)
    if contested is not None:
        other = "fail" if contested.result.value == "pass" else "pass"
        verdicts = {**verdicts, contested.item_id: other}
    calibration.submit(session, people[2], verdicts, {})  # type: ignore[arg-type]
    ctx.created_any = True
    ctx.echo(f"Calibration: «{title}» on call {call.id}")
