"""Motivation: pay schemes with KPIs and gates, KPI facts entered by people, frozen statements, contests.

Money, plans, weights and factors are exact decimals stored as text (``DecimalText``): no float ever touches pay.
Facts that people enter (sales rows, manual values) are append-only; the newest row is the one in force.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from app.accounts.models import Team, User, utcnow
from app.extensions import db


class DecimalText(TypeDecorator[Decimal]):
    """A ``Decimal`` stored as its exact text (portable; SQLite has no exact numeric type)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


class Scheme(db.Model):
    """A pay scheme for a role and/or a team from a month on: base salary, target bonus, KPIs and gates."""

    __tablename__ = "pay_schemes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(20))  # a Role value; None = any role
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    valid_from: Mapped[date] = mapped_column(Date)  # first day of the first month
    valid_to: Mapped[date | None] = mapped_column(Date)  # first day of the last month; None = open
    base_salary: Mapped[Decimal] = mapped_column(DecimalText())
    target_bonus: Mapped[Decimal] = mapped_column(DecimalText())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    team: Mapped[Team | None] = relationship()
    kpis: Mapped[list[SchemeKpi]] = relationship(
        back_populates="scheme", order_by="SchemeKpi.position", cascade="all, delete-orphan"
    )
    gates: Mapped[list[SchemeGate]] = relationship(
        back_populates="scheme", order_by="SchemeGate.position", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Scheme {self.name!r}>"


class SchemeKpi(db.Model):
    """One KPI: weight in % of the target bonus, plan, fact source (with options) and formula."""

    __tablename__ = "pay_scheme_kpis"
    __table_args__ = (UniqueConstraint("scheme_id", "key", name="uq_pay_scheme_kpis_scheme_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("pay_schemes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(30))  # sales | call_quality | product_knowledge | onboarding | manual
    weight: Mapped[Decimal] = mapped_column(DecimalText())
    plan: Mapped[Decimal | None] = mapped_column(DecimalText())  # sales: per person from the sales rows
    formula: Mapped[dict[str, Any]] = mapped_column(JSON)  # formulas.formula_to_dict
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # e.g. exam course key, mode, unit

    scheme: Mapped[Scheme] = relationship(back_populates="kpis")


class SchemeGate(db.Model):
    """A multiplier of the whole bonus: passed/not passed, or bands on a value (e.g. average call score)."""

    __tablename__ = "pay_scheme_gates"
    __table_args__ = (UniqueConstraint("scheme_id", "key", name="uq_pay_scheme_gates_scheme_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("pay_schemes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(30))  # certification | call_quality | product_knowledge | manual
    kind: Mapped[str] = mapped_column(String(10))  # passed | bands
    bands: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # formulas.formula_to_dict(Steps(...))
    pass_factor: Mapped[Decimal] = mapped_column(DecimalText(), default=Decimal(1))
    fail_factor: Mapped[Decimal] = mapped_column(DecimalText(), default=Decimal(0))
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    scheme: Mapped[Scheme] = relationship(back_populates="gates")


class SalesImport(db.Model):
    """One accepted CSV file of sales plans and facts (rejected files leave no trace)."""

    __tablename__ = "sales_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))  # display only, never used as a path
    sha256: Mapped[str] = mapped_column(String(64))
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    uploaded_by: Mapped[User | None] = relationship()


class SalesRow(db.Model):
    """A plan and/or fact for a person and month, from a CSV row or typed in; the newest non-empty value wins."""

    __tablename__ = "sales_rows"
    __table_args__ = (Index("ix_sales_rows_user_period", "user_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("sales_imports.id", ondelete="CASCADE"), index=True)
    row_number: Mapped[int | None] = mapped_column(Integer)  # line in the file, header = 1
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[date] = mapped_column(Date)
    plan: Mapped[Decimal | None] = mapped_column(DecimalText())
    fact: Mapped[Decimal | None] = mapped_column(DecimalText())
    comment: Mapped[str] = mapped_column(String(500), default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sales_import: Mapped[SalesImport | None] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id])


class ManualValue(db.Model):
    """A supervisor's value for a manual KPI or gate of a person and month, with the reason (newest wins)."""

    __tablename__ = "pay_manual_values"
    __table_args__ = (Index("ix_pay_manual_values_user_period", "user_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[date] = mapped_column(Date)
    key: Mapped[str] = mapped_column(String(40))  # the scheme's KPI or gate key
    value: Mapped[Decimal] = mapped_column(DecimalText())
    comment: Mapped[str] = mapped_column(Text)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id])


class Attendance(db.Model):
    """Worked and working days of a person in a month (absent row: a full month)."""

    __tablename__ = "pay_attendance"
    __table_args__ = (UniqueConstraint("user_id", "period", name="uq_pay_attendance_user_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[date] = mapped_column(Date)
    worked_days: Mapped[Decimal] = mapped_column(DecimalText())
    working_days: Mapped[Decimal] = mapped_column(DecimalText())
    comment: Mapped[str] = mapped_column(String(500), default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Reduction(db.Model):
    """A disciplinary bonus reduction for a month, with the order it rests on; the calculator caps the total."""

    __tablename__ = "pay_reductions"
    __table_args__ = (Index("ix_pay_reductions_user_period", "user_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(DecimalText())
    reason: Mapped[str] = mapped_column(Text)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PeriodClose(db.Model):
    """A supervisor approved and froze a team's statements for a month."""

    __tablename__ = "pay_period_closes"
    __table_args__ = (Index("ix_pay_period_closes_team_period", "team_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    period: Mapped[date] = mapped_column(Date)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str] = mapped_column(String(500), default="")

    team: Mapped[Team | None] = relationship()
    approved_by: Mapped[User | None] = relationship()


class FrozenStatement(db.Model):
    """A person's statement for a month as approved: the calculator's output, never recomputed."""

    __tablename__ = "pay_statements"
    __table_args__ = (UniqueConstraint("user_id", "period", name="uq_pay_statements_user_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[date] = mapped_column(Date, index=True)
    close_id: Mapped[int] = mapped_column(ForeignKey("pay_period_closes.id", ondelete="RESTRICT"), index=True)
    scheme_id: Mapped[int | None] = mapped_column(ForeignKey("pay_schemes.id", ondelete="SET NULL"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # calculator.Statement.to_dict()
    total: Mapped[Decimal] = mapped_column(DecimalText())
    frozen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    close: Mapped[PeriodClose] = relationship()
    user: Mapped[User] = relationship()


class Contest(db.Model):
    """A time-boxed contest on a KPI source with a prize; its ranking is computed live."""

    __tablename__ = "pay_contests"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(30))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    prize: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    team: Mapped[Team | None] = relationship()
