"""Write the files generated from the code and the rules: rules/schema/*.json (JSON Schemas of the rule,
cases, template and table files) and docs/rules.md (the rule catalogue). Run after changing a rule, a
check kind's Params or a template type; tests/unit/test_generated.py fails while they are stale.

    .venv/bin/python tools/generate.py
"""

from __future__ import annotations

from pathlib import Path

from budgetlint.testing.catalog import rules_page
from budgetlint.testing.schema import SCHEMAS, render

REPO = Path(__file__).resolve().parents[1]


def generated() -> dict[Path, str]:
    """Each generated file (repository path) and the text it should hold."""
    files = {REPO / "rules" / "schema" / name: render(name) for name in SCHEMAS}
    files[REPO / "docs" / "rules.md"] = rules_page()
    return files


def main() -> None:
    for path, text in generated().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
