"""Quality: call scripts (versions, five stages, objection branches) and the objection library with revisions.

Revision ID: 0010_scripts_objections
Revises: 0009_quality_tools
Create Date: 2026-11-23

Tables: objections, objection_revisions, call_scripts, call_script_versions, call_script_stages,
call_script_branches. Foreign keys only to users and to each other.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010_scripts_objections"
down_revision = "0009_quality_tools"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "call_scripts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_scripts")),
        sa.UniqueConstraint("key", name=op.f("uq_call_scripts_key")),
    )
    op.create_table(
        "call_script_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("script_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "published", "archived", name="versionstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("based_on_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["based_on_id"],
            ["call_script_versions.id"],
            name=op.f("fk_call_script_versions_based_on_id_call_script_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_call_script_versions_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["script_id"],
            ["call_scripts.id"],
            name=op.f("fk_call_script_versions_script_id_call_scripts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_script_versions")),
        sa.UniqueConstraint("script_id", "number", name="uq_call_script_versions_number"),
    )
    op.create_index(op.f("ix_call_script_versions_script_id"), "call_script_versions", ["script_id"], unique=False)
    op.create_table(
        "objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "price",
                "have_supplier",
                "no_need",
                "send_proposal",
                "no_time",
                "think_it_over",
                "other",
                name="objectioncategory",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("dont_say", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("imported_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_objections_updated_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objections")),
        sa.UniqueConstraint("key", name=op.f("uq_objections_key")),
    )
    op.create_index(op.f("ix_objections_category"), "objections", ["category"], unique=False)
    op.create_table(
        "call_script_stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "opening",
                "gatekeeper",
                "needs_discovery",
                "presentation",
                "closing",
                name="stagekind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("phrases", sa.Text(), nullable=False),
        sa.Column("tips", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["call_script_versions.id"],
            name=op.f("fk_call_script_stages_version_id_call_script_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_script_stages")),
        sa.UniqueConstraint("version_id", "kind", name="uq_call_script_stages_kind"),
    )
    op.create_index(op.f("ix_call_script_stages_version_id"), "call_script_stages", ["version_id"], unique=False)
    op.create_table(
        "objection_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objection_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_objection_revisions_author_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["objection_id"],
            ["objections.id"],
            name=op.f("fk_objection_revisions_objection_id_objections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objection_revisions")),
        sa.UniqueConstraint("objection_id", "number", name="uq_objection_revisions_number"),
    )
    op.create_index(op.f("ix_objection_revisions_objection_id"), "objection_revisions", ["objection_id"], unique=False)
    op.create_table(
        "call_script_branches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("objection_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["objection_id"],
            ["objections.id"],
            name=op.f("fk_call_script_branches_objection_id_objections"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["call_script_stages.id"],
            name=op.f("fk_call_script_branches_stage_id_call_script_stages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_script_branches")),
    )
    op.create_index(
        op.f("ix_call_script_branches_objection_id"), "call_script_branches", ["objection_id"], unique=False
    )
    op.create_index(op.f("ix_call_script_branches_stage_id"), "call_script_branches", ["stage_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_call_script_branches_stage_id"), table_name="call_script_branches")
    op.drop_index(op.f("ix_call_script_branches_objection_id"), table_name="call_script_branches")
    op.drop_table("call_script_branches")
    op.drop_index(op.f("ix_objection_revisions_objection_id"), table_name="objection_revisions")
    op.drop_table("objection_revisions")
    op.drop_index(op.f("ix_call_script_stages_version_id"), table_name="call_script_stages")
    op.drop_table("call_script_stages")
    op.drop_index(op.f("ix_objections_category"), table_name="objections")
    op.drop_table("objections")
    op.drop_index(op.f("ix_call_script_versions_script_id"), table_name="call_script_versions")
    op.drop_table("call_script_versions")
    op.drop_table("call_scripts")
