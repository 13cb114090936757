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


@pytest.mark.parametrize(("after", "judged"), [(("--format", "json"), True), (("--", "--format", "json"), False)])
def test_the_judge_reads_format_json_only_before_the_end_of_options(after, judged):
    """Found by the long fuzz run: after `--`, `--format json` are two file names; the rich report
    on stdout is then no failure (and before it, stdout that is no JSON is one)."""
    from harness import FuzzInput, Outcome, judge

    job = FuzzInput(kind="options", args=("check", "x.txt", *after))
    outcome = Outcome(job=job, code=2, signal=None, cpu=0.1, rss=0, wall=0.1, stdout="x.txt: 检查报告", stderr="")
    judge(outcome)
    assert ("stdout is not valid JSON" in outcome.problems) is judged
