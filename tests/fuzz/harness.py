"""Run one fuzzed input through the real command line, in a child process, and judge the result.

A `FuzzInput` is files (name -> bytes) written into a fresh folder and the arguments of one `budgetlint`
command run there. The child is forked from the test process (budgetlint and its libraries
already imported, so an input costs its own work only) and runs `budgetlint.cli.main()` as a user's
shell would, its stdout and stderr in files. The parent reads the child's CPU time and peak
resident memory from wait4(2), less what the parent had grown by since its first fork.

A run is a failure (`Outcome.problems`) when:
- it ends other than with exit code 0, 1 or 2 (a signal, an abort, MemoryError's exit);
- stderr or stdout holds a Python traceback or 内部错误 (a fault of budgetlint, even when caught);
- a library's log line or a Python warning reaches stderr;
- --format json was asked and stdout is not valid JSON (when a report was written), or any
  document counts an `error` outcome (a crashed check);
- it uses more than CPU_LIMIT seconds of CPU (the child is stopped by RLIMIT_CPU at that point)
  or more than RSS_LIMIT of memory, or it is still running after WALL_LIMIT seconds.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CPU_LIMIT = 30  # seconds of CPU per run
RSS_LIMIT = 1 << 30  # 1 GiB peak resident memory per run
WALL_LIMIT = 300  # seconds, a hang on a loaded machine (the CPU limit usually ends it first)
ADDRESS_LIMIT = 6 << 30  # address space: a runaway allocation fails in the child, not the machine

SPECIAL = "<fifo>"  # a file whose content is SPECIAL is made a FIFO instead


@dataclass(frozen=True)
class FuzzInput:
    kind: str  # text | pdf | rules | options
    args: tuple[str, ...]
    files: tuple[tuple[str, bytes], ...] = ()
    note: str = ""  # how it was made, for the failure report

    def describe(self) -> str:
        return f"{self.kind}: budgetlint {' '.join(self.args)}  [{self.note}]"


@dataclass
class Outcome:
    job: FuzzInput
    code: int | None  # exit code; None when ended by a signal
    signal: int | None
    cpu: float
    rss: int  # bytes
    wall: float
    stdout: str
    stderr: str
    problems: list[str] = field(default_factory=list)
    documents: int = 0
    error_outcomes: int = 0


def prepare(job: FuzzInput, folder: Path) -> None:
    for name, data in job.files:
        path = folder / os.fsdecode(name.encode("utf-8", "surrogateescape"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if data == SPECIAL.encode():
            os.mkfifo(path)
        else:
            path.write_bytes(data)


def _child(job: FuzzInput, folder: Path) -> None:
    """In the forked child: limits, redirections, the CLI. Never returns."""
    code = 70
    try:
        # a forkserver the parent (a pytest worker) started is not this child's: a batch run here
        # must start its own, not wait on the parent's (ChildProcessError)
        import multiprocessing.forkserver

        multiprocessing.forkserver._forkserver.__init__()  # type: ignore[attr-defined, misc]
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT + 5))
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))
        os.chdir(folder)
        out = os.open(folder / ".stdout", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(folder / ".stderr", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdin = open(os.devnull)  # noqa: SIM115
        sys.argv = ["budgetlint", *job.args]
        from budgetlint.cli import main

        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # whatever escapes main() is a finding of the fuzz run
        traceback.print_exc()
        code = 70
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


_PAGE = os.sysconf("SC_PAGE_SIZE")
_BASE: list[int] = []  # the parent's resident memory at its first fork: budgetlint loaded, no outcome kept


def _resident() -> int:
    """This process's resident memory now, in bytes."""
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[1]) * _PAGE


def start(job: FuzzInput) -> tuple[int, Path, float, int]:
    """Fork the child for `job`; also returns what the parent has grown since its first fork, which
    `finish` takes off the child's peak: a forked child's resident memory counts the parent's pages,
    and a long run's parent grows with every input drawn (hypothesis keeps what it drew), so the
    child's peak would measure the harness, not budgetlint."""
    folder = Path(tempfile.mkdtemp(prefix="budgetlint-fuzz-"))
    prepare(job, folder)
    now = _resident()
    if not _BASE:
        _BASE.append(now)
    pid = os.fork()
    if pid == 0:
        _child(job, folder)
    return pid, folder, time.monotonic(), max(0, now - _BASE[0])


