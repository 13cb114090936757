"""Shared test configuration: the hypothesis profile every run uses (style.md §9).

The "ci" profile is loaded always, on CI and on a laptop alike, so a failure found anywhere
reproduces anywhere: examples are derandomised (derandomize=True also turns off the example
database), there is no deadline (timings on a loaded 2-core runner are noise), and a failing
example prints its reproduce blob. max_examples is kept modest so tests/properties runs in well
under 90 s on 2 cores; raise it locally with HYPOTHESIS_MAX_EXAMPLES for a deeper search.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # tests/documents.py: the fixture documents, read once per session
    sys.path.insert(0, HERE)

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "40")),
    print_blob=True,
)
settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def _load_cache_in_tmp(tmp_path_factory):
    """The CLI's load cache (load_cache.py) in a folder of the test run, never the user's."""
    os.environ["BUDGETLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("load-cache"))


@pytest.fixture(scope="session")
def audited():
    """`audited("pdf/sfj_2026_unit_budget.pdf")`: the Results of checking that fixture file, read once per
    test process (tests/documents.py)."""
    import documents

    return lambda name: documents.results(documents.FIXTURES / name)
