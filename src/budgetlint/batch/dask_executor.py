"""The Dask executor: the same per-document function on a dask.distributed cluster.

`scan --scheduler tcp://host:8786` connects a Client, submits `check_document(job, settings)` for
each document and collects the records as they finish; the caller (the scan) writes them to the
store on this machine, the one writer. Workers read the files themselves, so the paths must mean
the same file on every worker (shared storage mounted at the same place; docs/cluster.md).

At most two documents per worker thread are in flight, so the per-file budget counts from about
when a document starts: a document not back `timeout` seconds after it was submitted is recorded
as not checked and its task cancelled. Dask cannot stop a running thread: a task that never ends
keeps its worker thread until the worker is restarted (`dask worker --lifetime …`); the scan goes
on with the others. A worker that dies is retried by the scheduler and, after its allowed
failures, the document is recorded as not checked with the scheduler's reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from budgetlint.batch.document import Job, Settings, check_document, not_checked
from budgetlint.errors import InputError
from budgetlint.report.record import DocumentRecord

CONNECT_TIMEOUT = "10s"
POLL = 0.05  # seconds between looks at the futures in flight (a document takes 0.1–5 s)

if TYPE_CHECKING:  # dask.distributed is an optional dependency, imported when a scan uses it
    from distributed import Client, Future, LocalCluster


def _client(address: str | LocalCluster) -> Client:
    try:
        from distributed import Client
    except ImportError as exc:
        raise InputError("--scheduler 需要 dask.distributed：pip install 'budgetlint[cluster]'") from exc
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"无法连接 Dask 调度器：{exc}", path=address if isinstance(address, str) else None) from exc


@dataclass
class DaskExecutor:
    settings: Settings
    address: str | LocalCluster  # an address, or a LocalCluster (tests)
    timeout: float | None = None
    on_start: Callable[[Job], None] | None = None
    _client: Client | None = field(default=None, init=False)

    def __enter__(self) -> DaskExecutor:
        self._client = _client(self.address)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()

    def _connected(self) -> Client:
        if self._client is None:
            raise RuntimeError("DaskExecutor.run outside its with-block")
        return self._client

    def run(self, jobs: Iterable[Job], *, ordered: bool = False) -> Iterator[DocumentRecord]:
        """Records as they finish (`ordered` is not offered here: a scan stores them in any order)."""
        client = self._connected()
        pending = iter(jobs)
        submitted: dict[Future[DocumentRecord], tuple[Job, float]] = {}

        def submit() -> None:
            job = next(pending, None)
            if job is None:
                return
            future = client.submit(
                check_document, job, self.settings, pure=False, key=f"budgetlint-{job.index}-{time.monotonic_ns()}"
            )
            submitted[future] = (job, time.monotonic())
            if self.on_start is not None:
                self.on_start(job)

        slots = max(1, 2 * sum(client.nthreads().values()))
        for _ in range(slots):
            submit()
        while submitted:
            if not any(f.done() for f in submitted):
                time.sleep(POLL)
            now = time.monotonic()
            for future, (job, started) in list(submitted.items()):
                if future.done():
                    submitted.pop(future)
                    yield self._result(job, future)
                    submit()
                elif self.timeout is not None and now - started > self.timeout:
                    submitted.pop(future)
                    future.cancel()
                    yield not_checked(
                        job,
                        f"{job.path}: 未检查：超过单个文件的时限 {self.timeout:g} 秒"
                        f"（Dask 任务已取消；--timeout 可调整）",
                        self.timeout,
                    )
                    submit()

    @staticmethod
    def _result(job: Job, future: Future[DocumentRecord]) -> DocumentRecord:
        try:
            return future.result()
        except Exception as exc:  # KilledWorker, a lost worker, a cancelled task
            return not_checked(job, f"{job.path}: 未检查：Dask 任务失败（{type(exc).__name__}: {exc}）")
