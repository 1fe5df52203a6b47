"""Users and teams."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, DateTime, Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db


def utcnow() -> datetime:
    """Timezone-aware now, the one clock the models use."""
    return datetime.now(UTC)


class Role(enum.StrEnum):
    """What a person does in the sales department; drives navigation and permissions."""

    NEW_HIRE = "new_hire"
    SALES_MANAGER = "sales_manager"
    SUPERVISOR = "supervisor"
    TRAINER = "trainer"
    ADMIN = "admin"


class Team(db.Model):
    """A sales team led by a supervisor (head of sales)."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", use_alter=True, ondelete="SET NULL"), index=True
    )

    supervisor: Mapped[User | None] = relationship(foreign_keys=[supervisor_id], post_update=True)
    members: Mapped[list[User]] = relationship(
        back_populates="team", foreign_keys="User.team_id", order_by="User.full_name"
    )

    def __repr__(self) -> str:
        return f"<Team {self.name!r}>"


class User(UserMixin, db.Model):
    """A person who signs in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])
    )
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), index=True)
    hire_date: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    team: Mapped[Team | None] = relationship(back_populates="members", foreign_keys=[team_id])

    @property
    def is_active(self) -> bool:  # Flask-Login: deactivated users cannot sign in
        return bool(self.active)

    @property
    def short_name(self) -> str:
        """First name and surname initial-free form used in compact lists."""
        return self.full_name.split()[0] if self.full_name else self.email

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


def role_label(role: Role | str) -> str:
    """Human name of a role in the current UI language."""
    from flask_babel import gettext as _

    labels = {
        Role.NEW_HIRE: _("Стажёр"),
        Role.SALES_MANAGER: _("Менеджер по продажам"),
        Role.SUPERVISOR: _("Руководитель отдела продаж"),
        Role.TRAINER: _("Тренер"),
        Role.ADMIN: _("Администратор"),
    }
    return labels[Role(role)]
