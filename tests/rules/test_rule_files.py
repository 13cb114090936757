"""Lint the rule files themselves: ids, docs, cases, kinds."""

import re
from pathlib import Path

import pytest

from budgetlint import checks
from budgetlint.checks import CHECK_KINDS, SUPPORT_MODULES
from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.errors import RuleError
from budgetlint.rulebook import load_rules
from budgetlint.rulebook.load import load_rule
from budgetlint.testing.cases import load_cases

RULES = load_rules()
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_rules_are_loaded():
    assert len(RULES) >= 40


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_doc_and_cases_that_show_both_outcomes(rule):
    cases = load_cases(rule)
    names = [c.name for c in cases]
    assert any(n.startswith("pass_") for n in names), "a rule needs a pass_ case"
    assert any(n.startswith("fail_") for n in names), "a rule needs a fail_ case"
    assert rule.doc.example in names, "doc.example must name one of the rule's cases"
    assert re.fullmatch(r"[A-Z]{2}\d{3}", rule.id)
    assert Path(rule.path).stem == rule.id
    assert rule.title and rule.doc.what and rule.doc.why


def test_every_check_kind_is_used_by_a_rule():
    used = {r.kind for r in RULES}
    assert used == set(CHECK_KINDS) | set(ACROSS_KINDS)


