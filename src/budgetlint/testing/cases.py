"""Rule cases: each rule's <ID>.cases.yaml beside it, run by `budgetlint rules test` and pytest.

A cases file holds a `document` (TAB-row layout; ` | ` may stand for TAB so cases stay readable)
and named `cases`. A case may replace the document, or `edit` it ({find, to}: the first
occurrence of `find` becomes `to`) so that a fail case differs from its pass case only by the
defect. A case may instead name a `file` beside the cases file (a PDF, for what only a PDF shows:
blank pages, clipped text; an .xlsx, for formulas and hidden cells); its expected findings give
`page` and `line` (or `sheet` and `cell`) rather than `at`.
A rule across documents (checks/across/) reads the document with others that the store would hold:
`previous` (a document of the same unit of another year) and `units` (a list: the 单位 documents of
a department), at the top or per case (a case's `previous: null` drops it; `previous_edit` edits it
like `edit`, and an edit may be a list of {find, to}). Another document is its text, or
{template, document} when it uses another template. Expected findings name the main document's lines.
A document used by several cases files is kept once, in rules/cases/documents/NAME.txt, and named
wherever a document may stand: `document: {shared: NAME}` (also as `previous`, a `units` entry or
the `document` of {template, document}). The nearest cases/documents/ folder above the cases file
holds it (a rules folder of one's own may keep its own), else the bundled one.
Expectations:
  pass_*         no finding, at least one pass, no error
  fail_*         exactly the listed findings: {at, line, page, row, column, sheet, cell, severity} of
                 the first location, where `at` is text of the (edited) document that names the line
  na_*           every evaluation not_applicable
  insufficient_* at least one insufficient_data and no finding
  todo_*         a known gap: it must NOT meet its expectation yet (strict expected failure)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.engine import run_across, run_rules
from budgetlint.errors import BudgetlintError, RuleError
from budgetlint.ingest import read_document, read_text
from budgetlint.model import Outcome
from budgetlint.paths import rules_root
from budgetlint.recognize import recognize
from budgetlint.recognize.figures import figures_of
from budgetlint.rulebook import Rule, load_rules
from budgetlint.testing.case_files import SHARED_NAME, CasesFile
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file

_CELL_BAR = re.compile(r"[ \t]*\|[ \t]*")


@dataclass(frozen=True)
class Case:
    rule: Rule
    name: str
    document: str
    template: str | None
    expect: dict
    file: Path | None = None  # read this file instead of `document`
    others: tuple[tuple[str | None, str], ...] = ()  # a rule across documents: (template, text) of the others

    @property
    def case_id(self) -> str:
        return f"{self.rule.id}::{self.name}"


@dataclass(frozen=True)
class CaseResult:
    case_id: str
    ok: bool
    problem: str = ""


def to_tab_layout(text: str) -> str:
    return "\n".join(_CELL_BAR.sub("\t", line) for line in text.split("\n"))


def _edited(document: str, edit: dict | list[dict] | None, case_id: str) -> str:
    """`edit` ({find, to}, or a list of them applied in turn) applied to the document."""
    for one in [edit] if isinstance(edit, dict) else edit or []:
        if one["find"] not in document:
            raise RuleError(f"用例 {case_id} 的编辑找不到“{one['find']}”")
        document = document.replace(one["find"], str(one["to"]), 1)
    return document


def _line_of(document: str, text: str, case_id: str) -> int:
    for number, line in enumerate(document.split("\n"), start=1):
        if text in line:
            return number
    raise RuleError(f"用例 {case_id} 的期望位置找不到“{text}”")


def _expected(document: str, expect: dict, case_id: str) -> dict:
    """Resolve `at` (text naming a line) into `line` in the expected findings."""
    findings = []
    for item in expect.get("findings", []):
        item = dict(item)
        if "at" in item:
            item["line"] = _line_of(document, item.pop("at"), case_id)
        findings.append(item)
    return {**expect, "findings": findings}


def _other(entry: str | dict | None, template: str | None) -> tuple[str | None, str] | None:
    """Another document of a case: its text, or {template, document} when it uses another template."""
    if not entry:
        return None
    if isinstance(entry, dict):
        return entry.get("template", template), entry["document"]
    return template, entry


_SHARED_NAME = re.compile(SHARED_NAME)


def shared_document(name: object, cases_file: Path) -> str:
    """The text of the shared case document NAME (module docstring), read for a case in cases_file."""
    if not isinstance(name, str) or not _SHARED_NAME.fullmatch(name):
        raise RuleError(f"共享用例文档的名称应为小写字母、数字、点和连字符：{name!r}", path=str(cases_file))
    for folder in [*cases_file.resolve().parents, rules_root()]:
        candidate = folder / "cases" / "documents" / f"{name}.txt"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise RuleError(f"找不到共享用例文档 {name}（cases/documents/{name}.txt）", path=str(cases_file))


def _with_shared(data: object, cases_file: Path) -> object:
    """The cases data with every {shared: NAME} replaced by that document's text."""
    if isinstance(data, dict):
        if set(data) == {"shared"}:
            return shared_document(data["shared"], cases_file)
        return {k: _with_shared(v, cases_file) for k, v in data.items()}
    if isinstance(data, list):
        return [_with_shared(v, cases_file) for v in data]
    return data


