"""The one entry point for the CLI, tests and batch runs: audit(), inspect(), load the rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from budgetlint.config import Config
from budgetlint.engine import RuleRun, run_rules
from budgetlint.findings.waivers import waive, waiver_use
from budgetlint.model.findings import Waiver
from budgetlint.errors import BudgetlintError, InputError
from budgetlint.ingest import read_document
from budgetlint.model import Disclosure, Outcome
from budgetlint.recognize import recognize
from budgetlint.rulebook import Rule, load_rules
from budgetlint.rulebook.select import select_rules, with_severities

INPUT_SUFFIXES = {".txt", ".pdf"}


class DocumentResult(BaseModel):
    """One file's result: either a disclosure with its rule run, or the error that stopped it."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    path: str
    disclosure: Disclosure | None = None
    run: RuleRun | None = None
    error: str | None = None


class SkippedFile(BaseModel):
    """A file found in a folder and not checked, with the reason (shown, never dropped silently)."""

    model_config = ConfigDict(frozen=True)

    path: str
    reason: str


class Results(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    documents: tuple[DocumentResult, ...]
    rules: tuple[Rule, ...]
    skipped: tuple[SkippedFile, ...] = ()  # files in the folders given that were not checked
    config_path: str | None = None  # the project file used (waivers, selection), if any
    unused_waivers: tuple[Waiver, ...] = ()  # waivers that named no finding of the documents checked
    expired_waivers: tuple[Waiver, ...] = ()  # waivers that named a finding but have expired

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


def walk_paths(paths: list[str | Path]) -> tuple[list[Path], list[SkippedFile]]:
    """The files to check (expand_paths) and every other file in the folders given, with why not."""
    files = expand_paths(paths)
    chosen = {f.resolve() for f in files}
    skipped = [SkippedFile(path=str(f), reason=f"不支持的文件类型（{f.suffix or '无扩展名'}）")
               for item in paths if Path(item).is_dir()
               for f in sorted(Path(item).rglob("*")) if f.is_file() and f.resolve() not in chosen]
    return files, skipped


def read_disclosure(path: str | Path, template: str | None = None) -> Disclosure:
    return recognize(read_document(path), template_id=template)


def inspect(path: str | Path) -> Disclosure:
    return read_disclosure(path)


def check_disclosure(disclosure: Disclosure, rules: list[Rule]) -> RuleRun:
    return run_rules(rules, disclosure)


def configured_rules(config: Config, *, select: list[str] | None = None, ignore: list[str] | None = None,
                     rules_dirs: list[Path] | None = None) -> list[Rule]:
    """The rules a run uses: --select/--ignore if given, else the project file's; its severities."""
    rules = with_severities(load_rules(rules_dirs), config.severity)
    return select_rules(rules, select if select is not None else config.select,
                        ignore if ignore is not None else config.ignore)


def audit(paths: list[str | Path], *, select: list[str] | None = None, ignore: list[str] | None = None,
          rules_dirs: list[Path] | None = None, config: Config | None = None, today: dt.date | None = None) -> Results:
    """Check every file; a file that cannot be read is recorded and the others go on.

    `config` (the project file) gives the selection when select/ignore are None, the severities
    and the waivers; `today` decides which waivers have expired."""
    config = config or Config()
    today = today or dt.date.today()
    rules = configured_rules(config, select=select, ignore=ignore, rules_dirs=rules_dirs)
    files, skipped = walk_paths(paths)
    if not files:
        raise InputError("没有找到可检查的文件", path=", ".join(str(p) for p in paths))
    return waived(Results(documents=tuple(check_file(path, rules) for path in files), rules=tuple(rules),
                          skipped=tuple(skipped), config_path=config.path), config.waivers, today)


def check_file(path: str | Path, rules: list[Rule]) -> DocumentResult:
    """One file: its disclosure and rule run, or the error that stopped it (recorded, not raised)."""
    try:
        disclosure = read_disclosure(path)
    except BudgetlintError as exc:
        return DocumentResult(path=str(path), error=exc.user_text())
    return DocumentResult(path=str(path), disclosure=disclosure, run=check_disclosure(disclosure, rules))


def waive_document(doc: DocumentResult, waivers: dict[str, Waiver], today: dt.date) -> DocumentResult:
    """`doc` with its findings marked by the waivers (by fingerprint) that have not expired."""
    if doc.run is None or not waivers:
        return doc
    return doc.model_copy(update={"run": doc.run.model_copy(update={"findings": waive(doc.run.findings, waivers, today)})})


def waived(results: Results, waivers: list[Waiver], today: dt.date) -> Results:
    """`results` with the project file's waivers applied, and the ones that met nothing listed."""
    by_fingerprint = {w.fingerprint: w for w in waivers}
    documents = [waive_document(d, by_fingerprint, today) for d in results.documents]
    checked = {(d.disclosure.unit, d.disclosure.year) for d in documents if d.disclosure is not None}
    use = waiver_use(waivers, {f.fingerprint for d in documents if d.run for f in d.run.findings}, checked, today)
    return results.model_copy(update={"documents": tuple(documents), "unused_waivers": use.unused,
                                      "expired_waivers": use.expired})


def baseline_waivers(results: Results, reason: str, expires: dt.date | None = None) -> list[Waiver]:
    """A waiver for every finding of `results` (consequences too: they show once their cause is
    fixed); a finding already waived keeps its waiver."""
    out: list[Waiver] = []
    for doc in results.documents:
        if doc.run is None or doc.disclosure is None:
            continue
        for f in doc.run.findings:
            out.append(f.waiver or Waiver(fingerprint=f.fingerprint, reason=reason, expires=expires, rule=f.rule,
                                          unit=doc.disclosure.unit, year=doc.disclosure.year,
                                          message=f.message[:60]))
    return out
