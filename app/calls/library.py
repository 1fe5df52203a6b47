"""Call library: supervisors mark calls or fragments as good/bad examples; everyone browses them by tag.

People who may not view a call get only its marked fragment: the audio cut to ``start``..``end`` (a file
of its own, so nothing else of the recording can be fetched through the library), the transcript lines
inside the fragment, and no manager name. Services flush; views commit.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload, undefer

from app.accounts.models import User
from app.accounts.permissions import can
from app.calls.library_models import ExampleKind, LibraryEntry, LibraryTag
from app.calls.models import Call
from app.core.domain import DomainError
from app.extensions import db

MAX_TAGS = 10
MAX_TAG_LENGTH = 40
MIN_FRAGMENT_S = 1.0
MAX_FRAGMENT_S = 10 * 60.0
PAGE_SIZE = 20
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,3}):(\d{1,2}(?:[.,]\d+)?)$|^(\d+(?:[.,]\d+)?)$")


def skill_tags() -> dict[str, str]:
    """Suggested tags: the project's skill ids with their Russian names."""
    return {
        "gatekeeper": _("прохождение секретаря"),
        "opening": _("установление контакта"),
        "needs_discovery": _("выявление потребностей"),
        "value_presentation": _("презентация, язык пользы"),
        "positioning": _("позиционирование"),
        "objection_handling": _("работа с возражениями"),
        "closing": _("закрытие, следующий шаг"),
        "negotiation": _("переговоры"),
        "product_knowledge": _("знание продукта"),
    }


def parse_clock(text: str) -> float | None:
    """Seconds from ``ss``, ``m:ss``, ``h:mm:ss`` (decimals allowed); None for empty; ValueError otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    match = _CLOCK.match(text)
    if match is None:
        raise ValueError(text)
    hours, minutes, seconds, plain = match.groups()
    if plain is not None:
        return float(plain.replace(",", "."))
    value = float(seconds.replace(",", "."))
    if value >= 60:
        raise ValueError(text)
    return int(hours or 0) * 3600 + int(minutes) * 60 + value


def normalize_tags(text: str) -> list[str]:
    """Tags from comma/semicolon separated text: trimmed, lower case, inner spaces collapsed, unique, in order."""
    tags: list[str] = []
    for raw in re.split(r"[,;\n]", text or ""):
        tag = re.sub(r"\s+", " ", raw.strip().lstrip("#")).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


@dataclass
class FragmentData:
    """A library entry as the form gives it (times as typed)."""

    kind: str
    title: str
    start: str = ""
    end: str = ""
    tags: str = ""
    note: str = ""


@dataclass(frozen=True)
class Checked:
    """A validated entry."""

    kind: ExampleKind
    title: str
    start: float | None
    end: float | None
    tags: list[str]
    note: str | None


def check_fragment(data: FragmentData, duration: float | None) -> Checked:
    """Validate an entry against the call's length; raises ``DomainError`` naming the field."""
    if data.kind not in {k.value for k in ExampleKind}:
        raise DomainError(_("Выберите: хороший или плохой пример."), "kind")
    title = (data.title or "").strip()
    if not title:
        raise DomainError(_("Назовите пример: по названию его найдут в библиотеке."), "title")
    try:
        start, end = parse_clock(data.start), parse_clock(data.end)
    except ValueError as error:
        field = "start" if str(error) == (data.start or "").strip() else "end"
        raise DomainError(_("Время пишите как м:сс, например 1:25."), field) from error
    if (start is None) != (end is None):
        raise DomainError(_("Укажите и начало, и конец фрагмента (или оставьте оба пустыми)."), "end")
    if start is not None and end is not None:
        if end - start < MIN_FRAGMENT_S:
            raise DomainError(_("Конец фрагмента должен быть позже начала хотя бы на секунду."), "end")
        if end - start > MAX_FRAGMENT_S:
            raise DomainError(_("Фрагмент длиннее 10 минут: отметьте весь звонок или часть короче."), "end")
        if duration and end > duration + 0.5:
            raise DomainError(_("Конец фрагмента за пределами записи."), "end")
    tags = normalize_tags(data.tags)
    if len(tags) > MAX_TAGS:
        raise DomainError(_("Не больше %(n)s тегов.", n=MAX_TAGS), "tags")
    if any(len(t) > MAX_TAG_LENGTH for t in tags):
        raise DomainError(_("Тег длиннее %(n)s символов.", n=MAX_TAG_LENGTH), "tags")
    return Checked(ExampleKind(data.kind), title[:200], start, end, tags, (data.note or "").strip() or None)


