"""The one entry point for the CLI, tests and batch runs: audit(), inspect(), load the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from budgetlint.engine import RuleRun, run_rules
from budgetlint.errors import BudgetlintError, InputError
from budgetlint.ingest import read_document
from budgetlint.ingest.combine import combine
from budgetlint.model import Disclosure, Outcome, SourceDocument
from budgetlint.pairing import Half, classify, group_halves
from budgetlint.recognize import recognize
from budgetlint.rulebook import Rule, load_rules
from budgetlint.rulebook.load import select_rules

# what a folder walk picks up: readable inputs, and the office formats that get a clear message
# (legacy .doc/.xls/.wps/.et: how to convert; .xlsm/.docm: macros refused) instead of silence
INPUT_SUFFIXES = {".txt", ".pdf", ".docx", ".xlsx", ".xlsm", ".docm", ".doc", ".xls", ".wps", ".et"}


class DocumentResult(BaseModel):
    """One document's result: either a disclosure with its rule run, or the error that stopped it.

    A document read from several files (`--together`, or two halves paired by their content) has
    `files` (in the order combined) and `pairing`: "together" or "auto"; `note` says why a half
    of a split disclosure was checked alone."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    path: str
    disclosure: Disclosure | None = None
    run: RuleRun | None = None
    error: str | None = None
    files: tuple[str, ...] = ()
    pairing: Literal["together", "auto"] | None = None
    note: str | None = None


class Results(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    documents: tuple[DocumentResult, ...]
    rules: tuple[Rule, ...]

    @property
    def failed_inputs(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.error]


def narrative_coverage(doc: DocumentResult) -> dict:
    """Per claim kind: how many narrative claims were extracted, decided by a rule, left unbound.

    A claim counts as checked when an evaluation with outcome pass or fail used it; every other
    claim is unbound (no rule could tie it to a table or to the numbers around it).
    """
    if doc.disclosure is None or doc.run is None:
        return {}
    decided = {key for e in doc.run.evaluations if e.outcome in (Outcome.PASS, Outcome.FAIL) for key in e.claims}
    extracted: dict[str, int] = {}
    checked: dict[str, int] = {}
    for claim in doc.disclosure.claims:
        extracted[claim.kind] = extracted.get(claim.kind, 0) + 1
        if f"{claim.location.line}:{claim.span.start}" in decided:
            checked[claim.kind] = checked.get(claim.kind, 0) + 1
    kinds = sorted(extracted)
    return {"extracted": {k: extracted[k] for k in kinds},
            "checked": {k: checked.get(k, 0) for k in kinds},
            "unbound": {k: extracted[k] - checked.get(k, 0) for k in kinds}}


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


def check_disclosure(disclosure: Disclosure, rules: list[Rule]) -> RuleRun:
    return run_rules(rules, disclosure)


def check_source(path: str, source: SourceDocument, rules: list[Rule]) -> DocumentResult:
    """One document already read: recognised and checked, or the error that stopped it."""
    try:
        disclosure = recognize(source)
    except BudgetlintError as exc:
        return DocumentResult(path=path, error=exc.user_text())
    return DocumentResult(path=path, disclosure=disclosure, run=check_disclosure(disclosure, rules))


def check_together(sources: list[SourceDocument], rules: list[Rule], *,
                   pairing: Literal["together", "auto"] = "together") -> DocumentResult:
    """Several files checked as one document (ingest.combine), in the order given."""
    source = combine(sources)
    files = tuple(s.path for s in sources)
    try:
        disclosure = recognize(source)
    except BudgetlintError as exc:
        return DocumentResult(path=source.path, error=exc.user_text(), files=files, pairing=pairing)
    return DocumentResult(path=source.path, disclosure=disclosure, run=check_disclosure(disclosure, rules),
                          files=files, pairing=pairing)


def _alone(half: Half, rules: list[Rule], note: str) -> DocumentResult:
    """A half of a split disclosure without a partner: checked as it is, with why."""
    if half.disclosure is not None:
        return DocumentResult(path=half.path, disclosure=half.disclosure,
                              run=check_disclosure(half.disclosure, rules), note=note)
    return DocumentResult(path=half.path, error=f"{half.error.user_text() if half.error else half.path}；{note}")


NO_PARTNER = "未找到同一单位、年度和类型、且分别只含表格和说明的另一个文件；表格与说明分开的文件可用 --together 一并检查"
AMBIGUOUS = "同一单位、年度和类型的表格或说明文件不止一个，无法确定如何配对，已分别检查；可用 --together 指定"


def audit(paths: list[str | Path], *, select: list[str] | None = None, ignore: list[str] | None = None,
          rules_dirs: list[Path] | None = None, together: bool = False, pairing: bool = True) -> Results:
    """Check every file; a file that cannot be read is recorded and the others go on.

    together: all files are one document. Otherwise, with several files and `pairing`, the
    halves of a split disclosure are paired by their content (pairing.py) and checked as one."""
    rules = select_rules(load_rules(rules_dirs), select, ignore)
    files = expand_paths(paths)
    if not files:
        raise InputError("没有找到可检查的文件", path=", ".join(str(p) for p in paths))
    documents: list[tuple[int, DocumentResult]] = []
    together_sources: list[SourceDocument] = []
    halves: list[tuple[int, Half]] = []
    for index, path in enumerate(files):  # one file at a time: only halves wait for a partner
        try:
            source = read_document(path)
        except BudgetlintError as exc:
            documents.append((index, DocumentResult(path=str(path), error=exc.user_text())))
            continue
        if together and len(files) > 1:
            together_sources.append(source)
        elif not pairing or len(files) < 2:
            documents.append((index, check_source(source.path, source, rules)))
        else:
            disclosure, half, error = classify(source.path, source)
            if half is not None:
                halves.append((index, half))
            elif error is not None:
                documents.append((index, DocumentResult(path=source.path, error=error.user_text())))
            else:
                documents.append((index, DocumentResult(path=source.path, disclosure=disclosure,
                                                        run=check_disclosure(disclosure, rules))))
    if together_sources:
        documents.append((0, check_together(together_sources, rules)))
    first_index = {id(h): i for i, h in halves}
    for group in group_halves([h for _, h in halves]):
        if group.paired:
            ordered = group.ordered()
            documents.append((min(first_index[id(h)] for h in ordered),
                              check_together([h.source for h in ordered], rules, pairing="auto")))
            continue
        note = AMBIGUOUS if len(group.halves) > 1 else NO_PARTNER
        documents += [(first_index[id(h)], _alone(h, rules, note)) for h in group.halves]
    documents.sort(key=lambda item: item[0])
    return Results(documents=tuple(d for _, d in documents), rules=tuple(rules))
