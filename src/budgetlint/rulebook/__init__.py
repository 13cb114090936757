"""Rulebook: the Rule model, loading rule packs from YAML, selecting rules."""

from budgetlint.model.rule import Rule
from budgetlint.rulebook.load import load_rules

__all__ = ["Rule", "load_rules"]
