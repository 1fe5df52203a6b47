"""Skills: the skills framework, supervisor ratings and development sheets (skills, actions, comments).

Revision ID: 0007_skills
Revises: 0006_exams
Create Date: 2026-11-22 18:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007_skills"
down_revision = "0006_exams"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column(
            "method",
            sa.Enum("decaying", "recent", "highest", "n_times", name="method", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("half_life_days", sa.Integer(), nullable=False),
        sa.Column("n_times", sa.Integer(), nullable=False),
        sa.Column("weight_calls", sa.Float(), nullable=False),
        sa.Column("weight_exams", sa.Float(), nullable=False),
        sa.Column("weight_ratings", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_skills_updated_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skills")),
        sa.UniqueConstraint("key", name=op.f("uq_skills_key")),
    )
    op.create_table(
        "development_sheets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "active", "closed", name="sheetstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("focus_items", sa.JSON(), nullable=False),
        sa.Column("analysed_from", sa.Date(), nullable=True),
        sa.Column("analysed_to", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("closing_note", sa.Text(), nullable=False),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_development_sheets_period_order")),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_development_sheets_author_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["users.id"], name=op.f("fk_development_sheets_closed_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_development_sheets_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_sheets")),
    )
    with op.batch_alter_table("development_sheets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_development_sheets_status"), ["status"], unique=False)
        batch_op.create_index("ix_development_sheets_user_period", ["user_id", "period_start"], unique=False)

    op.create_table(
        "development_sheet_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "course",
                "lesson",
                "exam",
                "library",
                "role_play",
                "sit_in",
                "other",
                name="actionkind",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("target_ref", sa.String(length=120), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("planned", "in_progress", "done", "cancelled", name="actionstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["sheet_id"],
            ["development_sheets.id"],
            name=op.f("fk_development_sheet_actions_sheet_id_development_sheets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_development_sheet_actions_skill_id_skills"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_sheet_actions")),
    )
    with op.batch_alter_table("development_sheet_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_development_sheet_actions_sheet_id"), ["sheet_id"], unique=False)

    op.create_table(
        "development_sheet_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_development_sheet_comments_author_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["sheet_id"],
            ["development_sheets.id"],
            name=op.f("fk_development_sheet_comments_sheet_id_development_sheets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_sheet_comments")),
    )
    with op.batch_alter_table("development_sheet_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_development_sheet_comments_sheet_id"), ["sheet_id"], unique=False)

    op.create_table(
        "development_sheet_skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_level", sa.Float(), nullable=True),
        sa.Column("target_level", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "target_level >= 1 AND target_level <= 5", name=op.f("ck_development_sheet_skills_target_range")
        ),
        sa.ForeignKeyConstraint(
            ["sheet_id"],
            ["development_sheets.id"],
            name=op.f("fk_development_sheet_skills_sheet_id_development_sheets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_development_sheet_skills_skill_id_skills"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_sheet_skills")),
    )
    with op.batch_alter_table("development_sheet_skills", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_development_sheet_skills_sheet_id"), ["sheet_id"], unique=False)

    op.create_table(
        "skill_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("rated_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("level >= 1 AND level <= 5", name=op.f("ck_skill_ratings_level_range")),
        sa.ForeignKeyConstraint(
            ["rated_by_id"], ["users.id"], name=op.f("fk_skill_ratings_rated_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_skill_ratings_skill_id_skills"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_skill_ratings_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_ratings")),
    )
    with op.batch_alter_table("skill_ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skill_ratings_skill_id"), ["skill_id"], unique=False)
        batch_op.create_index("ix_skill_ratings_user_skill", ["user_id", "skill_id"], unique=False)


def downgrade():
    with op.batch_alter_table("skill_ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_skill_ratings_user_skill")
        batch_op.drop_index(batch_op.f("ix_skill_ratings_skill_id"))

    op.drop_table("skill_ratings")
    with op.batch_alter_table("development_sheet_skills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_development_sheet_skills_sheet_id"))

    op.drop_table("development_sheet_skills")
    with op.batch_alter_table("development_sheet_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_development_sheet_comments_sheet_id"))

    op.drop_table("development_sheet_comments")
    with op.batch_alter_table("development_sheet_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_development_sheet_actions_sheet_id"))

    op.drop_table("development_sheet_actions")
    op.drop_table("skills")
    with op.batch_alter_table("development_sheets", schema=None) as batch_op:
        batch_op.drop_index("ix_development_sheets_user_period")
        batch_op.drop_index(batch_op.f("ix_development_sheets_status"))

    op.drop_table("development_sheets")
