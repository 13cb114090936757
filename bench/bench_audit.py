"""Time budgetlint on the seeds: in-process phases, time against size, and the CLI as a whole process.

Run from the repository root:  .venv/bin/python bench/bench_audit.py [--runs 20] [--cli-runs 9] [SEED ...]
No pytest; prints tables. Medians (with min-max) of CPU time of this process (time.process_time)
and of wall time, after one warm-up run: the machine is shared, and CPU time is what other
processes disturb least.

1. Per seed, in process: read (file -> SourceDocument), recognize (-> Disclosure), rules (all
   rules -> findings), total. Rules are loaded once, before, as a process does.
2. Time against size: seed 001 and the same text eight times over (one document, 8x the lines,
   written to a file), read + recognize + rules as in 1., timed in turns; the ratio should stay
   near 8 (issue 16: <= 8.5). Measured as the library runs (Python's default garbage collector:
   the library never tunes it), as the CLI runs it (gc_tuning: loaded objects frozen, first
   threshold 50 000), and with the collector off -- not a way budgetlint runs, but the work
   itself: what the first two add to it is the collector's.
3. The CLI: `budgetlint --version` and `budgetlint check SEED --format json` in fresh processes,
   wall and CPU (the child's user + system time), in turns after one warm-up of each.
   `--runs 0 --size-runs 0` runs this section alone.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from budgetlint import gc_tuning
from budgetlint.engine import run_rules
from budgetlint.ingest import read_document
from budgetlint.recognize import recognize
from budgetlint.recognize.templates import load_templates
from budgetlint.rulebook import load_rules

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "fixtures" / "seeds"
SEED_001 = SEEDS / "001_e1c2a9d2af1eed61.txt"
CLI = Path(sys.executable).with_name("budgetlint")
TIMES = 8  # the large document is the seed this many times over
TARGET_MS, TARGET_RATIO = 100, 8.5  # issue 16: seed 001 in process, and 8x the text against 1x


def _ms(samples: list[float]) -> str:
    """median (min–max) in milliseconds."""
    return f"{statistics.median(samples) * 1000:7.1f} ({min(samples) * 1000:.1f}–{max(samples) * 1000:.1f})"


def timed(fn) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    c0, w0 = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c0, time.perf_counter() - w0


def phases(path: Path, rules: list, runs: int) -> dict[str, list[tuple[float, float]]]:
    """read, recognize, rules and total of `path`, `runs` times after one warm-up."""
    out: dict[str, list[tuple[float, float]]] = {"read": [], "recognize": [], "rules": [], "total": []}
    for i in range(runs + 1):
        c0, w0 = time.process_time(), time.perf_counter()
        source = read_document(path)
        c1, w1 = time.process_time(), time.perf_counter()
        disclosure = recognize(source)
        c2, w2 = time.process_time(), time.perf_counter()
        run_rules(rules, disclosure)
        c3, w3 = time.process_time(), time.perf_counter()
        if i:
            for key, c, w in (
                ("read", c1 - c0, w1 - w0),
                ("recognize", c2 - c1, w2 - w1),
                ("rules", c3 - c2, w3 - w2),
                ("total", c3 - c0, w3 - w0),
            ):
                out[key].append((c, w))
    return out


def by_size(small: Path, big: Path, rules: list, runs: int) -> tuple[list[float], list[float]]:
    """CPU seconds of the whole pipeline (as `phases` times it) on `small` and `big`, in turns."""
    small_times: list[float] = []
    big_times: list[float] = []
    for i in range(runs + 1):
        for path, sink in ((small, small_times), (big, big_times)):
            cpu, _ = timed(lambda p=path: run_rules(rules, recognize(read_document(p))))
            if i:
                sink.append(cpu)
    return small_times, big_times


def size_table(rules: list, runs: int) -> dict[str, float]:
    """Section 2: the ratio of TIMES copies of seed 001 to one, per way the collector runs."""
    text = SEED_001.read_text(encoding="utf-8")
    ratios = {}
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"001_x{TIMES}.txt"
        big.write_text("\n".join([text.rstrip("\n")] * TIMES) + "\n", encoding="utf-8")
        print(f"\n2. time against size: seed 001 and the same text {TIMES}× over, CPU ms, median of {runs}\n")
        for name in ("library (default collector)", "as the CLI runs (gc_tuning)", "collector off (the work alone)"):
            if name.startswith("as the CLI"):
                gc_tuning.worker_loaded()
            elif name.startswith("collector off"):
                gc.unfreeze()
                gc.disable()
            small, large = by_size(SEED_001, big, rules, runs)
            ratios[name] = statistics.median(large) / statistics.median(small)
            print(f"{name:<32} 1×: {_ms(small)}   {TIMES}×: {_ms(large)}   ratio {ratios[name]:.2f}")
            gc.collect()
        gc.unfreeze()
        gc.set_threshold(700, 10, 10)
        gc.enable()
    return ratios


def child_times(args: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    proc = subprocess.run(args, capture_output=True)
    wall = time.perf_counter() - w0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):  # 1 = findings; anything else is a broken run, not a time
        sys.exit(f"{' '.join(args)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def in_process_table(seeds: list[Path], rules: list, runs: int) -> float | None:
    """Section 1; returns seed 001's median CPU ms when it was among the seeds."""
    print(f"\n1. in process, CPU ms, median (min–max) of {runs} runs after 1 warm-up\n")
    columns = ["read", "recognize", "rules", "total", "total wall"]
    print(f"{'seed':<28} {'lines':>6} " + " ".join(f"{c:>22}" for c in columns))
    seed_001_ms = None
    for path in seeds:
        lines = path.read_bytes().count(b"\n")
        s = phases(path, rules, runs)
        if path.resolve() == SEED_001.resolve():
            seed_001_ms = statistics.median(c for c, _ in s["total"]) * 1000
        cells = [_ms([c for c, _ in s[k]]) for k in ("read", "recognize", "rules", "total")]
        cells.append(_ms([w for _, w in s["total"]]))
        print(f"{path.name:<28} {lines:>6} " + " ".join(f"{c:>22}" for c in cells))
    return seed_001_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="*", type=Path, help="files to time (default: fixtures/seeds/*.txt)")
    parser.add_argument("--runs", type=int, default=20, help="in-process runs per seed after one warm-up (0: skip)")
    parser.add_argument("--size-runs", type=int, default=5, help="runs of seed 001 and its 8x copy (0: skip)")
    parser.add_argument("--cli-runs", type=int, default=9, help="runs of each CLI command (0: skip)")
    args = parser.parse_args()
    seeds = args.seeds or sorted(SEEDS.glob("*.txt"))

    seed_001_ms = None
    rules: list = []
    if args.runs or args.size_runs:
        c0 = time.process_time()
        rules = load_rules()
        load_templates()
        print(f"rules and templates loaded in {(time.process_time() - c0) * 1000:.0f} ms CPU ({len(rules)} rules)")
    if args.runs:
        seed_001_ms = in_process_table(seeds, rules, args.runs)

    ratios = size_table(rules, args.size_runs) if args.size_runs else {}
    if seed_001_ms is not None or ratios:
        shown = []
        if seed_001_ms is not None:
            shown.append(f"seed 001 in process {seed_001_ms:.0f} ms CPU (median of {args.runs}; ≤ {TARGET_MS})")
        shown += [f"{TIMES}×/1× {name.split(' (')[0]} {r:.2f}" for name, r in ratios.items()]
        print("\nissue 16, side by side: " + " · ".join(shown) + f" (ratio ≤ {TARGET_RATIO})")

    if args.cli_runs:
        if not CLI.exists():
            sys.exit(f"no budgetlint console script next to {sys.executable}: run make install")
        commands = {
            "--version": [str(CLI), "--version"],
            "check 001 --format json": [str(CLI), "check", str(SEED_001), "--format", "json"],
        }
        samples: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for command in commands.values():  # one warm-up: the load cache written, the files in the page cache
            child_times(command)
        for _ in range(args.cli_runs):
            for key, command in commands.items():
                samples[key].append(child_times(command))
        print(f"\n3. the CLI in fresh processes, median (min–max) of {args.cli_runs}, ms\n")
        for key, values in samples.items():
            print(f"budgetlint {key:<26} wall {_ms([w for _, w in values])}   CPU {_ms([c for c, _ in values])}")
    load = Path("/proc/loadavg")
    print(
        f"\npython {sys.version.split()[0]} · {sys.platform}"
        + (f" · load average {load.read_text().split()[0]}" if load.exists() else "")
    )


if __name__ == "__main__":
    main()
