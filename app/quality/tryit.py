""" "Try it": score a draft against a stored call or a pasted transcript next to the version in force.

Also the preview run: the draft scored over the last N calls of its checklist in the background, showing how
each score would move; nothing is written to the calls. Services flush; the view or job commits.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User, utcnow
from app.calls.models import Call, CallStatus
from app.core.domain import DomainError
from app.extensions import db
from app.quality.checklists import check_yaml, parsed_checklist
from app.quality.models import ChecklistVersion, RunStatus, TryRun
from scoring import engine
from scoring.checklist import parse_checklist
from scoring.transcript import TranscriptError, load_transcript

log = logging.getLogger(__name__)
PREVIEW_JOB = "app.quality.jobs.run_try_preview"
MAX_PASTE = 2_000_000


@dataclass(slots=True)
class Verdict:
    """One side of a comparison row."""

    result: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""
    points: float = 0.0


@dataclass(slots=True)
class Row:
    """An item's verdict by the draft next to the published version's."""

    item_id: str
    title: str
    section: str
    draft: Verdict | None
    published: Verdict | None
    compared: bool = True  # False when there is no other version to compare with

    @property
    def changed(self) -> bool:
        """The verdict (or presence) differs between the versions."""
        if not self.compared:
            return False
        if self.draft is None or self.published is None:
            return True
        return self.draft.result != self.published.result

    @property
    def evidence_changed(self) -> bool:
        """Same verdict, different quotes."""
        if self.draft is None or self.published is None:
            return False
        quotes = [e.get("quote") for e in self.draft.evidence], [e.get("quote") for e in self.published.evidence]
        return quotes[0] != quotes[1]


@dataclass(slots=True)
class Comparison:
    """The draft's scorecard next to the published one for one transcript."""

    rows: list[Row]
    draft_score: float | None
    published_score: float | None
    draft_version: ChecklistVersion
    published_version: ChecklistVersion | None
    unscorable: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def n_changed(self) -> int:
        """How many items changed their verdict."""
        return sum(row.changed for row in self.rows)

    @property
    def delta(self) -> float | None:
        """How the score moves (draft minus published)."""
        if self.draft_score is None or self.published_score is None:
            return None
        return round(self.draft_score - self.published_score, 1)


def _classifiers() -> dict[str, Any]:
    from app.quality.learning_loop import active_classifiers

    return active_classifiers()


def _checklist_of(version: ChecklistVersion):  # type: ignore[no-untyped-def]
    if version.is_draft:
        errors = check_yaml(version.yaml_text, f"{version.checklist.key}.yaml")
        if errors:
            raise DomainError(
                _(
                    "Черновик пока не загружается (%(n)s ошибок): исправьте их, чтобы проверить его на звонке.",
                    n=len(errors),
                )
            )
        return parse_checklist(version.yaml_text, source=version.checklist.key)
    return parsed_checklist(version)


