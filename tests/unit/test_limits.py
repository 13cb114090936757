"""The limits: stated once in code, listed in docs/limits.md, changed with --limit NAME=VALUE."""

import re
from dataclasses import fields
from pathlib import Path

import pytest

from budgetlint.errors import BudgetlintError
from budgetlint.limits import DEFAULT_LIMITS, Limits

DOC = Path(__file__).resolve().parents[2] / "docs" / "limits.md"


def test_every_limit_is_documented_with_its_default():
    rows = dict(re.findall(r"^\| `(\w+)` \| (\d+) \|", DOC.read_text(encoding="utf-8"), re.MULTILINE))
    assert rows == {f.name: str(getattr(DEFAULT_LIMITS, f.name)) for f in fields(Limits)}


def test_options_change_a_limit():
    limits = DEFAULT_LIMITS.with_options(["file_mb=300", "pages = 5_000", "line-chars=10"])
    assert (limits.file_mb, limits.pages, limits.line_chars) == (300, 5000, 10)
    assert limits.cells == DEFAULT_LIMITS.cells


@pytest.mark.parametrize("option", ["file_mb", "file_mb=", "file_mb=0", "file_mb=-5", "file_mb=1.5", "nope=3", ""])
def test_a_bad_option_is_one_clear_error(option):
    with pytest.raises(BudgetlintError) as info:
        DEFAULT_LIMITS.with_options([option])
    assert "--limit" in info.value.message


def test_a_limit_too_large_to_use_is_refused_not_an_overflow_later():
    assert Limits().with_options(["text_mb=1000000000000"]).text_mb == 10**12
    with pytest.raises(BudgetlintError, match="数值过大"):
        Limits().with_options(["text_mb=99999999999999999999"])


def test_the_largest_limit_reads_a_small_file_without_allocating_the_limit(tmp_path):
    from budgetlint.ingest import read_document

    path = tmp_path / "seed.txt"
    path.write_bytes((Path(__file__).parents[2] / "fixtures" / "seeds" / "000_b2c7b50d282cc0b6.txt").read_bytes())
    big = Limits().with_options(["text_mb=1000000000000", "file_mb=1000000000000"])
    assert read_document(path, big).blocks
