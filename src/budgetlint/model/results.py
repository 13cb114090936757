"""What a run produces: per file a rule run (evaluations, findings, outcome counts) or the error that
stopped it, and the folder entries it skipped (model/inputs.py). The reporters read only these.

Records (model/record.py), not pydantic models: a run builds them from what it has already typed
and nothing validates or serialises them whole (the JSON contract is written field by field by
report/json_contract.py; a Finding stays a pydantic model). A model holding a Disclosure had
pydantic build a validator of every record a Disclosure holds on a process's first document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from budgetlint.model.disclosure import Disclosure
from budgetlint.model.findings import Evaluation, Finding, Outcome, Waiver
from budgetlint.model.inputs import SkippedFile
from budgetlint.model.prose import ProseNumber
from budgetlint.model.record import record
from budgetlint.model.rule import Rule


@record
class RuleRun:
    evaluations: tuple[Evaluation, ...]
    findings: tuple[Finding, ...]
    summary: dict[str, int]


# A file that is one half of a split disclosure: (role "tables" | "text", unit, year, kind,
# template); two halves with the same last four pair (pairing.py)
HalfKey = tuple[str, str, int, str, str]


@record
class DocumentResult:
    """One document's result: either a disclosure with its rule run, or the error that stopped it.

    A document read from several files (`--together`, or two halves paired by their content) has
    `files` (in the order combined) and `pairing`: "together" or "auto". A file that is one half
    of a split disclosure (tables without narrative, or narrative without tables) has `half`."""

    path: str
    disclosure: Disclosure | None = None
    run: RuleRun | None = None
    error: str | None = None
    files: tuple[str, ...] = ()
    pairing: Literal["together", "auto"] | None = None
    half: HalfKey | None = None


@record
class Results:
    documents: tuple[DocumentResult, ...]
    rules: tuple[Rule, ...]
    skipped: tuple[SkippedFile, ...] = ()  # entries of the folders given that were not checked
    config_path: str | None = None  # the project file used (waivers, selection), if any
    unused_waivers: tuple[Waiver, ...] = ()  # waivers that named no finding of the documents checked
    expired_waivers: tuple[Waiver, ...] = ()  # waivers that named a finding but have expired

    @property
    def failed_inputs(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.error]


def narrative_coverage(doc: DocumentResult) -> dict[str, dict[str, int]]:
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
    return {
        "extracted": {k: extracted[k] for k in kinds},
        "checked": {k: checked.get(k, 0) for k in kinds},
        "unbound": {k: extracted[k] - checked.get(k, 0) for k in kinds},
    }


def prose_coverage(doc: DocumentResult) -> dict[str, dict[str, int]]:
    """Numbers stated in prose, per part: found, bound (tied to a table value, a listed total or a
    stated fact they can be compared with) and checked (decided, pass or fail, by a rule).

    `performance_tables` counts the prose cells of the 绩效目标表 / 申报表 / 自评表, `narrative` the
    情况说明. A narrative number is also bound when the amount claim starting at it is bound to a
    table cell, and checked when a decided claim's text covers it (a share, a change, a list).
    """
    if doc.disclosure is None or doc.run is None:
        return {}
    d = doc.disclosure
    decided = {key for e in doc.run.evaluations if e.outcome in (Outcome.PASS, Outcome.FAIL) for key in e.claims}
    bound = {b.prose_number.key for b in d.prose_bindings}
    bound |= {q.key for s in d.prose_sums for q in (s.total, *s.items)}
    bound |= {q.key for f in d.stated_facts for q in f.statements}
    bound |= {f"{b.claim.location.line}:{b.claim.span.start}" for b in d.bindings}
    covered: dict[int | None, list[tuple[int, int]]] = {}
    for claim in d.claims:
        if f"{claim.location.line}:{claim.span.start}" in decided:
            covered.setdefault(claim.location.line, []).append((claim.span.start, claim.span.end))

    def count(numbers: Iterable[ProseNumber], narrative: bool) -> dict[str, int]:
        found = checked = tied = 0
        for q in numbers:
            start = int(q.key.rsplit(":", 1)[1])
            found += 1
            tied += q.key in bound
            checked += q.key in decided or (
                narrative and any(a <= start < b for a, b in covered.get(q.location.line, ()))
            )
        return {"found": found, "bound": tied, "checked": checked}

    return {
        "performance_tables": count((q for c in d.prose_cells for q in c.numbers), False),
        "narrative": count(d.narrative_numbers, True),
    }
