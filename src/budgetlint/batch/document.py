"""The per-document function: a job (the file or files of one document) -> a DocumentRecord.

The one unit of work of every multi-file run: `check` with several files, `scan`, the local
process pool and the Dask executor all send the same picklable Job and Settings to
`check_document` and get the same small record back. It never raises: a file that cannot be read,
or a bug that crashes on it, is a record with status not_checked and the reason, and the other
files go on. Rules are loaded once per process (per Settings) and kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from budgetlint import api
from budgetlint.config import Config
from budgetlint.errors import BudgetlintError, os_reason
from budgetlint.ingest.files import display_path
from budgetlint.limits import DEFAULT_LIMITS, Limits
from budgetlint.model.findings import Waiver
from budgetlint.report.record import NOT_CHECKED, DocumentRecord, record_of
from budgetlint.rulebook import Rule

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Settings:
    """What every job of one run shares: the rule selection (with the project file's severities and
    waivers), and the report part to render."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules_dirs: tuple[str, ...] = ()
    render: str | None = None  # a streaming reporter's name: its part for this document, made where it is checked
    color: bool = False
    width: int = 110
    severity: tuple[tuple[str, str], ...] = ()  # the project file's [severity]: token -> level
    waivers: tuple[Waiver, ...] = ()  # the project file's waivers, applied to each document's findings
    today: dt.date | None = None  # decides which waivers have expired (one day for the whole run)
    show_skipped: bool = False  # report options the rendered part honours
    show_waived: bool = False
    limits: Limits = DEFAULT_LIMITS  # what one document may cost (--limit)
    parts: bool = True  # the record's 检查表 rows: the store, the terminal report and the file formats read them


@dataclass(frozen=True)
class Job:
    """One document: its position in the input, and its file(s) (one today; a text file with its
    tables file, or a DOCX with its XLSX, make one document of several)."""

    index: int
    paths: tuple[str, ...]
    sha256: str | None = None  # known already (a scan hashes to decide what to skip): not hashed again
    # several paths: given together (--together) or paired by their content ("auto")
    pairing: Literal["together", "auto"] = "together"

    @property
    def path(self) -> str:
        return self.paths[0]


_rules: dict[Settings, list[Rule]] = {}
_rules_lock = threading.Lock()  # Dask runs jobs in a worker's threads


def rules_for(settings: Settings) -> list[Rule]:
    """The selected rules, loaded once per process and Settings."""
    key = Settings(
        settings.select, settings.ignore, settings.rules_dirs, severity=settings.severity, limits=settings.limits
    )
    with _rules_lock:
        if key not in _rules:
            _rules[key] = api.configured_rules(
                Config.model_construct(severity=dict(settings.severity)),  # the project file's, validated
                select=list(settings.select) or None,
                ignore=list(settings.ignore) or None,
                rules_dirs=list(settings.rules_dirs),  # as typed: "" is refused
                limits=settings.limits,
            )
        return _rules[key]


def ruleset_version(settings: Settings) -> str:
    """What the results of a document depend on besides its bytes: the program's version and code,
    the selected rules' files, the templates and the vocabulary (rules/vocabulary/: what recognition
    and the figures across documents read), the project file's severities and waivers. A stored
    result is reused only under the same one."""
    from budgetlint import __version__
    from budgetlint.paths import rules_root

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    rules = rules_for(settings)
    files = sorted(package.rglob("*.py")) + sorted(Path(r.path) for r in rules)
    for folder in ("templates", "vocabulary"):
        files += sorted((rules_root() / folder).rglob("*.yaml"))
    for extra in settings.rules_dirs:
        files += sorted(Path(extra).rglob("templates/**/*.yaml"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    # the project file's severities and waivers change the stored results too (its selection is
    # in the rules' files above); a waiver's expiry, the day of the run
    digest.update(repr(settings.severity).encode())
    for waiver in settings.waivers:
        digest.update(json.dumps(waiver.contract(), ensure_ascii=False, sort_keys=True).encode())
    if any(w.expires for w in settings.waivers):
        digest.update(str(settings.today or dt.date.today()).encode())
    return digest.hexdigest()[:16]


def content_hash(paths: tuple[str, ...]) -> tuple[str, int]:
    """sha256 over the document's file(s) and their total size: a document's identity in the store."""
    digest, size = hashlib.sha256(), 0
    for path in paths:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    return digest.hexdigest(), size


def _identity(job: Job) -> tuple[str, int]:
    if job.sha256:
        return job.sha256, sum(os.path.getsize(p) for p in job.paths)
    return content_hash(job.paths)


def not_checked(job: Job, reason: str, seconds: float = 0.0) -> DocumentRecord:
    return DocumentRecord(path=display_path(job.path), status=NOT_CHECKED, reason=reason, seconds=seconds)


def check_document(job: Job, settings: Settings) -> DocumentRecord:
    """Check one document; never raises (see the module docstring)."""
    started = time.perf_counter()
    try:
        doc = api.check_files(job.paths, rules_for(settings), pairing=job.pairing, limits=settings.limits)
        if settings.waivers:
            doc = api.waive_document(
                doc, {w.fingerprint: w for w in settings.waivers}, settings.today or dt.date.today()
            )
        sha256, size = _identity(job) if doc.error is None else (None, None)
        record = record_of(doc, parts=settings.parts)
        rendered = _render(record, doc, settings)
    except BudgetlintError as exc:  # a rule pack error is the run's, but stays this document's here
        return not_checked(job, exc.user_text(), time.perf_counter() - started)
    except OSError as exc:
        return not_checked(
            job, f"{display_path(job.path)}: 无法读取文件：{os_reason(exc)}", time.perf_counter() - started
        )
    except Exception as exc:  # a crash on one document is that document's, never the batch's
        return not_checked(
            job, f"{display_path(job.path)}: 内部错误 {type(exc).__name__}: {exc}", time.perf_counter() - started
        )
    return replace(record, sha256=sha256, size=size, rendered=rendered, seconds=time.perf_counter() - started)


def _render(record: DocumentRecord, doc, settings: Settings) -> str | None:
    if settings.render is None:
        return None
    from budgetlint.report import reporter

    return reporter(settings.render).document(
        record,
        doc,
        color=settings.color,
        width=settings.width,
        show_skipped=settings.show_skipped,
        show_waived=settings.show_waived,
        rules=rules_for(settings),
    )
