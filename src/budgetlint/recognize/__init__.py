"""Recognize: classify raw tables against YAML templates and build typed facts."""

from budgetlint.recognize.disclosure import Identity, identify, recognize

__all__ = ["Identity", "identify", "recognize"]
