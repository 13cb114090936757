"""One cause, one finding.

1. **The same sentence at several places.** Findings of one rule whose messages are identical
   (a 2026 budget comparing with "2026年预算" five times) become one finding with every place
   as a location; `occurrences` says how many checks failed.
2. **One cell that breaks several identities.** A failing sum says by how much its two sides
   differ; changing one of its printed cells by exactly that difference would make it pass. When
   the same cell, changed by the same amount, would make several failing checks pass, that cell
   is the likely cause: the 司法局 单位预算 prints 项目支出 64,840,547.00 in the 行政运行 row of
   its 支出总表, which breaks the row (合计 14,348,853.34 = 基本支出 14,348,853.34 + 项目支出) and the
   column (司法 项目支出 = Σ its items) by the same 64,840,547.00. The finding with the fewest
   numbers (the most specific identity) leads and carries the cause with the fingerprints of
   every finding it explains; the others stay, marked `consequence_of` the leader, and human
   reports list them under it instead of on their own. Cells are chosen greedily, the one that
   explains most findings first (ties: the earlier on the page), and a cell must explain at
   least two findings: one failing sum alone cannot say which of its cells is wrong.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from budgetlint.findings.build import Draft
from budgetlint.findings.fingerprint import Identity, group_content
from budgetlint.model import Finding, Location
from budgetlint.model.findings import Addend, Cause
from budgetlint.numbers import UNIT_FACTORS, format_amount


def merge_repeats(drafts: list[Draft], identity: Identity | None) -> list[Draft]:
    """Findings of one rule with the same message and severity, merged in page order."""
    groups: dict[tuple[str, str, str], list[Draft]] = {}
    for d in sorted(drafts, key=lambda d: d.finding.sort_key()):
        groups.setdefault((d.finding.rule, d.finding.severity, d.finding.message), []).append(d)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        first = members[0].finding
        locations = list(dict.fromkeys(loc for d in members for loc in d.finding.locations))
        content = group_content([d.content for d in members])
        merged = replace(
            first,
            locations=tuple(locations),
            occurrences=len(members),
            addends=tuple(a for d in members for a in d.finding.addends),
            sources=tuple(i for d in members for i in d.finding.sources),
            fingerprint=identity.fingerprint(first.rule, content) if identity is not None else "",
        )
        out.append(Draft(merged, content))
    return out


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


def _cell(loc: Location) -> tuple:
    return (loc.file, loc.table, loc.row, loc.column, loc.line)


def _corrections(f: Finding) -> dict[tuple, tuple[Decimal, Addend, Decimal]]:
    """For each printed cell of a failing comparison: the change of that cell alone that makes it pass,
    with the cell's addend and its value."""
    reported = _decimal(f.reported.value) if f.reported else None
    computed = _decimal(f.computed.value) if f.computed else None
    unit = f.reported.unit if f.reported else None
    if reported is None or computed is None or unit not in UNIT_FACTORS:
        return {}
    difference = reported - computed  # reported − computed, in `unit`
    out: dict[tuple, tuple[Decimal, Addend, Decimal]] = {}
    for a in f.addends:
        value = _decimal(a.value)
        if value is None or a.unit not in UNIT_FACTORS or not a.location.column:
            continue
        change = (-difference if a.side == "reported" else difference) * UNIT_FACTORS[unit] / UNIT_FACTORS[a.unit]
        out.setdefault(_cell(a.location), (change.normalize(), a, value))
    return out


def _printed_like(value: Decimal, printed: str) -> str:
    """`value` with the decimals and thousands separators of `printed`."""
    decimals = len(printed.rsplit(".", 1)[1]) if "." in printed else 0
    text = format_amount(value, decimals)
    return f"{Decimal(text):,.{decimals}f}" if "," in printed else text


def root_causes(findings: list[Finding]) -> list[Finding]:
    """Mark the findings one cell explains (module docstring); the rest unchanged, order kept."""
    corrections = [_corrections(f) for f in findings]
    candidates: dict[tuple, list[int]] = {}
    for i, found in enumerate(corrections):
        for cell, (change, _, _) in found.items():
            if change != 0:
                candidates.setdefault((cell, change), []).append(i)
    taken: set[int] = set()
    out = list(findings)
    while True:
        best = None
        for key, members in candidates.items():
            free = [i for i in members if i not in taken]
            if len(free) >= 2 and (best is None or len(free) > len(best[1])):
                best = (key, free)
        if best is None:
            return out
        (cell, change), members = best
        taken.update(members)
        members.sort(key=lambda i: (len(findings[i].addends), findings[i].sort_key()))
        lead = members[0]
        _, addend, value = corrections[lead][cell]
        suggested = _printed_like(value + change, addend.printed)
        cause = Cause(
            location=addend.location,
            name=addend.name,
            printed=addend.printed,
            suggested=suggested,
            unit=addend.unit,
            explains=tuple(findings[i].fingerprint for i in members),
        )
        out[lead] = replace(out[lead], cause=cause, fix=_fix(cause))
        for i in members[1:]:
            out[i] = replace(out[i], consequence_of=findings[lead].fingerprint)


def _fix(cause: Cause) -> str:
    loc = cause.location
    cell = f"{loc.table or ''}「{loc.row or cause.name}」{loc.column or ''}"
    # the cell is the likeliest single change, not a certainty: the other side may be what is wrong
    return (
        f"{cell} {cause.printed} 可能有误：这一格改为 {cause.suggested}，{len(cause.explains)} 项核对即都相符"
        f"（若这一格无误，则应改正与它不符的各处）"
    )
