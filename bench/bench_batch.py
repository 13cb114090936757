"""Batch runs: -j 2 against -j 1 on the peer PDFs, RSS per worker over many documents, and the
parent's RSS after 20 and after 2,000 documents in one streaming `check` run.

Run from the repository root:
    .venv/bin/python bench/bench_batch.py [--pdfs DIR] [--repeat 1] [--end-rounds 9] [--docs 400]
        [--check-docs 2000]
No pytest; prints what it measured (issue 14: the -j ratio and the workers' RSS; issue 16: the
parent's RSS after 20 and after 2,000 documents). Numbers are wall-clock on whatever machine runs it;
the load average is printed beside the ratio (a shared 2-core machine is noisy: read the ratio, not
the seconds).

1. speed-up: `budgetlint check` (JSON to /dev/null) of every PDF under --pdfs with -j 1 and -j 2,
   in turns over --rounds rounds (after one warm-up pair: the load cache written; with --repeat K,
   of K copies of each, with bytes of their own, so F weighs less); the median of
   the pairs' ratios, the ratio of the medians, and the load average through the rounds. In the
   same rounds, the fixed cost F of a batch run: `check -j 2` of two one-line documents (start-up,
   the forkserver's preload, the workers' start, shut-down; both -j runs pay it once). With S the
   checking itself (-j 1 less F), no split of the checking can give more than (F + S)/(F + S/2):
   printed beside the ratio, with how close -j 2 comes to F + S/2. And what the host gives: in
   the same rounds, two `-j 1` runs of the same PDFs started together; c = 2 x (one run's time) /
   (the two's time) is how much work two busy processes get done on these cores against one (2.0
   on two free cores; a shared virtual machine gives less, and less when its neighbours are
   busy, and less as a -j 1 run already uses some of the second core: its parent and forkserver
   load side by side). No pool beats c on this host, and with F it is at most (F + S)/(F + S/c).
   And the CPU the whole machine spent on each -j run (/proc/stat): -j 2 doing the same work as
   -j 1 should spend the same (more is each core slower while both are busy), and two cores cannot
   finish it in less than half of it, whatever the split: 2 x (-j 1 time) / (-j 2 CPU) bounds the
   ratio without any model of the run.
2. workers: a LocalPool of 2 workers over --docs documents (copies of the four seeds in turn, each
   with its own bytes, so each worker sees about half); each worker's RSS before its first document
   and after its 1st, 20th, 100th and 200th (and last). Each record is stored as a scan stores it
   (batch/store.py): how long a worker waits between one document and its next is printed too.
3. the end: --end-rounds runs of a LocalPool of 2 workers over the PDFs (after one warm-up run):
   how far apart the two workers finish -- one core idle all that while -- and what other orders
   would give, a list schedule replayed over the measured per-document times (each document's drawn
   from its own, 20,000 draws): size order (the pool's), page count, characters pdfium reads,
   longest-first by mean measured time, and a random order. (--rounds 0 or --end-rounds 0 skips
   the speed-up or the end.)
4. streaming: one `check -j 2 --format json` run over --check-docs small documents; the parent's
   RSS sampled when 20, 100, 500, 1000 and all documents have been written (the rules across
   documents then run over every document's kept figures: their time and the peak RSS are printed too).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
PEER = REPO.parent / "shared" / "peer-samples"
CLI = Path(sys.executable).with_name("budgetlint")


def copies(folder: Path, n: int, sources: list[Path]) -> list[Path]:
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        path = folder / f"{i:05d}{src.suffix}"
        path.write_bytes(src.read_bytes() + f"\n附注{i}\n".encode())
        out.append(path)
    return out


def speedup(pdfs: list[Path], rounds: int, tiny: list[Path]) -> None:
    """-j 1 and -j 2 in turns; the ratio of each pair (the machine is shared: its speed drifts, a
    pair run back to back sees about the same) and its median, beside the ratio of the medians;
    and the fixed cost of a batch run (`tiny`: two one-line documents) with the bound it sets."""

    def seconds(jobs: int, files: list[Path], copies: int = 1) -> tuple[float, float]:
        """Wall-clock seconds of the run, and the CPU seconds the machine spent meanwhile."""
        cpu0, t0 = busy_cpu(), time.perf_counter()
        runs = [
            subprocess.Popen(
                [str(CLI), "check", *map(str, files), "-j", str(jobs), "--format", "json", "--fail-on", "never"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(copies)
        ]
        for run in runs:
            run.wait()
        return time.perf_counter() - t0, busy_cpu() - cpu0

    seconds(1, pdfs), seconds(2, pdfs), seconds(2, tiny)  # the warm-up round
    times: dict[str, list[float]] = {"F": [], "j1": [], "j2": [], "two j1": []}
    cpu: dict[str, list[float]] = {label: [] for label in times}
    loads = [os.getloadavg()[0]]
    for _ in range(rounds):
        for label, jobs, files, copies in (
            ("F", 2, tiny, 1),
            ("j1", 1, pdfs, 1),
            ("j2", 2, pdfs, 1),
            ("two j1", 1, pdfs, 2),
        ):
            wall, spent = seconds(jobs, files, copies)
            times[label].append(wall)
            cpu[label].append(spent)
        loads.append(os.getloadavg()[0])
    fixed, one, two, both = (statistics.median(times[k]) for k in ("F", "j1", "j2", "two j1"))
    pairs = [a / b for a, b in zip(times["j1"], times["j2"], strict=True)]
    hosts = [2 * a / b for a, b in zip(times["j1"], times["two j1"], strict=True)]
    host = statistics.median(hosts)
    spent = [b / a for a, b in zip(cpu["j1"], cpu["j2"], strict=True) if a > 0]
    checking = one - fixed
    print(
        f"speed-up on {len(pdfs)} PDFs: -j 1 {one:.2f} s, -j 2 {two:.2f} s (medians of {rounds}); "
        f"paired ratio {statistics.median(pairs):.2f}x (median of {rounds} pairs; "
        f"{min(pairs):.2f}-{max(pairs):.2f}), ratio of the medians {one / two:.2f}x\n"
        f"  samples -j1 {[round(t, 2) for t in times['j1']]}, -j2 {[round(t, 2) for t in times['j2']]}; "
        f"load average {loads[0]:.1f} before, {statistics.median(loads):.1f} median, {loads[-1]:.1f} after, "
        f"on {os.cpu_count()} cores\n"
        f"  fixed cost of a batch run F {fixed:.2f} s (-j 2, two one-line documents; median of {rounds}); "
        f"checking S = -j 1 less F = {checking:.2f} s; a perfect split gives at most (F+S)/(F+S/2) = "
        f"{one / (fixed + checking / 2):.2f}x\n"
        f"  the host: two -j 1 runs together {both:.2f} s; c = 2 x one / two together {host:.2f}x "
        f"(median of {rounds} rounds; {min(hosts):.2f}-{max(hosts):.2f}); at most (F+S)/(F+S/c) = "
        f"{one / (fixed + checking / host):.2f}x on this host; -j 2 less F is {(two - fixed) / checking:.1%} "
        f"of S against 1/c = {1 / host:.1%}"
    )
    if spent:  # not where /proc/stat is missing
        busy = [2 * a / b for a, b in zip(times["j1"], cpu["j2"], strict=True) if b > 0]
        print(
            f"  CPU of the whole machine per run: -j 1 {statistics.median(cpu['j1']):.2f} s "
            f"({statistics.median(cpu['j1']) / one:.2f} cores on average), -j 2 {statistics.median(cpu['j2']):.2f} s; "
            f"-j 2 / -j 1 paired {statistics.median(spent):.3f} "
            f"(median of {rounds}; {min(spent):.3f}-{max(spent):.3f}); "
            f"two -j 1 together / 2 x one "
            f"{statistics.median(b / 2 / a for a, b in zip(cpu['j1'], cpu['two j1'], strict=True) if a > 0):.3f}\n"
            f"  two cores finish -j 2's CPU in no less than half of it: at most 2 x (-j 1 time) / (-j 2 CPU) = "
            f"{statistics.median(busy):.2f}x (paired median)"
        )


def busy_cpu() -> float:
    """Seconds of CPU the whole machine has spent busy since boot (0.0 where /proc/stat is not)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq = (int(v) for v in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _record_rss(job, settings):
    """The real per-document function, plus this worker's RSS before and after the document and
    when it began and ended."""
    from budgetlint.batch.document import check_document

    began, before = time.time(), psutil.Process().memory_info().rss
    record = check_document(job, settings)
    rss = psutil.Process().memory_info().rss
    return replace(record, reason=f"{os.getpid()} {before} {rss} {began} {time.time()}")


WORKER_MARKS = (1, 20, 100, 200)


def workers(docs: list[Path], db: Path) -> None:
    """Each record stored as a scan stores it (batch/store.py); besides the RSS, how long each worker
    waited between the end of one document and the start of its next."""
    from budgetlint import gc_tuning
    from budgetlint.batch.document import Job, Settings, ruleset_version
    from budgetlint.batch.pool import LocalPool
    from budgetlint.batch.store import Store

    seen: dict[str, list[int]] = {}
    start: dict[str, int] = {}
    spans: dict[str, list[tuple[float, float]]] = {}
    settings = Settings()
    ruleset = ruleset_version(settings)
    gc_tuning.worker_loaded()  # the collector as a scan's own process has it once its rules are loaded
    with LocalPool(settings, jobs=2, function=_record_rss) as pool, Store(db) as store:
        for record in pool.run(Job(i, (str(p),)) for i, p in enumerate(docs)):
            pid, before, rss, began, ended = record.reason.split()
            start.setdefault(pid, int(before))
            seen.setdefault(pid, []).append(int(rss))
            spans.setdefault(pid, []).append((float(began), float(ended)))
            store.save(replace(record, reason=None), ruleset)
    waits = [b2 - e1 for runs in spans.values() for (_, e1), (b2, _) in itertools.pairwise(sorted(runs))]
    if waits:
        print(
            f"workers idle between documents (the parent storing each record meanwhile): median "
            f"{statistics.median(waits) * 1000:.2f} ms, longest {max(waits) * 1000:.1f} ms, "
            f"{sum(waits):.2f} s in all over {len(waits)} waits"
        )
    for pid, samples in seen.items():
        marks = [n for n in WORKER_MARKS if n < len(samples)] + [len(samples)]
        after = ", ".join(f"{n} {samples[n - 1] / 2**20:.1f}" for n in marks)
        growth = (samples[-1] / samples[min(20, len(samples)) - 1] - 1) * 100
        print(
            f"worker {pid}: {len(samples)} documents; RSS MiB at start {start[pid] / 2**20:.1f}, "
            f"after document {after}; peak {max(samples) / 2**20:.1f}; last vs 20th {growth:+.1f} %"
        )


def end_gap(pdfs: list[Path], rounds: int) -> None:
    """-j 2's end: the gap between the two workers' last documents, measured and replayed."""
    import pypdfium2

    from budgetlint.batch.document import Job, Settings
    from budgetlint.batch.pool import LocalPool
    from budgetlint.ingest.files import display_path

    index = {display_path(p): i for i, p in enumerate(pdfs)}
    took: dict[int, list[float]] = {i: [] for i in range(len(pdfs))}
    gaps = []
    with LocalPool(Settings(), jobs=2, function=_record_rss) as pool:
        for n in range(rounds + 1):  # the first: the workers' own start-up
            last: dict[str, float] = {}
            for record in pool.run(Job(i, (str(p),)) for i, p in enumerate(pdfs)):
                pid, _, _, began, ended = record.reason.split()
                if n:
                    took[index[record.path]].append(float(ended) - float(began))
                last[pid] = max(last.get(pid, 0.0), float(ended))
            if n:
                gaps.append(max(last.values()) - min(last.values()))
    pages, chars = [], []
    for path in pdfs:
        doc = pypdfium2.PdfDocument(path)
        pages.append(len(doc))
        chars.append(sum(doc[k].get_textpage().count_chars() for k in range(len(doc))))
        doc.close()
    mean = [statistics.mean(took[i]) for i in range(len(pdfs))]
    rng = random.Random(0)
    draws = [[rng.choice(took[i]) for i in range(len(pdfs))] for _ in range(20_000)]
    orders = {
        "size order (the pool's)": [-p.stat().st_size for p in pdfs],
        "page count": [-n for n in pages],
        "characters read": [-n for n in chars],
        "longest-first by mean time": [-t for t in mean],
    }
    replayed = {name: _replay(sorted(range(len(pdfs)), key=key.__getitem__), draws) for name, key in orders.items()}
    replayed["random order"] = statistics.mean(
        _replay(rng.sample(range(len(pdfs)), len(pdfs)), [draw]) for draw in draws[:5_000]
    )
    print(
        f"the end of -j 2 over {rounds} runs of the pool: the two workers' last documents end "
        f"{statistics.median(gaps):.3f} s apart (median; {min(gaps):.3f}-{max(gaps):.3f}), one core idle meanwhile; "
        f"documents took {min(mean):.2f}-{max(mean):.2f} s (means)\n  replayed over those times, mean gap: "
        + ", ".join(f"{name} {gap:.3f} s" for name, gap in replayed.items())
    )


def _replay(order: list[int], draws: list[list[float]]) -> float:
    """The mean gap between two workers' ends when each takes the next document of `order` as it
    frees up, over `draws` (each a time per document)."""
    gaps = []
    for took in draws:
        ends = [0.0, 0.0]
        for i in order:
            ends[ends.index(min(ends))] += took[i]
        gaps.append(abs(ends[0] - ends[1]))
    return statistics.mean(gaps)


def streaming(docs: list[Path], out: Path) -> None:
    """Sample (bytes written, parent RSS) through the run; the documents are copies of one, so
    bytes / (bytes of all / count) is the number written at each sample."""
    proc = subprocess.Popen(
        [str(CLI), "check", *map(str, docs), "-j", "2", "--format", "json", "--fail-on", "never", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(proc.pid)
    samples: list[tuple[float, int, int]] = []
    while proc.poll() is None:
        time.sleep(0.2)
        try:
            rss = parent.memory_info().rss
            if rss:  # 0: the process has exited and not been reaped yet
                samples.append((time.perf_counter(), out.stat().st_size, rss))
        except (OSError, psutil.Error):
            continue
    ended = time.perf_counter()
    per_doc = out.stat().st_size / len(docs)

    def rss_after(n: int) -> int | None:
        return next((rss for _, size, rss in samples if size >= n * per_doc), None)

    after_20 = rss_after(20)
    near_end = [rss for _, size, rss in samples if size >= (len(docs) - 5) * per_doc]
    if after_20 and near_end:
        marks = [n for n in (100, 500, 1000) if n < len(docs) and rss_after(n)]
        middle = "".join(f", after {n} {rss_after(n) / 2**20:.1f} MiB" for n in marks)  # type: ignore[operator]
        print(
            f"streaming check of {len(docs)} documents: parent RSS after 20 {after_20 / 2**20:.1f} MiB{middle}, "
            f"after {len(docs)} {near_end[-1] / 2**20:.1f} MiB "
            f"({(near_end[-1] / after_20 - 1) * 100:+.1f} % vs after 20), "
            f"peak {max(rss for _, _, rss in samples) / 2**20:.1f} MiB"
        )
        # the last document's part is written before the rules across documents run (the report's tail)
        last = next((t for t, size, _ in samples if size >= (len(docs) - 1) * per_doc), ended)
        print(
            f"  rules across documents at the end of that run (same unit, same year, {len(docs)} copies): "
            f"about {ended - last:.1f} s after the last document was written"
        )
    else:
        print("streaming check: run too short to sample")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, default=PEER)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="the speed-up over this many copies of each PDF")
    parser.add_argument("--end-rounds", type=int, default=9)
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--check-docs", type=int, default=2000)
    args = parser.parse_args()
    pdfs = sorted(args.pdfs.rglob("*.pdf")) if args.pdfs.is_dir() else []
    seeds = sorted((REPO / "fixtures" / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        for sub in ("w", "s", "r"):
            (Path(tmp) / sub).mkdir()
        if pdfs:
            tiny = [Path(tmp) / f"tiny{i}.txt" for i in (1, 2)]
            for i, path in enumerate(tiny):
                path.write_text(f"某单位2025年部门预算 {i}\n", encoding="utf-8")
            batch = pdfs if args.repeat <= 1 else copies(Path(tmp) / "r", args.repeat * len(pdfs), pdfs)
            if args.rounds:
                speedup(batch, args.rounds, tiny)
            if args.end_rounds:
                end_gap(pdfs, args.end_rounds)
        else:
            print(f"no PDFs under {args.pdfs}: speed-up and the end skipped")
        if args.docs:
            workers(copies(Path(tmp) / "w", args.docs, seeds), Path(tmp) / "results.sqlite")
        if args.check_docs:
            small = [REPO / "fixtures" / "seeds" / "000_b2c7b50d282cc0b6.txt"]
            streaming(copies(Path(tmp) / "s", args.check_docs, small), Path(tmp) / "out.json")


if __name__ == "__main__":
    main()
