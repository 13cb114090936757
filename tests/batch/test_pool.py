"""The local pool: a file that hangs, crashes its worker or eats memory is reported as not checked
with the reason, the others are checked, and records come back in input order when asked."""

from __future__ import annotations

import time

from batch_helpers import SEED_000, distinct_copies, misbehaving

from budgetlint.batch.document import Job, Settings
from budgetlint.batch.pool import LocalPool


def test_hang_crash_and_memory_are_that_files_and_the_others_go_on(tmp_path):
    names = ["a.txt", "hang.txt", "crash.txt", "hog.txt", "b.txt"]
    for name in names:
        (tmp_path / name).write_bytes(SEED_000.read_bytes())
    jobs = [Job(i, (str(tmp_path / n),)) for i, n in enumerate(names)]
    started = time.monotonic()
    with LocalPool(Settings(select=("TB001",)), jobs=2, timeout=15, memory=400 << 20, function=misbehaving) as pool:
        records = list(pool.run(jobs, ordered=True))
    assert time.monotonic() - started < 90
    assert [r.path for r in records] == [j.path for j in jobs]  # input order
    by_name = {r.path.rsplit("/", 1)[1]: r for r in records}
    assert by_name["a.txt"].checked and by_name["b.txt"].checked, [r.reason for r in records]
    assert by_name["a.txt"].unit == "忻州职业技术学院"
    assert "时限 15 秒" in by_name["hang.txt"].reason
    assert "SIGKILL" in by_name["crash.txt"].reason
    assert "内存超过上限 400 MiB" in by_name["hog.txt"].reason
    assert all(not by_name[n].checked for n in ("hang.txt", "crash.txt", "hog.txt"))


def test_records_are_small_and_carry_the_rendered_part(tmp_path):
    import pickle

    with LocalPool(Settings(render="json"), jobs=1) as pool:
        [record] = list(pool.run([Job(0, (str(SEED_000),))]))
    assert record.checked and record.sha256 and record.size == SEED_000.stat().st_size
    assert '"unit": "忻州职业技术学院"' in record.rendered
    assert len(pickle.dumps(record)) < 200_000  # the Disclosure stays in the worker


def test_each_block_of_jobs_is_handed_out_largest_first_and_yielded_in_input_order(tmp_path):
    sizes = [1, 5, 3, 2, 4]  # copies of the seed with that many pages of notes appended
    text = SEED_000.read_text(encoding="utf-8")
    jobs = []
    for i, n in enumerate(sizes):
        path = tmp_path / f"doc{i}.txt"
        path.write_text(text + "\n附注\n" * 200 * n, encoding="utf-8")
        jobs.append(Job(i, (str(path),)))
    started: list[int] = []
    for ordered in (True, False):
        started.clear()
        with LocalPool(
            Settings(select=("TB001",)), jobs=1, window=3, on_start=lambda job: started.append(job.index)
        ) as pool:
            records = list(pool.run(jobs, ordered=ordered))
        assert started == [1, 2, 0, 4, 3]  # blocks of 3: sizes 5 3 1, then 4 2
        assert all(r.checked for r in records)
        if ordered:
            assert [r.path for r in records] == [j.path for j in jobs]


def test_a_worker_is_started_only_when_there_is_a_document_for_it(tmp_path):
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_bytes(SEED_000.read_bytes())
    with LocalPool(Settings(select=("TB001",)), jobs=4) as pool:
        records = list(pool.run([Job(i, (str(p),)) for i, p in enumerate(paths)], ordered=True))
        assert len(pool._workers) == 2
        assert [r.checked for r in records] == [True, True]
        [again] = list(pool.run([Job(0, (str(paths[0]),))]))  # the next run reuses them
        assert again.checked and len(pool._workers) == 2


def test_a_worker_gets_its_next_document_before_the_caller_handles_its_last(tmp_path):
    # the caller's work on a record (a scan's store write, a report's part) is not the worker's wait
    paths = distinct_copies(tmp_path, 3)
    started: list[int] = []
    for ordered in (True, False):
        started.clear()
        handled: list[list[int]] = []
        with LocalPool(Settings(select=("TB001",)), jobs=1, on_start=lambda job: started.append(job.index)) as pool:
            for record in pool.run([Job(i, (str(p),)) for i, p in enumerate(paths)], ordered=ordered):
                assert record.checked, record.reason
                handled.append(list(started))
        assert handled == [[0, 1], [0, 1, 2], [0, 1, 2]]