def test_registry_matches_the_checks_folder():
    folder = Path(checks.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    modules |= {p.parent.name for p in folder.glob("*/__init__.py")}  # support split into a package
    assert modules == set(CHECK_KINDS) | SUPPORT_MODULES
    across = Path(checks.__file__).parent / "across"
    assert {p.stem for p in across.glob("*.py") if p.stem != "__init__"} == set(ACROSS_KINDS)


def test_each_kind_documents_itself_and_forbids_unknown_params():
    for name, module in {**CHECK_KINDS, **ACROSS_KINDS}.items():
        assert module.__doc__ and name in module.__doc__.split(":", 1)[0]
        assert module.Params.model_config.get("extra") == "forbid"


def test_every_kind_is_in_the_rule_writing_guide():
    guide = (FIXTURES.parent / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    assert [name for name in [*CHECK_KINDS, *ACROSS_KINDS] if f"`{name}`" not in guide] == []


def test_malformed_rule_yaml_is_a_rule_error():
    with pytest.raises(RuleError) as info:
        load_rule(FIXTURES / "bad" / "malformed-rule" / "TB901.yaml")
    assert "YAML" in info.value.message


def test_unknown_param_is_caught_at_load(tmp_path):
    text = Path(RULES[0].path).read_text(encoding="utf-8").replace("check:\n", "check:\n  colums: [total]\n", 1)
    bad = tmp_path / f"{RULES[0].id}.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule(bad)
    assert "colums" in info.value.message


@pytest.mark.parametrize(
    "rule_id, find, to",
    [
        ("DC012", "(?:\\(cid:\\d++\\))*'", "(?:\\(cid:\\d++\\)*'"),  # text_pattern
        ("DC013", "line: '^编制(?:部门|单位)", "line: '^编制(?:部门|单位"),  # unit_name
        ("DC008", "['本部门',", "['本部门(',"),  # scope_wording: a list of regexes per scope
    ],
)
def test_a_parameter_regex_that_does_not_compile_is_a_rule_error(tmp_path, rule_id, find, to):
    source = Path(next(r.path for r in RULES if r.id == rule_id)).read_text(encoding="utf-8")
    assert find in source
    bad = tmp_path / f"{rule_id}.yaml"
    bad.write_text(source.replace(find, to, 1), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule(bad)
    assert "正则表达式有误" in info.value.message


def test_duplicate_ids_are_refused(tmp_path):
    copy = tmp_path / Path(RULES[0].path).name
    copy.write_text(Path(RULES[0].path).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RuleError):
        load_rules([tmp_path])


def test_every_kind_has_a_default_message_and_a_rule_omits_only_its_default():
    """rules/messages.yaml: one message per check kind; a rule file writes `message:` only to say more."""
    from budgetlint.rulebook.load import default_messages
    from budgetlint.yaml_loader import load_yaml

    messages = default_messages()
    assert set(messages) == set(CHECK_KINDS) | set(ACROSS_KINDS)
    for rule in RULES:
        stated = load_yaml(Path(rule.path).read_text(encoding="utf-8")).get("message")
        assert rule.message == (stated or messages[rule.kind])
        assert stated != messages[rule.kind], f"{rule.id} repeats its kind's default message: tools/rules_dedupe.py"


def test_a_rule_without_message_gets_its_kinds_default_and_rules_show_prints_it(tmp_path):
    from budgetlint.testing.cases import rule_doc

    text = (FIXTURES.parent / "rules" / "tables" / "TB001.yaml").read_text(encoding="utf-8")
    (tmp_path / "TB901.yaml").write_text(
        "\n".join(line for line in text.split("\n") if not line.startswith("message:"))
        .replace("id: TB001", "id: TB901")
        .replace("name: revenue-items-differ-from-revenue-total", "name: tb-901"),
        encoding="utf-8",
    )
    rule = load_rule(tmp_path / "TB901.yaml", {"column_sum": "{subject}：默认"})
    assert rule.message == "{subject}：默认"
    shown = rule_doc("TB001")
    assert f"消息：{next(r for r in RULES if r.id == 'TB001').message}" in shown
    assert "检查参数：table = budget_summary" in shown


def test_a_rule_without_message_of_a_kind_without_default_is_refused(tmp_path):
    text = (FIXTURES.parent / "rules" / "tables" / "TB001.yaml").read_text(encoding="utf-8")
    (tmp_path / "TB001.yaml").write_text(
        "\n".join(line for line in text.split("\n") if not line.startswith("message:")), encoding="utf-8"
    )
    with pytest.raises(RuleError, match="没有默认消息"):
        load_rule(tmp_path / "TB001.yaml", {})


def _documents_of(data, key=None):
    """Every case document (text under document / previous / units) of a cases file's data."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k in ("document", "previous", "units", "cases"):
                yield from _documents_of(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _documents_of(v, key)
    elif isinstance(data, str) and key in ("document", "previous", "units"):
        yield data


def test_case_documents_are_not_copied_and_shared_ones_are_used_twice():
    """A document several cases use is written once, in rules/cases/documents/, and named there."""
    from collections import Counter

    from budgetlint.yaml_loader import load_yaml

    root = FIXTURES.parent / "rules"
    written: Counter[str] = Counter()
    shared: Counter[str] = Counter()
    for path in sorted(root.rglob("*.cases.yaml")):
        text = path.read_text(encoding="utf-8")
        written.update(d for d in _documents_of(load_yaml(text)) if "\n" in d)
        shared.update(re.findall(r"\{shared: ([\w.-]+)\}", text))
    assert [d.split("\n")[0] for d, n in written.items() if n > 1] == [], "share them: tools/rules_dedupe.py"
    documents = {p.stem: p.read_text(encoding="utf-8") for p in (root / "cases" / "documents").glob("*.txt")}
    assert documents and all(shared[name] >= 2 for name in documents), "a document used once stays in its cases file"
    assert not set(documents.values()) & set(written), "a shared document is copied into a cases file"


def test_a_shared_document_is_found_beside_the_cases_or_bundled_and_a_bad_name_is_one_error(tmp_path):
    from budgetlint.testing.cases import shared_document

    cases = tmp_path / "pack" / "tables" / "TB901.cases.yaml"
    (tmp_path / "pack" / "cases" / "documents").mkdir(parents=True)
    (tmp_path / "pack" / "cases" / "documents" / "mine.txt").write_text("某表\n", encoding="utf-8")
    assert shared_document("mine", cases) == "某表\n"
    bundled = (FIXTURES.parent / "rules" / "cases" / "documents" / "budget-summary.txt").read_text(encoding="utf-8")
    assert shared_document("budget-summary", cases) == bundled
    with pytest.raises(RuleError, match="找不到共享用例文档 nothing") as missing:
        shared_document("nothing", cases)
    assert str(cases) in missing.value.user_text()
    with pytest.raises(RuleError, match="名称"):
        shared_document("../../etc/passwd", cases)


def test_a_malformed_cases_file_is_one_error_naming_the_file_and_the_field(tmp_path):
    import shutil

    for name in ("TB001.yaml", "TB001.cases.yaml"):
        shutil.copy(FIXTURES.parent / "rules" / "tables" / name, tmp_path / name)
    (tmp_path / "TB001.cases.yaml").write_text("cases:\n- name: pass_x\n  expct: {}\n", encoding="utf-8")
    rule = load_rule(tmp_path / "TB001.yaml")
    with pytest.raises(RuleError) as info:
        load_cases(rule)
    assert "字段 cases[0].expct" in info.value.message and info.value.path == str(tmp_path / "TB001.cases.yaml")


# --- errors at the edges: one Chinese line naming the file and the field ----------------------


def _rule_with(tmp_path, rule_id, find, to):
    source = Path(next(r.path for r in RULES if r.id == rule_id)).read_text(encoding="utf-8")
    assert find in source
    bad = tmp_path / f"{rule_id}.yaml"
    bad.write_text(source.replace(find, to, 1), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule(bad)
    text = info.value.user_text()
    assert str(bad) in text and "\n" not in text and "http" not in text
    return info.value.message


@pytest.mark.parametrize(
    "template",
    [
        "{subject:d}",
        "{subject:>10000000}",
        "{subject!r}",
        "{}",
        "{0}",
        "{subject.__class__}",
        "{actual[0]}",
        "{subject",
        "subject}",
    ],
)
def test_a_message_template_with_a_format_spec_or_an_odd_field_is_refused_at_load(tmp_path, template):
    message = _rule_with(tmp_path, "TB001", "id: TB001", f"id: TB001\nmessage: '{template}'")
    assert message.startswith("规则定义有误：字段 message：消息模板") and "；" not in message


def test_a_plain_message_template_loads(tmp_path):
    source = Path(next(r.path for r in RULES if r.id == "TB001")).read_text(encoding="utf-8")
    rule_file = tmp_path / "TB001.yaml"
    rule_file.write_text(source, encoding="utf-8")
    assert "{" in load_rule(rule_file).message


def test_a_kind_that_is_not_a_name_is_a_rule_error(tmp_path):
    assert "check.kind" in _rule_with(tmp_path, "TB001", "kind: column_sum", "kind: [x]")


def test_a_regex_with_an_enormous_repeat_is_a_rule_error(tmp_path):
    message = _rule_with(tmp_path, "DC012", "'\\(cid:\\d++\\)(?:\\(cid:\\d++\\))*'", "'a{4294967295}'")
    assert "check.patterns[0].pattern" in message and "正则表达式有误" in message


def test_a_duplicate_key_is_a_rule_error(tmp_path):
    assert "重复的键 'severity'" in _rule_with(tmp_path, "TB001", "title:", "severity: info\ntitle:")


def test_a_malformed_cases_file_names_itself_and_the_field(tmp_path):
    source = Path(next(r.path for r in RULES if r.id == "TB001"))
    (tmp_path / "TB001.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    cases = tmp_path / "TB001.cases.yaml"
    cases.write_text("document: x\ncases:\n  - nam: pass_x\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_cases(load_rule(tmp_path / "TB001.yaml"))
    assert str(cases) in info.value.user_text() and "字段 cases[0].name：缺少必填字段" in info.value.message
