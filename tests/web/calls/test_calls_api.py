"""Integration API: bearer tokens, JSON errors naming the field, idempotency by external id, CSRF exemption."""

from __future__ import annotations

import io
import json
import re

import pytest

from app.api.models import ApiToken
from app.calls.models import Call, CallStatus
from app.extensions import db
from tests.factories import publish_cold_call, transcript, wav_bytes


@pytest.fixture
def token(app, checklist):
    """A token of the ``mango`` integration; returns the secret."""
    from app.api.tokens import create_token

    with app.app_context():
        _row, secret = create_token("mango-pbx", "mango")
        db.session.commit()
    return secret


def _meta(people, **extra) -> str:
    data = {
        "external_id": "pbx-1842",
        "manager_email": people["anna"].email,
        "call_date": "2026-11-20T14:05:00",
        "client_company": "ООО Ромашка",
        "transcript": transcript(),
        **extra,
    }
    return json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)


def _post(client, secret, metadata, payload=None, name="call.wav"):
    data = {"metadata": metadata}
    if payload is not False:
        data["recording"] = (io.BytesIO(payload if payload is not None else wav_bytes()), name)
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.post("/api/calls", data=data, headers=headers, content_type="multipart/form-data")


def test_a_call_is_accepted_scored_and_a_repeat_returns_the_same_call(app, client, people, token):
    first = _post(client, token, _meta(people))
    assert first.status_code == 201, first.json
    body = first.json
    assert body["status"] == "scored" and body["external_id"] == "pbx-1842"  # sync jobs in tests
    assert body["scorecard"]["checklist"] == "cold_call" and body["scorecard"]["items"]
    assert body["final_score"] == body["scorecard"]["auto_score"]
    again = _post(client, token, _meta(people), payload=wav_bytes(freq=900))
    assert again.status_code == 200 and again.json["id"] == body["id"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Call)) == 1
        call = db.session.get(Call, body["id"])
        assert (call.integration, call.uploaded_by_id, call.status) == ("mango", None, CallStatus.SCORED)
        assert db.session.scalars(db.select(ApiToken)).one().last_used_at is not None


def test_the_same_external_id_from_another_integration_is_another_call(app, client, people, token):
    from app.api.tokens import create_token

    with app.app_context():
        _row, other = create_token("amocrm")
        db.session.commit()
    ids = {_post(client, t, _meta(people)).json["id"] for t in (token, other)}
    assert len(ids) == 2


@pytest.mark.parametrize("header", [None, "Bearer sd_wrong", "Basic dXNlcjpwYXNz", "Bearer "])
def test_missing_or_bad_token_is_401(client, people, token, header):
    response = client.post(
        "/api/calls", data={"metadata": _meta(people)}, headers={"Authorization": header} if header else {}
    )
    assert response.status_code == 401 and "token" in response.json["error"]


def test_a_revoked_token_is_401(app, client, people, token):
    with app.app_context():
        db.session.scalars(db.select(ApiToken)).one().active = False
        db.session.commit()
    assert _post(client, token, _meta(people)).status_code == 401


@pytest.mark.parametrize(
    ("metadata", "payload", "field"),
    [
        ("{broken", None, "metadata"),
        (None, None, "metadata"),
        ({"external_id": None}, None, "external_id"),
        ({"call_date": "вчера"}, None, "call_date"),
        ({"manager_email": "nobody@strela.example"}, None, "manager_email"),
        ({"checklist": "no_such_list"}, None, "checklist"),
        ({"direction": "up"}, None, "direction"),
        ({"transcript": {"segments": "none"}}, None, "transcript"),
        ({"transcript": None}, False, "recording"),  # neither a recording nor a transcript
        ({}, b"plain text pretending to be audio" * 10, "recording"),
    ],
)
def test_errors_are_json_and_name_the_field(app, client, people, token, metadata, payload, field):
    raw = metadata if isinstance(metadata, str) or metadata is None else _meta(people, **metadata)
    response = client.post(
        "/api/calls",
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
        data={
            **({"metadata": raw} if raw is not None else {}),
            **(
                {"recording": (io.BytesIO(payload if payload else wav_bytes()), "x.mp3")}
                if payload is not False
                else {}
            ),
        },
    )
    assert response.status_code == 400
    assert response.json["field"] == field and response.json["error"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Call)) == 0


