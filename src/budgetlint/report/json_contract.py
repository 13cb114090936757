"""The JSON output contract (docs/json-contract.md): fields may be added, never renamed.

CONTRACT_VERSION counts the additions: a consumer that needs a field checks the version it came in.
"""

from __future__ import annotations

import json

from budgetlint import __version__
from budgetlint.model.results import (
    DocumentResult,
    Results,
    narrative_coverage,
    prose_coverage,
)
from budgetlint.report.places import shown

CONTRACT_VERSION = 2  # 1: the first contract; 2: structured findings (docs/json-contract.md)


def table_entry(table) -> dict:
    return {
        "kind": table.kind,
        "title": table.title,
        "number": table.number,
        "unit": table.unit,
        "rows": len(table.rows),
        "size": list(table.raw_size),
        "empty": table.is_empty,
        "location": table.location.contract(),
    }


def _several(doc: DocumentResult) -> dict:
    """A document read from several files: the files and how they came together."""
    return {"files": list(doc.files), "pairing": doc.pairing} if doc.files else {}


def finding_entry(f, source) -> dict:
    """A finding; for a document read from several files each location names its file and that
    file's own line."""
    if source is None or not source.files:
        return f.contract()
    return shown(source, f).contract(with_file=True)


def roles_entry(table) -> dict:
    """What recognition found in a table and what its kind has that this one lacks (inspect)."""
    return {"roles": table.roles_found, "missing": table.roles_missing, "unplaced": list(table.unplaced_columns)}


def document_entry(doc: DocumentResult) -> dict:
    d, run = doc.disclosure, doc.run
    if doc.error or d is None or run is None:
        return {
            "path": doc.path,
            "error": doc.error,
            "unit": None,
            "year": None,
            "kind": None,
            "template": None,
            "tables": [],
            "findings": [],
            "summary": {},
            **_several(doc),
        }
    source = d.source
    tables = [table_entry(t) for t in d.tables]
    if source is not None and source.files:
        for entry_, table in zip(tables, d.tables, strict=True):
            entry_["location"] = source.local_location(table.location).contract(with_file=True)
    entry: dict[str, object] = {
        "path": doc.path,
        "unit": d.unit,
        "year": d.year,
        "kind": d.kind,
        "template": d.template,
        "tables": tables,
        "findings": [finding_entry(f, source) for f in run.findings],
        "summary": run.summary,
        "narrative": narrative_coverage(doc),
        "prose": prose_coverage(doc),
        "pages": pages_entry(d.source),
        "undecided": undecided_entry(run),
        **_several(doc),
    }
    if d.unrecognised_tables:  # said only when there are some, so complete documents keep their bytes
        entry["unrecognised_tables"] = list(d.unrecognised_tables)
    if not d.template_fits:  # no template's tables fit: checked with the national base
        entry["template_fits"] = False
    return entry


def undecided_entry(run) -> list[dict]:
    """Every check that ended neither pass nor fail, with its reason (the 不适用/数据不足/出错 counts)."""
    return [
        {"rule": e.rule, "outcome": e.outcome.value, "subject": e.subject, "reason": e.detail}
        for e in run.evaluations
        if e.outcome.value in ("not_applicable", "insufficient_data", "error")
    ]


def pages_entry(source) -> list[dict]:
    """A PDF's pages: size in points and whether any text was read (empty for text inputs)."""
    return [
        {"page": p.number, "width": p.width, "height": p.height, "text": p.text} for p in getattr(source, "pages", ())
    ]


def contract_with_files(finding) -> dict:
    """A finding of a rule across documents: its numbers stand in several files, so each location
    names its file (an addition to the contract's location object)."""
    entry = finding.contract()
    entry["locations"] = [{"file": loc.file, **shown} for loc, shown in zip(finding.locations, entry["locations"])]
    return entry


def across_entry(path: str, finding) -> dict:
    """One finding of the rules across documents in `check`'s output: the document it belongs to
    (the one making the statement, or the department) and the finding with files in its locations."""
    return {"document": path, **contract_with_files(finding)}


def _tool() -> dict:
    return {"name": "budgetlint", "version": __version__}


def contract(results: Results) -> dict:
    return {
        "tool": _tool(),
        "contract_version": CONTRACT_VERSION,
        "documents": [document_entry(d) for d in results.documents],
        **run_entry(results),
    }


def run_entry(notes: Results | None) -> dict:
    """What the run says besides its documents: files skipped in the folders, the project file and
    its waivers that named nothing or have expired (`notes`: a Results, documents not needed)."""
    if notes is None:
        return {"skipped": [], "waivers": {"config": None, "unused": [], "expired": []}}
    return {
        "skipped": [{"path": s.path, "reason": s.reason} for s in notes.skipped],
        "waivers": {
            "config": notes.config_path,
            "unused": [w.contract() for w in notes.unused_waivers],
            "expired": [w.contract() for w in notes.expired_waivers],
        },
    }


def _indented(value: object, depth: int) -> str:
    """json.dumps(indent=2) of `value` as it reads nested `depth` levels deep (strings never hold a raw newline)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


# The streaming protocol (report/__init__.py): the same bytes as render(), one document at a time.
SEPARATOR = ","


def head(**_: object) -> str:
    return (
        '{\n  "tool": ' + _indented(_tool(), 1) + f',\n  "contract_version": {CONTRACT_VERSION}' + ',\n  "documents": ['
    )


def document(record: object, doc: DocumentResult, **_: object) -> str:
    return "\n    " + _indented(document_entry(doc), 2)


def tail(totals, notes: Results | None = None, **_: object) -> str:
    rest = "".join(f',\n  "{key}": ' + _indented(value, 1) for key, value in run_entry(notes).items())
    if totals.across_summary is not None:  # several files checked together: the rules across documents
        across = {"summary": totals.across_summary, "findings": [across_entry(p, f) for p, f in totals.across]}
        rest += ',\n  "across": ' + _indented(across, 1)
    return ("\n  ]" if totals.files else "]") + rest + "\n}\n"


def render(results: Results, **_: object) -> str:
    return json.dumps(contract(results), ensure_ascii=False, indent=2) + "\n"
