"""docs/architecture.md names modules; each one it names exists (a move without the doc fails here)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "budgetlint"
DOC = REPO / "docs" / "architecture.md"
OUTSIDE_THE_PACKAGE = ("rules/", "bench/", "tools/", "docs/", "fixtures/", "tests/")


def named_paths(text: str) -> list[str]:
    """`checks/compare.py`, `recognize/performance/`, `engine.py` … as written between backticks."""
    return [m for m in re.findall(r"`([\w./-]+)`", text) if m.endswith((".py", "/")) and not m.startswith("--")]


def test_every_module_the_architecture_names_exists():
    named = named_paths(DOC.read_text(encoding="utf-8"))
    assert len(named) > 40
    missing = [n for n in named if not ((REPO if n.startswith(OUTSIDE_THE_PACKAGE) else PACKAGE) / n).exists()]
    assert missing == []


def test_the_check_finds_a_module_that_is_gone():
    assert named_paths("`recognize/performance.py` and `checks/scoring/`") == ["recognize/performance.py",
                                                                            "checks/scoring/"]
    assert not (PACKAGE / "recognize" / "performance.py").exists()
