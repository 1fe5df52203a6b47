"""Learning: courses, lessons and their versions, lesson progress, onboarding templates and personal plans.

Revision ID: 0005_learning
Revises: 0004_calls_library
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_learning"
down_revision = "0004_calls_library"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "courses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("order", sa.Integer(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("exam_config", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courses")),
        sa.UniqueConstraint("key", name=op.f("uq_courses_key")),
    )
    op.create_table(
        "onboarding_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_templates")),
        sa.UniqueConstraint("key", name=op.f("uq_onboarding_templates_key")),
    )
    op.create_table(
        "lessons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("search_lemmas", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name=op.f("fk_lessons_course_id_courses"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessons")),
        sa.UniqueConstraint("course_id", "slug", name="uq_lessons_course_slug"),
    )
    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lessons_course_id"), ["course_id"], unique=False)

    op.create_table(
        "onboarding_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("manual", "course", "exam", "submission", name="stepkind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("course_key", sa.String(length=80), nullable=True),
        sa.Column("due_day", sa.Integer(), nullable=False),
        sa.Column("requires_signature", sa.Boolean(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["onboarding_templates.id"],
            name=op.f("fk_onboarding_steps_template_id_onboarding_templates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_steps")),
        sa.UniqueConstraint("template_id", "key", name="uq_onboarding_steps_template_key"),
    )
    with op.batch_alter_table("onboarding_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_onboarding_steps_template_id"), ["template_id"], unique=False)

    op.create_table(
        "lesson_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("lesson_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lessons.id"], name=op.f("fk_lesson_progress_lesson_id_lessons"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_lesson_progress_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_progress")),
        sa.UniqueConstraint("user_id", "lesson_id", name="uq_lesson_progress_user_lesson"),
    )
    with op.batch_alter_table("lesson_progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lesson_progress_lesson_id"), ["lesson_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lesson_progress_user_id"), ["user_id"], unique=False)

    op.create_table(
        "lesson_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lesson_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_lesson_versions_author_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lessons.id"], name=op.f("fk_lesson_versions_lesson_id_lessons"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_versions")),
        sa.UniqueConstraint("lesson_id", "number", name="uq_lesson_versions_number"),
    )
    with op.batch_alter_table("lesson_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lesson_versions_lesson_id"), ["lesson_id"], unique=False)

    op.create_table(
        "onboarding_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["onboarding_templates.id"],
            name=op.f("fk_onboarding_plans_template_id_onboarding_templates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_onboarding_plans_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_plans")),
        sa.UniqueConstraint("user_id", name=op.f("uq_onboarding_plans_user_id")),
    )
    with op.batch_alter_table("onboarding_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_onboarding_plans_template_id"), ["template_id"], unique=False)

    op.create_table(
        "onboarding_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "submitted", "done", name="taskstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("submission_text", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_by_id", sa.Integer(), nullable=True),
        sa.Column("comment", sa.String(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["completed_by_id"],
            ["users.id"],
            name=op.f("fk_onboarding_tasks_completed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["onboarding_plans.id"],
            name=op.f("fk_onboarding_tasks_plan_id_onboarding_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["onboarding_steps.id"],
            name=op.f("fk_onboarding_tasks_step_id_onboarding_steps"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_tasks")),
        sa.UniqueConstraint("plan_id", "step_id", name="uq_onboarding_tasks_plan_step"),
    )
    with op.batch_alter_table("onboarding_tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_onboarding_tasks_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_onboarding_tasks_step_id"), ["step_id"], unique=False)


def downgrade():
    with op.batch_alter_table("onboarding_tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_onboarding_tasks_step_id"))
        batch_op.drop_index(batch_op.f("ix_onboarding_tasks_plan_id"))

    op.drop_table("onboarding_tasks")
    with op.batch_alter_table("onboarding_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_onboarding_plans_template_id"))

    op.drop_table("onboarding_plans")
    with op.batch_alter_table("lesson_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lesson_versions_lesson_id"))

    op.drop_table("lesson_versions")
    with op.batch_alter_table("lesson_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lesson_progress_user_id"))
        batch_op.drop_index(batch_op.f("ix_lesson_progress_lesson_id"))

    op.drop_table("lesson_progress")
    with op.batch_alter_table("onboarding_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_onboarding_steps_template_id"))

    op.drop_table("onboarding_steps")
    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessons_course_id"))

    op.drop_table("lessons")
    op.drop_table("onboarding_templates")
    op.drop_table("courses")
