"""Question bank: categories (a tree from ``$CATEGORY:`` paths), questions, their versions and skill tags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.exams.gift.model import Question as GiftQuestion
from app.extensions import db


class QuestionCategory(db.Model):
    """A node of the category tree, addressed by its path (``spin/types``)."""

    __tablename__ = "exam_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("exam_categories.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    parent: Mapped[QuestionCategory | None] = relationship(remote_side=[id])

    @property
    def depth(self) -> int:
        return self.path.count("/")

    def __repr__(self) -> str:
        return f"<QuestionCategory {self.path}>"


class Question(db.Model):
    """A bank question identified by ``key`` (the GIFT ``[id:…]``); its content lives in versions."""

    __tablename__ = "exam_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("exam_categories.id", ondelete="RESTRICT"), index=True)
    course_key: Mapped[str | None] = mapped_column(String(80), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("exam_question_versions.id", use_alter=True, ondelete="SET NULL")
    )
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    category: Mapped[QuestionCategory] = relationship()
    current_version: Mapped[QuestionVersion | None] = relationship(foreign_keys=[current_version_id], post_update=True)
    versions: Mapped[list[QuestionVersion]] = relationship(
        back_populates="question",
        foreign_keys="QuestionVersion.question_id",
        order_by="QuestionVersion.number",
        cascade="all, delete-orphan",
    )
    tag_rows: Mapped[list[QuestionTag]] = relationship(cascade="all, delete-orphan", order_by="QuestionTag.tag")

    @property
    def tags(self) -> list[str]:
        return [row.tag for row in self.tag_rows]

    def __repr__(self) -> str:
        return f"<Question {self.key}>"


class QuestionVersion(db.Model):
    """An immutable snapshot of a question's content; attempts pin the version they showed."""

    __tablename__ = "exam_question_versions"
    __table_args__ = (UniqueConstraint("question_id", "number", name="uq_exam_question_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("exam_questions.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    qtype: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(255), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    question: Mapped[Question] = relationship(back_populates="versions", foreign_keys=[question_id])
    created_by: Mapped[User | None] = relationship()

    def as_gift(self) -> GiftQuestion:
        """The version's content as the plain dataclass the grading rules work on."""
        return GiftQuestion.from_dict(self.data)


class QuestionTag(db.Model):
    """A skill tag of a question (the GIFT ``[tag:…]``); mirrors the current version for searching."""

    __tablename__ = "exam_question_tags"

    question_id: Mapped[int] = mapped_column(ForeignKey("exam_questions.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
