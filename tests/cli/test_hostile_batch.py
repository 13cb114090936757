"""A batch with hostile members, as the reviewer runs one: a folder of 20 files of which one PDF has
no page tree, one is a FIFO and one is 200 MB. The other 17 are checked, the three are reported
with their reasons, and the same folder checked twice at once gives byte-identical JSON."""

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CLI = Path(sys.executable).with_name("budgetlint")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))
    texts = seeds + [seeds[0]] * (15 - len(seeds))  # every seed, then copies of the smallest
    for n, seed in enumerate(texts):
        (folder / f"{n:02d}_{seed.name}").write_bytes(seed.read_bytes())
    unit = (FIXTURES / "pdf" / "sfj_2026_unit_budget.pdf").read_bytes()
    (folder / "15_unit.pdf").write_bytes(unit)
    (folder / "16_dept.pdf").write_bytes((FIXTURES / "pdf" / "sfj_2026_dept_budget.pdf").read_bytes())
    (folder / "17_no_page_tree.pdf").write_bytes(unit.replace(b"/Pages", b"/Pagex"))
    os.mkfifo(folder / "18_pipe.txt")
    with open(folder / "19_huge.pdf", "wb") as fh:  # 200 MB, sparse: no disk, no time
        fh.write(b"%PDF-1.7\n")
        fh.truncate(200_000_000)
    return folder


def _check(folder: Path, hash_seed: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.Popen(
        [str(CLI), "check", str(folder), "--format", "json", "--jobs", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_batch_of_twenty_with_three_hostile_files(tmp_path):
    folder = _folder(tmp_path)
    runs = [_check(folder, seed) for seed in ("1", "2")]  # at the same time, different hash seeds
    (out, err), (again, _) = (run.communicate(timeout=600) for run in runs)
    assert out == again  # deterministic
    assert runs[0].returncode == 2  # files not checked: exit 2 whatever the findings (exit_codes.py)
    report = json.loads(out)
    documents = {Path(d["path"]).name: d for d in report["documents"]}
    checked = [d for d in documents.values() if not d.get("error")]
    assert len(checked) == 17 and all(d["summary"]["pass"] > 100 and d["summary"]["error"] == 0 for d in checked)
    assert sum(len(d["findings"]) for d in checked) > 0  # the seeds' known findings are all there
    assert "页面树" in documents["17_no_page_tree.pdf"]["error"]
    assert "file_mb" in documents["19_huge.pdf"]["error"]
    assert [(Path(s["path"]).name, s["reason"]) for s in report["skipped"]] == [
        ("18_pipe.txt", "这是命名管道（FIFO），不是普通文件")
    ]
    lines = err.decode("utf-8").strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in err.decode("utf-8")
    assert any("17_no_page_tree.pdf" in line for line in lines) and any("19_huge.pdf" in line for line in lines)
    assert any("18_pipe.txt" in line and "FIFO" in line for line in lines)
