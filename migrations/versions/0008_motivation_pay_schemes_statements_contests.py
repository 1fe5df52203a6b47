"""Motivation: pay schemes with KPIs and gates, sales imports and rows, manual values, attendance, disciplinary
reductions, period approvals with frozen statements, contests.

Money, plans, weights and factors are exact decimals stored as text (String(40), ``DecimalText`` in the models).

Revision ID: 0008_motivation
Revises: 0007_skills
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_motivation"
down_revision = "0007_skills"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pay_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("worked_days", sa.String(length=40), nullable=False),
        sa.Column("working_days", sa.String(length=40), nullable=False),
        sa.Column("comment", sa.String(length=500), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"], ["users.id"], name=op.f("fk_pay_attendance_entered_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pay_attendance_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_attendance")),
        sa.UniqueConstraint("user_id", "period", name="uq_pay_attendance_user_period"),
    )
    op.create_table(
        "pay_contests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("prize", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_pay_contests_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_pay_contests_team_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_contests")),
    )
    with op.batch_alter_table("pay_contests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pay_contests_team_id"), ["team_id"], unique=False)

    op.create_table(
        "pay_manual_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"], ["users.id"], name=op.f("fk_pay_manual_values_entered_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pay_manual_values_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_manual_values")),
    )
    with op.batch_alter_table("pay_manual_values", schema=None) as batch_op:
        batch_op.create_index("ix_pay_manual_values_user_period", ["user_id", "period"], unique=False)

    op.create_table(
        "pay_period_closes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["users.id"],
            name=op.f("fk_pay_period_closes_approved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_pay_period_closes_team_id_teams"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_period_closes")),
    )
    with op.batch_alter_table("pay_period_closes", schema=None) as batch_op:
        batch_op.create_index("ix_pay_period_closes_team_period", ["team_id", "period"], unique=False)

    op.create_table(
        "pay_reductions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("amount", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"], ["users.id"], name=op.f("fk_pay_reductions_entered_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pay_reductions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_reductions")),
    )
    with op.batch_alter_table("pay_reductions", schema=None) as batch_op:
        batch_op.create_index("ix_pay_reductions_user_period", ["user_id", "period"], unique=False)

    op.create_table(
        "pay_schemes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("base_salary", sa.String(length=40), nullable=False),
        sa.Column("target_bonus", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_pay_schemes_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_pay_schemes_team_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_schemes")),
    )
    with op.batch_alter_table("pay_schemes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pay_schemes_team_id"), ["team_id"], unique=False)

    op.create_table(
        "sales_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"], name=op.f("fk_sales_imports_uploaded_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_imports")),
    )
    op.create_table(
        "pay_scheme_gates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("bands", sa.JSON(), nullable=True),
        sa.Column("pass_factor", sa.String(length=40), nullable=False),
        sa.Column("fail_factor", sa.String(length=40), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scheme_id"],
            ["pay_schemes.id"],
            name=op.f("fk_pay_scheme_gates_scheme_id_pay_schemes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_scheme_gates")),
        sa.UniqueConstraint("scheme_id", "key", name="uq_pay_scheme_gates_scheme_key"),
    )
    with op.batch_alter_table("pay_scheme_gates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pay_scheme_gates_scheme_id"), ["scheme_id"], unique=False)

    op.create_table(
        "pay_scheme_kpis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("weight", sa.String(length=40), nullable=False),
        sa.Column("plan", sa.String(length=40), nullable=True),
        sa.Column("formula", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scheme_id"], ["pay_schemes.id"], name=op.f("fk_pay_scheme_kpis_scheme_id_pay_schemes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_scheme_kpis")),
        sa.UniqueConstraint("scheme_id", "key", name="uq_pay_scheme_kpis_scheme_key"),
    )
    with op.batch_alter_table("pay_scheme_kpis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pay_scheme_kpis_scheme_id"), ["scheme_id"], unique=False)

    op.create_table(
        "pay_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("close_id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("total", sa.String(length=40), nullable=False),
        sa.Column("frozen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["close_id"],
            ["pay_period_closes.id"],
            name=op.f("fk_pay_statements_close_id_pay_period_closes"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["scheme_id"], ["pay_schemes.id"], name=op.f("fk_pay_statements_scheme_id_pay_schemes"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pay_statements_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_statements")),
        sa.UniqueConstraint("user_id", "period", name="uq_pay_statements_user_period"),
    )
    with op.batch_alter_table("pay_statements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pay_statements_close_id"), ["close_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pay_statements_period"), ["period"], unique=False)

    op.create_table(
        "sales_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("row_number", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("plan", sa.String(length=40), nullable=True),
        sa.Column("fact", sa.String(length=40), nullable=True),
        sa.Column("comment", sa.String(length=500), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"], ["users.id"], name=op.f("fk_sales_rows_entered_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["import_id"], ["sales_imports.id"], name=op.f("fk_sales_rows_import_id_sales_imports"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sales_rows_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_rows")),
    )
    with op.batch_alter_table("sales_rows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_rows_import_id"), ["import_id"], unique=False)
        batch_op.create_index("ix_sales_rows_user_period", ["user_id", "period"], unique=False)


def downgrade():
    with op.batch_alter_table("sales_rows", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_rows_user_period")
        batch_op.drop_index(batch_op.f("ix_sales_rows_import_id"))

    op.drop_table("sales_rows")
    with op.batch_alter_table("pay_statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pay_statements_period"))
        batch_op.drop_index(batch_op.f("ix_pay_statements_close_id"))

    op.drop_table("pay_statements")
    with op.batch_alter_table("pay_scheme_kpis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pay_scheme_kpis_scheme_id"))

    op.drop_table("pay_scheme_kpis")
    with op.batch_alter_table("pay_scheme_gates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pay_scheme_gates_scheme_id"))

    op.drop_table("pay_scheme_gates")
    op.drop_table("sales_imports")
    with op.batch_alter_table("pay_schemes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pay_schemes_team_id"))

    op.drop_table("pay_schemes")
    with op.batch_alter_table("pay_reductions", schema=None) as batch_op:
        batch_op.drop_index("ix_pay_reductions_user_period")

    op.drop_table("pay_reductions")
    with op.batch_alter_table("pay_period_closes", schema=None) as batch_op:
        batch_op.drop_index("ix_pay_period_closes_team_period")

    op.drop_table("pay_period_closes")
    with op.batch_alter_table("pay_manual_values", schema=None) as batch_op:
        batch_op.drop_index("ix_pay_manual_values_user_period")

    op.drop_table("pay_manual_values")
    with op.batch_alter_table("pay_contests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pay_contests_team_id"))

    op.drop_table("pay_contests")
    op.drop_table("pay_attendance")
