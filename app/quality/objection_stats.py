"""Call analytics for the objection library: "objection X handled well in N % of calls".

A call counts for an objection when its current scorecard has the objection items (``obj_acknowledge``,
``obj_clarify``) applicable and the client's utterance that triggered them (their ``trigger`` evidence)
is classified into the entry's category; within a category the entry whose wording variants are closest
to the utterance wins. The call was handled well when every applicable objection item passed (the
human verdict in force when a supervisor overrode it). The top half of the module is pure (plain data in,
plain data out); ``objection_report`` reads the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select

from app.accounts.models import User
from app.accounts.permissions import visible_user_ids
from app.extensions import db

OBJECTION_ITEMS = ("obj_acknowledge", "obj_clarify")
NOT_OBJECTION = "none"  # the classifier's label for an utterance that is no objection
FALLBACK_MIN_SIMILARITY = 60  # without a classifier, a quote must be this close (0-100) to a variant
EXAMPLES_PER_KIND = 3

Labeler = Callable[[list[str]], list[str]]


@dataclass(frozen=True)
class CallObjections:
    """One scored call with objections: was it handled well, and what the client said (trigger quotes)."""

    call_id: int
    call_date: date
    manager: str
    handled: bool
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class LibraryEntry:
    """What matching needs of a library entry."""

    key: str
    title: str
    category: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class ExampleCall:
    """A call to listen to: where the objection came up and whether it was handled well."""

    call_id: int
    call_date: date
    manager: str
    quote: str
    handled: bool


@dataclass
class ObjectionStat:
    """One row of the analytics: an entry (or an unmatched category) with its calls."""

    key: str | None
    title: str
    category: str
    calls: int = 0
    handled: int = 0
    examples: list[ExampleCall] = field(default_factory=list)

    @property
    def percent(self) -> float | None:
        """Share of its calls handled well, 0-100 (None without calls)."""
        return round(100 * self.handled / self.calls, 1) if self.calls else None


@dataclass
class ObjectionReport:
    """The analytics page: rows per entry and the totals."""

    rows: list[ObjectionStat]
    calls: int  # calls with at least one objection
    handled: int
    labeler_error: str | None = None

    @property
    def percent(self) -> float | None:
        """Share of calls with objections handled well overall."""
        return round(100 * self.handled / self.calls, 1) if self.calls else None

    def row(self, key: str) -> ObjectionStat | None:
        """The row of an entry."""
        return next((r for r in self.rows if r.key == key), None)


# -- pure rules ----------------------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def similarity(quote: str, entry: LibraryEntry) -> float:
    """How close a client's utterance is to an entry's closest wording variant (0-100)."""
    quote = _norm(quote)
    return max((fuzz.token_set_ratio(quote, _norm(v)) for v in entry.variants), default=0.0)


def match_entry(label: str | None, quote: str, entries: list[LibraryEntry]) -> LibraryEntry | None:
    """The library entry a classified utterance belongs to.

    With a label: the closest entry of that category (the first in library order on a tie). Without one
    (no classifier): the closest entry overall if it is at least ``FALLBACK_MIN_SIMILARITY`` close.
    """
    if label == NOT_OBJECTION:
        return None
    candidates = [e for e in entries if e.category == label] if label else entries
    if not candidates:
        return None
    best = max(candidates, key=lambda e: similarity(quote, e))  # max keeps the first of equal ones
    if label is None and similarity(quote, best) < FALLBACK_MIN_SIMILARITY:
        return None
    return best


def call_handled(results: dict[str, str]) -> bool | None:
    """Objection handled well (every applicable objection item passed); None when no item applied."""
    applicable = [r for r in results.values() if r != "na"]
    return all(r == "pass" for r in applicable) if applicable else None


def aggregate(
    calls: Iterable[CallObjections],
    labels: dict[str, str | None],
    entries: list[LibraryEntry],
    category_titles: dict[str, str],
    unknown_title: str,
) -> ObjectionReport:
    """Rows per library entry (all of them, with or without calls) plus categories and quotes with no entry."""
    rows: dict[str, ObjectionStat] = {e.key: ObjectionStat(e.key, e.title, e.category) for e in entries}
    examples: dict[str, list[ExampleCall]] = {}
    total = handled = 0
    for call in sorted(calls, key=lambda c: (c.call_date, c.call_id), reverse=True):
        total += 1
        handled += call.handled
        seen: dict[str, str] = {}
        for quote in call.quotes or ("",):
            label = labels.get(quote) if quote else None
            entry = match_entry(label, quote, entries) if quote else None
            if entry is not None:
                row_key = entry.key
            elif label and label != NOT_OBJECTION:
                row_key = f"category:{label}"
                rows.setdefault(row_key, ObjectionStat(None, category_titles.get(label, label), label))
            else:
                row_key = "unknown"
                rows.setdefault(row_key, ObjectionStat(None, unknown_title, ""))
            seen.setdefault(row_key, quote)
        for row_key, quote in seen.items():
            row = rows[row_key]
            row.calls += 1
            row.handled += call.handled
            examples.setdefault(row_key, []).append(
                ExampleCall(call.call_id, call.call_date, call.manager, quote, call.handled)
            )
    for row_key, found in examples.items():
        good = [e for e in found if e.handled][:EXAMPLES_PER_KIND]
        bad = [e for e in found if not e.handled][:EXAMPLES_PER_KIND]
        rows[row_key].examples = good + bad
    return ObjectionReport(list(rows.values()), total, handled)


# -- database ------------------------------------------------------------------------------------------------
def classifier_labeler(texts: list[str]) -> list[str]:
    """The objection classifier's label for each text: the activated model if any, else the shipped one."""
    from scoring.classifiers import get_classifier

    model = None
    try:
        from app.quality.learning_loop import active_classifiers
    except ImportError:  # the learning loop is optional
        pass
    else:
        model = active_classifiers().get("objection")
    model = model or get_classifier("objection")
    return [label for label, _prob in model.predict(texts)]


