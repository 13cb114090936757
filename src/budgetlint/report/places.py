"""Where a value stands, in the words every reporter shows (terminal, 检查表, inspect).

A worksheet cell is `sheet!A12` wherever a page would be shown; a Word document has no lines a
reader can see, so its place is the paragraph (第12段) or the table cell (第3个表格 R5C2), after
the estimated page.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from budgetlint.model import Finding, Location, SourceDocument

ESTIMATED = {"toc": "据目录估计", "breaks": "据分页符估计"}  # how an estimated page was found


def office_place(loc: Location) -> str | None:
    """sheet!A12 / 第3个表格 R5C2 / 第12段, or None for a text or PDF input."""
    if loc.sheet:
        return f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    if loc.table_index:
        return f"第{loc.table_index}个表格" + (f" {loc.cell}" if loc.cell else "")
    if loc.paragraph:
        return f"第{loc.paragraph}段"
    return None


def page_note(loc: Location) -> str:
    """ "据目录估计" for an estimated page, "" for an exact one."""
    return ESTIMATED.get(loc.page_basis, "")


def shown(source: SourceDocument | None, finding: Finding) -> Finding:
    """The finding with its places as their own files give them: for a document read from several
    files, each location's (and each addend's and cause's) file and that file's own line (the
    combined run numbers lines across the files)."""
    if source is None or not source.files:
        return finding
    local = source.local_location
    return replace(
        finding,
        locations=tuple(local(loc) for loc in finding.locations),
        addends=tuple(replace(a, location=local(a.location)) for a in finding.addends),
        cause=replace(finding.cause, location=local(finding.cause.location)) if finding.cause is not None else None,
    )


def file_name(loc: Location, several: bool) -> str:
    """The file's name before a place, when the document was read from several files."""
    return f"{Path(loc.file).name} " if several else ""
