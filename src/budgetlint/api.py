"""The one entry point for the CLI, tests and batch runs: audit(), inspect(), load the rules."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from budgetlint.config import Config, no_config
from budgetlint.engine import run_rules
from budgetlint.errors import BudgetlintError, InputError
from budgetlint.findings.waivers import waive, waiver_use
from budgetlint.ingest import read_document
from budgetlint.ingest.combine import combine
from budgetlint.ingest.files import INPUT_SUFFIXES, display_path, walk
from budgetlint.limits import DEFAULT_LIMITS, Limits
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.model.findings import Waiver
from budgetlint.model.inputs import InputFiles
from budgetlint.model.results import DocumentResult, Results, RuleRun, SkippedFile  # noqa: F401 (api.SkippedFile)
from budgetlint.pairing import classify, find_pairs
from budgetlint.recognize import recognize
from budgetlint.recognize.templates import load_templates
from budgetlint.rulebook import Rule, load_rules
from budgetlint.rulebook.select import select_rules, with_severities

log = logging.getLogger(__name__)


def expand_paths(paths: Sequence[str | Path]) -> InputFiles:
    """Files as given; folders walked once, in sorted order, for the files of supported formats,
    with every entry skipped and why (ingest/files.py)."""
    return walk(paths, INPUT_SUFFIXES)


def read_disclosure(path: str | Path, template: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Disclosure:
    return recognize(read_document(path, limits), template_id=template)


def inspect(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Disclosure:
    return read_disclosure(path, limits=limits)


def template_base(template_id: str) -> str | None:
    """The national base a template is or extends (None for one that neither is nor extends one)."""
    template = next((t for t in load_templates() if t.id == template_id), None)
    if template is None:
        return None
    return template.id if template.national else template.extends


def check_disclosure(disclosure: Disclosure, rules: list[Rule]) -> RuleRun:
    return run_rules(rules, disclosure)


def configured_rules(
    config: Config,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    rules_dirs: Sequence[str | Path] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Rule]:
    """The rules a run uses: --select/--ignore if given, else the project file's; its severities."""
    rules = with_severities(load_rules(rules_dirs, limits), config.severity)
    return select_rules(
        rules, select if select is not None else config.select, ignore if ignore is not None else config.ignore
    )


