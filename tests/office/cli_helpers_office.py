"""The real entry point with its error boundary, as a user runs it (as tests/cli/cli_helpers.run_main)."""

from __future__ import annotations

import pytest

from budgetlint.cli import main


def run_main(monkeypatch, capsys, *args):
    monkeypatch.setattr("sys.argv", ["budgetlint", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err
