"""Question bank rules: categories as a tree, questions upserted by key with a new version only on change."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from app.accounts.models import User
from app.core.domain import DomainError
from app.exams.gift import Question as GiftQuestion
from app.exams.gift import normalize_category, parse_gift
from app.exams.models import Question, QuestionCategory, QuestionTag, QuestionVersion
from app.extensions import db

UNCATEGORIZED = "Без категории"
MAX_KEY = 100


def ensure_category(path: str) -> QuestionCategory:
    """The category at ``path``, created together with its missing ancestors."""
    path = normalize_category(path) or UNCATEGORIZED
    existing = db.session.scalar(select(QuestionCategory).where(QuestionCategory.path == path))
    if existing is not None:
        return existing
    parent = ensure_category(path.rsplit("/", 1)[0]) if "/" in path else None
    category = QuestionCategory(path=path, name=path.rsplit("/", 1)[-1][:120], parent=parent)
    db.session.add(category)
    db.session.flush()
    return category


def category_paths(path: str, subtree: bool = True) -> list[str]:
    """The path itself and, with ``subtree``, every path below it that exists."""
    path = normalize_category(path)
    query = select(QuestionCategory.path).where(QuestionCategory.path == path)
    if subtree:
        query = select(QuestionCategory.path).where(
            or_(QuestionCategory.path == path, QuestionCategory.path.startswith(path + "/", autoescape=True))
        )
    return list(db.session.scalars(query))


def auto_key(question: GiftQuestion) -> str:
    """A stable key for a question without ``[id:…]``: derived from its category, name and text."""
    raw = "\n".join([question.category, question.name, question.text, question.text_after])
    return "auto-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def key_of(question: GiftQuestion) -> str:
    """The bank key of a parsed question."""
    return question.idnumber or auto_key(question)


def current_gift(question: Question) -> GiftQuestion:
    """A bank question as a GIFT dataclass (current version, key as id, category path)."""
    version = question.current_version
    if version is None:
        raise DomainError(f"question {question.key} has no version")
    return replace(version.as_gift(), idnumber=question.key, category=question.category.path)


def _sync_tags(question: Question, tags: tuple[str, ...]) -> None:
    wanted = list(dict.fromkeys(t[:64] for t in tags))
    if set(question.tags) == set(wanted):
        return
    question.tag_rows = [QuestionTag(tag=t) for t in wanted]


@dataclass
class Upsert:
    """What happened to one question: ``created``, ``updated`` (new version) or ``unchanged``."""

    question: Question
    status: str


def upsert_question(
    parsed: GiftQuestion,
    *,
    course_key: str | None = None,
    source: str = "",
    position: int = 0,
    user: User | None = None,
    note: str = "",
) -> Upsert:
    """Create or update the question keyed by ``[id:…]``; a version is added only when the content changed."""
    key = key_of(parsed)
    if len(key) > MAX_KEY:
        raise DomainError(_("id длиннее %(n)s символов: %(key)s…", n=MAX_KEY, key=key[:40]), "gift")
    question = db.session.scalar(select(Question).where(Question.key == key))
    # A file that names no category leaves an existing question where it is.
    category = question.category if question is not None and not parsed.category else ensure_category(parsed.category)
    status = "unchanged"
    if question is None:
        question = Question(key=key, category=category, course_key=course_key, source=source, position=position)
        db.session.add(question)
        status = "created"
    elif question.archived or question.category_id != category.id:
        status = "updated"
    question.category, question.archived, question.position = category, False, position
    if course_key is not None:
        question.course_key = course_key
    if source:
        question.source = source[:500]
    content_hash = parsed.content_hash()
    current = question.current_version
    if current is None or current.content_hash != content_hash:
        number = (question.versions[-1].number + 1) if question.versions else 1
        version = QuestionVersion(
            number=number,
            qtype=parsed.qtype.value,
            name=parsed.name[:255],
            data=parsed.content(),
            content_hash=content_hash,
            note=note[:300],
            created_by_id=user.id if user is not None else None,
        )
        question.versions.append(version)
        db.session.flush()
        question.current_version = version
        status = "created" if status == "created" else "updated"
    _sync_tags(question, parsed.tags)
    db.session.flush()
    return Upsert(question, status)


def parse_single(gift_text: str, category: str) -> GiftQuestion:
    """Exactly one question from an editor's GIFT text, or a DomainError that names the line."""
    result = parse_gift(gift_text, default_category=category)
    if result.errors:
        raise DomainError("; ".join(str(e) for e in result.errors), "gift")
    if len(result.questions) != 1:
        raise DomainError(_("нужен ровно один вопрос, а в тексте их %(n)s", n=len(result.questions)), "gift")
    parsed = result.questions[0]
    return replace(parsed, category=normalize_category(category) or parsed.category)


