"""Time budgetlint on the seeds: in-process phases (read, recognize, rules) and the CLI's wall time.

Run from the repository root:  .venv/bin/python bench/bench_audit.py [--runs 20] [--cli-runs 5] [SEED ...]
No pytest; prints a table. Times are wall-clock (time.perf_counter), median with min and max.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from budgetlint.engine import run_rules
from budgetlint.ingest import read_document
from budgetlint.recognize import recognize
from budgetlint.rulebook import load_rules

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "fixtures" / "seeds"
CLI = Path(sys.executable).with_name("budgetlint")


def _ms(seconds: float) -> float:
    return seconds * 1000


def _stats(samples: list[float]) -> str:
    """median (min–max) in milliseconds."""
    return f"{_ms(statistics.median(samples)):8.1f} ({_ms(min(samples)):.1f}–{_ms(max(samples)):.1f})"


def time_in_process(path: Path, rules: list, runs: int) -> dict[str, list[float]]:
    """read (file → SourceDocument), recognize (→ Disclosure), rules (→ findings); one warm-up run first."""
    samples: dict[str, list[float]] = {"read": [], "recognize": [], "rules": [], "total": []}
    for i in range(runs + 1):
        t0 = time.perf_counter()
        source = read_document(path)
        t1 = time.perf_counter()
        disclosure = recognize(source)
        t2 = time.perf_counter()
        run_rules(rules, disclosure)
        t3 = time.perf_counter()
        if i == 0:
            continue  # warm-up: template and regex caches, imports
        for key, value in (("read", t1 - t0), ("recognize", t2 - t1), ("rules", t3 - t2), ("total", t3 - t0)):
            samples[key].append(value)
    return samples


def time_cli(path: Path, runs: int) -> tuple[list[float], int]:
    """Wall time of `budgetlint check PATH --format json` in a fresh process (interpreter start included)."""
    samples, code = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run([str(CLI), "check", str(path), "--format", "json"], capture_output=True)
        samples.append(time.perf_counter() - t0)
        code = proc.returncode
        if code not in (0, 1):  # 1 = findings (seed 001); anything else is a broken run, not a time
            sys.exit(f"{CLI} check {path} exited {code}: {proc.stderr.decode(errors='replace')}")
    return samples, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="*", type=Path, help="files to time (default: fixtures/seeds/*.txt)")
    parser.add_argument("--runs", type=int, default=20, help="in-process runs per seed after one warm-up")
    parser.add_argument("--cli-runs", type=int, default=5, help="CLI runs per seed (0: skip)")
    args = parser.parse_args()
    seeds = args.seeds or sorted(SEEDS.glob("*.txt"))
    if args.cli_runs and not CLI.exists():
        sys.exit(f"no budgetlint console script next to {sys.executable}; install with pip install -e .")

    t0 = time.perf_counter()
    rules = load_rules()
    print(f"load_rules: {_ms(time.perf_counter() - t0):.1f} ms ({len(rules)} rules, once per process)")
    print(f"in-process: median (min–max) ms over {args.runs} runs after 1 warm-up; "
          f"CLI: median (min–max) ms over {args.cli_runs} runs\n")
    columns = ["read", "recognize", "rules", "total", "CLI json"]
    header = f"{'seed':<28} {'lines':>6} " + " ".join(f"{c:>22}" for c in columns) + " exit"
    print(header)
    print("-" * len(header))
    for path in seeds:
        lines = path.read_bytes().count(b"\n")
        s = time_in_process(path, rules, args.runs)
        cli, code = time_cli(path, args.cli_runs) if args.cli_runs else ([0.0], "-")
        print(f"{path.name:<28} {lines:>6} {_stats(s['read']):>22} {_stats(s['recognize']):>22} "
              f"{_stats(s['rules']):>22} {_stats(s['total']):>22} {_stats(cli):>22} {code:>4}")
    print(f"\npython {sys.version.split()[0]} · {sys.platform}")


if __name__ == "__main__":
    main()
