"""The one entry point for the CLI, tests and batch runs: audit(), inspect(), load the rules."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from budgetlint.engine import run_rules
from budgetlint.errors import BudgetlintError, InputError
from budgetlint.ingest import read_document
from budgetlint.ingest.files import INPUT_SUFFIXES, display_path
from budgetlint.ingest.files import expand_paths as walk_paths
from budgetlint.limits import DEFAULT_LIMITS, Limits
from budgetlint.model import Disclosure
from budgetlint.model.inputs import InputFiles
from budgetlint.model.results import DocumentResult, Results, RuleRun
from budgetlint.recognize import recognize
from budgetlint.rulebook import Rule, load_rules
from budgetlint.rulebook.load import select_rules

log = logging.getLogger(__name__)


def expand_paths(paths: Sequence[str | Path]) -> InputFiles:
    """Files as given; folders walked for supported files in sorted order, with what they skip
    (ingest/files.py)."""
    return walk_paths(paths, INPUT_SUFFIXES)


def read_disclosure(path: str | Path, template: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Disclosure:
    return recognize(read_document(path, limits), template_id=template)


def inspect(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Disclosure:
    return read_disclosure(path, limits=limits)


def check_disclosure(disclosure: Disclosure, rules: list[Rule]) -> RuleRun:
    return run_rules(rules, disclosure)


def audit(paths: Sequence[str | Path], *, select: list[str] | None = None, ignore: list[str] | None = None,
          rules_dirs: Sequence[str | Path] | None = None, limits: Limits = DEFAULT_LIMITS) -> Results:
    """Check every file; a file that cannot be read is recorded and the others go on."""
    rules = select_rules(load_rules(rules_dirs, limits), select, ignore)
    inputs = expand_paths(paths)
    if not inputs.files and not inputs.skipped:
        raise InputError("没有找到可检查的文件", path=", ".join(display_path(p) for p in paths))
    documents = tuple(check_file(path, rules, limits) for path in inputs.files)
    return Results(documents=documents, rules=tuple(rules), skipped=inputs.skipped)


def check_file(path: str | Path, rules: list[Rule], limits: Limits = DEFAULT_LIMITS) -> DocumentResult:
    """One file, isolated: its disclosure and rule run, or the one-line error that stopped it.

    A BudgetlintError says what is wrong with the file. Anything else is a fault of budgetlint
    or of a library on this file: it is still this file's error (the batch goes on and its report
    is written), marked 内部错误, with the traceback for -v.
    """
    shown = display_path(path)
    try:
        disclosure = read_disclosure(path, limits=limits)
    except BudgetlintError as exc:
        return DocumentResult(path=shown, error=exc.user_text())
    except Exception as exc:  # noqa: BLE001 - the per-file boundary
        log.debug("reading %s failed", shown, exc_info=True)
        return DocumentResult(path=shown,
                              error=f"{shown}: 内部错误 {type(exc).__name__}，未能检查此文件（加 -v 查看详情）")
    return DocumentResult(path=shown, disclosure=disclosure, run=check_disclosure(disclosure, rules))
