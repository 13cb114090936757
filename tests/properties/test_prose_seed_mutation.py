"""Changing a number that a seed's 实际完成情况 or 预期目标 states for an indicator of its own table gives a
finding at its line (tools/prose_mutation.py measures the share over every such number; this
property draws from the ones the binder ties to their indicator, so the chain read → bind → compare
→ locate is tested on the real text).

Seed 003 (48 绩效自评表, one cell per line). A number is raised by a tenth of its value, or by one
unit of its last printed digit when that is more, and always out of the rounding of the table value
it restates (tools/prose_mutation.py: 2000元 against 0.2万元, which stands for 1,500–2,500元, becomes
2502元; a change inside that rounding is no finding, by design).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from hypothesis import given, note, settings
from hypothesis import strategies as st
from strategies import SEEDS

from budgetlint.engine import run_rules
from budgetlint.ingest import read_text
from budgetlint.recognize import recognize
from budgetlint.rulebook import load_rules

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from prose_mutation import candidates, excluded, mutated_line, quoted

SEED = SEEDS / "003_b609326f3d399845.txt"


@cache
def prose_rules():
    return [r for r in load_rules() if "prose" in r.groups]


@cache
def seed():
    text = SEED.read_text(encoding="utf-8")
    disclosure = recognize(read_text(text, path=SEED.name))
    baseline = {(f.rule, f.message) for f in run_rules(prose_rules(), disclosure).findings}
    bound = {b.prose_number.key for b in disclosure.prose_bindings}
    chosen, seen = [], {}
    for cell, q, beyond in candidates(disclosure):
        k = (q.location.line, q.text + q.unit)
        occurrence = seen.get(k, 0)
        seen[k] = occurrence + 1
        if q.key in bound:
            chosen.append((cell.label, q, occurrence, beyond))
    return text.split("\n"), baseline, chosen


def test_the_seed_states_bound_indicator_values():
    _, _, chosen = seed()
    assert len(chosen) > 100


@settings(max_examples=15)
@given(data=st.data())
def test_changing_a_stated_indicator_value_gives_a_finding_at_its_line(data):
    lines, baseline, chosen = seed()
    label, q, occurrence, beyond = chosen[data.draw(st.integers(0, len(chosen) - 1), label="number")]
    line_no = q.location.line
    new_line = mutated_line(lines[line_no - 1], q, occurrence, beyond)
    assert new_line is not None
    note(f"line {line_no} {label}: {q.span.text} -> {new_line}")
    changed = [*lines[: line_no - 1], new_line, *lines[line_no:]]
    run = run_rules(prose_rules(), recognize(read_text("\n".join(changed), path=SEED.name)))
    assert any(
        (f.rule, f.message) not in baseline and any(loc.line == line_no for loc in f.locations) for f in run.findings
    )


def test_numbers_read_as_stating_no_indicator_value_are_candidates_and_unbound():
    """tools/prose_mutation_excluded.yaml lists numbers that equal an indicator value by coincidence (项目完成
    及时率100% where no indicator is one, an item of a list): each must still be one the tool picks, and
    the binder must tie none of them to an indicator (it would be tied to the wrong one)."""
    for path in (SEED, SEEDS / "004_b39ab111367c9db1.txt"):
        disclosure = recognize(read_text(path.read_text(encoding="utf-8"), path=path.name))
        bound = {b.prose_number.key for b in disclosure.prose_bindings}
        listed = excluded(path)
        picked = [((q.location.line, quoted(q)), q.key) for _, q, _ in candidates(disclosure)]
        assert listed and listed <= {at for at, _ in picked}, listed - {at for at, _ in picked}
        assert not [at for at, key in picked if at in listed and key in bound]
