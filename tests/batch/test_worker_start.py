"""A worker does not re-run the parent's script (forkserver.main_left_alone): the `budgetlint`
console script would re-import the CLI and click in every worker before its first document. A
function that lives in the script itself still finds it there."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from batch_helpers import SEED_000

SCRIPT = textwrap.dedent(
    """
    import os, sys
    with open(os.environ["RUNS"], "a") as runs:  # once per process that runs this file
        runs.write(__name__ + "\\n")

    from budgetlint.batch.document import Job, Settings, check_document
    from budgetlint.batch.pool import LocalPool

    def own(job, settings):
        return check_document(job, settings)

    if __name__ == "__main__":
        function = own if sys.argv[1] == "own" else check_document
        with LocalPool(Settings(select=("TB001",)), jobs=1, function=function) as pool:
            [record] = list(pool.run([Job(0, (sys.argv[2],))]))
        assert record.checked, record.reason
    """
)


def _runs(tmp_path, which: str) -> list[str]:
    script, runs = tmp_path / "script.py", tmp_path / f"runs-{which}.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {"RUNS": str(runs), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, str(script), which, str(SEED_000)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return runs.read_text(encoding="utf-8").split()


def test_a_worker_does_not_rerun_the_script_when_its_function_lives_elsewhere(tmp_path):
    assert _runs(tmp_path, "library") == ["__main__"]


def test_a_function_from_the_script_is_found_by_rerunning_it(tmp_path):
    assert _runs(tmp_path, "own") == ["__main__", "__mp_main__"]
