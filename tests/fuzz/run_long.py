"""The long fuzz run: thousands of inputs per family from the strategies of tests/fuzz, each through
the real command line in a child process (harness.py), several at a time.

    .venv/bin/python tests/fuzz/run_long.py --text 5200 --pdf 2200 --rules 1300 --options 1300 \\
        --jobs 2 --out /tmp/fuzz            # `make fuzz`
    .venv/bin/python tests/fuzz/run_long.py --replay /tmp/fuzz/failures/text-0042
    .venv/bin/python tests/fuzz/run_long.py --family pdf --pdf 2200 --out /tmp/fuzz-pdf  # one family

A failing input is kept as soon as it fails, and OUT/summary.json is rewritten every --every runs,
so a run stopped early (a shared machine, a deadline) still reports the counts it reached.

It prints, per family and in total, the runs, the failures by kind (traceback, 内部错误, error
outcomes, CPU over 30 s, memory over 1 GiB, a hang, a stray library line, invalid JSON), the
largest CPU time and peak memory; writes them to OUT/summary.json; and keeps every failing input
as OUT/failures/<family>-<n>/ (job.json with the command line, files/ with the input) for --replay
and for a regression case in test_regressions.py. The examples are derandomised: the same code
draws the same inputs, so the counts reproduce.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]
import conftest  # noqa: E402, F401  (paths and preloaded modules)
from harness import FuzzInput, Outcome, Pool, run  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from pack_inputs import option_jobs, rule_pack_jobs  # noqa: E402
from pdf_inputs import pdf_jobs  # noqa: E402
from text_inputs import text_jobs  # noqa: E402

FAMILIES = {
    "text": lambda: text_jobs(max_long=200_000),
    "pdf": pdf_jobs,
    "rules": rule_pack_jobs,
    "options": option_jobs,
}


def _run_family(name: str, count: int, pool: Pool, shard: int = 0) -> None:
    @settings(
        max_examples=count,
        derandomize=not shard,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(FAMILIES[name]())
    def submit(job: FuzzInput) -> None:
        pool.submit(job)

    if shard:  # another reproducible stream of inputs (a second process on the same family)
        submit = seed(shard)(submit)
    submit()


def _save(outcome: Outcome, folder: Path) -> None:
    (folder / "files").mkdir(parents=True, exist_ok=True)
    for name, data in outcome.job.files:
        target = folder / "files" / os.fsdecode(name.encode("utf-8", "surrogateescape"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (folder / "job.json").write_text(
        json.dumps(
            {
                "kind": outcome.job.kind,
                "args": outcome.job.args,
                "note": outcome.job.note,
                "files": [n.encode("utf-8", "surrogateescape").hex() for n, _ in outcome.job.files],
                "problems": outcome.problems,
                "code": outcome.code,
                "cpu": outcome.cpu,
                "rss": outcome.rss,
                "stderr": outcome.stderr[-4000:],
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
        errors="surrogateescape",  # a file name or message that is not UTF-8 (\udcff) stays as it was
    )


def _summary(outcomes: list[Outcome]) -> dict:
    problems = Counter(p.split(" ", 1)[1] if p[0].isdigit() else p for o in outcomes for p in o.problems)
    return {
        "runs": len(outcomes),
        "failed": sum(1 for o in outcomes if o.problems),
        "problems": dict(problems),
        "error_outcomes": sum(o.error_outcomes for o in outcomes),
        "max_cpu_s": round(max((o.cpu for o in outcomes), default=0), 2),
        "max_rss_mib": round(max((o.rss for o in outcomes), default=0) / 2**20),
        "cpu_s_total": round(sum(o.cpu for o in outcomes)),
        "exit_codes": dict(Counter(str(o.code) for o in outcomes)),
    }


def replay(folder: Path) -> int:
    meta = json.loads((folder / "job.json").read_text(encoding="utf-8", errors="surrogateescape"))
    files = tuple(
        (
            bytes.fromhex(n).decode("utf-8", "surrogateescape"),
            (folder / "files" / os.fsdecode(bytes.fromhex(n))).read_bytes(),
        )
        for n in meta["files"]
    )
    outcome = run(FuzzInput(kind=meta["kind"], args=tuple(meta["args"]), files=files, note=meta["note"]))
    print(f"exit {outcome.code}, {outcome.cpu:.2f} s CPU, {outcome.rss / 2**20:.0f} MiB, problems: {outcome.problems}")
    print(outcome.stderr[-4000:])
    return 1 if outcome.problems else 0


def _write(out: Path, summary: dict[str, dict], everything: list[Outcome]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    summary = {**summary, "total": _summary(everything)}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, default in (("text", 5200), ("pdf", 2200), ("rules", 1300), ("options", 1300)):
        parser.add_argument(f"--{name}", type=int, default=default, help=f"{name} inputs (default {default})")
    parser.add_argument("--family", choices=sorted(FAMILIES), action="append", help="only these families")
    parser.add_argument("--jobs", type=int, default=2, help="runs at a time")
    parser.add_argument(
        "--shard", type=int, default=0, help="0: the derandomised inputs; N: another reproducible stream (seed N)"
    )
    parser.add_argument("--every", type=int, default=50, help="rewrite OUT/summary.json every N runs")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"))
    parser.add_argument("--replay", type=Path, help="re-run one saved failing input")
    args = parser.parse_args()
    if args.replay:
        return replay(args.replay)
    summary: dict[str, dict] = {}
    everything: list[Outcome] = []
    for name in args.family or FAMILIES:
        started = time.monotonic()
        family: list[Outcome] = []

        def done(outcome: Outcome, name: str = name, started: float = started, family: list = family) -> None:
            family.append(outcome)
            everything.append(outcome)
            if outcome.problems:
                _save(outcome, args.out / "failures" / f"{name}-{sum(1 for o in family if o.problems) - 1:04d}")
            if len(family) % args.every == 0:
                summary[name] = {**_summary(family), "wall_s": round(time.monotonic() - started)}
                _write(args.out, summary, everything)

        pool = Pool(args.jobs, on_done=done)
        _run_family(name, getattr(args, name), pool, args.shard)
        outcomes = pool.drain()
        summary[name] = {**_summary(outcomes), "wall_s": round(time.monotonic() - started)}
        print(name, json.dumps(summary[name], ensure_ascii=False), flush=True)
        _write(args.out, summary, everything)
    print("total", json.dumps(_summary(everything), ensure_ascii=False))
    return 1 if any(o.problems for o in everything) else 0


if __name__ == "__main__":
    sys.exit(main())
