"""docs/architecture.md and docs/data-flow.md name modules; each one they name exists (a move without
the docs fails here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "budgetlint"
DOCS = {"architecture.md": 40, "data-flow.md": 25}  # each doc, and at least how many modules it names
OUTSIDE_THE_PACKAGE = ("rules/", "bench/", "tools/", "docs/", "fixtures/", "tests/")


def named_paths(text: str) -> list[str]:
    """`checks/compare.py`, `recognize/performance/`, `engine.py` … as written between backticks."""
    return [m for m in re.findall(r"`([\w./-]+)`", text) if m.endswith((".py", "/")) and not m.startswith("--")]


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_every_module_the_docs_name_exists(doc):
    named = named_paths((REPO / "docs" / doc).read_text(encoding="utf-8"))
    assert len(named) > DOCS[doc]
    missing = [n for n in named if not ((REPO if n.startswith(OUTSIDE_THE_PACKAGE) else PACKAGE) / n).exists()]
    assert missing == []


def test_the_check_finds_a_module_that_is_gone():
    assert named_paths("`recognize/performance.py` and `checks/scoring/`") == [
        "recognize/performance.py",
        "checks/scoring/",
    ]
    assert not (PACKAGE / "recognize" / "performance.py").exists()
