"""Motivation pages through the test client: statements, evidence, what-if JSON, dashboard, exports, permissions."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

ROLES_ALLOWED_ANNA = {"anna", "supervisor", "admin"}


def test_manager_sees_own_statement_with_explained_lines(client, auth, world):
    auth.login(world["anna"])
    page = client.get("/motivation").get_data(as_text=True)
    plain = page.replace("\u00a0", " ")  # amounts and units are joined by no-break spaces
    line = "План 1 200 000 ₽, факт 1 080 000 ₽ → 90 %, ступень [90 %; 100 %) → 0,8 × 50 % × 40 000 ₽ = 16 000 ₽"
    assert line in plain
    assert 'data-testid="statement-total"' in page and "90\u00a0100\u00a0₽" in page
    assert "до ступени 100\u00a0% не хватает 120\u00a0000\u00a0₽" in page


def test_each_line_links_to_its_evidence(client, auth, world):
    auth.login(world["anna"])
    page = client.get(f"/motivation/people/{world['anna'].id}/lines/call_quality?period={world['cur']}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "ООО Альфа" in text and "/calls/" in text
    exam = client.get(f"/motivation/people/{world['anna'].id}/lines/product_knowledge?period={world['cur']}")
    assert f"/exams/attempts/{world['attempt_id']}/result" in exam.get_data(as_text=True)
    sales = client.get(f"/motivation/people/{world['anna'].id}/lines/sales?period={world['cur']}")
    assert "/motivation/sales/rows/" in sales.get_data(as_text=True)
    assert client.get(f"/motivation/people/{world['anna'].id}/lines/nope?period={world['cur']}").status_code == 404


@pytest.mark.parametrize("viewer", ["anna", "boris", "supervisor", "other_supervisor", "admin", "trainer", "other"])
def test_who_may_see_annas_statement(client, auth, world, viewer):
    auth.login(world[viewer])
    status = client.get(f"/motivation/people/{world['anna'].id}").status_code
    assert status == (200 if viewer in ROLES_ALLOWED_ANNA else 403)
    evidence = client.get(f"/motivation/people/{world['anna'].id}/lines/sales").status_code
    assert evidence == (200 if viewer in ROLES_ALLOWED_ANNA else 403)


def test_what_if_json_is_computed_by_the_server(client, auth, world):
    auth.login(world["anna"])
    url = f"/motivation/people/{world['anna'].id}/whatif?period={world['cur']}&key=sales&value=1200000"
    data = client.get(url).get_json()
    assert Decimal(data["delta"]) == Decimal("4000.00") and Decimal(data["total"]) == Decimal("94100.00")
    assert data["achievement_text"] == "100\u00a0%"
    assert client.get(url.replace("value=1200000", "value=abc")).status_code == 400
    assert client.get(url.replace("value=1200000", "value=1e999999999")).status_code == 400
    assert client.get(url.replace("key=sales", "key=nope")).status_code == 400
    auth.logout()
    auth.login(world["other"])
    assert client.get(url).status_code == 403


def test_sales_row_evidence_page_shows_only_that_row(client, auth, world):
    from app.motivation.models import SalesRow

    with client.application.app_context():
        from app.extensions import db

        row_id = db.session.scalar(db.select(SalesRow.id).where(SalesRow.user_id == world["anna"].id))
    auth.login(world["anna"])
    assert client.get(f"/motivation/sales/rows/{row_id}").status_code == 200
    auth.logout()
    auth.login(world["boris"])
    assert client.get(f"/motivation/sales/rows/{row_id}").status_code == 403


@pytest.mark.parametrize(("viewer", "status"), [("supervisor", 200), ("admin", 200), ("anna", 403), ("trainer", 403)])
def test_dashboard_is_for_pay_managers(client, auth, world, viewer, status):
    auth.login(world[viewer])
    assert client.get("/motivation/dashboard").status_code == status


def test_supervisor_dashboard_shows_own_team_only(client, auth, world):
    auth.login(world["supervisor"])
    page = client.get(f"/motivation/dashboard?period={world['cur']}").get_data(as_text=True)
    assert "Анна Петрова" in page and 'data-testid="leaderboards"' in page and "<svg" in page
    assert client.get(f"/motivation/dashboard?team={world['other_team'].id}").status_code == 404


def test_csv_export_parses(client, auth, world):
    auth.login(world["supervisor"])
    response = client.get(f"/motivation/export.csv?period={world['cur']}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, anna = rows[0], next(r for r in rows if r[1] == "anna@example.test")
    assert header[-1] == "Итого к начислению" and anna[-1] == "90100,00"
    assert anna[header.index("KPI: План продаж")] == "16000,00"


def test_xlsx_export_opens_with_openpyxl(client, auth, world):
    auth.login(world["admin"])
    response = client.get(f"/motivation/export.xlsx?team={world['team'].id}&period={world['cur']}")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    header = [c.value for c in sheet[1]]
    anna = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "anna@example.test")
    assert Decimal(str(anna[header.index("Итого к начислению")])) == Decimal("90100")


def test_freeze_through_the_dashboard(client, auth, world):
    auth.login(world["supervisor"])
    response = client.post("/motivation/dashboard/freeze", data={"team": world["team"].id, "period": world["prev"]},
                           follow_redirects=True)
    assert "утверждён" in response.get_data(as_text=True)
    page = client.get(f"/motivation/people/{world['anna'].id}?period={world['prev']}").get_data(as_text=True)
    assert 'data-testid="statement-frozen"' in page


def test_supervisor_enters_data_for_own_team_only(client, auth, world):
    auth.login(world["supervisor"])
    url = f"/motivation/people/{world['anna'].id}/reductions?period={world['cur']}"
    response = client.post(url, data={"red-amount": "50000", "red-reason": "Выговор, приказ №7"}, follow_redirects=True)
    assert "Снижение добавлено" in response.get_data(as_text=True)
    statement = client.get(f"/motivation/people/{world['anna'].id}").get_data(as_text=True)
    assert "ст. 135 ТК РФ" in statement and "не более 20 % месячной зарплаты" in statement
    manual = client.post(f"/motivation/people/{world['anna'].id}/manual?period={world['cur']}",
                         data={"manual-key": "manual", "manual-value": "80", "manual-comment": "CRM в порядке"},
                         follow_redirects=True)
    assert "Значение сохранено" in manual.get_data(as_text=True)
    assert client.get(f"/motivation/people/{world['other'].id}/adjust").status_code == 403
    assert client.post(f"/motivation/people/{world['other'].id}/reductions",
                       data={"red-amount": "1", "red-reason": "x"}).status_code == 403


def test_scheme_form_refuses_weights_that_do_not_add_up(client, auth, world):
    auth.login(world["admin"])
    data = {
        "name": "Стажёры", "role": "new_hire", "team_id": "", "valid_from": world["cur"], "base_salary": "45000",
        "target_bonus": "15000",
        "kpis-0-name": "Адаптация", "kpis-0-source": "onboarding", "kpis-0-weight": "60", "kpis-0-plan": "100",
        "kpis-0-formula": "linear", "kpis-0-cap": "100",
        "kpis-1-name": "Знание продукта", "kpis-1-source": "product_knowledge", "kpis-1-weight": "30",
        "kpis-1-plan": "100", "kpis-1-formula": "threshold", "kpis-1-threshold": "70", "kpis-1-cap": "100",
    }
    refused = client.post("/motivation/schemes/new", data=data)
    assert refused.status_code == 200
    assert "Сумма весов KPI должна быть ровно 100 %, сейчас 90 %." in refused.get_data(as_text=True)
    data["kpis-1-weight"] = "40"
    saved = client.post("/motivation/schemes/new", data=data, follow_redirects=True)
    assert "Схема «Стажёры» сохранена" in saved.get_data(as_text=True)


def test_scheme_form_names_the_broken_band(client, auth, world):
    auth.login(world["admin"])
    data = {"name": "X", "role": "", "team_id": "", "valid_from": world["cur"], "base_salary": "1",
            "target_bonus": "1", "kpis-0-name": "Продажи", "kpis-0-source": "sales", "kpis-0-weight": "100",
            "kpis-0-formula": "steps", "kpis-0-bands": "[80; 90] → 0.5\n[90; 100) → 0.8"}
    page = client.post("/motivation/schemes/new", data=data).get_data(as_text=True)
    assert "перекрываются у границы 90" in page


def test_supervisor_cannot_edit_company_wide_scheme(client, auth, world):
    auth.login(world["supervisor"])
    page = client.get(f"/motivation/schemes/{world['scheme_id']}/edit").get_data(as_text=True)
    assert "менять её может администратор" in page
    assert client.post(f"/motivation/schemes/{world['scheme_id']}/active").status_code == 302


def test_sales_upload_reports_errors_and_keeps_nothing(client, auth, world):
    auth.login(world["supervisor"])
    body = f"email;month;plan;fact\nanna@example.test;{world['cur']};100;abc\n".encode()
    response = client.post("/motivation/sales/import", data={"upload-file": (io.BytesIO(body), "bad.csv")},
                           content_type="multipart/form-data")
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "Строка 2, столбец «fact»: «abc» — не число" in text
    ok = f"email;month;plan;fact\nanna@example.test;{world['cur']};1200000;1200000\n".encode()
    done = client.post("/motivation/sales/import", data={"upload-file": (io.BytesIO(ok), "good.csv")},
                       content_type="multipart/form-data", follow_redirects=True)
    assert "Загружено строк: 1" in done.get_data(as_text=True)
    statement = client.get(f"/motivation/people/{world['anna'].id}").get_data(as_text=True)
    assert "94\u00a0100\u00a0₽" in statement


def test_contest_is_created_and_ranked(client, auth, world):
    auth.login(world["supervisor"])
    response = client.post("/motivation/contests/new", data={
        "title": "Лучшие звонки месяца", "source": "call_quality", "team_id": world["team"].id,
        "starts_on": world["current"].isoformat(), "ends_on": world["current"].replace(day=28).isoformat(),
        "prize": "Сертификат на 5 000 ₽"}, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Конкурс запущен" in text and 'data-testid="contest-ranking"' in text
    assert text.index("Анна Петрова") < text.index("Борис Иванов")
    auth.logout()
    auth.login(world["other_supervisor"])
    assert client.get("/motivation/contests/1").status_code in (403, 404)


def test_home_widget_shows_earned_so_far_and_the_next_step(client, auth, world):
    auth.login(world["anna"])
    page = client.get("/").get_data(as_text=True)
    assert 'data-testid="widget-pay"' in page and "90\u00a0100\u00a0₽" in page
    assert "до ступени 100\u00a0% не хватает 120\u00a0000\u00a0₽" in page and 'data-testid="whatif-range"' in page


def test_supervisor_widget_reminds_to_approve_last_month(client, auth, world):
    auth.login(world["supervisor"])
    page = client.get("/").get_data(as_text=True)
    assert 'data-testid="widget-team-pay"' in page and "ждут утверждения" in page


def test_sales_page_and_scheme_list_render(client, auth, world):
    auth.login(world["supervisor"])
    assert "Анна Петрова" in client.get("/motivation/sales").get_data(as_text=True)
    assert "Менеджеры" in client.get("/motivation/schemes").get_data(as_text=True)
    assert client.get("/motivation/schemes/new").status_code == 200
