"""Render a scorecard for people (text) or programs (JSON)."""

from __future__ import annotations

import json

from scoring.engine import Scorecard

_MARK = {"pass": "✔ pass", "fail": "✘ FAIL", "na": "– n/a "}


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes:02d}:{secs:02d}"


def render_scorecard(scorecard: Scorecard, fmt: str = "text") -> str:
    """Render as ``text`` (a readable scorecard with quotes and times) or ``json``."""
    if fmt == "json":
        return json.dumps(scorecard.to_dict(), ensure_ascii=False, indent=2)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r} (text or json)")
    lines = [
        f"Checklist: {scorecard.checklist_title} ({scorecard.checklist_id} v{scorecard.checklist_version})"
    ]
    if scorecard.unscorable:
        lines.append(f"UNSCORABLE: {scorecard.unscorable_reason}")
        return "\n".join(lines) + "\n"
    verdict = "CRITICAL ITEM FAILED" if scorecard.critical_failed else "no critical failures"
    lines.append(f"Score: {scorecard.score if scorecard.score is not None else '—'} / 100   ({verdict})")
    st = scorecard.structure or {}
    if st:
        who = (
            "gatekeeper, then the decision maker"
            if st.get("has_gatekeeper") and st.get("dm_reached")
            else "gatekeeper only, the decision maker was not reached"
            if st.get("has_gatekeeper")
            else "the decision maker answered directly"
        )
        hand = scorecard.handover
        where = f"; hand-over at {_clock(hand['time'])} «{hand['quote']}»" if hand else ""
        lines.append(f"Call: {who}{where}")
    section = None
    for item in scorecard.items:
        if item.section != section:
            section = item.section
            lines.append("")
            lines.append(f"[{section}]")
        crit = " (critical)" if item.critical else ""
        lines.append(
            f"  {_MARK[item.result]}  {item.id}: {item.title}{crit}  "
            f"{item.points:g}/{item.weight:g}  conf {item.confidence:.2f}"
        )
        if item.note:
            lines.append(f"        {item.note}")
        for ev in item.evidence:
            note = f"  [{ev.note}]" if ev.note else ""
            lines.append(f"        {_clock(ev.start)}–{_clock(ev.end)} #{ev.segment}: «{ev.quote}»{note}")
    if scorecard.models:
        lines.append("")
        lines.append("Models: " + ", ".join(f"{k} {v}" for k, v in scorecard.models.items()))
    for warning in scorecard.warnings:
        lines.append(f"Warning: {warning}")
    return "\n".join(lines) + "\n"
