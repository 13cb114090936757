"""The JSON output contract (docs/json-contract.md): fields may be added, never renamed.

CONTRACT_VERSION counts the additions: a consumer that needs a field checks the version it came in.
"""

from __future__ import annotations

import json

from budgetlint import __version__
from budgetlint.api import DocumentResult, Results, narrative_coverage

CONTRACT_VERSION = 2  # 1: the first contract; 2: structured findings (docs/json-contract.md)


def table_entry(table) -> dict:
    return {"kind": table.kind, "title": table.title, "number": table.number, "unit": table.unit,
            "rows": len(table.rows), "size": list(table.raw_size), "empty": table.is_empty,
            "location": table.location.contract()}


def document_entry(doc: DocumentResult) -> dict:
    if doc.error:
        return {"path": doc.path, "error": doc.error, "unit": None, "year": None, "kind": None,
                "template": None, "tables": [], "findings": [], "summary": {}}
    d, run = doc.disclosure, doc.run
    return {"path": doc.path, "unit": d.unit, "year": d.year, "kind": d.kind, "template": d.template,
            "tables": [table_entry(t) for t in d.tables],
            "findings": [f.contract() for f in run.findings], "summary": run.summary,
            "narrative": narrative_coverage(doc), "pages": pages_entry(d.source),
            "undecided": undecided_entry(run)}


def undecided_entry(run) -> list[dict]:
    """Every check that ended neither pass nor fail, with its reason (the 不适用/数据不足/出错 counts)."""
    return [{"rule": e.rule, "outcome": e.outcome.value, "subject": e.subject, "reason": e.detail}
            for e in run.evaluations if e.outcome.value in ("not_applicable", "insufficient_data", "error")]


def pages_entry(source) -> list[dict]:
    """A PDF's pages: size in points and whether any text was read (empty for text inputs)."""
    return [{"page": p.number, "width": p.width, "height": p.height, "text": p.text}
            for p in getattr(source, "pages", ())]


def contract(results: Results) -> dict:
    return {"tool": {"name": "budgetlint", "version": __version__}, "contract_version": CONTRACT_VERSION,
            "documents": [document_entry(d) for d in results.documents],
            "skipped": [{"path": s.path, "reason": s.reason} for s in results.skipped],
            "waivers": {"config": results.config_path, "unused": [w.contract() for w in results.unused_waivers],
                        "expired": [w.contract() for w in results.expired_waivers]}}


def render(results: Results, **_: object) -> str:
    return json.dumps(contract(results), ensure_ascii=False, indent=2) + "\n"
