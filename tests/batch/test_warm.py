"""The forkserver's preload (batch/warm.py) builds no pydantic validator but for what it reads from
YAML, and checking a document after it builds none: a worker needs none (its models are records or
made without validation), so building them there would only slow every batch's start-up."""

import os
import subprocess
import sys

from batch_helpers import REPO, SEED_000

DOCUMENTS = (SEED_000, REPO / "fixtures" / "office" / "unit_budget_template.xlsx")

PROBE = """
import sys
import budgetlint.batch.warm
from pydantic import BaseModel
from budgetlint.batch.document import Job, Settings, check_document

def models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from models(sub)

def built():
    return sorted(m.__qualname__ for m in models(BaseModel) if m.__pydantic_complete__)

after_warm = built()
for index, path in enumerate(sys.argv[1:]):
    assert check_document(Job(index=index, paths=(path,)), Settings()).checked
print(after_warm == built(), not after_warm, "pydantic.plugin._loader" in sys.modules)
"""


def test_a_worker_builds_no_pydantic_validator(tmp_path):
    """Only the rules and templates read from YAML (no load cache yet) are validated, in the
    preload; served by the cache, nothing is."""

    def probe() -> list[str]:
        command = [sys.executable, "-c", PROBE, *map(str, DOCUMENTS)]
        env = {**os.environ, "BUDGETLINT_CACHE_DIR": str(tmp_path)}
        return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout.split()

    assert probe() == ["True", "False", "True"]  # from YAML: validated in the preload, none while checking
    assert probe() == ["True", "True", "False"]  # from the cache: none at all, nor pydantic's plugin loader


def test_the_preload_loads_no_library_a_pdf_or_text_worker_never_needs(tmp_path):
    """zipfile (office files only), difflib (a mistyped rule code, a 目录 line matched by likeness,
    one rare kind) and calendar (dated targets) are imported where they are used: every batch's
    start-up paid for them before its first page."""
    probe = "import sys, budgetlint.batch.warm; print(*sorted({'zipfile', 'difflib', 'calendar'} & set(sys.modules)))"
    env = {**os.environ, "BUDGETLINT_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # from YAML, then from the load cache
        loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)
    assert loaded.stdout.split() == []