def cases_path(rule: Rule) -> Path:
    return Path(rule.path).with_name(f"{rule.id}.cases.yaml")


def load_cases(rule: Rule) -> list[Case]:
    path = cases_path(rule)
    if not path.exists():
        return []
    raw = load_yaml_file(path, RuleError, "用例文件") or {}
    if not isinstance(raw, dict):
        raise RuleError("用例文件应为一个 YAML 映射（键: 值）", path=str(path))
    try:
        CasesFile.model_validate(raw)
    except ValidationError as exc:
        raise RuleError(f"用例定义有误：{validation_message(exc)}", path=str(path)) from exc
    data = _with_shared(raw, path)
    assert isinstance(data, dict)  # a CasesFile
    base = data.get("document", "")
    template = data.get("template") or (rule.applies_to.templates[0] if rule.applies_to.templates else None)
    out = []
    for item in data.get("cases", []):
        case_id = f"{rule.id}::{item['name']}"
        case_template = item.get("template", template)
        if "file" in item:
            out.append(
                Case(
                    rule,
                    item["name"],
                    "",
                    case_template,
                    _expected("", item.get("expect", {}), case_id),
                    file=path.with_name(item["file"]),
                )
            )
            continue
        document = _edited(item.get("document", base), item.get("edit"), case_id)
        expect = _expected(document, item.get("expect", {}), case_id)
        previous = _other(item["previous"] if "previous" in item else data.get("previous"), template)
        others = [(previous[0], _edited(previous[1], item.get("previous_edit"), case_id))] if previous else []
        units = item["units"] if "units" in item else data.get("units", [])
        others += [other for u in units if (other := _other(u, template)) is not None]
        out.append(
            Case(
                rule,
                item["name"],
                to_tab_layout(document),
                case_template,
                expect,
                others=tuple((t, to_tab_layout(text)) for t, text in others),
            )
        )
    return out


def collect_cases(rules_dirs: list[Path] | None = None, paths: list[Path] | None = None) -> list[Case]:
    rules = load_rules(rules_dirs)
    if paths:
        wanted = [p.resolve() for p in paths]
        rules = [
            r
            for r in rules
            if any(
                w == Path(r.path).resolve() or w in Path(r.path).resolve().parents or w.stem.split(".")[0] == r.id
                for w in wanted
            )
        ]
    return [case for rule in rules for case in load_cases(rule)]


def _finding_key(finding) -> dict:
    loc = finding.locations[0] if finding.locations else None
    return {
        "line": loc.line if loc else None,
        "page": loc.page if loc else None,
        "row": loc.row if loc else None,
        "column": loc.column if loc else None,
        "sheet": loc.sheet if loc else None,
        "cell": loc.cell if loc else None,
        "severity": finding.severity,
    }


def _matches(expected: dict, actual: dict) -> bool:
    return all(actual.get(k) == v for k, v in expected.items())


