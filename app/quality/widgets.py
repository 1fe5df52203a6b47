"""Home-page card for trainers and admins: checklist drafts in progress and utterances waiting for a label."""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.accounts.permissions import can
from app.core.navigation import home_widget
from app.extensions import db
from app.quality import labelling
from app.quality.models import ChecklistVersion, VersionStatus
from scoring.classifiers import TASK_LABELS


def open_drafts() -> list[ChecklistVersion]:
    """Checklist drafts not yet published or discarded, the newest first."""
    return list(db.session.scalars(
        select(ChecklistVersion).options(joinedload(ChecklistVersion.checklist))
        .where(ChecklistVersion.status == VersionStatus.DRAFT)
        .order_by(ChecklistVersion.created_at.desc(), ChecklistVersion.id.desc())
    ))


@home_widget(35)
def content_work(user: User) -> Markup | None:
    """Drafts to finish and labelling queues to work through; nothing when both are empty."""
    if not can(user, "edit_content"):
        return None
    drafts = open_drafts()
    queues = [(task, count) for task in TASK_LABELS if (count := labelling.open_count(task))]
    if not drafts and not queues:
        return None
    return Markup(render_template("quality/_widget_content.html", drafts=drafts, queues=queues))
