"""The local executor: worker processes that each check one document at a time.

concurrent.futures cannot stop a running task, and one crashed worker breaks its whole pool, so
this pool keeps its own workers: each is a process that loads the rules once, then receives a Job
on its pipe and answers with the DocumentRecord. The parent watches every busy worker: past the
per-file budget (`timeout`) or over the memory limit it kills the worker (SIGKILL), records that
document as not checked with the reason, and starts a fresh worker; a worker that dies on its own
(a crash in a C library, the kernel's OOM killer) is recorded the same way. The other documents
go on.

Workers come from a forkserver where the platform has one (batch/forkserver.py: imports done once,
a new worker in milliseconds), else they are spawned. They ignore SIGINT: Ctrl-C is the parent's to handle, which
stops the run and kills them. A worker whose parent disappears (SIGKILL to the parent alone)
sees its pipe close and exits.

Results come back as they finish (`ordered=False`, for the store) or in input order
(`ordered=True`, for a report whose bytes must not depend on timing). Either way the jobs are
read in blocks of `window` and each block is handed out largest first (the size of its files, the
cost known before it runs): a big file met last would otherwise run alone while the other
workers idle -- on the 17 peer PDFs the largest is the tenth. In order, a block is read only when
at most `window` documents wait to be yielded, so what waits to be printed stays small. A worker
that answers is handed its next document before its record is yielded: what the caller then does
(a scan's store write, a few milliseconds per document) is not time the worker waits.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from budgetlint import gc_tuning, load_cache
from budgetlint.batch.document import Job, Settings, check_document, not_checked, rules_for
from budgetlint.batch.forkserver import context, main_left_alone
from budgetlint.report.record import DocumentRecord

POLL = 0.5  # seconds between memory checks while every worker is busy


def _worker_main(conn: Connection, settings: Settings, function: Callable[[Job, Settings], DocumentRecord]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    load_cache.enable_from_environment()  # spawned, not forked from the warm forkserver
    with contextlib.suppress(Exception):  # a bad rule pack: every job will say so in its record
        rules_for(settings)
    gc_tuning.worker_loaded()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if job is None:
            return
        conn.send(function(job, settings))


class _Blocks(Iterator[Job]):
    """The jobs read `size` at a time, each block handed out largest first (ties in input order)."""

    def __init__(self, jobs: Iterator[Job], size: int, on_block: Callable[[list[Job]], None] | None = None) -> None:
        self.jobs, self.size, self.on_block = jobs, size, on_block
        self.pending: deque[Job] = deque()

    def __next__(self) -> Job:
        if not self.pending:
            block = list(itertools.islice(self.jobs, self.size))
            if not block:
                raise StopIteration
            if self.on_block is not None:
                self.on_block(block)
            self.pending.extend(sorted(block, key=_size, reverse=True))  # sorted() is stable
        return self.pending.popleft()


def _size(job: Job) -> int:
    total = 0
    for path in job.paths:
        with contextlib.suppress(OSError):  # the worker says why it cannot be read
            total += os.path.getsize(path)
    return total


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    job: Job | None = None
    started: float = 0.0

    def rss(self) -> int | None:
        try:
            import psutil

            return psutil.Process(self.process.pid).memory_info().rss
        except Exception:  # gone, or psutil missing: nothing to measure
            return None


@dataclass
class LocalPool:
    """`jobs` worker processes; `timeout` seconds per document; `memory` bytes of RSS per worker."""

    settings: Settings
    jobs: int = 1
    timeout: float | None = None
    memory: int | None = None
    window: int = 0  # jobs read and sorted at a time; in order, also what may wait to be yielded (0: 16 per worker)
    on_start: Callable[[Job], None] | None = None  # told when a document is handed to a worker
    function: Callable[[Job, Settings], DocumentRecord] = check_document  # importable by name (tests swap it)
    _workers: list[_Worker] = field(default_factory=list)

    def _start(self) -> _Worker:
        ctx = context()
        parent, child = ctx.Pipe()
        process = ctx.Process(
            target=_worker_main, args=(child, self.settings, self.function), daemon=True, name="budgetlint-worker"
        )
        with main_left_alone(self.function.__module__):
            process.start()
        child.close()
        return _Worker(process, parent)

    def _started(self) -> _Worker:
        worker = self._start()
        self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        fresh = self._start()
        self._workers[self._workers.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        for worker in self._workers:
            if worker.process.is_alive():
                worker.process.kill()
        for worker in self._workers:
            worker.process.join(5)
            worker.conn.close()
        self._workers = []

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, jobs: Iterable[Job], *, ordered: bool = False) -> Iterator[DocumentRecord]:
        window = self.window or 16 * self.jobs
        if ordered:
            yield from self._in_order(jobs, window)
        else:
            for _job, record in self._as_finished(_Blocks(iter(jobs), window), lambda: True):
                yield record

    def _in_order(self, jobs: Iterable[Job], window: int) -> Iterator[DocumentRecord]:
        waiting: dict[int, DocumentRecord] = {}
        queue: deque[int] = deque()  # read, not yet yielded, in input order
        blocks = _Blocks(iter(jobs), window, on_block=lambda block: queue.extend(j.index for j in block))
        # a block is read once the one before it is all dispatched and at most `window` wait
        for job, record in self._as_finished(blocks, lambda: bool(blocks.pending) or len(queue) <= window):
            waiting[job.index] = record
            while queue and queue[0] in waiting:
                yield waiting.pop(queue.popleft())

    def _as_finished(self, jobs: Iterator[Job], may_dispatch) -> Iterator[tuple[Job, DocumentRecord]]:
        exhausted = False

        def dispatch() -> None:
            nonlocal exhausted
            idle = [w for w in self._workers if w.job is None]
            while not exhausted and (idle or len(self._workers) < max(1, self.jobs)) and may_dispatch():
                job = next(jobs, None)
                if job is None:
                    exhausted = True
                    break
                # a worker is started when a job is there for it: none for -j 8 over two files
                self._send(idle.pop(0) if idle else self._started(), job)

        while True:
            dispatch()
            busy = [w for w in self._workers if w.job is not None]
            if not busy:
                return
            for done in self._collect(busy):
                dispatch()  # the worker that answered: its next document before the caller's turn
                yield done

    def _send(self, worker: _Worker, job: Job) -> None:
        """Hand `job` to `worker`; a worker that died while idle is replaced first."""
        try:
            worker.conn.send(job)
        except OSError:
            worker = self._replace(worker)
            worker.conn.send(job)
        worker.job, worker.started = job, time.monotonic()
        if self.on_start is not None:
            self.on_start(job)

    def _collect(self, busy: list[_Worker]) -> Iterator[tuple[Job, DocumentRecord]]:
        now = time.monotonic()
        wait_for = POLL if self.memory else None
        if self.timeout is not None:
            nearest = min(w.started + self.timeout for w in busy) - now
            wait_for = max(0.0, nearest if wait_for is None else min(wait_for, nearest))
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for)
        for worker in busy:
            job = worker.job
            assert job is not None
            elapsed = time.monotonic() - worker.started
            reason = None
            if worker.conn in ready:
                try:
                    record = worker.conn.recv()
                except (EOFError, OSError):
                    reason = self._death(worker)
                else:
                    worker.job = None
                    yield job, record
                    continue
            elif worker.process.sentinel in ready:
                reason = self._death(worker)
            elif self.timeout is not None and elapsed >= self.timeout:
                reason = f"超过单个文件的时限 {self.timeout:g} 秒，已停止检查（--timeout 可调整）"
            elif self.memory is not None and (worker.rss() or 0) > self.memory:
                reason = f"检查进程内存超过上限 {self.memory >> 20} MiB，已停止检查（--max-memory 可调整）"
            if reason is not None:
                worker.job = None
                self._replace(worker)
                yield job, not_checked(job, f"{job.path}: 未检查：{reason}", elapsed)

    @staticmethod
    def _death(worker: _Worker) -> str:
        worker.process.join(1)
        code = worker.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            return f"检查进程被信号 {name} 终止（可能是内存耗尽或解析库崩溃）"
        return f"检查进程意外退出（退出码 {code}）"