def form_values(entry: LibraryEntry) -> FragmentData:
    """An entry as the form shows it for editing."""
    from app.calls.rules import format_clock

    return FragmentData(
        kind=entry.kind.value,
        title=entry.title,
        start=format_clock(entry.start) if entry.start is not None else "",
        end=format_clock(entry.end) if entry.end is not None else "",
        tags=", ".join(entry.tag_names),
        note=entry.note or "",
    )


def may_curate(user: User, call: Call) -> bool:
    """Who marks examples: the manager's supervisor, an admin, or a trainer (training content)."""
    return can(user, "review", call) or can(user, "edit_content")


def _apply(entry: LibraryEntry, checked: Checked) -> None:
    entry.kind, entry.title, entry.note = checked.kind, checked.title, checked.note
    entry.start = round(checked.start, 2) if checked.start is not None else None
    entry.end = round(checked.end, 2) if checked.end is not None else None
    entry.tags = [LibraryTag(tag=t) for t in checked.tags]


def mark(call: Call, user: User, data: FragmentData) -> LibraryEntry:
    """Add a call or a fragment of it to the library."""
    if not may_curate(user, call):
        raise DomainError(_("Отмечать примеры может руководитель менеджера, тренер или администратор."))
    entry = LibraryEntry(call_id=call.id, created_by_id=user.id)
    _apply(entry, check_fragment(data, call.duration))
    db.session.add(entry)
    db.session.flush()
    return entry


def update(entry: LibraryEntry, user: User, data: FragmentData) -> LibraryEntry:
    """Change an entry (same people who may add one)."""
    if not may_curate(user, entry.call):
        raise DomainError(_("Изменять пример может руководитель менеджера, тренер или администратор."))
    checked = check_fragment(data, entry.call.duration)
    entry.tags.clear()
    db.session.flush()  # drop the old tags before the new rows reuse (entry, tag) pairs
    _apply(entry, checked)
    db.session.flush()
    return entry


def remove(entry: LibraryEntry, user: User) -> None:
    """Delete an entry from the library (the call itself stays)."""
    if not may_curate(user, entry.call):
        raise DomainError(_("Убрать пример может руководитель менеджера, тренер или администратор."))
    db.session.delete(entry)
    db.session.flush()


def may_view_call(user: User, entry: LibraryEntry) -> bool:
    """Whether the viewer may open the whole call behind an entry (else: the fragment only)."""
    return can(user, "view", entry.call)


@dataclass
class FragmentLine:
    """A transcript line inside a fragment, times relative to the call."""

    start: float
    speaker: str
    text: str


def fragment_lines(transcript: dict[str, Any] | None, start: float | None, end: float | None) -> list[FragmentLine]:
    """Transcript segments that start inside the fragment (all of them for a whole-call entry)."""
    lines = []
    for seg in (transcript or {}).get("segments") or []:
        seg_start = float(seg.get("start", 0))
        if start is not None and end is not None and not (start - 0.5 <= seg_start < end):
            continue
        lines.append(FragmentLine(seg_start, str(seg.get("speaker", "")), str(seg.get("text", ""))))
    return lines


@dataclass
class LibraryCard:
    """What the library page shows for one entry to one viewer."""

    entry: LibraryEntry
    full_access: bool
    manager_name: str | None
    lines: list[FragmentLine]
    may_curate: bool = False


@dataclass
class LibraryPage:
    """One page of the library."""

    cards: list[LibraryCard]
    total: int
    page: int
    pages: int


