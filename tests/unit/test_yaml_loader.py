"""YAML loading: libyaml's loader and the pure-Python one read the same rules; rules load once."""

from pathlib import Path

import pytest
import yaml

from budgetlint import yaml_loader
from budgetlint.errors import RuleError
from budgetlint.rulebook import load_rules
from budgetlint.yaml_loader import load_yaml

RULES = Path(__file__).resolve().parents[2] / "rules"

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")


def test_the_c_loader_is_used_when_pyyaml_has_it():
    assert yaml_loader.SAFE_LOADER is yaml.CSafeLoader


def test_both_loaders_read_every_file_under_rules_alike():
    files = sorted(RULES.rglob("*.yaml"))
    assert len(files) > 200  # rules, their cases, templates, vocabularies
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_yaml(text, yaml.CSafeLoader) == load_yaml(text, yaml.SafeLoader), path


def test_both_loaders_give_the_same_rules(monkeypatch, tmp_path):
    # a copy of the rules with one file touched, so neither load is served from the process cache
    fast = load_rules()
    monkeypatch.setattr(yaml_loader, "SAFE_LOADER", yaml.SafeLoader)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "TB900.yaml").write_text(
        (RULES / "tables" / "TB001.yaml").read_text(encoding="utf-8").replace("id: TB001", "id: TB900"),
        encoding="utf-8",
    )
    pure = [r for r in load_rules([extra]) if r.id != "TB900"]
    assert [r.model_dump() for r in pure] == [r.model_dump() for r in fast]
    assert [r.params for r in pure] == [r.params for r in fast]


def test_both_loaders_reject_the_same_broken_yaml():
    text = "id: TB001\ncheck: {kind: row_sum\n"
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        with pytest.raises(yaml.YAMLError):
            load_yaml(text, loader)


def test_rules_are_loaded_once_until_a_file_changes(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    rule = extra / "TB901.yaml"
    rule.write_text(
        (RULES / "tables" / "TB001.yaml").read_text(encoding="utf-8").replace("id: TB001", "id: TB901"),
        encoding="utf-8",
    )
    first, again = load_rules([extra]), load_rules([extra])
    assert [id(r) for r in first] == [id(r) for r in again]  # the same objects: not read twice
    rule.write_text(rule.read_text(encoding="utf-8").replace("severity: error", "severity: warning"), encoding="utf-8")
    changed = next(r for r in load_rules([extra]) if r.id == "TB901")
    assert changed.severity == "warning"
    rule.write_text("id: TB901\ncheck: [", encoding="utf-8")
    with pytest.raises(RuleError):
        load_rules([extra])
