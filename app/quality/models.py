"""Checklists and their versions: drafts are edited, published versions are immutable and scored with."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.extensions import db


class VersionStatus(enum.StrEnum):
    """Life cycle of a checklist version."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Checklist(db.Model):
    """A named checklist (``cold_call``, ``gatekeeper`` …); its content lives in versions."""

    __tablename__ = "checklists"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    versions: Mapped[list[ChecklistVersion]] = relationship(
        back_populates="checklist", order_by="ChecklistVersion.number", cascade="all, delete-orphan"
    )

    @property
    def published(self) -> ChecklistVersion | None:
        """The newest published version (what new calls are scored with)."""
        published = [v for v in self.versions if v.status == VersionStatus.PUBLISHED]
        return published[-1] if published else None

    @property
    def draft(self) -> ChecklistVersion | None:
        """The open draft, if any (at most one)."""
        drafts = [v for v in self.versions if v.status == VersionStatus.DRAFT]
        return drafts[-1] if drafts else None


class ChecklistVersion(db.Model):
    """One version of a checklist as YAML text; a scorecard names the version it was scored with."""

    __tablename__ = "checklist_versions"
    __table_args__ = (UniqueConstraint("checklist_id", "number", name="uq_checklist_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[VersionStatus] = mapped_column(
        Enum(VersionStatus, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        default=VersionStatus.DRAFT,
    )
    yaml_text: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(String(500))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    checklist: Mapped[Checklist] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()

    @property
    def label(self) -> str:
        return f"{self.checklist.key} v{self.number}"
