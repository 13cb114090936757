"""What reading and checking the numbers of prose costs, side by side with the whole audit, per seed.

Run from the repository root:  .venv/bin/python bench/bench_prose.py [--runs 15] [SEED ...]
Prints, per seed, the median (min–max) in milliseconds of: the whole in-process audit (read,
recognize with every reader, all rules), the prose reading alone (recognize/narrative/prose.py:
cells, quantities, sums, bindings, register) and the prose rules alone (group `prose` and the kinds
indicator_unit, met_ceiling_rate, exceeded_score), each as wall time and as process CPU time (the machine is shared:
CPU time moves less with the load), and the prose parts' share of the whole. No pytest; numbers are
reported, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from budgetlint.engine import run_rules
from budgetlint.ingest import read_document
from budgetlint.recognize import recognize
from budgetlint.recognize.narrative.prose import read_prose
from budgetlint.rulebook import load_rules

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "fixtures" / "seeds"
PROSE_KINDS = {"indicator_unit", "met_ceiling_rate", "exceeded_score"}


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ({min(samples) * 1000:.1f}–{max(samples) * 1000:.1f})"


def measure(path: Path, rules: list, prose_rules: list, runs: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {k: [] for k in ("total", "total_cpu", "prose", "prose_cpu", "rules", "rules_cpu")}
    for i in range(runs + 1):
        w0, c0 = _clocks()
        disclosure = recognize(read_document(path))
        run_rules(rules, disclosure)
        w1, c1 = _clocks()
        read_prose(
            disclosure.source,
            list(disclosure.narrative),
            disclosure.targets,
            disclosure.overall_target,
            disclosure.self_evaluations,
        )
        w2, c2 = _clocks()
        run_rules(prose_rules, disclosure)
        w3, c3 = _clocks()
        if i == 0:
            continue  # warm-up: vocabularies, regexes, imports
        for key, value in (
            ("total", w1 - w0),
            ("total_cpu", c1 - c0),
            ("prose", w2 - w1),
            ("prose_cpu", c2 - c1),
            ("rules", w3 - w2),
            ("rules_cpu", c3 - c2),
        ):
            out[key].append(value)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="*", type=Path, help="files to time (default: fixtures/seeds/*.txt)")
    parser.add_argument("--runs", type=int, default=15, help="runs per seed after one warm-up")
    args = parser.parse_args()
    rules = load_rules()
    prose_rules = [r for r in rules if "prose" in r.groups or r.kind in PROSE_KINDS]
    print(f"median (min–max) ms over {args.runs} runs; prose rules: {', '.join(r.id for r in prose_rules)}\n")
    print(f"{'seed':28} {'whole audit wall':>24} {'cpu':>24} {'prose reading cpu':>24} {'prose rules cpu':>24} share")
    for path in args.seeds or sorted(SEEDS.glob("*.txt")):
        s = measure(path, rules, prose_rules, args.runs)
        prose = statistics.median(s["prose_cpu"]) + statistics.median(s["rules_cpu"])
        share = prose / statistics.median(s["total_cpu"])
        print(
            f"{path.name[:28]:28} {_ms(s['total']):>24} {_ms(s['total_cpu']):>24} {_ms(s['prose_cpu']):>24} "
            f"{_ms(s['rules_cpu']):>24} {share:5.1%}"
        )
    print(f"\npython {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