def collect_calls(user: User, since: date | None = None) -> list[CallObjections]:
    """Scored calls visible to ``user`` whose objection items applied, with the trigger quotes."""
    from app.calls.models import Call, ScorecardItem

    query = (
        select(
            ScorecardItem.call_id,
            ScorecardItem.item_id,
            ScorecardItem.auto_result,
            ScorecardItem.human_result,
            ScorecardItem.evidence,
            Call.call_date,
            User.full_name,
        )
        .join(Call, Call.current_scorecard_id == ScorecardItem.scorecard_id)
        .join(User, User.id == Call.manager_id)
        .where(ScorecardItem.item_id.in_(OBJECTION_ITEMS))
    )
    visible = visible_user_ids(user)
    if visible is not None:
        query = query.where(Call.manager_id.in_(visible))
    if since is not None:
        query = query.where(Call.call_date >= since)
    by_call: dict[int, dict[str, Any]] = {}
    for call_id, item_id, auto, human, evidence, call_date, manager in db.session.execute(query):
        call = by_call.setdefault(call_id, {"date": call_date, "manager": manager, "results": {}, "quotes": {}})
        call["results"][item_id] = str((human or auto).value)
        for ev in evidence or []:
            if ev.get("note") == "trigger" and ev.get("quote"):
                call["quotes"].setdefault(ev.get("segment", ev["quote"]), ev["quote"])
    out = []
    for call_id, call in by_call.items():
        handled = call_handled(call["results"])
        if handled is not None:
            out.append(CallObjections(call_id, call["date"], call["manager"], handled, tuple(call["quotes"].values())))
    return out


def objection_report(
    user: User,
    entries: list[LibraryEntry],
    category_titles: dict[str, str],
    unknown_title: str,
    since: date | None = None,
    labeler: Labeler | None = classifier_labeler,
) -> ObjectionReport:
    """The analytics for the calls ``user`` may see; a failing classifier falls back to variant matching."""
    calls = collect_calls(user, since)
    quotes = sorted({q for c in calls for q in c.quotes})
    labels: dict[str, str | None] = dict.fromkeys(quotes)
    error = None
    if quotes and labeler is not None:
        try:
            labels = dict(zip(quotes, labeler(quotes), strict=True))
        except Exception as exc:  # the page must still render; the error is shown on it
            error = f"{type(exc).__name__}: {exc}"
    report = aggregate(calls, labels, entries, category_titles, unknown_title)
    report.labeler_error = error
    return report
