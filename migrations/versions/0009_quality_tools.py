"""Quality tools: checklist drafts' origin, "try it" preview runs, the classifier learning loop, calibration.

Revision ID: 0009_quality_tools
Revises: 0008_motivation
Create Date: 2026-11-22

Tables: checklist_try_runs, training_examples, labelling_candidates, labelling_queues, classifier_models,
calibration_sessions, calibration_reviewers, calibration_verdicts; columns based_on_id and updated_at on
checklist_versions. Foreign keys to calls, scorecards and scorecard_items: chain after the calls revisions.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009_quality_tools"
down_revision = "0008_motivation"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "labelling_queues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=20), nullable=False),
        sa.Column(
            "status",
            sa.Enum("queued", "running", "done", "failed", name="runstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("model_version", sa.String(length=40), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labelling_queues")),
        sa.UniqueConstraint("task", name=op.f("uq_labelling_queues_task")),
    )
    op.create_table(
        "classifier_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=20), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=True),
        sa.Column("file", sa.String(length=300), nullable=True),
        sa.Column("baseline", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("queued", "running", "done", "failed", name="runstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("stage", sa.String(length=200), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("n_examples", sa.Integer(), nullable=False),
        sa.Column("n_db_examples", sa.Integer(), nullable=False),
        sa.Column("example_ids", sa.JSON(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_classifier_models_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classifier_models")),
    )
    with op.batch_alter_table("classifier_models", schema=None) as batch_op:
        batch_op.create_index("ix_classifier_models_task_active", ["task", "active"], unique=False)

    op.create_table(
        "checklist_try_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("call_ids", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("queued", "running", "done", "failed", name="runstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.Column("mean_delta", sa.Float(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_checklist_try_runs_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["checklist_versions.id"],
            name=op.f("fk_checklist_try_runs_version_id_checklist_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_try_runs")),
    )
    with op.batch_alter_table("checklist_try_runs", schema=None) as batch_op:
        batch_op.create_index("ix_checklist_try_runs_version_created", ["version_id", "created_at"], unique=False)

    op.create_table(
        "calibration_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("scorecard_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "status", sa.Enum("open", "closed", name="sessionstatus", native_enum=False, length=8), nullable=False
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_calibration_sessions_call_id_calls"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_calibration_sessions_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_id"],
            ["scorecards.id"],
            name=op.f("fk_calibration_sessions_scorecard_id_scorecards"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_sessions")),
    )
    with op.batch_alter_table("calibration_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calibration_sessions_call_id"), ["call_id"], unique=False)

    op.create_table(
        "calibration_reviewers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["calibration_sessions.id"],
            name=op.f("fk_calibration_reviewers_session_id_calibration_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_calibration_reviewers_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_reviewers")),
        sa.UniqueConstraint("session_id", "user_id", name="uq_calibration_reviewers_session_user"),
    )
    with op.batch_alter_table("calibration_reviewers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calibration_reviewers_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_calibration_reviewers_user_id"), ["user_id"], unique=False)

    op.create_table(
        "labelling_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=20), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("segment", sa.Integer(), nullable=False),
        sa.Column("start", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("prob", sa.Float(), nullable=False),
        sa.Column("margin", sa.Float(), nullable=False),
        sa.Column("probs", sa.JSON(), nullable=False),
        sa.Column("model_version", sa.String(length=40), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("suggested_label", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("scorecard_item_id", sa.Integer(), nullable=True),
        sa.Column(
            "status", sa.Enum("open", "labelled", name="candidatestatus", native_enum=False, length=16), nullable=False
        ),
        sa.Column("skips", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_labelling_candidates_call_id_calls"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_item_id"],
            ["scorecard_items.id"],
            name=op.f("fk_labelling_candidates_scorecard_item_id_scorecard_items"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labelling_candidates")),
        sa.UniqueConstraint("task", "text_key", name="uq_labelling_candidates_task_text"),
    )
    with op.batch_alter_table("labelling_candidates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_labelling_candidates_call_id"), ["call_id"], unique=False)
        batch_op.create_index(
            "ix_labelling_candidates_queue", ["task", "status", "priority", "skips", "margin"], unique=False
        )

    op.create_table(
        "training_examples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column(
            "source", sa.Enum("label", "override", name="examplesource", native_enum=False, length=16), nullable=False
        ),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("segment", sa.Integer(), nullable=True),
        sa.Column("scorecard_item_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_training_examples_author_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_training_examples_call_id_calls"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_item_id"],
            ["scorecard_items.id"],
            name=op.f("fk_training_examples_scorecard_item_id_scorecard_items"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_examples")),
        sa.UniqueConstraint("task", "text_key", name="uq_training_examples_task_text"),
    )
    with op.batch_alter_table("training_examples", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_examples_call_id"), ["call_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_examples_task"), ["task"], unique=False)

    op.create_table(
        "calibration_verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("result", sa.String(length=8), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["calibration_reviewers.id"],
            name=op.f("fk_calibration_verdicts_reviewer_id_calibration_reviewers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_verdicts")),
        sa.UniqueConstraint("reviewer_id", "item_id", name="uq_calibration_verdicts_reviewer_item"),
    )
    with op.batch_alter_table("checklist_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("based_on_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_checklist_versions_based_on_id_checklist_versions"),
            "checklist_versions",
            ["based_on_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("checklist_versions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_checklist_versions_based_on_id_checklist_versions"), type_="foreignkey")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("based_on_id")

    op.drop_table("calibration_verdicts")
    with op.batch_alter_table("training_examples", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_examples_task"))
        batch_op.drop_index(batch_op.f("ix_training_examples_call_id"))

    op.drop_table("training_examples")
    with op.batch_alter_table("labelling_candidates", schema=None) as batch_op:
        batch_op.drop_index("ix_labelling_candidates_queue")
        batch_op.drop_index(batch_op.f("ix_labelling_candidates_call_id"))

    op.drop_table("labelling_candidates")
    with op.batch_alter_table("calibration_reviewers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calibration_reviewers_user_id"))
        batch_op.drop_index(batch_op.f("ix_calibration_reviewers_session_id"))

    op.drop_table("calibration_reviewers")
    with op.batch_alter_table("calibration_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calibration_sessions_call_id"))

    op.drop_table("calibration_sessions")
    with op.batch_alter_table("checklist_try_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_checklist_try_runs_version_created")

    op.drop_table("checklist_try_runs")
    with op.batch_alter_table("classifier_models", schema=None) as batch_op:
        batch_op.drop_index("ix_classifier_models_task_active")

    op.drop_table("classifier_models")
    op.drop_table("labelling_queues")
