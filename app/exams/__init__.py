"""Exams: question bank with Moodle GIFT import/export, exam engine, grading, item statistics."""
