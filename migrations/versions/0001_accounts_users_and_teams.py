"""Accounts: users and teams (a team's supervisor is a user; users belong to a team).

Revision ID: 0001_accounts
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_accounts"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    # teams <-> users reference each other: create teams first, add its FK once users exists.
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    op.create_index(op.f("ix_teams_supervisor_id"), "teams", ["supervisor_id"], unique=False)
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "new_hire", "sales_manager", "supervisor", "trainer", "admin", name="role", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("hire_date", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_users_team_id_teams"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_index(op.f("ix_users_team_id"), "users", ["team_id"], unique=False)
    with op.batch_alter_table("teams") as batch_op:
        batch_op.create_foreign_key(
            op.f("fk_teams_supervisor_id_users"), "users", ["supervisor_id"], ["id"], ondelete="SET NULL"
        )


def downgrade():
    with op.batch_alter_table("teams") as batch_op:
        batch_op.drop_constraint(op.f("fk_teams_supervisor_id_users"), type_="foreignkey")
    op.drop_index(op.f("ix_users_team_id"), table_name="users")
    op.drop_table("users")
    op.drop_index(op.f("ix_teams_supervisor_id"), table_name="teams")
    op.drop_table("teams")
