"""The one entry point for the CLI, tests and batch runs: audit(), inspect(), load the rules."""

from __future__ import annotations

from pathlib import Path

from budgetlint.engine import run_rules
from budgetlint.errors import BudgetlintError, InputError
from budgetlint.ingest import read_document
from budgetlint.model import Disclosure
from budgetlint.model.results import DocumentResult, Results, RuleRun
from budgetlint.recognize import recognize
from budgetlint.recognize.templates import load_templates
from budgetlint.rulebook import Rule, load_rules
from budgetlint.rulebook.load import select_rules

INPUT_SUFFIXES = {".txt", ".pdf"}


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given; directories walked for supported files, in sorted order."""
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES)
        else:
            out.append(p)
    return out


def read_disclosure(path: str | Path, template: str | None = None) -> Disclosure:
    return recognize(read_document(path), template_id=template)


def inspect(path: str | Path) -> Disclosure:
    return read_disclosure(path)


def template_base(template_id: str) -> str | None:
    """The national base a template is or extends (None for one that neither is nor extends one)."""
    template = next((t for t in load_templates() if t.id == template_id), None)
    if template is None:
        return None
    return template.id if template.national else template.extends


def check_disclosure(disclosure: Disclosure, rules: list[Rule]) -> RuleRun:
    return run_rules(rules, disclosure)


def audit(paths: list[str | Path], *, select: list[str] | None = None, ignore: list[str] | None = None,
          rules_dirs: list[Path] | None = None) -> Results:
    """Check every file; a file that cannot be read is recorded and the others go on."""
    rules = select_rules(load_rules(rules_dirs), select, ignore)
    files = expand_paths(paths)
    if not files:
        raise InputError("没有找到可检查的文件", path=", ".join(str(p) for p in paths))
    return Results(documents=tuple(check_file(path, rules) for path in files), rules=tuple(rules))


def check_file(path: str | Path, rules: list[Rule]) -> DocumentResult:
    """One file: its disclosure and rule run, or the error that stopped it (recorded, not raised)."""
    try:
        disclosure = read_disclosure(path)
    except BudgetlintError as exc:
        return DocumentResult(path=str(path), error=exc.user_text())
    return DocumentResult(path=str(path), disclosure=disclosure, run=check_disclosure(disclosure, rules))