def audit(
    paths: Sequence[str | Path],
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    rules_dirs: Sequence[str | Path] | None = None,
    config: Config | None = None,
    today: dt.date | None = None,
    together: bool = False,
    pairing: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> Results:
    """Check every file; a file that cannot be read is recorded and the others go on.

    `config` (the project file) gives the selection when select/ignore are None, the severities
    and the waivers; `today` decides which waivers have expired. `together`: all files are one
    document. Otherwise, with several files and `pairing`, the text and tables halves of a split
    disclosure are paired by their content (pairing.py) and checked as one document, in the place
    of the first of the two; the halves' own results are dropped."""
    config = config or no_config()
    today = today or dt.date.today()
    rules = configured_rules(config, select=select, ignore=ignore, rules_dirs=rules_dirs, limits=limits)
    inputs = expand_paths(paths)
    if not inputs.files and not inputs.unreadable:
        raise InputError("没有找到可检查的文件", path=", ".join(display_path(p) for p in paths))
    files = inputs.files
    if together and len(files) > 1:
        documents = [check_files(files, rules, limits=limits)]
    else:
        documents = [check_file(path, rules, limits) for path in files]
    if pairing and len(documents) > 1:
        kept: list[DocumentResult | None] = list(documents)
        for text, tables in find_pairs([d.half for d in documents]):
            paired = check_files((files[text], files[tables]), rules, pairing="auto", limits=limits)
            kept[min(text, tables)], kept[max(text, tables)] = paired, None
        documents = [d for d in kept if d is not None]
    return waived(
        Results(documents=tuple(documents), rules=tuple(rules), skipped=inputs.skipped, config_path=config.path),
        config.waivers,
        today,
    )


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


def check_file(path: str | Path, rules: list[Rule], limits: Limits = DEFAULT_LIMITS) -> DocumentResult:
    """One file, isolated: its disclosure and rule run, or the one-line error that stopped it.

    A BudgetlintError says what is wrong with the file. Anything else is a fault of budgetlint
    or of a library on this file: it is still this file's error (the batch goes on and its report
    is written), marked 内部错误, with the traceback for -v.
    """
    shown = display_path(path)
    try:
        return check_source(shown, read_document(path, limits), rules)
    except BudgetlintError as exc:
        return DocumentResult(path=shown, error=exc.user_text())
    except Exception as exc:
        return DocumentResult(path=shown, error=_internal_error(shown, exc))


def _internal_error(shown: str, exc: Exception) -> str:
    """A fault of budgetlint or a library on this document: its one line (the traceback with -v)."""
    log.debug("checking %s failed", shown, exc_info=True)
    return f"{shown}: 内部错误 {type(exc).__name__}，未能检查此文件（加 -v 查看详情）"


def check_files(
    paths: Sequence[str | Path],
    rules: list[Rule],
    *,
    pairing: Literal["together", "auto"] = "together",
    limits: Limits = DEFAULT_LIMITS,
) -> DocumentResult:
    """The file(s) of one document: one file as check_file; several read and combined into one
    document (ingest.combine), in the order given. A file that cannot be read stops the document,
    with that file's message; a fault of budgetlint is this document's error, as in check_file."""
    if len(paths) == 1:
        return check_file(paths[0], rules, limits)
    files = tuple(display_path(p) for p in paths)
    shown = " + ".join(files)
    try:
        sources = [read_document(path, limits) for path in paths]
        source = combine(sources)
        disclosure = recognize(source)
        run = check_disclosure(disclosure, rules)
    except BudgetlintError as exc:
        return DocumentResult(path=shown, error=exc.user_text(), files=files, pairing=pairing)
    except Exception as exc:
        return DocumentResult(path=shown, error=_internal_error(shown, exc), files=files, pairing=pairing)
    return DocumentResult(path=source.path, disclosure=disclosure, run=run, files=files, pairing=pairing)


def waive_document(doc: DocumentResult, waivers: dict[str, Waiver], today: dt.date) -> DocumentResult:
    """`doc` with its findings marked by the waivers (by fingerprint) that have not expired."""
    if doc.run is None or not waivers:
        return doc
    findings = waive(doc.run.findings, waivers, today)
    return replace(doc, run=replace(doc.run, findings=findings))


def waived(results: Results, waivers: list[Waiver], today: dt.date) -> Results:
    """`results` with the project file's waivers applied, and the ones that met nothing listed."""
    by_fingerprint = {w.fingerprint: w for w in waivers}
    documents = [waive_document(d, by_fingerprint, today) for d in results.documents]
    checked = {(d.disclosure.unit, d.disclosure.year) for d in documents if d.disclosure is not None}
    use = waiver_use(waivers, {f.fingerprint for d in documents if d.run for f in d.run.findings}, checked, today)
    return replace(results, documents=tuple(documents), unused_waivers=use.unused, expired_waivers=use.expired)


def baseline_waivers(
    results: Results, reason: str, expires: dt.date | None = None, existing: tuple[Waiver, ...] = ()
) -> list[Waiver]:
    """A waiver for every finding of `results` (consequences too: they show once their cause is
    fixed); a finding already waived keeps its waiver. Of the `existing` waivers, those written for
    a document that was not checked this time are kept too; those of a document that was checked
    and that name no finding of it any more are dropped."""
    out: list[Waiver] = []
    for doc in results.documents:
        if doc.run is None or doc.disclosure is None:
            continue
        for f in doc.run.findings:
            out.append(
                f.waiver
                or Waiver(
                    fingerprint=f.fingerprint,
                    reason=reason,
                    expires=expires,
                    rule=f.rule,
                    unit=doc.disclosure.unit,
                    year=doc.disclosure.year,
                    message=f.message[:60],
                )
            )
    written = {w.fingerprint for w in out}
    checked = {(d.disclosure.unit, d.disclosure.year) for d in results.documents if d.disclosure is not None}
    return out + [
        w for w in existing if w.fingerprint not in written and w.unit is not None and (w.unit, w.year) not in checked
    ]
