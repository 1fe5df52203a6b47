"""Exams models: question bank, exams with rules, attempts."""

from app.exams.models.attempts import AttemptResponse, AttemptSlot, AttemptStatus, ExamAttempt
from app.exams.models.bank import Question, QuestionCategory, QuestionTag, QuestionVersion
from app.exams.models.exams import Exam, ExamRule, Grading, ShowAnswers

__all__ = [
    "AttemptResponse",
    "AttemptSlot",
    "AttemptStatus",
    "Exam",
    "ExamAttempt",
    "ExamRule",
    "Grading",
    "Question",
    "QuestionCategory",
    "QuestionTag",
    "QuestionVersion",
    "ShowAnswers",
]