def test_get_returns_status_and_scorecard_to_the_sending_integration_only(app, client, people, token):
    from app.api.tokens import create_token

    call_id = _post(client, token, _meta(people)).json["id"]
    got = client.get(f"/api/calls/{call_id}", headers={"Authorization": f"Bearer {token}"})
    assert got.status_code == 200 and got.json["status"] == "scored"
    assert {"id", "result", "auto_result", "human_result", "evidence"} <= set(got.json["scorecard"]["items"][0])
    with app.app_context():
        _row, stranger = create_token("someone-else")
        db.session.commit()
    assert client.get(f"/api/calls/{call_id}", headers={"Authorization": f"Bearer {stranger}"}).status_code == 404
    assert client.get(f"/api/calls/{call_id}", headers={"Authorization": "Bearer sd_nope"}).status_code == 401


def test_admin_creates_and_revokes_tokens_on_the_admin_page(app, client, auth, people):
    auth.login(people["admin"])
    page = client.post("/admin/api-tokens", data={"name": "bitrix24", "integration": ""}).get_data(as_text=True)
    secret = re.search(r"<code[^>]*>(sd_[\w-]+)</code>", page).group(1)
    with app.app_context():
        row = db.session.scalars(db.select(ApiToken)).one()
        assert row.token_hash != secret and secret.startswith(row.prefix) and row.integration == "bitrix24"
        assert secret not in json.dumps([row.name, row.prefix, row.token_hash])
    assert client.get("/admin/api-tokens").get_data(as_text=True).count(secret) == 0  # shown once
    client.post(f"/admin/api-tokens/{row.id}/active")
    with app.app_context():
        assert db.session.get(ApiToken, row.id).active is False


@pytest.mark.parametrize("role", ["supervisor", "anna", "trainer"])
def test_only_admins_manage_tokens(client, auth, people, role):
    auth.login(people[role])
    assert client.get("/admin/api-tokens").status_code == 403


def test_cli_creates_a_token_that_works(app, runner, client, people, checklist):
    result = runner.invoke(args=["api", "create-token", "asterisk"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert _post(client, secret, _meta(people)).status_code == 201
    assert runner.invoke(args=["api", "create-token", "asterisk"]).exit_code != 0  # name taken


@pytest.fixture
def csrf_app(tmp_path):
    from app import create_app

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'csrf.db'}",
            "ARGON2_TIME_COST": 1,
            "ARGON2_MEMORY_COST": 8192,
            "JOBS_MODE": "sync",
            "STORAGE_DIR": str(tmp_path / "storage"),
            "CALLS_TRANSCRIBER": "sidecar",
        }
    )
    with app.app_context():
        db.create_all()
        from app.accounts.models import Role
        from app.accounts.services import UserData, create_user
        from app.api.tokens import create_token

        create_user(UserData("anna@example.test", "Анна", Role.SALES_MANAGER), "password123")
        create_user(UserData("root@example.test", "Админ", Role.ADMIN), "password123")
        publish_cold_call()
        _row, secret = create_token("csrf-check")
        db.session.commit()
    app.config["_secret"] = secret
    yield app
    with app.app_context():
        db.drop_all()


def test_only_the_token_api_is_exempt_from_csrf(csrf_app):
    client = csrf_app.test_client()
    metadata = json.dumps(
        {
            "external_id": "x1",
            "manager_email": "anna@example.test",
            "call_date": "2026-11-20",
            "transcript": transcript(),
        }
    )
    response = client.post(
        "/api/calls",
        headers={"Authorization": f"Bearer {csrf_app.config['_secret']}"},
        data={"metadata": metadata, "recording": (io.BytesIO(wav_bytes()), "a.wav")},
    )
    assert response.status_code == 201
    login_page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    client.post("/login", data={"email": "root@example.test", "password": "password123", "csrf_token": csrf})
    assert client.post("/admin/api-tokens", data={"name": "no-csrf"}).status_code == 400
    call_id = response.json["id"]
    assert client.post(f"/calls/{call_id}/finalize", data={}).status_code == 400
