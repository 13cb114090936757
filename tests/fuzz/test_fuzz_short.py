"""The short fuzz run of `make test`: every family of hostile input, a few dozen examples each,
through the real command line in a child process (harness.py says what counts as a failure).

The long run (docs/fuzzing.md, `make fuzz`) draws from the same strategies, 10,000 inputs.
"""

from __future__ import annotations

import pytest
from harness import run
from hypothesis import HealthCheck, given, settings
from pack_inputs import option_jobs, rule_pack_jobs
from pdf_inputs import pdf_jobs
from text_inputs import text_jobs

SHORT = settings(max_examples=8, suppress_health_check=list(HealthCheck), deadline=None)


def _no_failure(job) -> None:
    outcome = run(job)
    assert not outcome.problems, (job.describe(), outcome.problems, outcome.stderr[-2000:])


@SHORT
@given(text_jobs(max_long=5000))
def test_text_mutants_of_the_seeds(job):
    _no_failure(job)


@SHORT
@given(pdf_jobs(fixtures=False))
def test_built_and_broken_pdfs(job):
    _no_failure(job)


@SHORT
@given(rule_pack_jobs())
def test_malformed_rule_packs(job):
    _no_failure(job)


@SHORT
@given(option_jobs())
def test_command_lines(job):
    _no_failure(job)


@pytest.mark.parametrize("family", ["text", "pdf", "rules", "options"])
def test_the_harness_sees_a_failure(family, monkeypatch):
    """The judge is not blind: a crash in the command is a failure of the run."""
    from harness import FuzzInput

    def boom(*args, **kwargs):
        raise RuntimeError("planted")

    monkeypatch.setattr("budgetlint.api.check_source", boom)
    outcome = run(FuzzInput(kind=family, args=("check", "x.txt", "--format", "json"), files=(("x.txt", b"x"),)))
    assert "内部错误 on stderr" in outcome.problems
