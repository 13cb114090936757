"""A crashing check is its rule's `error` outcome; its traceback is a debug record, shown with -v."""

import logging
import types
from pathlib import Path

import pytest

from budgetlint import checks
from budgetlint.api import read_disclosure
from budgetlint.engine import run_rules
from budgetlint.model import Outcome
from budgetlint.rulebook import load_rules

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "000_b2c7b50d282cc0b6.txt"


@pytest.fixture
def crashing_rule(monkeypatch):
    def evaluate(rule, disclosure):
        raise ZeroDivisionError("boom")

    rule = next(r for r in load_rules() if r.id == "TB001")
    monkeypatch.setitem(checks.CHECK_KINDS, rule.kind, types.SimpleNamespace(evaluate=evaluate))
    return rule


def test_a_crash_is_logged_at_debug_only(crashing_rule, caplog):
    disclosure = read_disclosure(SEED)
    with caplog.at_level(logging.WARNING, logger="budgetlint"):
        run = run_rules([crashing_rule], disclosure)
    assert [e.outcome for e in run.evaluations] == [Outcome.ERROR]
    assert "ZeroDivisionError: boom" in run.evaluations[0].detail
    assert caplog.records == []
    with caplog.at_level(logging.DEBUG, logger="budgetlint"):
        run_rules([crashing_rule], disclosure)
    [record] = [r for r in caplog.records if r.levelno == logging.DEBUG and "crashed" in r.getMessage()]
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError
