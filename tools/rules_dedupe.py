"""Remove the copies from rule and case files, as tests/rules/test_rule_files.py requires:

* a rule's `message:` equal to its check kind's default in rules/messages.yaml, and `status: stable`
  / `aliases: []` (the defaults), are deleted; a kind without a default gets its rules' most
  common message as one;
* a case document written in two places or more (`document`, `previous`, `units`) is kept once in
  rules/cases/documents/NAME.txt and each place says `{shared: NAME}`; a new one is named after its
  first rule and case (rename the file and its references to something that says what it holds).

Lines are deleted or replaced in place (comments and layout stay); each file is re-read afterwards
and must load to the same data, else the tool stops. Run it after merging rules from elsewhere:

    .venv/bin/python tools/rules_dedupe.py
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from budgetlint.checks import CHECK_KINDS
from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.rulebook.load import MESSAGES_FILE, rule_files
from budgetlint.testing.cases import _with_shared
from budgetlint.yaml_loader import load_yaml

RULES = Path(__file__).resolve().parents[1] / "rules"
DOCUMENTS = RULES / "cases" / "documents"
DEFAULT_LINES = ("status: stable", "aliases: []")
# a block scalar that holds a case document: `document: |`, `previous: |` or a `- |` list entry
BLOCK = re.compile(r"^(?P<prefix>(?P<indent> *)(?:- )?(?:(?:document|previous): )?)\|\s*$")


def _read(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"))


def messages() -> int:
    """Delete default messages, statuses and aliases from the rule files; the number of lines deleted."""
    path = RULES / MESSAGES_FILE
    kinds = {*CHECK_KINDS, *ACROSS_KINDS}
    defaults = {k: v for k, v in ((_read(path) if path.exists() else None) or {}).items() if k in kinds}
    files = rule_files(RULES)
    stated: dict[str, Counter[str]] = {}
    for file in files:
        data = _read(file)
        if "message" in data:
            stated.setdefault(data["check"]["kind"], Counter())[data["message"]] += 1
    for kind, counts in stated.items():
        defaults.setdefault(kind, min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0])
    head = [
        line for line in (path.read_text(encoding="utf-8") if path.exists() else "").split("\n") if line.startswith("#")
    ] or ["# The message of each check kind's findings, used by every rule of that kind that states none."]
    body = [
        f"{k}: {yaml.safe_dump(v, allow_unicode=True, width=10**6, default_style=chr(39)).strip()}"
        for k, v in sorted(defaults.items())
    ]
    path.write_text("\n".join([*head, *body]) + "\n", encoding="utf-8")
    deleted = 0
    for file in files:
        before = _read(file)
        default = defaults[before["check"]["kind"]]
        lines = file.read_text(encoding="utf-8").split("\n")
        kept = [
            line
            for line in lines
            if line not in DEFAULT_LINES and not (line.startswith("message:") and before.get("message") == default)
        ]
        after = load_yaml("\n".join(kept))
        filled = {"status": "stable", "aliases": [], "message": default}
        if {**filled, **after} != {**filled, **before}:
            raise SystemExit(f"{file}: the rule would change; left as it was")
        file.write_text("\n".join(kept), encoding="utf-8")
        deleted += len(lines) - len(kept)
    return deleted


def _blocks(lines: list[str]) -> list[tuple[int, int, str, str]]:
    """(first line, last line, prefix, text) of each block scalar that may hold a document."""
    found, i = [], 0
    while i < len(lines):
        m = BLOCK.match(lines[i])
        if not m:
            i += 1
            continue
        last = i
        for j in range(i + 1, len(lines)):
            if lines[j].strip() and len(lines[j]) - len(lines[j].lstrip(" ")) <= len(m["indent"]):
                break
            if lines[j].strip():
                last = j
        body = lines[i + 1 : last + 1]
        if body:
            indent = min(len(line) - len(line.lstrip(" ")) for line in body if line.strip())
            found.append((i, last, m["prefix"], "\n".join(line[indent:] for line in body) + "\n"))
        i = last + 1
    return found


def _documents(data: Any, where: str, key: str | None = None) -> list[tuple[str, str]]:
    """(text, where) of each case document in a cases file's data."""
    if isinstance(data, dict):
        here = f"{where}-{data['name']}" if "name" in data else where
        return [
            d
            for k, v in data.items()
            if k in ("document", "previous", "units", "cases")
            for d in _documents(v, here, k)
        ]
    if isinstance(data, list):
        return [d for v in data for d in _documents(v, where, key)]
    if isinstance(data, str) and "\n" in data and key in ("document", "previous", "units"):
        return [(data, where)]
    return []


def documents() -> int:
    """Share every case document written twice or more; the number of places replaced."""
    files = sorted(RULES.rglob("*.cases.yaml"))
    names = {p.read_text(encoding="utf-8"): p.stem for p in sorted(DOCUMENTS.glob("*.txt"))}
    copies: Counter[str] = Counter()
    first: dict[str, str] = {}
    for file in files:
        for text, where in _documents(_with_shared(_read(file), file), file.name.split(".")[0].lower()):
            copies[text] += 1
            first.setdefault(text, where)
    for text, count in sorted(copies.items()):
        if count > 1 and text not in names:
            name = re.sub(r"[^a-z0-9.-]+", "-", first[text]).strip("-")
            while name in names.values():
                name += "-2"
            names[text] = name
    DOCUMENTS.mkdir(parents=True, exist_ok=True)
    for text, name in names.items():
        if not (DOCUMENTS / f"{name}.txt").exists():
            (DOCUMENTS / f"{name}.txt").write_text(text, encoding="utf-8")
    replaced = 0
    for file in files:
        before = _with_shared(_read(file), file)
        lines = file.read_text(encoding="utf-8").split("\n")
        for start, end, prefix, text in reversed(_blocks(lines)):
            if text in names:
                lines[start : end + 1] = [f"{prefix}{{shared: {names[text]}}}"]
                replaced += 1
        if _with_shared(load_yaml("\n".join(lines)), file) != before:
            raise SystemExit(f"{file}: the cases would change; left as it was")
        file.write_text("\n".join(lines), encoding="utf-8")
    return replaced


def main() -> None:
    print(f"{messages()} default lines deleted from rule files; {documents()} case documents shared")


if __name__ == "__main__":
    main()