def save_edited_question(question: Question | None, gift_text: str, category: str, user: User) -> tuple[Question, str]:
    """Save a trainer's edit (GIFT of one question); the key of an existing question cannot change."""
    parsed = parse_single(gift_text, category)
    if question is not None:
        if parsed.idnumber and parsed.idnumber != question.key:
            raise DomainError(_("id вопроса менять нельзя: оставьте [id:%(key)s]", key=question.key), "gift")
        parsed = replace(parsed, idnumber=question.key)
    elif db.session.scalar(select(Question.id).where(Question.key == key_of(parsed))) is not None:
        raise DomainError(_("вопрос с id %(key)s уже есть в банке — задайте другой [id:…]", key=key_of(parsed)), "gift")
    course_key = question.course_key if question is not None else None
    position = question.position if question is not None else _next_position()
    result = upsert_question(parsed, course_key=course_key, position=position, user=user, note="правка в браузере")
    return result.question, result.status


def _next_position() -> int:
    return (db.session.scalar(select(func.max(Question.position))) or 0) + 1


def set_archived(question: Question, archived: bool) -> None:
    """Take a question out of random draws (kept for past attempts), or bring it back."""
    question.archived = archived
    db.session.flush()


@dataclass(frozen=True)
class CategoryRow:
    """A category with how many active questions sit directly in it and in its whole subtree."""

    category: QuestionCategory
    own: int
    total: int


def category_tree() -> list[CategoryRow]:
    """Every category in path order with question counts."""
    categories = list(db.session.scalars(select(QuestionCategory).order_by(QuestionCategory.path)))
    active = select(Question.category_id, func.count()).where(Question.archived.is_(False))
    counts = dict(db.session.execute(active.group_by(Question.category_id)).all())
    rows = []
    for category in categories:
        own = counts.get(category.id, 0)
        total = sum(
            counts.get(c.id, 0) for c in categories if c.path == category.path or c.path.startswith(category.path + "/")
        )
        rows.append(CategoryRow(category, own, total))
    return rows


def search_questions(
    text: str = "", category: str = "", tag: str = "", include_archived: bool = False, limit: int = 200
) -> list[Question]:
    """Questions matching a text (key, name or content), a category subtree and a tag."""
    query = select(Question).join(Question.current_version).join(Question.category)
    if category:
        query = query.where(QuestionCategory.path.in_(category_paths(category)))
    if tag:
        query = query.where(Question.tag_rows.any(QuestionTag.tag == tag))
    if not include_archived:
        query = query.where(Question.archived.is_(False))
    questions = list(db.session.scalars(query.order_by(QuestionCategory.path, Question.position, Question.key)))
    if text.strip():
        needle = text.strip().casefold()
        questions = [q for q in questions if needle in _haystack(q)]
    return questions[:limit]


def _haystack(question: Question) -> str:
    version = question.current_version
    data = version.data if version is not None else {}
    parts = [question.key, data.get("name", ""), data.get("text", ""), data.get("text_after", "")]
    parts += [a.get("text", "") for a in data.get("answers", [])]
    return " ".join(parts).casefold()


def all_tags() -> list[str]:
    """Every tag used in the bank."""
    return list(db.session.scalars(select(QuestionTag.tag).distinct().order_by(QuestionTag.tag)))


def questions_for_export(category: str = "", course_key: str | None = None) -> list[Question]:
    """Active questions of a category subtree (or of a course) in a stable order for writing GIFT."""
    query = select(Question).join(Question.category).where(Question.archived.is_(False))
    if category:
        query = query.where(QuestionCategory.path.in_(category_paths(category)))
    if course_key is not None:  # a course's bank keeps the order of its file
        query = query.where(Question.course_key == course_key).order_by(Question.position, Question.key)
    else:
        query = query.order_by(QuestionCategory.path, Question.position, Question.key)
    return list(db.session.scalars(query))
