"""Reactions to domain events: new hires get the onboarding plan, course and exam steps close themselves."""

from __future__ import annotations

import logging
from typing import Any

from app.accounts.models import Role, User
from app.core.events import course_completed, exam_attempt_graded, new_hire_created
from app.extensions import db
from app.learning.models import StepKind
from app.learning.onboarding import assign_onboarding, complete_steps, current_template

log = logging.getLogger(__name__)


@new_hire_created.connect
def give_new_hire_onboarding(_sender: Any, user_id: int, **_payload: Any) -> None:
    """Assign the onboarding program to a new hire (when a template has been imported)."""
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.NEW_HIRE or current_template() is None:
        return
    assign_onboarding(user)
    log.info("onboarding assigned to user %s", user_id)


@course_completed.connect
def close_course_steps(_sender: Any, user_id: int, course_key: str, **_payload: Any) -> None:
    """A completed course closes the matching onboarding steps."""
    complete_steps(user_id, StepKind.COURSE, course_key)


@exam_attempt_graded.connect
def close_exam_steps(
    _sender: Any, user_id: int, course_key: str | None = None, passed: bool = False, **_payload: Any
) -> None:
    """A passed course exam closes the matching onboarding steps."""
    if passed and course_key:
        complete_steps(user_id, StepKind.EXAM, course_key)
