"""The Dask executor on a LocalCluster of 2 workers gives the same store as the local pool."""

from __future__ import annotations

import sqlite3

import pytest
from batch_helpers import distinct_copies

from budgetlint.batch.document import Settings
from budgetlint.batch.scan import scan
from budgetlint.batch.store import Store

distributed = pytest.importorskip("distributed")


def _content(db) -> tuple[list, list]:
    with sqlite3.connect(db) as conn:
        docs = conn.execute(
            "SELECT path, sha256, status, unit, year, kind, scope, template, pass, fail, "
            "not_applicable, insufficient_data, error, parts FROM documents ORDER BY path"
        ).fetchall()
        findings = conn.execute(
            "SELECT d.path, f.source, f.seq, f.rule, f.contract FROM findings f "
            "JOIN documents d ON d.id = f.document_id ORDER BY d.path, f.source, f.seq"
        ).fetchall()
    return docs, findings


def test_local_cluster_gives_the_same_database_as_the_local_pool(tmp_path):
    files = distinct_copies(tmp_path / "in", 3)
    settings = Settings(select=("TB", "NA002"))
    with Store(tmp_path / "pool.sqlite") as store:
        scan(files, store, settings, jobs=2)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Store(tmp_path / "dask.sqlite") as store:
        counts, _, _ = scan(files, store, settings, scheduler=cluster.scheduler_address, timeout=120)
    assert counts.checked == 3
    pool, dask = _content(tmp_path / "pool.sqlite"), _content(tmp_path / "dask.sqlite")
    assert pool == dask and len(pool[0]) == 3 and len(pool[1]) == 3