def check_expectation(case: Case) -> str:
    """'' when the case behaves as it says; otherwise what went wrong."""
    try:
        source = read_document(case.file) if case.file else read_text(case.document, path=f"{case.case_id}.txt")
        disclosure = recognize(source, template_id=case.template)
        others = [
            recognize(read_text(text, path=f"{case.case_id}.other{i}.txt"), template_id=template)
            for i, (template, text) in enumerate(case.others)
        ]
    except BudgetlintError as exc:
        return f"document not readable: {exc.user_text()}"
    if case.rule.kind in ACROSS_KINDS:
        run = run_across([case.rule], [figures_of(d) for d in [disclosure, *others]])[0]
    else:
        run = run_rules([case.rule], disclosure)
    outcomes = [e.outcome for e in run.evaluations]
    found = [_finding_key(f) for f in run.findings]
    kind = case.name.removeprefix("todo_").split("_", 1)[0]
    if Outcome.ERROR in outcomes:
        return "error outcome: " + "; ".join(e.detail or "" for e in run.evaluations if e.outcome == Outcome.ERROR)
    if kind == "pass":
        if found or Outcome.PASS not in outcomes:
            return f"expected pass; got {run.summary}, findings {found}"
    elif kind == "fail":
        wanted = case.expect.get("findings", [])
        if not wanted:
            return "a fail case must list its findings"
        remaining = list(found)
        for w in wanted:
            hit = next((a for a in remaining if _matches(w, a)), None)
            if hit is None:
                return f"missing finding {w}; got {found}"
            remaining.remove(hit)
        if remaining:
            return f"unexpected findings {remaining}"
    elif kind == "na":
        if not outcomes or any(o != Outcome.NOT_APPLICABLE for o in outcomes):
            return f"expected not_applicable only; got {run.summary}"
    elif kind == "insufficient":
        if found or Outcome.INSUFFICIENT_DATA not in outcomes:
            return f"expected insufficient_data; got {run.summary}, findings {found}"
    else:
        return f"case name must start with pass_, fail_, na_, insufficient_ or todo_: {case.name}"
    return ""


def run_case(case: Case) -> CaseResult:
    problem = check_expectation(case)
    if case.name.startswith("todo_"):
        if not problem:
            return CaseResult(case.case_id, False, "todo case now passes: turn it into a real case")
        return CaseResult(case.case_id, True)
    return CaseResult(case.case_id, not problem, problem)


def run_all_cases(rules_dirs: list[Path] | None = None, paths: list[Path] | None = None) -> list[CaseResult]:
    return [run_case(c) for c in collect_cases(rules_dirs, paths)]


def rule_doc(rule_id: str, rules_dirs: list[Path] | None = None) -> str:
    """`budgetlint rules show`: the rule as loaded (its kind's default message filled in), and its example case."""
    rule = next((r for r in load_rules(rules_dirs) if rule_id in (r.id, r.name, *r.aliases)), None)
    if rule is None:
        raise RuleError(f"没有这条规则：{rule_id}")
    example = next((c for c in load_cases(rule) if c.name == rule.doc.example), None)
    lines = [
        f"{rule.id} {rule.name}",
        rule.title,
        "",
        f"级别 {rule.severity} · 状态 {rule.status} · 自 {rule.since} · 分组 {', '.join(rule.groups)}",
        f"检查类型 {rule.kind} · 适用模板 {', '.join(rule.applies_to.templates) or '全部'}"
        + (f" · 仅{'预算' if rule.applies_to.kind == 'budget' else '决算'}" if rule.applies_to.kind else ""),
        "检查参数："
        + "；".join(
            f"{k} = {', '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in rule.check.items()
            if k != "kind"
        ),
        f"消息：{rule.message}",
        *([f"修改建议：{rule.fix}"] if rule.fix else []),
        "",
        f"检查什么：{rule.doc.what}",
        f"为什么：{rule.doc.why}",
    ]
    if example and example.file:
        lines += ["", f"示例（用例 {example.name}）：{example.file.name}"]
    elif example:
        lines += ["", f"示例（用例 {example.name}）：", example.document.replace("\t", " | ")]
    if rule.references:
        lines += ["", "参考：" + "、".join(rule.references)]
    return "\n".join(lines) + "\n"
