"""A finding's fingerprint survives an edit elsewhere: a paragraph inserted anywhere before it moves
every line and page after it, and no fingerprint changes (waivers keep naming the same findings).

The paragraph goes between two narrative paragraphs (after a line that ends a sentence and holds
no table cell), so the tables and the sentences around it stay as they were; it is made of
Chinese text without digits, so it states no number of its own.
"""

from __future__ import annotations

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st
from strategies import audit_text, seed_baseline, seed_text

SEEDS = ["001_e1c2a9d2af1eed61.txt", "004_b39ab111367c9db1.txt"]  # 8 and 9 findings, tables and narrative
WORDS = st.text(alphabet="预算安排情况说明工作经费按照有关规定执行本年度项目资金管理", min_size=4, max_size=40)


def _insertion_points(lines: list[str], before: int) -> list[int]:
    """0-based indexes i where a paragraph can go in front of lines[i], above line `before` (1-based)."""
    return [
        i
        for i in range(1, min(before, len(lines)) - 1)
        if lines[i - 1].endswith("。") and "\t" not in lines[i - 1] and not lines[i].startswith("\t")
    ]


@pytest.mark.parametrize("seed", SEEDS)
@settings(max_examples=5)
@given(data=st.data())
def test_a_paragraph_inserted_before_a_finding_keeps_every_fingerprint(seed, data):
    baseline = seed_baseline(seed)
    assert len({f.fingerprint for f in baseline.findings}) == len(baseline.findings)  # all told apart
    last = max(f.locations[0].line for f in baseline.findings)
    lines = seed_text(seed).split("\n")
    points = _insertion_points(lines, last)
    at = points[data.draw(st.integers(0, len(points) - 1), label="insertion point")]
    paragraph = data.draw(WORDS, label="paragraph") + "。"
    note(f"inserted before line {at + 1}: {paragraph}")
    _, run = audit_text("\n".join([*lines[:at], paragraph, *lines[at:]]), path=seed)
    moved = [f for f in baseline.findings if f.locations[0].line > at]
    assert moved, "the paragraph must go before at least one finding"
    after = {f.fingerprint: f for f in run.findings}
    for f in baseline.findings:
        assert f.fingerprint in after, f"{f.rule} {f.message[:60]} lost its fingerprint"
        if f in moved:  # the same finding, one line further down
            assert after[f.fingerprint].locations[0].line == f.locations[0].line + 1