def finish(
    job: FuzzInput,
    pid: int,
    folder: Path,
    started: float,
    grown: int = 0,
    block: bool = True,
    keep_output: bool = True,
) -> Outcome | None:
    """Collect the child `pid` (None when `block` is False and it still runs); `grown` is what the
    parent had grown by when it forked it (see `start`)."""
    while True:
        done, status, usage = os.wait4(pid, 0 if block else os.WNOHANG)
        if done:
            break
        if not block:
            if time.monotonic() - started < WALL_LIMIT:
                return None
            os.kill(pid, signal.SIGKILL)
            block = True
    wall = time.monotonic() - started
    stdout = _read(folder / ".stdout")
    stderr = _read(folder / ".stderr")
    shutil.rmtree(folder, ignore_errors=True)
    outcome = Outcome(
        job=job,
        code=os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None,
        signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        cpu=usage.ru_utime + usage.ru_stime,
        rss=max(0, usage.ru_maxrss * 1024 - grown),
        wall=wall,
        stdout=stdout,
        stderr=stderr,
    )
    judge(outcome)
    if keep_output is False and not outcome.problems:  # a long run keeps thousands of outcomes
        outcome.stdout = outcome.stderr = ""
        outcome.job = FuzzInput(kind=job.kind, args=job.args, files=(), note=job.note)
    return outcome


def run(job: FuzzInput) -> Outcome:
    pid, folder, started, grown = start(job)
    while True:
        outcome = finish(job, pid, folder, started, grown, block=False)
        if outcome is not None:
            return outcome
        time.sleep(0.01)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


_LIBRARY_LINE = ("WARNING:", "DEBUG:", "INFO:", "ERROR:", "CRITICAL:", "WARNING ", "DEBUG ", "INFO ")


def judge(o: Outcome) -> None:
    if o.signal is not None:
        name = signal.Signals(o.signal).name
        o.problems.append(
            "over the CPU limit"
            if o.signal == signal.SIGXCPU
            else "hang (killed after the wall limit)"
            if o.signal == signal.SIGKILL
            else f"killed by {name}"
        )
    elif o.code not in (0, 1, 2):
        o.problems.append(f"exit code {o.code}")
    for stream, text in (("stderr", o.stderr), ("stdout", o.stdout)):
        if "Traceback (most recent call last)" in text:
            o.problems.append(f"traceback on {stream}")
        if "内部错误" in text:
            o.problems.append(f"内部错误 on {stream}")
    verbose = "-v" in o.job.args or "--verbose" in o.job.args
    if not verbose and any(line.startswith(_LIBRARY_LINE) or "Warning: " in line for line in o.stderr.splitlines()):
        o.problems.append("a library's log line or a Python warning on stderr")
    if o.cpu > CPU_LIMIT:
        o.problems.append(f"{o.cpu:.1f} s of CPU")
    if o.rss > RSS_LIMIT:
        o.problems.append(f"peak memory {o.rss / 2**20:.0f} MiB")
    _judge_json(o)


def _judge_json(o: Outcome) -> None:
    args = o.job.args
    if "--" in args:  # what follows "--" is file names, not options
        args = args[: args.index("--")]
    wants_json = "check" in args[:2] and any(
        a == "--format" and args[i + 1 : i + 2] == ("json",) for i, a in enumerate(args)
    )
    if not wants_json or "--output" in args or "-o" in args or not o.stdout.strip():
        return
    try:
        report = json.loads(o.stdout)
    except ValueError:
        o.problems.append("stdout is not valid JSON")
        return
    documents = report.get("documents", []) if isinstance(report, dict) else []
    o.documents = len(documents)
    o.error_outcomes = sum(d.get("summary", {}).get("error", 0) for d in documents if isinstance(d, dict))
    if o.error_outcomes:
        o.problems.append(f"{o.error_outcomes} error outcomes")


class Pool:
    """Up to `size` jobs running at once (the long run); results are collected as they end."""

    def __init__(self, size: int, on_done: Callable[[Outcome], None] | None = None) -> None:
        self.size = size
        self.running: dict[int, tuple[FuzzInput, Path, float, int]] = {}
        self.done: list[Outcome] = []
        self.on_done = on_done  # called with each outcome as it ends (progress, failures kept at once)

    def submit(self, job: FuzzInput) -> None:
        while len(self.running) >= self.size:
            self._reap()
        pid, folder, started, grown = start(job)
        self.running[pid] = (job, folder, started, grown)

    def drain(self) -> list[Outcome]:
        while self.running:
            self._reap()
        return self.done

    def _reap(self) -> None:
        for pid, (job, folder, started, grown) in list(self.running.items()):
            outcome = finish(job, pid, folder, started, grown, block=False, keep_output=False)
            if outcome is not None:
                del self.running[pid]
                self.done.append(outcome)
                if self.on_done is not None:
                    self.on_done(outcome)
                return
        time.sleep(0.02)
