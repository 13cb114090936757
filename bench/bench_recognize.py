"""Reading and recognition time per document, this tree against another commit, in one run.

Run from the repository root:
    .venv/bin/python bench/bench_recognize.py [--base REV] [--this REV] [--rounds 6] [FILE ...]
Default base: ef1d3e1 (main before issue 10's work: recognition by meaning, national base templates);
default this: the working tree. A merge commit and its first parent give one branch's share.
Default files: the seeds in fixtures/seeds and fixtures/pdf/*.pdf.

The commits are exported (git archive) to temporary folders. Each round runs one fresh process
per side, base and this tree in turns, so that both see the same load on a shared machine; a process
imports its side's budgetlint, reads every file, recognises each once (warm-up: YAML loaded), then
times read_document and recognize() per file, --repeat times each, in CPU seconds of the process
(process_time), and keeps the minimum. Over the rounds each side keeps its minimum again. The table
shows per file read and recognize (ms) on each side and the ratios this/base; the last line the
totals. Compare ratios; absolute numbers only within one run.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def worker(root: str, files: list[str], repeat: int) -> None:
    """In a fresh process: the minimum CPU ms of read and recognize per file, as JSON on stdout."""
    sys.path.insert(0, str(Path(root) / "src"))
    from budgetlint.ingest import read_document
    from budgetlint.recognize import recognize

    out = []
    for f in files:
        recognize(read_document(f))
        best_read = best_recognize = float("inf")
        for _ in range(repeat):
            gc.collect()
            t = time.process_time()
            source = read_document(f)
            t1 = time.process_time()
            recognize(source)
            t2 = time.process_time()
            best_read, best_recognize = min(best_read, t1 - t), min(best_recognize, t2 - t1)
        out.append((1000 * best_read, 1000 * best_recognize))
    print(json.dumps(out))


def export(rev: str, folder: Path) -> None:
    archive = subprocess.run(["git", "archive", rev, "src", "rules"], cwd=REPO, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="ef1d3e1")
    parser.add_argument("--this", help="a commit instead of the working tree")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.files, args.repeat)
        return
    files = args.files or [
        str(p)
        for p in sorted((REPO / "fixtures" / "seeds").glob("*.txt")) + sorted((REPO / "fixtures" / "pdf").glob("*.pdf"))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        export(args.base, Path(tmp) / "base")
        if args.this:
            export(args.this, Path(tmp) / "this")
        sides = {"base": str(Path(tmp) / "base"), "this": str(Path(tmp) / "this") if args.this else str(REPO)}
        best: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            for side, root in sides.items():
                run = subprocess.run(
                    [sys.executable, __file__, "--worker", root, "--repeat", str(args.repeat), *files],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                times = json.loads(run.stdout)
                best[side] = [(min(a[0], b[0]), min(a[1], b[1])) for a, b in zip(best.get(side, times), times)]
    print(f"base {args.base} vs {args.this or 'this tree'}, {args.rounds} rounds, min CPU ms")
    print(f"{'file':<34} {'read base':>9} {'this':>7} {'ratio':>6}   {'recognize base':>14} {'this':>7} {'ratio':>6}")
    for f, (rb, cb), (rt, ct) in zip(files, best["base"], best["this"]):
        print(f"{Path(f).name[:34]:<34} {rb:9.1f} {rt:7.1f} {rt / rb:6.2f}   {cb:14.1f} {ct:7.1f} {ct / cb:6.2f}")
    total = [sum(x) for x in zip(*best["base"])], [sum(x) for x in zip(*best["this"])]
    print(
        f"{'total':<34} {total[0][0]:9.1f} {total[1][0]:7.1f} {total[1][0] / total[0][0]:6.2f}   "
        f"{total[0][1]:14.1f} {total[1][1]:7.1f} {total[1][1] / total[0][1]:6.2f}"
    )


if __name__ == "__main__":
    main()
