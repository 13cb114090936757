"""Linear time on hostile input: the cost of a document grows with its size, never faster.

Run from the repository root:  .venv/bin/python bench/bench_hostile.py [--sizes 10000 100000 1000000] [SHAPE ...]

Each shape is hostile text inserted into seed 000's 情况说明 at 1×, 10× and 100× a base length:
one line (the reader reads 20,000 characters of a passage, so past that a line costs its regex
scans only), or, for the `+` shapes, lines of about 1,000 characters (every paragraph read in
full: the honest measure of the reader and the rules). What is timed is the extra CPU time it
costs (read + recognize + all rules, in process, minus the seed alone), so the ratios compare the
work the hostile part causes. Linear means the 10× and 100× ratios stay within 10.5 and 105. Then,
as whole `budgetlint check` commands (wall and CPU time, interpreter start included; --commands
runs only these): a 1 MB narrative line and a PDF with glyphs 10^9 points tall.
Times are process CPU (time.process_time), the least of --runs runs (one fewer at each larger size);
beside them the ratios of Python function calls, which the machine's load cannot move.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from budgetlint import gc_tuning
from budgetlint.engine import run_rules
from budgetlint.ingest import read_text
from budgetlint.recognize import recognize
from budgetlint.rulebook import load_rules

REPO = Path(__file__).resolve().parents[1]
SEED = (REPO / "fixtures" / "seeds" / "000_b2c7b50d282cc0b6.txt").read_text(encoding="utf-8")
ANCHOR = "二、收入预算情况说明\n"  # the hostile text goes into the section before this heading
CLI = Path(sys.executable).with_name("budgetlint")

SHAPES = {  # name: a token repeated to the length wanted, in one line (a `+` name: in lines of ~1,000)
    "+prose": "一般公共预算拨款收入7,700.83万元，比上年增加12.30万元，增长1.50%，占比55.40%。",
    "+lists": "支出总额216.17万元。其中：货物45.92万元、工程100.00万元、服务70.25万元。",
    "+classes": "教育支出（类）职业教育（款）高等职业教育（项）1.00万元，比上年增加0.10万元。",
    "prose": "一般公共预算拨款收入7,700.83万元，比上年增加12.30万元，增长1.50%，占比55.40%；",
    "lists": "其中：货物1.00万元、工程2.00万元、服务3.00万元。",
    "classes": "教育支出（类）职业教育（款）高等职业教育（项）1.00万元，",
    "counts": "二级项目19个，其中：新增5个、延续14个；",
    "digits": "9",
    "commas": "1,",
    "dots": "1.",
    "years": "2023年预算数比2022年决算数增加1万元。",
    "spaces": " ",
    "rows": "项目{n}\t1.00\t1.00\t\t\t\t",  # rows of 表12, the project list (one per ~20 characters)
}
ROWS_AFTER = "遗属补助\t18.51\t18.51\t\t\t\t\n"  # the last row of seed 000's 表12


def _document(shape: str, length: int) -> str:
    token = SHAPES[shape]
    if shape == "rows":
        rows = "".join(token.format(n=n) + "\n" for n in range(length // 20))
        return SEED.replace(ROWS_AFTER, ROWS_AFTER + rows, 1)
    if shape.startswith("+"):  # whole tokens, ~1,000 characters a line, each line a paragraph
        per_line = max(1, 1000 // len(token))
        lines = [token * per_line] * max(1, length // (per_line * len(token)))
        text = "\n".join(lines)
    else:
        text = (token * (length // len(token) + 1))[:length]
    return SEED.replace(ANCHOR, text + "\n\n" + ANCHOR, 1)


def _cost(text: str, rules: list, runs: int) -> tuple[float, int]:
    """The least CPU time of `runs` runs (the machine's other load only ever adds), each after a
    full collection; and the Python function calls of one run, a count no other load changes."""
    samples = []
    for _ in range(runs):
        gc.collect()
        started = time.process_time()
        run_rules(rules, recognize(read_text(text, path="bench.txt")))
        samples.append(time.process_time() - started)
    profile = cProfile.Profile()
    profile.runcall(lambda: run_rules(rules, recognize(read_text(text, path="bench.txt"))))
    calls = sum(stat[1] for stat in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]
    return min(samples), calls


def _cli_seconds(args: list[str]) -> str:
    """Wall and CPU time of a `budgetlint` command (CPU: what the machine's other load cannot add)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([str(CLI), *args], capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return f"{wall:.2f} s wall, {cpu:.2f} s CPU"


def _glyph_pdf(folder: Path) -> Path:
    sys.path.insert(0, str(REPO / "fixtures"))
    from make_case_pdfs import COVER, DUTIES, _clipped, _text, pdf_bytes

    huge = b"".join(_text(60 + 10 * i, 400, "字", 1e9) for i in range(5))
    page = COVER + _clipped(50, 50, 500, 700, huge) + _clipped(50, 100, 500, 600, _text(60, 300, "测试", 12) * 50)
    path = folder / "glyph.pdf"
    path.write_bytes(pdf_bytes([page, DUTIES]))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapes", nargs="*", default=list(SHAPES), help="of: " + ", ".join(SHAPES))
    parser.add_argument("--sizes", type=int, nargs=3, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per point (the 100× point runs once)")
    parser.add_argument("--commands", action="store_true", help="only the whole commands")
    args = parser.parse_args()
    if not args.commands:
        _ratios(args)
    _commands()


def _ratios(args: argparse.Namespace) -> None:
    rules = load_rules()
    # the collector as budgetlint's processes run it (gc_tuning): with CPython's defaults, 20,000
    # findings make each full collection rescan a growing heap, 16x the time for 10x the text
    gc_tuning.worker_loaded()
    base, base_calls = _cost(SEED, rules, args.runs * 2)
    print(f"seed 000 alone: {base:.3f} s CPU, {base_calls} calls (subtracted below)\n")
    print(f"{'shape':9} {'×1 s':>7} {'×10 s':>7} {'×100 s':>8} {'×10':>6} {'×100':>7}   calls ×10, ×100")
    for shape in args.shapes:
        measured = [_cost(_document(shape, size), rules, max(1, args.runs - n)) for n, size in enumerate(args.sizes)]
        costs = [max(seconds - base, 1e-3) for seconds, _ in measured]
        calls = [max(count - base_calls, 1) for _, count in measured]
        ok = costs[1] / costs[0] <= 10.5 and costs[2] / costs[0] <= 105
        print(
            f"{shape:9} {costs[0]:7.3f} {costs[1]:7.3f} {costs[2]:8.3f} {costs[1] / costs[0]:6.1f} "
            f"{costs[2] / costs[0]:7.1f}   {calls[1] / calls[0]:5.1f} {calls[2] / calls[0]:6.1f}  "
            f"{'linear' if ok else 'SUPER-LINEAR'}",
            flush=True,
        )


def _commands() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        line = folder / "line.txt"
        line.write_text(_document("prose", 1_000_000), encoding="utf-8")
        print(f"\nbudgetlint check, a 1 MB narrative line: {_cli_seconds(['check', str(line), '--format', 'json'])}")
        glyph = _glyph_pdf(folder)
        print(f"budgetlint check, glyphs 10^9 points tall: {_cli_seconds(['check', str(glyph), '--format', 'json'])}")


if __name__ == "__main__":
    main()
