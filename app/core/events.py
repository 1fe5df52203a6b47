"""Domain events that let features react to each other without importing each other.

Senders call ``<signal>.send(current_app._get_current_object(), **payload)`` after flushing; receivers connect
with ``@<signal>.connect`` (they run in the sender's transaction, so they flush and never commit).
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: payload: user_id, course_key
course_completed = _signals.signal("course-completed")
#: payload: user_id, course_key, lesson_id
lesson_completed = _signals.signal("lesson-completed")
#: payload: attempt_id, user_id, exam_id, course_key (or None), passed (bool), percent (float)
exam_attempt_graded = _signals.signal("exam-attempt-graded")
#: payload: call_id, manager_id, scorecard_id
call_scored = _signals.signal("call-scored")
#: payload: call_id, manager_id, scorecard_id (the final score changed by a human review or override)
call_reviewed = _signals.signal("call-reviewed")
#: payload: user_id (a new hire was created or got the new_hire role)
new_hire_created = _signals.signal("new-hire-created")
