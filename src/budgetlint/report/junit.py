"""JUnit XML (`--format junit`): one test case per check outcome, for CI systems that show tests.

A test suite per document; a test case per evaluation, named by its rule and subject:
* pass: a plain test case;
* fail: <failure> with the finding's message (a waived one is <skipped> with the waiver's reason,
  as CI should not fail on it);
* not_applicable and insufficient_data: <skipped> with the reason (so "not checked" is never
  counted as passed);
* error: <error> with what went wrong.
A file that could not be read is a suite with one <error> test case. Written a suite at a time,
as documents finish. Only the standard library.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from budgetlint.model import Finding, Outcome
from budgetlint.model.results import DocumentResult, Results, RuleRun
from budgetlint.report.phrases import OUTCOME_NAMES, where
from budgetlint.report.record import DocumentRecord, record_of


def _finding_of(run: RuleRun) -> dict[int, Finding]:
    return {i: f for f in run.findings for i in f.sources}


def _suite(record: DocumentRecord, doc: DocumentResult | None, titles: dict[str, str]) -> ET.Element:
    suite = ET.Element("testsuite", name=record.path)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if doc is None or doc.run is None:
        case = ET.SubElement(suite, "testcase", classname=record.path, name="读取文件")
        ET.SubElement(case, "error", message=record.reason or (doc.error if doc else None) or "无法检查")
        counts.update(tests=1, errors=1)
    else:
        findings = _finding_of(doc.run)
        for i, e in enumerate(doc.run.evaluations):
            name = f"{e.rule} {e.subject}".strip()
            case = ET.SubElement(suite, "testcase", classname=f"{record.path}.{e.rule}", name=name)
            counts["tests"] += 1
            f = findings.get(i)
            if e.outcome == Outcome.FAIL and f is not None and f.waiver is None:
                place = where(f.locations[0]) if f.locations else ""
                failure = ET.SubElement(case, "failure", message=f.message, type=f.severity)
                lines = [f"{titles.get(e.rule, '')} {place}".strip(), f"修改建议：{f.fix}" if f.fix else "", f.formula]
                failure.text = "\n".join(x for x in lines if x)
                counts["failures"] += 1
            elif e.outcome == Outcome.FAIL:
                reason = f.waiver.reason if f is not None and f.waiver is not None else ""
                ET.SubElement(case, "skipped", message=f"已豁免：{reason}")
                counts["skipped"] += 1
            elif e.outcome in (Outcome.NOT_APPLICABLE, Outcome.INSUFFICIENT_DATA):
                ET.SubElement(case, "skipped", message=f"{OUTCOME_NAMES[e.outcome.value]}：{e.detail or ''}")
                counts["skipped"] += 1
            elif e.outcome == Outcome.ERROR:
                ET.SubElement(case, "error", message=e.detail or "检查出错")
                counts["errors"] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


# The streaming protocol (report/__init__.py): a test suite per document, as it finishes.
def head(**_: object) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="budgetlint">\n'


def document(record: DocumentRecord, doc: DocumentResult | None = None, *, rules=(), **_: object) -> str:
    suite = _suite(record, doc, {r.id: r.title for r in rules})
    ET.indent(suite, level=1)
    return "  " + ET.tostring(suite, encoding="unicode") + "\n"


def tail(totals, **_: object) -> str:
    return "</testsuites>\n"


def render(results: Results, **_: object) -> str:
    parts = "".join(document(record_of(doc), doc, rules=results.rules) for doc in results.documents)
    return head() + parts + tail(None)
