"""JSON Schemas of the YAML files under rules/, generated from the types that load them, so an editor
(yaml-language-server and the like) completes and checks a rule while it is written.

    rule.schema.json      <ID>.yaml: model/rule.py's Rule, `check` one of the check kinds' Params
                          (each with its `kind`), `message` optional (rules/messages.yaml)
    cases.schema.json     <ID>.cases.yaml: testing/case_files.py
    template.schema.json  templates/<id>/template.yaml: model/templates.py's TemplateSpec
    table.schema.json     templates/<id>/tables/*.yaml: TableSpec, plus `extends`

They are kept in rules/schema/ (written by tools/generate.py) and a test compares them with what
this module generates, so a type that changes without them fails the tests.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from budgetlint.checks import CHECK_KINDS
from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.model.rule import Rule
from budgetlint.model.templates import TableSpec, TemplateSpec
from budgetlint.testing.case_files import CasesFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FILLED_BY_THE_LOADER = {"rule": ["path", "params"], "template": ["tables", "narrative"]}


def kind_summary(module: object) -> str:
    """What a check kind checks: the first paragraph of its module docstring, after "kind:"."""
    paragraph = (getattr(module, "__doc__", None) or "").strip().split("\n\n")[0]
    return " ".join(paragraph.split()).split(":", 1)[-1].strip()


def _schema(model: type[BaseModel], title: str, drop: list[str]) -> dict[str, Any]:
    schema = model.model_json_schema()
    for name in drop:
        schema["properties"].pop(name)
        schema["required"] = [r for r in schema.get("required", []) if r != name]
    return {"$schema": DIALECT, **schema, "title": title}


def rule_schema() -> dict[str, Any]:
    """Rule, with `check` as one of the kinds: each kind's Params and its `kind` constant."""
    kinds = {**CHECK_KINDS, **ACROSS_KINDS}
    params: list[tuple[type[BaseModel], JsonSchemaMode]] = [(module.Params, "validation") for module in kinds.values()]
    refs, defs = models_json_schema([(Rule, "validation"), *params], ref_template="#/$defs/{model}")
    definitions = defs["$defs"]
    rule = definitions.pop("Rule")
    for name in FILLED_BY_THE_LOADER["rule"]:
        rule["properties"].pop(name)
    definitions.pop("BaseModel", None)  # only `params`, filled by the loader, used it
    rule["required"] = [r for r in rule["required"] if r not in ("message", *FILLED_BY_THE_LOADER["rule"])]
    choices = []
    for kind, module in sorted(kinds.items()):
        name = refs[(module.Params, "validation")]["$ref"].rsplit("/", 1)[1]
        one = copy.deepcopy(definitions.pop(name))
        one["properties"] = {"kind": {"const": kind}, **one.get("properties", {})}
        one["required"] = ["kind", *one.get("required", [])]
        one["title"] = kind
        one["description"] = kind_summary(module)
        choices.append(one)
    rule["properties"]["check"] = {"title": "Check", "description": "kind + its parameters", "oneOf": choices}
    rule["properties"]["message"]["description"] = (
        "only when it says more than the kind's default (rules/messages.yaml)"
    )
    return {"$schema": DIALECT, **rule, "title": "budgetlint rule", "$defs": definitions}


def table_schema() -> dict[str, Any]:
    schema = _schema(TableSpec, "budgetlint template table", [])
    schema["properties"] = {
        "extends": {
            "type": "string",
            "description": "a template whose table of the same id this file changes by the fields it states",
        },
        **schema["properties"],
    }
    # a table that extends another states only what differs: the fields it needs come from the base
    schema["if"] = {"required": ["extends"]}
    schema["else"] = {"required": schema.pop("required")}
    return schema


SCHEMAS = {
    "rule.schema.json": rule_schema,
    "cases.schema.json": lambda: _schema(CasesFile, "budgetlint rule cases", []),
    "template.schema.json": lambda: _schema(TemplateSpec, "budgetlint template", FILLED_BY_THE_LOADER["template"]),
    "table.schema.json": table_schema,
}


def render(name: str) -> str:
    """The text of schema file `name`, as kept in rules/schema/."""
    return json.dumps(SCHEMAS[name](), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
