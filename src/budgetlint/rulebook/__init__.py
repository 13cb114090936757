"""Rulebook: the Rule model, loading rule packs from YAML, selecting rules."""

from budgetlint.rulebook.load import load_rules
from budgetlint.model.rule import Rule

__all__ = ["Rule", "load_rules"]
