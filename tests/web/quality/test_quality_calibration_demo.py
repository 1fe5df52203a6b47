"""The demo calibration session is titled after the call it is on (whose, which team, when, client, checklist)."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest

from tests.factories import engine_call, publish


@pytest.fixture
def demo(app, make_user, make_team):
    """The demo's invitees and the newest scored call: an e-commerce manager's call to «Книжный Мир»."""
    from app.extensions import db

    rop_corp, rop_ecom = make_user(role="supervisor"), make_user(role="supervisor")
    make_team("Корпоративные клиенты", rop_corp)
    ecom = make_team("Интернет-магазины", rop_ecom)
    pavel = make_user(role="sales_manager", team=ecom, full_name="Павел Егоров")
    trainer = make_user(role="trainer")
    with app.app_context():
        version = publish()
        db.session.flush()
        call = engine_call(pavel.id, version)
        call.team_id, call.client_company = ecom.id, "Книжный Мир"
        db.session.commit()
        call_id = call.id
    return {"rop_corp": rop_corp, "rop_ecom": rop_ecom, "trainer": trainer, "call_id": call_id}


def _seed(app, demo) -> list[str]:
    from app.accounts.models import User
    from app.core.demo import DemoContext
    from app.extensions import db
    from app.quality import demo_tools

    messages: list[str] = []
    with app.app_context():
        ctx = DemoContext(password="x", today=date(2026, 11, 20), echo=messages.append)
        ctx.users = {k: db.session.get(User, demo[k].id) for k in ("rop_corp", "rop_ecom", "trainer")}
        demo_tools.seed(ctx)
        db.session.commit()
    return messages


def _titles(app) -> list[str]:
    from app.extensions import db
    from app.quality.calibration_models import CalibrationSession

    with app.app_context():
        return list(db.session.scalars(db.select(CalibrationSession.title)))


EXPECTED = (
    "Демо-калибровка: Павел Егоров («Интернет-магазины»), звонок от 20.11.2026 в «Книжный Мир», "
    "чек-лист «Мини-чек-лист»"
)


def test_demo_session_title_describes_its_call(app, client, auth, demo):
    _seed(app, demo)
    _seed(app, demo)  # idempotent
    assert _titles(app) == [EXPECTED]
    auth.login(demo["rop_ecom"])
    page = unescape(client.get("/quality/calibration").get_data(as_text=True))
    assert EXPECTED in page and "корпоративных продаж" not in page


def test_a_session_seeded_under_the_old_title_is_renamed(app, demo):
    from app.calls.models import Call
    from app.extensions import db
    from app.quality import calibration
    from app.quality.demo_tools import OLD_TITLE

    with app.app_context():
        invited = [demo["rop_corp"].id, demo["rop_ecom"].id, demo["trainer"].id]
        trainer = db.session.get(type(demo["trainer"]), demo["trainer"].id)
        calibration.create_session(db.session.get(Call, demo["call_id"]), trainer, invited, OLD_TITLE)
        db.session.commit()
    assert _seed(app, demo) == [f"Calibration: renamed to «{EXPECTED}»"]
    assert _titles(app) == [EXPECTED]
