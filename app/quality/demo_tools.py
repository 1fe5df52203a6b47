"""Demo for the trainer tools (runs after ``app.calls.demo``): a calibration session on a demo call.

Two supervisors and the trainer are invited; the corporate team's supervisor and the trainer have already
scored it blind (one disagreement on purpose), the e-commerce supervisor has not, so the page shows both the
"waiting for you" state and agreement figures. Idempotent: keyed by the session title.
"""

from __future__ import annotations

from sqlalchemy import select

from app.calls.models import Call, CallStatus
from app.core.demo import DemoContext
from app.extensions import db
from app.quality import calibration
from app.quality.calibration_models import CalibrationSession

TITLE = "Демо: калибровка звонка команды корпоративных продаж"


def seed(ctx: DemoContext) -> None:
    """Create the demo calibration session once."""
    people = [ctx.users.get(k) for k in ("rop_corp", "rop_ecom", "trainer")]
    if any(p is None for p in people) or db.session.scalar(
        select(CalibrationSession.id).where(CalibrationSession.title == TITLE)
    ):
        return
    call = db.session.scalar(
        select(Call)
        .where(Call.status == CallStatus.SCORED, Call.current_scorecard_id.is_not(None), Call.transcript.is_not(None))
        .order_by(Call.call_date.desc(), Call.id.desc())
        .limit(1)
    )
    if call is None:
        return
    session = calibration.create_session(call, people[2], [p.id for p in people], TITLE)  # type: ignore[union-attr]
    items = calibration.items_of(session)
    verdicts = {i.item_id: i.result.value for i in items}
    calibration.submit(session, people[0], verdicts, {})  # type: ignore[arg-type]
    contested = next((i for i in items if i.result.value in ("pass", "fail")), None)
    if contested is not None:
        other = "fail" if contested.result.value == "pass" else "pass"
        verdicts = {**verdicts, contested.item_id: other}
    calibration.submit(session, people[2], verdicts, {})  # type: ignore[arg-type]
    ctx.created_any = True
    ctx.echo(f"Calibration: «{TITLE}» on call {call.id}")
