"""Every YAML file budgetlint reads (rules, templates, rule cases) goes through `load_yaml`.

It uses libyaml's CSafeLoader when PyYAML was built with it, else PyYAML's pure-Python
SafeLoader. Both build the same data (tests/unit/test_yaml_loader.py reads every file under rules/
both ways); the C loader reads the bundled rules and templates in about an eighth of the time,
which is most of what a `budgetlint check` spends before it opens the first file.
"""

from __future__ import annotations

from typing import Any

import yaml

SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, loader: type | None = None) -> Any:
    """The data of a YAML document (safe: plain types only); yaml.YAMLError when it does not parse."""
    return yaml.load(text, Loader=loader or SAFE_LOADER)
