"""Files generated from the code and the rules (tools/generate.py) are current, and the JSON Schemas
accept every bundled rule, cases, template and table file while refusing what the loader refuses."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from budgetlint.yaml_loader import load_yaml

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "rules"


def _generate_module():
    spec = importlib.util.spec_from_file_location("generate", REPO / "tools" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_files_are_current():
    stale = [
        str(path.relative_to(REPO))
        for path, text in _generate_module().generated().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run .venv/bin/python tools/generate.py"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((RULES / "schema" / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _files(kind: str) -> list[Path]:
    yaml_files = sorted(RULES.rglob("*.yaml"))
    templates = [p for p in yaml_files if p.relative_to(RULES).parts[0] == "templates"]
    return {
        "rule.schema.json": [
            p
            for p in yaml_files
            if p.relative_to(RULES).parts[0] not in ("templates", "vocabulary")
            and not p.name.endswith(".cases.yaml")
            and p.name != "messages.yaml"
        ],
        "cases.schema.json": [p for p in yaml_files if p.name.endswith(".cases.yaml")],
        "template.schema.json": [p for p in templates if p.name == "template.yaml"],
        "table.schema.json": [p for p in templates if p.parent.name == "tables"],
    }[kind]


@pytest.mark.parametrize("name", ["rule.schema.json", "cases.schema.json", "template.schema.json", "table.schema.json"])
def test_every_bundled_file_is_valid_against_its_schema(name):
    validator = _validator(name)
    files = _files(name)
    assert len(files) >= 6
    invalid = {
        str(p.relative_to(RULES)): next(iter(validator.iter_errors(load_yaml(p.read_text(encoding="utf-8")))), None)
        for p in files
    }
    assert {path: error.message for path, error in invalid.items() if error} == {}


def test_the_rule_schema_refuses_what_the_loader_refuses():
    validator = _validator("rule.schema.json")
    rule = load_yaml((RULES / "tables" / "TB001.yaml").read_text(encoding="utf-8"))
    assert validator.is_valid(rule)
    assert not validator.is_valid({**rule, "check": {**rule["check"], "kind": "no_such_kind"}})
    assert not validator.is_valid({**rule, "check": {**rule["check"], "tabel": "budget_summary"}})  # a typo
    assert not validator.is_valid({**rule, "severity": "fatal"})
    assert not validator.is_valid({k: v for k, v in rule.items() if k != "doc"})
    cases = _validator("cases.schema.json")
    assert not cases.is_valid({"cases": [{"name": "ok_but_no_prefix"}]})
    assert not cases.is_valid({"document": {"shared": "../x"}})
