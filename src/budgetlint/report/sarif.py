"""SARIF 2.1.0 (`--format sarif`), for code-scanning dashboards and editors.

A run per document (written as each document finishes); its driver lists the rules its results
refer to (id, name, title, what and why, default level, groups). Each finding is a result: its
level (error / warning / note), message, 修改建议 and the two sides in `properties`, the
fingerprint in `partialFingerprints`, every place as a location.
A place in a text file is a region of lines. A PDF has no lines: the region's `properties` give
the page, the line on the page and the box (x0, top, x1, bottom in points from the top-left,
with the page size), its `message` says 第N页第M行, its `snippet` the words it is about.
Consequences of a cause are results too, with the cause in `relatedLocations`. A waived finding
carries an accepted external suppression with its reason. A file that could not be read is a run
whose invocation is unsuccessful, with the reason as a notification; files skipped in a folder and
waivers that named nothing are notifications of a last run without results.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from budgetlint import __version__
from budgetlint.model import Finding, Location
from budgetlint.model.results import Results
from budgetlint.report.phrases import cell_name, notice_lines, where
from budgetlint.report.places import office_place
from budgetlint.report.record import DocumentRecord, Totals, record_of

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "budgetlint/v1"


def _rule(rule) -> dict:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.doc.what},
        "help": {"text": rule.doc.why},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(rule.groups), "status": rule.status},
    }


def _location(loc: Location, artifact: int, quote: str | None) -> dict:
    physical: dict = {"artifactLocation": {"uri": uri(loc.file), "index": artifact}}
    if loc.page_basis == "pdf":
        region: dict = {"message": {"text": where(loc)}}
        if quote:
            region["snippet"] = {"text": quote}
        region["properties"] = {
            k: v
            for k, v in (
                ("page", loc.page),
                ("pageLine", loc.page_line),
                ("bbox", list(loc.bbox) if loc.bbox else None),
                ("pageSize", list(loc.page_size) if loc.page_size else None),
            )
            if v is not None
        }
        physical["region"] = region
    elif office_place(loc) is not None:  # a worksheet cell, a Word paragraph or table cell: no line to show
        physical["region"] = {
            "message": {"text": where(loc)},
            "properties": {
                k: v
                for k, v in (
                    ("page", loc.page),
                    ("pageBasis", loc.page_basis),
                    ("sheet", loc.sheet),
                    ("cell", loc.cell),
                    ("paragraph", loc.paragraph),
                    ("tableIndex", loc.table_index),
                )
                if v is not None and (k != "pageBasis" or loc.page)
            },
        }
    elif loc.line is not None:
        physical["region"] = {"startLine": loc.line}
        if loc.page:
            physical["region"]["properties"] = {"page": loc.page, "pageBasis": loc.page_basis}
    out: dict = {"physicalLocation": physical}
    name = cell_name(loc) if loc.column else loc.table  # a table cell, or the section of the text
    if name:
        out["logicalLocations"] = [{"name": name, "kind": "member" if loc.column else "module"}]
    return out


def uri(path: str) -> str:
    """A file path as a relative or absolute URI reference (non-ASCII characters percent-encoded)."""
    return quote(Path(path).as_posix())


def _result(f: Finding, rule_index: dict[str, int], artifact: int, leads: dict[str, Finding]) -> dict:
    result: dict = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(loc, artifact, f.quote) for loc in f.locations]
        or [{"physicalLocation": {"artifactLocation": {"index": artifact}}}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    }
    if f.occurrences > 1:
        result["occurrenceCount"] = f.occurrences
    properties = {
        k: v
        for k, v in (
            ("title", f.title),
            ("fix", f.fix),
            ("formula", f.formula),
            ("reported", f.reported.contract() if f.reported else None),
            ("computed", f.computed.contract() if f.computed else None),
            ("difference", f.difference),
            ("unit", f.unit),
            ("cause", f.cause.contract() if f.cause else None),
            ("consequenceOf", f.consequence_of),
        )
        if v
    }
    if properties:
        result["properties"] = properties
    lead = leads.get(f.consequence_of or "")
    if lead is not None and lead.cause is not None:
        related = _location(lead.cause.location, artifact, None)
        related["id"] = 1
        related["message"] = {"text": f"可能的原因：{lead.cause.name} {lead.cause.printed}"}
        result["relatedLocations"] = [related]
    if f.waiver is not None:
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f.waiver.reason}]
    return result


def run_of(record: DocumentRecord, rules) -> dict:
    """One document's run: the rules its results refer to, its file, its results."""
    artifacts = [{"location": {"uri": uri(record.path)}}]
    notifications = []
    out: list[dict] = []
    used = sorted({f.rule for f in record.findings})
    by_id = {r.id: r for r in rules}
    driver_rules = [_rule(by_id[r]) if r in by_id else {"id": r} for r in used]
    if not record.checked:
        notifications.append(
            {
                "level": "error",
                "message": {"text": record.reason or "无法检查"},
                "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}}}],
            }
        )
    else:
        leads = {f.fingerprint: f for f in record.findings if f.cause is not None}
        rule_index = {r: i for i, r in enumerate(used)}
        out = [_result(f, rule_index, 0, leads) for f in record.findings]
    return {
        "tool": {"driver": {"name": "budgetlint", "version": __version__, "rules": driver_rules}},
        "artifacts": artifacts,
        "results": out,
        "invocations": [{"executionSuccessful": record.checked, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
    }


def _notes_run(notes: Results) -> dict | None:
    """A run without results that says what the run did not check (files skipped in folders)."""
    notifications = [{"level": "note", "message": {"text": line}} for line in notice_lines(notes)]
    if not notifications:
        return None
    return {
        "tool": {"driver": {"name": "budgetlint", "version": __version__}},
        "results": [],
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
    }


def _indented(value: object, depth: int) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


# The streaming protocol (report/__init__.py): a run per document, as it finishes.
SEPARATOR = ","


def head(**_: object) -> str:
    return '{\n  "$schema": "' + SCHEMA + '",\n  "version": "2.1.0",\n  "runs": ['


def document(record: DocumentRecord, doc=None, *, rules=(), **_: object) -> str:
    return "\n    " + _indented(run_of(record, rules), 2)


def tail(totals, notes: Results | None = None, **_: object) -> str:
    extra = _notes_run(notes) if notes is not None else None
    more = ("," if totals.files else "") + "\n    " + _indented(extra, 2) if extra else ""
    return more + ("\n  ]" if totals.files or extra else "]") + "\n}\n"


def render(results: Results, **_: object) -> str:
    records = [record_of(doc) for doc in results.documents]
    parts = SEPARATOR.join(document(r, rules=results.rules) for r in records)
    return head() + parts + tail(Totals.of(records), notes=results)
