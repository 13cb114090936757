"""The engine: every rule ends in outcomes, a crashing check is that rule's `error` and the others go
on, rules of other templates are skipped, failing evaluations become sorted findings."""

from __future__ import annotations

import logging
from dataclasses import replace

import documents
import pytest
import yaml

from budgetlint import checks
from budgetlint.engine import run_rules
from budgetlint.findings import finding_of
from budgetlint.model import Evaluation, Location, Outcome
from budgetlint.recognize.templates import lineage
from budgetlint.rulebook import load_rules

SEED_000 = documents.SEEDS / "000_b2c7b50d282cc0b6.txt"  # shanxi-budget


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.fixture(scope="module")
def seed():
    return documents.disclosure(SEED_000)


def test_a_crashing_check_is_an_error_outcome_and_the_other_rules_go_on(monkeypatch, caplog, rules, seed):
    crashing = next(r for r in rules if r.kind == "row_sum" and r.applies(lineage(seed.template), seed.kind))

    def crash(rule, disclosure):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(checks.CHECK_KINDS["row_sum"], "evaluate", crash)
    others = [r for r in rules if r.kind != "row_sum" and r.applies(lineage(seed.template), seed.kind)]
    with caplog.at_level(logging.ERROR, logger="budgetlint.engine"):
        run = run_rules([crashing, *others], seed)
    errors = [e for e in run.evaluations if e.outcome == Outcome.ERROR]
    assert [(e.rule, e.detail) for e in errors] == [(crashing.id, "ZeroDivisionError: boom")]
    assert run.summary["error"] == 1
    decided = {e.rule for e in run.evaluations if e.outcome in (Outcome.PASS, Outcome.FAIL)}
    assert len(decided) > 50 and crashing.id not in decided  # the rules after it still ran
    assert not any(f.rule == crashing.id for f in run.findings)  # an error is not a finding


def test_rules_of_another_template_are_not_run(rules, seed):
    elsewhere = [r for r in rules if not r.applies(lineage(seed.template), seed.kind)]
    assert elsewhere
    run = run_rules(elsewhere, seed)
    assert run.evaluations == () and sum(run.summary.values()) == 0
    assert set(run.summary) == {o.value for o in Outcome}  # every outcome is counted, zero or not


def test_findings_are_the_failing_evaluations_sorted_by_page_and_line(rules, seed):
    run = run_rules([r for r in rules if r.applies(lineage(seed.template), seed.kind)], seed)
    # a finding may stand for several failing checks with the same message (findings/group.py)
    assert sum(f.occurrences for f in run.findings) == sum(1 for e in run.evaluations if e.outcome == Outcome.FAIL)
    keys = [f.sort_key() for f in run.findings]
    assert keys == sorted(keys)
    assert run.summary == {o.value: sum(1 for e in run.evaluations if e.outcome == o) for o in Outcome}


def test_a_finding_fills_the_message_and_takes_the_evaluations_severity(rules):
    rule = rules[0].model_copy(update={"message": "{subject}：报告值 {actual}，应为 {expected}{unit}，{row}"})
    evaluation = Evaluation(
        rule=rule.id,
        outcome=Outcome.FAIL,
        subject="表3 合计",
        expected="5.00",
        actual="6.00",
        unit="万元",
        severity="info",
        values={"row": "合计"},
        locations=(Location(file="x.txt", line=7),),
    )
    finding = finding_of(rule, evaluation)
    assert finding.message == "表3 合计：报告值 6.00，应为 5.00万元，合计"
    assert finding.severity == "info" and finding.rule == rule.id and finding.locations[0].line == 7
    plain = finding_of(rule, replace(evaluation, severity=None, values={}, unit=None))
    assert plain.severity == rule.severity and plain.message == "表3 合计：报告值 6.00，应为 5.00，"


def test_checks_only_read_the_disclosure_and_load_no_yaml(monkeypatch, rules, seed):
    def forbidden(*args, **kwargs):
        raise AssertionError("a check loaded YAML while rules ran")

    monkeypatch.setattr(yaml, "safe_load", forbidden)
    monkeypatch.setattr(yaml, "load", forbidden)
    run = run_rules([r for r in rules if r.applies(lineage(seed.template), seed.kind)], seed)
    assert run.summary["error"] == 0 and run.summary["pass"] > 300