def browse(user: User, tag: str | None = None, kind: str | None = None, page: int = 1) -> LibraryPage:
    """Entries for everyone in the company, newest first, optionally by tag and kind."""
    query = select(LibraryEntry)
    if tag:
        query = query.where(LibraryEntry.id.in_(select(LibraryTag.entry_id).where(LibraryTag.tag == tag)))
    if kind in {k.value for k in ExampleKind}:
        query = query.where(LibraryEntry.kind == ExampleKind(kind))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    entries = db.session.scalars(
        query.options(
            selectinload(LibraryEntry.tags),
            selectinload(LibraryEntry.call).options(undefer(Call.transcript), selectinload(Call.manager)),
        )
        .order_by(LibraryEntry.created_at.desc(), LibraryEntry.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    cards = []
    for entry in entries:
        full = may_view_call(user, entry)
        cards.append(
            LibraryCard(
                entry,
                full,
                entry.call.manager.full_name if full else None,
                fragment_lines(entry.call.transcript, entry.start, entry.end),
                full and may_curate(user, entry.call),
            )
        )
    return LibraryPage(cards, total, page, pages)


def page_of(entry: LibraryEntry) -> int:
    """The page of the unfiltered library (newest first) that shows ``entry``."""
    newer = db.session.scalar(
        select(func.count(LibraryEntry.id)).where(
            (LibraryEntry.created_at > entry.created_at)
            | ((LibraryEntry.created_at == entry.created_at) & (LibraryEntry.id > entry.id))
        )
    )
    return (newer or 0) // PAGE_SIZE + 1


def entry_url(entry: LibraryEntry) -> str:
    """The library page with ``entry`` on it, scrolled to its card."""
    page = page_of(entry)
    return url_for("calls.library", page=page if page > 1 else None, _anchor=f"entry-{entry.id}")


def tag_counts() -> list[tuple[str, int]]:
    """Every tag in use with its number of entries, most used first."""
    query = (
        select(LibraryTag.tag, func.count(LibraryTag.id))
        .group_by(LibraryTag.tag)
        .order_by(func.count(LibraryTag.id).desc(), LibraryTag.tag)
    )
    return [(tag, count) for tag, count in db.session.execute(query)]


def entries_for_call(call: Call) -> list[LibraryEntry]:
    """Library entries of one call, in the order of the recording."""
    query = (
        select(LibraryEntry)
        .where(LibraryEntry.call_id == call.id)
        .options(selectinload(LibraryEntry.tags), selectinload(LibraryEntry.created_by))
        .order_by(LibraryEntry.start.is_(None).desc(), LibraryEntry.start, LibraryEntry.id)
    )
    return list(db.session.scalars(query))


# --- audio of a fragment -------------------------------------------------------------------------------


def _fragment_key(entry: LibraryEntry) -> str:
    start = -1 if entry.start is None else int(round(entry.start * 1000))
    end = -1 if entry.end is None else int(round(entry.end * 1000))
    return hashlib.sha256(f"{entry.call.recording.sha256}:{start}:{end}".encode()).hexdigest()


def entry_audio(entry: LibraryEntry) -> tuple[Path, str]:
    """The file to play for an entry and its MIME type: the cut fragment, or the recording for a whole call."""
    from app.calls.storage import get_storage

    if entry.call.recording is None:  # a call sent as a ready transcript: its examples are text only
        raise ValueError(f"call {entry.call_id} has no recording")
    if not entry.is_fragment:
        recording = entry.call.recording
        return get_storage().path_for(recording.storage_key), recording.mime
    return fragment_path(entry), "audio/wav"


def fragment_path(entry: LibraryEntry) -> Path:
    """A WAV of just the marked part of the recording, cut once and kept under ``STORAGE_DIR/fragments``."""
    from app.calls.storage import get_storage
    from scoring.audio import SAMPLE_RATE, load_audio

    root = Path(current_app.config["STORAGE_DIR"]) / "fragments"
    target = root / f"{_fragment_key(entry)}.wav"
    if target.is_file():
        return target
    source = get_storage().path_for(entry.call.recording.storage_key)
    audio = load_audio(source)
    first = 0 if entry.start is None else int(entry.start * SAMPLE_RATE)
    last = audio.samples.shape[1] if entry.end is None else int(entry.end * SAMPLE_RATE)
    samples = audio.samples[:, first:last]
    root.mkdir(parents=True, exist_ok=True)
    partial = root / f".{target.stem}.{secrets.token_hex(4)}.part"
    pcm = (np.clip(samples.T, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(partial), "wb") as out:
        out.setnchannels(samples.shape[0])
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
    os.replace(partial, target)  # atomic: a reader never sees half a file
    return target
