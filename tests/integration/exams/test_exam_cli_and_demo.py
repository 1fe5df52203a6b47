"""``flask exams …`` commands and the demo seeder."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.exams.gift import parse_gift
from tests.integration.exams.conftest import BANK


def test_import_and_export_gift_commands(app, runner, tmp_path):
    source = tmp_path / "bank.gift"
    source.write_text(BANK + "\n\n// [id:broken]\nСломанный {=a ~b\n", encoding="utf-8")
    result = runner.invoke(args=["exams", "import-gift", str(source), "--category", "ignored"])
    assert result.exit_code == 0, result.output
    assert "5 questions (5 new, 0 updated, 0 unchanged)" in result.output and "1 refused" in result.output
    again = runner.invoke(args=["exams", "import-gift", str(source)])
    assert "5 unchanged" in again.output
    target = tmp_path / "out.gift"
    exported = runner.invoke(args=["exams", "export-gift", "--category", "sales/basics", "-o", str(target)])
    assert exported.exit_code == 0, exported.output
    assert sorted(q.idnumber for q in parse_gift(target.read_text(encoding="utf-8")).questions) == [
        "b-1",
        "b-2",
        "b-3",
        "b-4",
    ]
    to_stdout = runner.invoke(args=["exams", "export-gift"])
    assert len(parse_gift(to_stdout.output).questions) == 5


def test_import_command_refuses_a_file_that_is_not_text(runner, tmp_path):
    source = tmp_path / "bank.gift"
    source.write_bytes(b"\x00\x01\x02")
    result = runner.invoke(args=["exams", "import-gift", str(source)])
    assert result.exit_code != 0 and "не текстовый файл" in result.output


def test_close_expired_command(runner):
    result = runner.invoke(args=["exams", "close-expired"])
    assert result.exit_code == 0 and "0 attempt(s) closed" in result.output


def test_demo_seeds_mixed_results_and_one_essay_to_grade_once(ctx):
    from app.accounts import demo as accounts_demo
    from app.core.demo import DemoContext
    from app.exams import demo, reports
    from app.exams.analysis import item_analysis
    from app.exams.models import AttemptStatus, Exam, ExamAttempt
    from app.extensions import db

    messages: list[str] = []
    context = DemoContext(password="demo-password-1", today=date(2026, 3, 2), echo=messages.append)
    accounts_demo.seed(context)
    demo.seed(context)
    db.session.commit()
    attempts = list(db.session.scalars(select(ExamAttempt)))
    assert len(attempts) == len(demo.PLAN)
    graded = [a for a in attempts if a.status == AttemptStatus.GRADED]
    assert any(a.passed for a in graded) and any(not a.passed for a in graded)
    assert len({round(a.percent) for a in graded}) >= 5  # realistic spread, not one score for all
    pending = [a for a in attempts if a.status == AttemptStatus.NEEDS_GRADING]
    assert [(a.user.email, a.exam.course_key) for a in pending] == [("sofia.belova@strela.example", "gatekeeper")]
    users = context.users
    assert len(reports.grading_queue(users["trainer"])) == 1
    assert len(reports.grading_queue(users["rop_ecom"])) == 1  # Sofia's supervisor
    assert reports.grading_queue(users["rop_corp"]) == []
    kirill = next(a for a in attempts if a.user_id == users["kirill"].id)
    assert len(reports.subscores(kirill)) >= 2
    product = db.session.scalar(select(Exam).where(Exam.course_key == "product"))
    analysis = item_analysis(product)
    assert analysis.attempts >= 6 and any(r.stats.discrimination is not None for r in analysis.rows)
    assert any("essay waiting" in m for m in messages)
    demo.seed(context)  # idempotent
    assert db.session.scalar(select(func.count()).select_from(ExamAttempt)) == len(attempts)
