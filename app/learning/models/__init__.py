"""Learning tables: courses, lessons with versions, learner progress, onboarding templates and personal plans."""

from __future__ import annotations

from app.learning.models.courses import Course, Lesson, LessonProgress, LessonVersion
from app.learning.models.onboarding import (
    OnboardingPlan,
    OnboardingStep,
    OnboardingTask,
    OnboardingTemplate,
    StepKind,
    TaskStatus,
)

__all__ = [
    "Course",
    "Lesson",
    "LessonProgress",
    "LessonVersion",
    "OnboardingPlan",
    "OnboardingStep",
    "OnboardingTask",
    "OnboardingTemplate",
    "StepKind",
    "TaskStatus",
]
