"""The objection library: one record per objection (wording variants, approved answers) and its revisions.

A record is edited in one place and read everywhere: call scripts link to it from their objection branches,
the objection page lists the lessons and exam questions with its tags, and ``wording_examples()`` hands its
wording variants to the objection classifier's learning loop. Every save adds an ``ObjectionRevision``.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.extensions import db


class ObjectionCategory(enum.StrEnum):
    """The objection classifier's labels (``checklists/data/objection.csv``), one per library record."""

    PRICE = "price"
    HAVE_SUPPLIER = "have_supplier"
    NO_NEED = "no_need"
    SEND_PROPOSAL = "send_proposal"
    NO_TIME = "no_time"
    THINK_IT_OVER = "think_it_over"
    OTHER = "other"


class Objection(db.Model):
    """A library entry; the current content lives here, every saved state in ``revisions``."""

    __tablename__ = "objections"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[ObjectionCategory] = mapped_column(
        Enum(ObjectionCategory, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        index=True,
    )
    summary: Mapped[str] = mapped_column(Text, default="")  # Markdown: what usually stands behind it
    variants: Mapped[list[str]] = mapped_column(JSON, default=list)  # what clients actually say
    # Each answer: {"acknowledge", "clarify", "answer", "check"} (Markdown strings, the four steps).
    answers: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    dont_say: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)  # skill ids
    position: Mapped[int] = mapped_column(Integer, default=100)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    revision: Mapped[int] = mapped_column(Integer, default=1)  # number of the newest revision
    # Hash of the shipped content last imported: a re-import changes only records nobody edited since.
    imported_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship()
    revisions: Mapped[list[ObjectionRevision]] = relationship(
        back_populates="objection", order_by="ObjectionRevision.number", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Objection {self.key}>"


class ObjectionRevision(db.Model):
    """One saved state of a library entry: who changed it, when and why; restoring adds a new revision."""

    __tablename__ = "objection_revisions"
    __table_args__ = (UniqueConstraint("objection_id", "number", name="uq_objection_revisions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    objection_id: Mapped[int] = mapped_column(ForeignKey("objections.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)  # title, category, summary, variants, answers …
    note: Mapped[str] = mapped_column(String(300), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    objection: Mapped[Objection] = relationship(back_populates="revisions")
    author: Mapped[User | None] = relationship()
