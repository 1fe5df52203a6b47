"""Exams: question bank (categories, questions, versions, tags), exams with rules, attempts with slots and answers.

Revision ID: 0006_exams
Revises: 0005_learning
Create Date: 2026-11-22 18:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006_exams"
down_revision = "0005_learning"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "exam_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["exam_categories.id"],
            name=op.f("fk_exam_categories_parent_id_exam_categories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_categories")),
        sa.UniqueConstraint("path", name=op.f("uq_exam_categories_path")),
    )
    with op.batch_alter_table("exam_categories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_categories_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "exams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_key", sa.String(length=80), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("pass_mark", sa.Float(), nullable=False),
        sa.Column("time_limit_minutes", sa.Integer(), nullable=True),
        sa.Column("max_attempts", sa.Integer(), nullable=True),
        sa.Column("grading", sa.Enum("highest", "last", name="grading", native_enum=False, length=16), nullable=False),
        sa.Column(
            "show_answers",
            sa.Enum("never", "after_submit", "after_pass", name="showanswers", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("per_page", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exams")),
        sa.UniqueConstraint("course_key", name=op.f("uq_exams_course_key")),
    )

    # exam_questions.current_version_id -> exam_question_versions is added once that table exists (a cycle).
    op.create_table(
        "exam_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("course_key", sa.String(length=80), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("current_version_id", sa.Integer(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["exam_categories.id"],
            name=op.f("fk_exam_questions_category_id_exam_categories"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_questions")),
        sa.UniqueConstraint("key", name=op.f("uq_exam_questions_key")),
    )
    with op.batch_alter_table("exam_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_questions_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exam_questions_course_key"), ["course_key"], unique=False)

    op.create_table(
        "exam_question_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("qtype", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_exam_question_versions_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["exam_questions.id"],
            name=op.f("fk_exam_question_versions_question_id_exam_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_question_versions")),
        sa.UniqueConstraint("question_id", "number", name="uq_exam_question_versions_number"),
    )
    with op.batch_alter_table("exam_question_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_question_versions_question_id"), ["question_id"], unique=False)

    with op.batch_alter_table("exam_questions", schema=None) as batch_op:
        batch_op.create_foreign_key(
            op.f("fk_exam_questions_current_version_id_exam_question_versions"),
            "exam_question_versions",
            ["current_version_id"],
            ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "exam_question_tags",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["exam_questions.id"],
            name=op.f("fk_exam_question_tags_question_id_exam_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("question_id", "tag", name=op.f("pk_exam_question_tags")),
    )
    with op.batch_alter_table("exam_question_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_question_tags_tag"), ["tag"], unique=False)

    op.create_table(
        "exam_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=100), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=255), nullable=True),
        sa.Column("tag", sa.String(length=64), nullable=True),
        sa.Column("subcategories", sa.Boolean(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["exam_id"], ["exams.id"], name=op.f("fk_exam_rules_exam_id_exams"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_rules")),
    )
    with op.batch_alter_table("exam_rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_rules_exam_id"), ["exam_id"], unique=False)

    op.create_table(
        "exam_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("in_progress", "needs_grading", "graded", name="attemptstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("graded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("percent", sa.Float(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["exam_id"], ["exams.id"], name=op.f("fk_exam_attempts_exam_id_exams"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_exam_attempts_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_attempts")),
        sa.UniqueConstraint("exam_id", "user_id", "number", name="uq_exam_attempts_number"),
    )
    with op.batch_alter_table("exam_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_attempts_exam_id"), ["exam_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exam_attempts_user_id"), ["user_id"], unique=False)

    op.create_table(
        "exam_attempt_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("layout", sa.JSON(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=True),
        sa.Column("fraction", sa.Float(), nullable=True),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("needs_manual", sa.Boolean(), nullable=False),
        sa.Column("graded_by_id", sa.Integer(), nullable=True),
        sa.Column("graded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["exam_attempts.id"],
            name=op.f("fk_exam_attempt_slots_attempt_id_exam_attempts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["graded_by_id"], ["users.id"], name=op.f("fk_exam_attempt_slots_graded_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["exam_questions.id"],
            name=op.f("fk_exam_attempt_slots_question_id_exam_questions"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["exam_question_versions.id"],
            name=op.f("fk_exam_attempt_slots_version_id_exam_question_versions"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_attempt_slots")),
    )
    with op.batch_alter_table("exam_attempt_slots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_attempt_slots_attempt_id"), ["attempt_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exam_attempt_slots_question_id"), ["question_id"], unique=False)

    op.create_table(
        "exam_attempt_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["exam_attempt_slots.id"],
            name=op.f("fk_exam_attempt_responses_slot_id_exam_attempt_slots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_attempt_responses")),
    )
    with op.batch_alter_table("exam_attempt_responses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_attempt_responses_slot_id"), ["slot_id"], unique=False)


def downgrade():
    with op.batch_alter_table("exam_attempt_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_attempt_responses_slot_id"))
    op.drop_table("exam_attempt_responses")

    with op.batch_alter_table("exam_attempt_slots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_attempt_slots_question_id"))
        batch_op.drop_index(batch_op.f("ix_exam_attempt_slots_attempt_id"))
    op.drop_table("exam_attempt_slots")

    with op.batch_alter_table("exam_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_attempts_user_id"))
        batch_op.drop_index(batch_op.f("ix_exam_attempts_exam_id"))
    op.drop_table("exam_attempts")

    with op.batch_alter_table("exam_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_rules_exam_id"))
    op.drop_table("exam_rules")

    with op.batch_alter_table("exam_question_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_question_tags_tag"))
    op.drop_table("exam_question_tags")

    with op.batch_alter_table("exam_questions", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("fk_exam_questions_current_version_id_exam_question_versions"), type_="foreignkey"
        )

    with op.batch_alter_table("exam_question_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_question_versions_question_id"))
    op.drop_table("exam_question_versions")

    with op.batch_alter_table("exam_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_questions_course_key"))
        batch_op.drop_index(batch_op.f("ix_exam_questions_category_id"))
    op.drop_table("exam_questions")

    op.drop_table("exams")

    with op.batch_alter_table("exam_categories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_categories_parent_id"))
    op.drop_table("exam_categories")
