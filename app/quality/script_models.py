"""Call scripts: a script has versions (draft → published, immutable afterwards), each with the five stages.

A stage holds its goal, model phrases and tips (Markdown) and objection branches; a branch links a library
entry (``objections``), so the approved answer shown in the script is always the library's current one.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Enum, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.extensions import db
from app.quality.models import VersionStatus
from app.quality.objection_models import Objection


def _enum(cls: type[enum.Enum], length: int = 20) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class StageKind(enum.StrEnum):
    """The five stages of a call script, in the order a call goes through them."""

    OPENING = "opening"
    GATEKEEPER = "gatekeeper"
    NEEDS_DISCOVERY = "needs_discovery"
    PRESENTATION = "presentation"
    CLOSING = "closing"


STAGE_ORDER: tuple[StageKind, ...] = tuple(StageKind)


class CallScript(db.Model):
    """A named script (``cold_call_strela`` …); its content lives in versions."""

    __tablename__ = "call_scripts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    versions: Mapped[list[CallScriptVersion]] = relationship(
        back_populates="script", order_by="CallScriptVersion.number", cascade="all, delete-orphan"
    )

    @property
    def published(self) -> CallScriptVersion | None:
        """The version in force (what managers read)."""
        published = [v for v in self.versions if v.status == VersionStatus.PUBLISHED]
        return published[-1] if published else None

    @property
    def draft(self) -> CallScriptVersion | None:
        """The open draft, if any (at most one)."""
        drafts = [v for v in self.versions if v.status == VersionStatus.DRAFT]
        return drafts[-1] if drafts else None


class CallScriptVersion(db.Model):
    """One version of a script: title, introduction and the five stages."""

    __tablename__ = "call_script_versions"
    __table_args__ = (UniqueConstraint("script_id", "number", name="uq_call_script_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    script_id: Mapped[int] = mapped_column(ForeignKey("call_scripts.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # active_history: the old status is loaded before a change, so the immutability guard always sees it.
    status: Mapped[VersionStatus] = mapped_column(
        _enum(VersionStatus, 16), default=VersionStatus.DRAFT, active_history=True
    )
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")  # Markdown: when to use the script, for whom
    note: Mapped[str] = mapped_column(String(500), default="")  # what changed (given when publishing)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("call_script_versions.id", ondelete="SET NULL"))

    script: Mapped[CallScript] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()
    based_on: Mapped[CallScriptVersion | None] = relationship(remote_side=[id])
    stages: Mapped[list[ScriptStage]] = relationship(
        back_populates="version", order_by="ScriptStage.position", cascade="all, delete-orphan"
    )

    @property
    def label(self) -> str:
        """``cold_call_strela v3``."""
        return f"{self.script.key} v{self.number}"

    @property
    def is_draft(self) -> bool:
        """Only drafts may change."""
        return self.status == VersionStatus.DRAFT

    def stage(self, kind: StageKind | str) -> ScriptStage | None:
        """The stage of a kind."""
        return next((s for s in self.stages if s.kind == StageKind(kind)), None)


class ScriptStage(db.Model):
    """One of the five stages of a version."""

    __tablename__ = "call_script_stages"
    __table_args__ = (UniqueConstraint("version_id", "kind", name="uq_call_script_stages_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("call_script_versions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[StageKind] = mapped_column(_enum(StageKind))
    goal: Mapped[str] = mapped_column(Text, default="")  # Markdown
    phrases: Mapped[str] = mapped_column(Text, default="")  # Markdown: model phrases
    tips: Mapped[str] = mapped_column(Text, default="")  # Markdown

    version: Mapped[CallScriptVersion] = relationship(back_populates="stages")
    branches: Mapped[list[ScriptBranch]] = relationship(
        back_populates="stage", order_by="ScriptBranch.position", cascade="all, delete-orphan"
    )

    @property
    def is_empty(self) -> bool:
        """Nothing written and no branch: the reading view skips it."""
        return not (self.goal.strip() or self.phrases.strip() or self.tips.strip() or self.branches)


class ScriptBranch(db.Model):
    """An objection branch of a stage: a library entry plus what is specific to this script at this stage."""

    __tablename__ = "call_script_branches"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("call_script_stages.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    objection_id: Mapped[int] = mapped_column(ForeignKey("objections.id", ondelete="RESTRICT"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")  # Markdown

    stage: Mapped[ScriptStage] = relationship(back_populates="branches")
    objection: Mapped[Objection] = relationship()


class ImmutableScriptError(RuntimeError):
    """Code tried to change a published or archived script version."""


def _old_status(version: CallScriptVersion) -> VersionStatus:
    history = sa_inspect(version).attrs.status.history
    return history.deleted[0] if history.deleted else version.status


@event.listens_for(CallScriptVersion, "before_update")
def _guard_version(_mapper: Any, _connection: Any, version: CallScriptVersion) -> None:
    """A published version keeps its text and never becomes a draft again."""
    old = _old_status(version)
    if old == VersionStatus.DRAFT:
        return
    state = sa_inspect(version)
    if any(state.attrs[name].history.has_changes() for name in ("title", "summary")):
        raise ImmutableScriptError(f"{version.label} is {old}: its text cannot change")
    if version.status == VersionStatus.DRAFT:
        raise ImmutableScriptError(f"{version.label} is {old}: it cannot become a draft again")


def _version_of(target: ScriptStage | ScriptBranch) -> CallScriptVersion | None:
    if isinstance(target, ScriptStage):
        return target.version
    # A branch taken out of its stage's list has lost ``stage`` by flush time; its history still has it.
    stage = target.stage or next(iter(sa_inspect(target).attrs.stage.history.deleted), None)
    return stage.version if stage is not None else None


def _guard_part(_mapper: Any, _connection: Any, target: ScriptStage | ScriptBranch) -> None:
    version = _version_of(target)
    if version is not None and version.status != VersionStatus.DRAFT and _old_status(version) != VersionStatus.DRAFT:
        raise ImmutableScriptError(f"{version.label} is {version.status}: its stages and branches cannot change")


for _cls in (ScriptStage, ScriptBranch):
    for _event in ("before_insert", "before_update", "before_delete"):
        event.listen(_cls, _event, _guard_part)
