"""Waived findings: accepted in the project file, still listed and counted, never failing the run.

A waiver names a finding by its fingerprint. After its `expires` day it no longer applies: the
finding is reported as usual and the waiver is listed as expired. A waiver that names no finding
of the documents checked is listed as unused (like ruff's RUF100), so a file of waivers does not
silently outlive the defects it accepted; a waiver written for another unit or year (its `unit`,
`year`) is not called unused when that document was not among those checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from budgetlint.model import Finding
from budgetlint.model.findings import Waiver


@dataclass(frozen=True)
class WaiverUse:
    """How the waivers of the project file met the findings of one run."""

    unused: tuple[Waiver, ...] = ()
    expired: tuple[Waiver, ...] = ()


def waive(findings: tuple[Finding, ...], waivers: dict[str, Waiver], today: dt.date) -> tuple[Finding, ...]:
    """The findings, each marked with the waiver naming its fingerprint (unless it has expired)."""
    out = []
    for f in findings:
        w = waivers.get(f.fingerprint)
        out.append(replace(f, waiver=w) if w is not None and not expired(w, today) else f)
    return tuple(out)


def expired(w: Waiver, today: dt.date) -> bool:
    return w.expires is not None and w.expires < today


def waiver_use(
    waivers: list[Waiver], found: set[str], documents: set[tuple[str | None, int | None]], today: dt.date
) -> WaiverUse:
    """Which waivers named nothing that was checked, and which named a finding but have expired.

    `found`: the fingerprints of every finding of the run; `documents`: the (unit, year) of every
    document checked."""
    unused, gone = [], []
    for w in waivers:
        if w.fingerprint in found:
            if expired(w, today):
                gone.append(w)
        elif w.unit is None or (w.unit, w.year) in documents:
            unused.append(w)
    return WaiverUse(unused=tuple(unused), expired=tuple(gone))