def score_version(
    version: ChecklistVersion, transcript: dict[str, Any], classifiers: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The engine's scorecard JSON for a transcript scored with a version (draft or published)."""
    card = engine.score(
        transcript, _checklist_of(version), classifiers=classifiers if classifiers is not None else _classifiers()
    )
    return card.to_dict()


def _verdicts(card: dict[str, Any]) -> dict[str, tuple[Verdict, str, str]]:
    return {
        str(i["id"]): (
            Verdict(
                str(i["result"]), list(i.get("evidence") or []), str(i.get("note") or ""), float(i.get("points") or 0)
            ),
            str(i.get("title") or i["id"]),
            str(i.get("section") or ""),
        )
        for i in card.get("items") or []
    }


def compare(draft: ChecklistVersion, transcript: dict[str, Any]) -> Comparison:
    """Score a transcript with the draft and with the version in force, item by item."""
    in_force = draft.checklist.published
    published = in_force if in_force is not None and in_force.id != draft.id else None
    classifiers = _classifiers()
    new = score_version(draft, transcript, classifiers)
    old = score_version(published, transcript, classifiers) if published is not None else None
    a, b = _verdicts(new), _verdicts(old) if old else {}
    rows = []
    for item_id in list(dict.fromkeys([*a, *b])):
        title, section = (a.get(item_id) or b[item_id])[1:]
        rows.append(
            Row(
                item_id,
                title,
                section,
                a[item_id][0] if item_id in a else None,
                b[item_id][0] if item_id in b else None,
            )
        )
    return Comparison(
        rows,
        new.get("score"),
        old.get("score") if old else None,
        draft,
        published,
        new.get("unscorable_reason") if new.get("unscorable") else None,
        list(new.get("warnings") or []),
    )


def parse_pasted(text: str) -> dict[str, Any]:
    """A pasted transcript as contract JSON; ``DomainError`` says what is wrong with it."""
    if len(text) > MAX_PASTE:
        raise DomainError(_("Транскрипт слишком большой."), "transcript_json")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DomainError(
            _("Это не JSON: строка %(l)s, позиция %(c)s — %(m)s.", l=error.lineno, c=error.colno, m=error.msg),
            "transcript_json",
        ) from error
    if isinstance(data, list):
        data = {"segments": data}
    if not isinstance(data, dict):
        raise DomainError(_("Ожидается объект с полем segments."), "transcript_json")
    try:
        load_transcript(data)  # a dict only: a string would be taken for a file path
    except TranscriptError as error:
        raise DomainError(_("Транскрипт не подходит: %(e)s", e=str(error)), "transcript_json") from error
    return data


def call_choices(version: ChecklistVersion, limit: int = 60) -> list[Call]:
    """Recent scored calls with a transcript to try a draft on, this checklist's first."""
    query = (
        select(Call)
        .where(Call.status == CallStatus.SCORED)
        .order_by((Call.checklist_id == version.checklist_id).desc(), Call.call_date.desc(), Call.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def call_transcript(call_id: int | None) -> tuple[Call, dict[str, Any]]:
    """A stored call and its transcript (``DomainError`` when it has none)."""
    call = db.session.get(Call, call_id) if call_id else None
    if call is None:
        raise DomainError(_("Выберите звонок или вставьте транскрипт."), "call_id")
    if not call.transcript:
        raise DomainError(_("У этого звонка нет транскрипта: выберите другой."), "call_id")
    return call, call.transcript


# -- preview over recent calls ------------------------------------------------------------------------------
def start_preview(version: ChecklistVersion, user: User, limit: int) -> TryRun:
    """A background run scoring the last ``limit`` scored calls of the checklist with the version."""
    _checklist_of(version)  # refuse a draft that does not load before queueing anything
    ids = list(
        db.session.scalars(
            select(Call.id)
            .where(Call.checklist_id == version.checklist_id, Call.status == CallStatus.SCORED)
            .order_by(Call.call_date.desc(), Call.id.desc())
            .limit(max(1, min(int(limit), 500)))
        )
    )
    if not ids:
        raise DomainError(_("У этого чек-листа ещё нет оценённых звонков: пересчитывать нечего."), "limit")
    run = TryRun(version_id=version.id, created_by_id=user.id, call_ids=ids, total=len(ids), status=RunStatus.QUEUED)
    db.session.add(run)
    db.session.flush()
    return run


def _preview_row(version: ChecklistVersion, call: Call, classifiers: dict[str, Any]) -> dict[str, Any]:
    card = call.current_scorecard
    current = card.auto_score if card is not None else None
    before = {i.item_id: i.auto_result.value for i in card.items} if card is not None else {}
    new = score_version(version, call.transcript or {}, classifiers)
    after = {str(i["id"]): str(i["result"]) for i in new.get("items") or []}
    score = new.get("score")
    return {
        "call_id": call.id,
        "manager": call.manager.full_name if call.manager else "",
        "date": call.call_date.isoformat(),
        "client": call.client_company or "",
        "current": current,
        "draft": score,
        "delta": round(score - current, 1) if score is not None and current is not None else None,
        "changed": sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)),
    }


def run_preview(run_id: int) -> str:
    """Job body: score every call of a preview run (commits after each call; resumes where it stopped)."""
    run = db.session.get(TryRun, int(run_id))
    if run is None or run.finished:
        return "missing" if run is None else run.status.value
    run.status = RunStatus.RUNNING
    db.session.commit()
    classifiers = _classifiers()
    done = {row["call_id"] for row in run.results or []}
    try:
        for call_id in run.call_ids:
            if call_id in done:
                continue
            call = db.session.get(Call, call_id)
            row = _preview_row(run.version, call, classifiers) if call is not None and call.transcript else None
            if row is not None:
                run.results = [*(run.results or []), row]
            run.done += 1
            db.session.commit()
    except Exception as error:  # the reason stays on the run's page
        log.exception("preview run %s failed", run_id)
        db.session.rollback()
        run = db.session.get(TryRun, int(run_id))
        run.status, run.error, run.finished_at = RunStatus.FAILED, f"{type(error).__name__}: {error}", utcnow()
        db.session.commit()
        return run.status.value
    deltas = [r["delta"] for r in run.results or [] if r.get("delta") is not None]
    run.mean_delta = round(sum(deltas) / len(deltas), 2) if deltas else None
    run.status, run.finished_at, run.done = RunStatus.DONE, utcnow(), run.total
    db.session.commit()
    return run.status.value
