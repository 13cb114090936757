"""The JSON output contract (design.md §4): fields may be added, never renamed."""

from __future__ import annotations

import json

from budgetlint import __version__
from budgetlint.model.results import DocumentResult, Results, narrative_coverage


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
            "narrative": narrative_coverage(doc)}


def _tool() -> dict:
    return {"name": "budgetlint", "version": __version__}


def contract(results: Results) -> dict:
    return {"tool": _tool(), "documents": [document_entry(d) for d in results.documents]}


def _indented(value: object, depth: int) -> str:
    """json.dumps(indent=2) of `value` as it reads nested `depth` levels deep (strings never hold a raw newline)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


# The streaming protocol (report/__init__.py): the same bytes as render(), one document at a time.
SEPARATOR = ","


def head(**_: object) -> str:
    return '{\n  "tool": ' + _indented(_tool(), 1) + ',\n  "documents": ['


def document(record: object, doc: DocumentResult, **_: object) -> str:
    return "\n    " + _indented(document_entry(doc), 2)


def tail(totals, **_: object) -> str:
    return ("\n  ]" if totals.files else "]") + "\n}\n"


def render(results: Results, **_: object) -> str:
    return json.dumps(contract(results), ensure_ascii=False, indent=2) + "\n"
