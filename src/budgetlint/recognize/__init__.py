"""Recognize: classify raw tables against YAML templates and build typed facts."""

from budgetlint.recognize.disclosure import recognize

__all__ = ["recognize"]
