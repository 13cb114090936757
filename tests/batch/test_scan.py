"""scan into the results store: resume after SIGKILL, each document once, outputs validated first."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from batch_helpers import SEED_000, distinct_copies

from budgetlint.batch.document import Settings
from budgetlint.batch.scan import scan
from budgetlint.batch.store import Store

BUDGETLINT = [sys.executable, "-m", "budgetlint"]


def _rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT path, sha256, status FROM documents ORDER BY path").fetchall()


def test_a_killed_scan_resumes_with_only_the_rest_and_holds_each_document_once(tmp_path):
    files = distinct_copies(tmp_path / "in", 20)
    db = tmp_path / "results.sqlite"
    cmd = [*BUDGETLINT, "scan", str(tmp_path / "in"), "--db", str(db), "-j", "2", "--select", "TB001"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            done = len(_rows(db)) if db.exists() else 0
        except sqlite3.OperationalError:  # the file is there, its tables not yet
            done = 0
        if done >= 5:
            break
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI, its forkserver and its workers
    proc.wait()
    first = len(_rows(db))
    assert 5 <= first < 20
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert f"跳过已有结果 {first} 个" in again.stdout
    assert f"本次检查 {20 - first} 个" in again.stdout
    rows = _rows(db)
    assert [Path(r[0]).name for r in rows] == [f.name for f in files]
    assert len({r[1] for r in rows}) == 20 and all(r[2] == "checked" for r in rows)


def test_store_round_trip_keeps_findings_parts_and_counts(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        counts, ruleset, shas = scan([SEED_000, tmp_path / "missing.txt"], store, Settings(), jobs=1)
        assert (counts.checked, counts.not_checked) == (1, 1)
        records = dict(store.records(store.document_ids(ruleset, shas)))
    [record] = records.values()
    assert record.unit == "忻州职业技术学院" and record.year == 2024 and record.kind == "budget"
    assert record.summary["pass"] > 300
    assert [f.rule for f in record.findings] == ["NA002"]
    assert record.findings[0].locations[0].line == 468
    failing = [p for p in record.parts if p.findings]
    assert len(failing) == 1 and record.findings[failing[0].findings[0]].rule == "NA002"
    again_counts, _, _ = scan([SEED_000], Store(tmp_path / "r.sqlite"), Settings(), jobs=1)
    assert (again_counts.skipped, again_counts.checked) == (1, 0)


def test_bad_outputs_stop_before_any_file_is_read(tmp_path):
    # The input is an empty file: had it been read first, its own message ("文件为空") would be
    # printed too; only the output's one line shows that the outputs were checked before any input.
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    bad_db = subprocess.run(
        [*BUDGETLINT, "scan", str(empty), "--db", str(tmp_path / "nope" / "r.sqlite")], capture_output=True, text=True
    )
    bad_o = subprocess.run(
        [*BUDGETLINT, "check", str(empty), str(SEED_000), "-o", str(tmp_path / "nope" / "x.json"), "--format", "json"],
        capture_output=True,
        text=True,
    )
    not_db = tmp_path / "text.sqlite"
    not_db.write_text("not a database\n" * 100)
    bad_file = subprocess.run([*BUDGETLINT, "scan", str(empty), "--db", str(not_db)], capture_output=True, text=True)
    for proc in (bad_db, bad_o, bad_file):
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        assert "文件为空" not in proc.stderr
    assert "目录不存在" in bad_db.stderr and "目录不存在" in bad_o.stderr and "结果库" in bad_file.stderr


def test_scan_reads_the_project_file_as_check_does(tmp_path):
    """Selection, severities and waivers from budgetlint.toml, --isolated, exit 2 on a bad file; the
    stored results follow the file (a rerun under other waivers checks again)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(SEED_000.read_bytes())  # one finding: NA002, an error
    project = tmp_path / "budgetlint.toml"

    def run_scan(*extra: str) -> subprocess.CompletedProcess[str]:
        cmd = [*BUDGETLINT, "scan", "in", "--db", "r.sqlite", "-j", "1", *extra]
        return subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)

    assert run_scan().returncode == 1
    project.write_text(
        '[[waivers]]\nfingerprint = "b3ecca0700105583"\nreason = "已核实"\n\n'
        '[[waivers]]\nfingerprint = "0123456789abcdef"\nreason = "无此问题"\n',
        encoding="utf-8",
    )
    waived = run_scan()
    assert waived.returncode == 0, waived.stderr  # the error is waived: it does not fail the scan
    assert "本次检查 1 个" in waived.stdout  # not the result stored without the waivers
    assert "错误 0" in waived.stdout
    assert "豁免未用上" in waived.stderr and "0123456789abcdef" in waived.stderr
    isolated = run_scan("--isolated")  # no project file: the first result, from the store
    assert isolated.returncode == 1 and "跳过已有结果 1 个" in isolated.stdout
    project.write_text('[severity]\nNA002 = "warning"\n', encoding="utf-8")
    assert run_scan().returncode == 0 and run_scan("--fail-on", "warning").returncode == 1
    project.write_text('select = ["TB001"]\n', encoding="utf-8")
    assert run_scan().returncode == 0
    assert run_scan("--select", "NA002").returncode == 1  # the command line replaces the file's selection
    project.write_text("select = [\n", encoding="utf-8")
    bad = run_scan()
    assert bad.returncode == 2 and "配置文件不是合法的 TOML" in bad.stderr
