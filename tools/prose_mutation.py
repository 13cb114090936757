"""Mutate the numbers of a seed's goal cells that state an indicator's value, one at a time, and
count how many the prose rules find.

A number "states an indicator's value" when it stands in a 实际完成情况 (and equals, unit converted,
the 业绩值 of an indicator of its own table) or in a 预期目标 / 总体目标 / 年度绩效目标 (and equals a
目标值 / 指标值 of its side), with the same measure. Whether the text names that indicator is not
asked here: the share is over every such number, bound or not, but for the numbers that equal an
indicator value by coincidence and state something else (项目完成及时率100% where no indicator is a
完成及时率, an item of a list, the end of a range): those were read by hand and are listed, each with its
reason, in tools/prose_mutation_excluded.yaml, and are counted apart ("excluded"). Each one is raised by a tenth of its
value, or by one unit of its last printed digit when that is more (96.2 -> 105.9, 1 -> 2), and always
out of the rounding of the table value it equals (2000元 against 0.2万元, which stands for 1,500–2,500
元, becomes 2502元: a change inside the rounding is no finding, by design), on its own line; the
document is audited with the `prose` rules, and the number counts as found when a finding that the
unchanged document does not have is located on that line. A number that cannot be
found again on its line as printed is counted apart (“not mutated”), never as found.

    .venv/bin/python tools/prose_mutation.py fixtures/seeds/001_*.txt fixtures/seeds/003_*.txt [--list]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

import yaml

from budgetlint.engine import run_rules
from budgetlint.ingest import read_text
from budgetlint.recognize import recognize
from budgetlint.recognize.narrative.grammar import normalise
from budgetlint.recognize.narrative.prose_numbers import unit_measure
from budgetlint.rulebook import load_rules

EXCLUDED = Path(__file__).with_name("prose_mutation_excluded.yaml")
ROLES = {
    "actual_goal": "actual",
    "expected_goal": "target",
    "annual_goal": "target",
    "implementation_goal": "target",
    "goal": "target",
}


def _values(disclosure, cell, role: str):
    if cell.source == "target":
        return [i.value for i in disclosure.targets[cell.table].indicators if i.phase == cell.phase]
    if cell.source == "overall":
        return [i.value for i in disclosure.overall_target.indicators]
    return [getattr(i, role) for i in disclosure.self_evaluations[cell.table].indicators]


def candidates(disclosure):
    """(cell, number, beyond) for every goal-cell number equal to an indicator value of its role and
    measure; `beyond` is half the rounding unit of that value as printed, in base units (元, the
    count): a change must leave it to be a difference (0.2万元 stands for 1,500–2,500元)."""
    for cell in disclosure.prose_cells:
        role = ROLES.get(cell.field)
        if role is None:
            continue
        values: dict[tuple, Decimal] = {}
        for v in _values(disclosure, cell, role):
            measure = unit_measure(v.unit) if v.number is not None else None
            if measure is not None:
                key = (measure[0], measure[2], v.number.value * measure[1])
                half = Decimal("0.5").scaleb(-v.number.decimals) * measure[1]
                values[key] = max(values.get(key, half), half)
        for q in cell.numbers:
            key = (q.measure, q.per, q.value * q.factor)
            if not q.approximate and key in values:
                yield cell, q, values[key]


def quoted(q) -> str:
    """The number as --list and the exclusion file quote it: the words before it in its phrase, the number."""
    return f"{q.lead.strip()}{q.span.text}"


def excluded(path: Path) -> set[tuple[int, str]]:
    """(line, quote) of the numbers of `path` that state no indicator's value (read by hand)."""
    listed = yaml.safe_load(EXCLUDED.read_text(encoding="utf-8")) or {}
    return {(e["line"], e["quote"]) for e in listed.get(path.name, [])}


def mutated_line(line: str, q, occurrence: int, beyond: Decimal = Decimal(0)) -> str | None:
    """The line with the `occurrence`-th printing of the number (followed by its unit) raised by a
    tenth, or by one unit of its last digit when that is more, and always by more than `beyond` (in
    base units) and its own rounding, so that the two printings no longer overlap."""
    unit = Decimal(1).scaleb(-q.decimals)
    apart = ((beyond / q.factor + unit / 2) + unit).quantize(unit, rounding=ROUND_CEILING)
    step = max(unit, (q.value / 10).quantize(unit, rounding=ROUND_CEILING), apart)
    new = f"{q.value + step:,.{q.decimals}f}" if "," in q.text else f"{q.value + step:.{q.decimals}f}"
    # not the tail of a longer number (1,500 / 0.5), but after a comma between phrases (…元,3名…);
    # found on the normalised line (full-width digits and ％ as printed), which keeps every offset
    pattern = re.compile(rf"(?<!\d)(?<!\d[.,]){re.escape(q.text)}(?=\s*{re.escape(q.unit[0])})")
    hits = list(pattern.finditer(normalise(line)))
    if occurrence >= len(hits):
        return None
    m = hits[occurrence]
    return line[: m.start()] + new + line[m.end() :]


def keys(run) -> set:
    return {(f.rule, f.message) for f in run.findings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--list", action="store_true", help="list the numbers not found")
    args = parser.parse_args()
    rules = [r for r in load_rules() if "prose" in r.groups]
    for path in args.files:
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        disclosure = recognize(read_text(text, path=str(path)))
        baseline = keys(run_rules(rules, disclosure))
        seen: dict[tuple[int, str], int] = {}
        found = total = skipped = 0
        missed = []
        apart = excluded(path)
        left_out: Counter[tuple[int, str]] = Counter()
        for cell, q, beyond in candidates(disclosure):
            line_no = q.location.line
            k = (line_no, q.text + q.unit)
            occurrence = seen.get(k, 0)
            seen[k] = occurrence + 1
            if (line_no, quoted(q)) in apart:
                left_out[(line_no, quoted(q))] += 1
                continue
            new_line = mutated_line(lines[line_no - 1], q, occurrence, beyond)
            if new_line is None:
                skipped += 1
                continue
            total += 1
            changed = [*lines[: line_no - 1], new_line, *lines[line_no:]]
            run = run_rules(rules, recognize(read_text("\n".join(changed), path=str(path))))
            new = [
                f
                for f in run.findings
                if (f.rule, f.message) not in baseline and any(loc.line == line_no for loc in f.locations)
            ]
            if new:
                found += 1
            else:
                missed.append(f"  line {line_no} {cell.label}: {quoted(q)}")
        share = f"{found / total:.1%}" if total else "–"
        print(
            f"{path.name}: {found} of {total} numbers stating an indicator's value found ({share}); "
            f"{skipped} not mutated; {sum(left_out.values())} excluded as stating no indicator's value"
        )
        stale = apart - set(left_out)
        if stale:
            print(f"  listed in {EXCLUDED.name} but no such number: {sorted(stale)}")
        if args.list:
            print("\n".join(missed))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
