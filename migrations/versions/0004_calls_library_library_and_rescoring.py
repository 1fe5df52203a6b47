"""Calls, part B: call library (examples with tags), rescoring runs, covering indexes for the call list.

Revision ID: 0004_calls_library
Revises: 0003_calls
Create Date: 2026-11-22 18:30:00

The tables reference ``calls`` (0003_calls): chain this revision after it.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004_calls_library"
down_revision = "0003_calls"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "library_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("good", "bad", name="examplekind", native_enum=False, length=8), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("start", sa.Float(), nullable=True),
        sa.Column("end", sa.Float(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_library_entries_call_id_calls"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_library_entries_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_entries")),
    )
    with op.batch_alter_table("library_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_library_entries_call_id"), ["call_id"], unique=False)
        batch_op.create_index("ix_library_entries_kind_created", ["kind", "created_at"], unique=False)

    op.create_table(
        "library_entry_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["library_entries.id"],
            name=op.f("fk_library_entry_tags_entry_id_library_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_entry_tags")),
        sa.UniqueConstraint("entry_id", "tag", name="uq_library_entry_tags_entry_tag"),
    )
    with op.batch_alter_table("library_entry_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_library_entry_tags_tag"), ["tag"], unique=False)

    op.create_table(
        "rescore_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("checklist_id", sa.Integer(), nullable=True),
        sa.Column("date_from", sa.Date(), nullable=True),
        sa.Column("date_to", sa.Date(), nullable=True),
        sa.Column("include_reviewed", sa.Boolean(), nullable=False),
        sa.Column("call_ids", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("queued", "running", "done", "failed", name="runstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("rescored", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["checklist_id"],
            ["checklists.id"],
            name=op.f("fk_rescore_runs_checklist_id_checklists"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_rescore_runs_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rescore_runs")),
    )
    with op.batch_alter_table("rescore_runs", schema=None) as batch_op:
        batch_op.create_index("ix_rescore_runs_status_created", ["status", "created_at"], unique=False)

    # Covering indexes for the call list and stats (see app/calls/library_models.py).
    order = ["call_date", "call_time", "id"]
    rest = ["status", "final_score", "critical_failed", "reviewed_at", "current_scorecard_id", "duration"]
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.create_index("ix_calls_list_by_date", [*order, "manager_id", "team_id", "checklist_id", *rest])
        batch_op.create_index("ix_calls_list_by_manager", ["manager_id", *order, "team_id", "checklist_id", *rest])
        batch_op.create_index("ix_calls_list_by_team", ["team_id", *order, "manager_id", "checklist_id", *rest])
        batch_op.create_index("ix_calls_list_by_checklist", ["checklist_id", *order, "manager_id", "team_id", *rest])
    with op.batch_alter_table("scorecard_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_scorecard_items_verdicts", ["scorecard_id", "item_id", "human_result", "auto_result"], unique=False
        )


def downgrade():
    with op.batch_alter_table("scorecard_items", schema=None) as batch_op:
        batch_op.drop_index("ix_scorecard_items_verdicts")
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.drop_index("ix_calls_list_by_checklist")
        batch_op.drop_index("ix_calls_list_by_team")
        batch_op.drop_index("ix_calls_list_by_manager")
        batch_op.drop_index("ix_calls_list_by_date")
    with op.batch_alter_table("rescore_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_rescore_runs_status_created")
    op.drop_table("rescore_runs")
    with op.batch_alter_table("library_entry_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_library_entry_tags_tag"))
    op.drop_table("library_entry_tags")
    with op.batch_alter_table("library_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_library_entries_kind_created")
        batch_op.drop_index(batch_op.f("ix_library_entries_call_id"))
    op.drop_table("library_entries")
