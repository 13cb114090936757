"""The one entry point for the CLI, tests and batch runs: audit(), inspect(), load the rules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from budgetlint.engine import run_rules
from budgetlint.errors import BudgetlintError, InputError
from budgetlint.ingest import read_document
from budgetlint.ingest.combine import combine
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.model.results import DocumentResult, Results, RuleRun
from budgetlint.pairing import classify, find_pairs
from budgetlint.recognize import recognize
from budgetlint.recognize.templates import load_templates
from budgetlint.rulebook import Rule, load_rules
from budgetlint.rulebook.load import select_rules

# what a folder walk picks up: readable inputs, and the office formats that get a clear message
# (legacy .doc/.xls/.wps/.et: how to convert; .xlsm/.docm: macros refused) instead of silence
INPUT_SUFFIXES = {".txt", ".pdf", ".docx", ".xlsx", ".xlsm", ".docm", ".doc", ".xls", ".wps", ".et"}


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


def check_source(path: str, source: SourceDocument, rules: list[Rule]) -> DocumentResult:
    """One document already read: recognised and checked, or the error that stopped it. A half of
    a split disclosure (pairing.classify) carries its `half` key, so a run can pair it."""
    try:
        disclosure, half = classify(source)
    except BudgetlintError as exc:
        return DocumentResult(path=path, error=exc.user_text())
    key = half.key if half is not None else None
    if disclosure is None:  # a text half that is no disclosure on its own
        assert half is not None and half.error is not None
        return DocumentResult(path=path, error=f"{half.error.user_text()}；{TEXT_HALF_HINT}", half=key)
    return DocumentResult(path=path, disclosure=disclosure, run=check_disclosure(disclosure, rules), half=key)


TEXT_HALF_HINT = "若表格在另一个文件中，可用 --together 一并检查，或把两个文件放在同一目录中自动配对"


def check_file(path: str | Path, rules: list[Rule]) -> DocumentResult:
    """One file: its disclosure and rule run, or the error that stopped it (recorded, not raised)."""
    try:
        source = read_document(path)
    except BudgetlintError as exc:
        return DocumentResult(path=str(path), error=exc.user_text())
    return check_source(str(path), source, rules)


def check_files(paths: Sequence[str | Path], rules: list[Rule], *,
                pairing: Literal["together", "auto"] = "together") -> DocumentResult:
    """The file(s) of one document: one file as check_file; several read and combined into one
    document (ingest.combine), in the order given. A file that cannot be read stops the document,
    with that file's message."""
    if len(paths) == 1:
        return check_file(paths[0], rules)
    files = tuple(str(p) for p in paths)
    sources = []
    for path in paths:
        try:
            sources.append(read_document(path))
        except BudgetlintError as exc:
            return DocumentResult(path=" + ".join(files), error=exc.user_text(), files=files, pairing=pairing)
    source = combine(sources)
    try:
        disclosure = recognize(source)
    except BudgetlintError as exc:
        return DocumentResult(path=source.path, error=exc.user_text(), files=files, pairing=pairing)
    return DocumentResult(path=source.path, disclosure=disclosure, run=check_disclosure(disclosure, rules),
                          files=files, pairing=pairing)


def audit(paths: list[str | Path], *, select: list[str] | None = None, ignore: list[str] | None = None,
          rules_dirs: list[Path] | None = None, together: bool = False, pairing: bool = True) -> Results:
    """Check every file; a file that cannot be read is recorded and the others go on.

    together: all files are one document. Otherwise, with several files and `pairing`, the text
    and tables halves of a split disclosure are paired by their content (pairing.py) and checked
    as one document, in place of the text half; the tables half's own result is dropped."""
    rules = select_rules(load_rules(rules_dirs), select, ignore)
    files = expand_paths(paths)
    if not files:
        raise InputError("没有找到可检查的文件", path=", ".join(str(p) for p in paths))
    if together and len(files) > 1:
        return Results(documents=(check_files(files, rules),), rules=tuple(rules))
    documents = [check_file(path, rules) for path in files]
    if pairing and len(files) > 1:
        kept: list[DocumentResult | None] = list(documents)
        for text, tables in find_pairs([d.half for d in documents]):
            paired = check_files((documents[text].path, documents[tables].path), rules, pairing="auto")
            kept[min(text, tables)], kept[max(text, tables)] = paired, None
        documents = [d for d in kept if d is not None]
    return Results(documents=tuple(documents), rules=tuple(rules))
