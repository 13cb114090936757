"""What a CLI run loads: --version nothing of the checker; a JSON report no terminal or PDF
library; the garbage collector tuned by main only, never by the library; the load cache changes
no byte of a report."""

import gc
import json
import os
import subprocess
import sys

from cli_helpers import SEED_000, SEED_001, run_main

from budgetlint import api, gc_tuning, load_cache

HEAVY = ("budgetlint.api", "pydantic", "yaml", "rich", "openpyxl", "pypdfium2")

PROBE = """
import json, sys
from budgetlint.cli import main
sys.argv = ["budgetlint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = sorted({m.split(".")[0] if not m.startswith("budgetlint.") else m for m in sys.modules})
print(json.dumps(loaded), file=sys.stderr)
"""


def modules_after(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def test_version_loads_nothing_of_the_checker():
    loaded = modules_after("--version")
    assert "click" in loaded
    assert not loaded & set(HEAVY)


def test_a_json_report_of_a_text_file_loads_neither_rich_nor_openpyxl_nor_pdfium(tmp_path, monkeypatch):
    monkeypatch.setenv(load_cache.ENV, str(tmp_path))
    first = modules_after("check", SEED_000, "--format", "json", "--fail-on", "never")
    assert {"budgetlint.api", "pydantic", "yaml"} <= first  # the rules read from YAML
    again = modules_after("check", SEED_000, "--format", "json", "--fail-on", "never")
    assert "budgetlint.api" in again and "yaml" not in again  # from the load cache
    assert not (first | again) & {"rich", "openpyxl", "pypdfium2"}
    assert "rich" in modules_after("check", SEED_000, "--fail-on", "never")  # the terminal report does


def test_main_tunes_the_collector_while_it_runs_and_restores_it(monkeypatch, capsys):
    before = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    seen = []
    real_loaded = gc_tuning.loaded

    def spy():
        real_loaded()
        seen.append((gc.isenabled(), gc.get_threshold(), gc.get_freeze_count() > 0))

    monkeypatch.setattr(gc_tuning, "loaded", spy)
    code, out, _ = run_main(monkeypatch, capsys, "check", SEED_000, "--format", "json", "--fail-on", "never")
    assert code == 0 and json.loads(out)["documents"]
    assert seen == [(True, gc_tuning.THRESHOLDS, True)]
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == before


def test_the_library_leaves_the_collector_alone():
    before = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    gc_tuning.loaded()  # outside main: nothing
    results = api.audit([SEED_000])
    assert results.documents[0].run is not None
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == before


def _check_json(cache_dir: str, *extra: str) -> str:
    command = [sys.executable, "-m", "budgetlint", "check", SEED_001, "--format", "json", "--fail-on", "never", *extra]
    env = {**os.environ, load_cache.ENV: cache_dir}
    return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout


def test_a_run_from_the_load_cache_prints_the_same_bytes_as_one_from_yaml(tmp_path):
    folder = tmp_path / "cache"
    from_yaml = _check_json("")  # cache off
    assert not folder.exists()
    first = _check_json(str(folder))  # loads from YAML, writes the cache
    assert [p.name[:5] for p in folder.iterdir()] == ["load-"]
    written = next(folder.iterdir()).stat().st_mtime_ns
    second = _check_json(str(folder))  # reads it, writes nothing
    assert next(folder.iterdir()).stat().st_mtime_ns == written
    assert from_yaml == first == second and json.loads(second)["documents"]


EARLY = """
import sys
from budgetlint.batch import forkserver
from budgetlint.cli import main
real = forkserver.start_early
def spy():
    print("forkserver started; checker imported:", "budgetlint.api" in sys.modules, file=sys.stderr)
    real()
forkserver.start_early = spy
sys.argv = ["budgetlint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
"""


def test_a_check_of_several_files_starts_its_workers_before_it_imports_the_checker():
    def started(*paths: str) -> list[str]:
        args = ["check", *paths, "--format", "json", "--fail-on", "never", "-j", "2"]
        proc = subprocess.run([sys.executable, "-c", EARLY, *args], capture_output=True, text=True, check=True)
        assert json.loads(proc.stdout)["documents"]
        return [line for line in proc.stderr.splitlines() if line.startswith("forkserver started")]

    assert started(SEED_000, SEED_001) == ["forkserver started; checker imported: False"]
    assert started(SEED_000) == []  # one file is checked in process: no workers


ENTRY = """
import atexit, sys
from budgetlint.cli import run
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
sys.argv = ["budgetlint", *sys.argv[1:]]
run()
"""


def test_the_entry_point_ends_at_once_with_the_exit_code_its_output_and_the_exit_handlers(tmp_path):
    """run() ends the process without tearing the interpreter down: what was printed and what
    the exit handlers do must still happen, and the exit code must be main's."""

    def entry(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", ENTRY, *args], capture_output=True, text=True)

    found = entry("check", SEED_001, "--format", "json")
    assert found.returncode == 1 and json.loads(found.stdout)["documents"]  # findings at the default --fail-on
    assert found.stderr.endswith("exit handler ran\n")
    clean = entry("check", SEED_001, "--format", "json", "--fail-on", "never", "-o", str(tmp_path / "r.json"))
    assert clean.returncode == 0 and json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    missing = entry("check", str(tmp_path / "none.txt"))
    assert missing.returncode == 2 and "文件不存在" in missing.stderr
    assert entry("--version").stdout.startswith("budgetlint ")
