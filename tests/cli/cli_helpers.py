"""Shared by the CLI tests: invoke the click command, or the real entry point with its error boundary."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli, main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEED_000 = str(FIXTURES / "seeds" / "000_b2c7b50d282cc0b6.txt")
SEED_001 = str(FIXTURES / "seeds" / "001_e1c2a9d2af1eed61.txt")
SEED_004 = str(FIXTURES / "seeds" / "004_b39ab111367c9db1.txt")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def run_main(monkeypatch, capsys, *args):
    """`budgetlint ARGS` through main(): exit code, stdout and stderr as a user would see them."""
    monkeypatch.setattr("sys.argv", ["budgetlint", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err
