"""Where the bundled data (rule packs and templates) lives."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def rules_root() -> Path:
    """The rules/ folder: shipped in the package as data_rules (a link to the repo's rules/)."""
    bundled = _PACKAGE / "data_rules"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parents[1] / "rules"
