"""Choosing rules: --select and --ignore tokens, each an id, an alias, a name, a group or an id
prefix (TB, XT0). A token that chooses no rule is a usage error, never a silent empty run: the
user meant something, and running nothing (or everything) instead would look like a clean pass.
"""

from __future__ import annotations

import re

from budgetlint.errors import RuleError
from budgetlint.model.rule import Rule

_FAMILY = re.compile(r"^[A-Z]+")


def vocabulary(rules: list[Rule]) -> list[str]:
    """Every token that selects something: ids, aliases, names, groups and id families."""
    words = {w for r in rules for w in (r.id, r.name, *r.aliases, *r.groups)}
    words |= {m.group(0) for r in rules if (m := _FAMILY.match(r.id))}
    return sorted(words)


def suggestions(token: str, words: list[str], n: int = 3) -> list[str]:
    """The closest words, case ignored: by similarity, then by characters in the same place (so a
    mistyped NA0O1 suggests NA001 before NA015)."""
    import difflib  # here: only a mistyped code needs it, and the preload then needs no difflib

    def score(word: str) -> tuple[float, int]:
        a, b = token.upper(), word.upper()
        return difflib.SequenceMatcher(None, a, b).ratio(), sum(x == y for x, y in zip(a, b))

    ranked = sorted(((score(w), w) for w in words), key=lambda sw: (-sw[0][0], -sw[0][1], sw[1]))
    return [w for (ratio, _), w in ranked[:n] if ratio >= 0.6]


def _check_tokens(rules: list[Rule], tokens: list[str], option: str) -> None:
    for token in tokens:
        if not token.strip():
            raise RuleError(f"{option} 的值为空", hint=f"请给出规则代码、名称或分组，例如 {option} TB001")
        if not any(r.selected_by(token) for r in rules):
            close = suggestions(token, vocabulary(rules))
            hint = (f"是否想用：{'、'.join(close)}？" if close else "") + "budgetlint rules 可列出全部规则"
            raise RuleError(f"{option} {token}：没有这个规则代码、名称或分组", hint=hint)


def select_rules(rules: list[Rule], select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
    """The rules `select` chooses (all when None), without those `ignore` names."""
    _check_tokens(rules, select or [], "--select")
    _check_tokens(rules, ignore or [], "--ignore")
    chosen = [r for r in rules if select is None or any(r.selected_by(t) for t in select)]
    return [r for r in chosen if not ignore or not any(r.selected_by(t) for t in ignore)]


def with_severities(rules: list[Rule], severities: dict[str, str]) -> list[Rule]:
    """The rules with the project file's severities: a token (id, name, group, prefix) -> level;
    a longer token wins over a shorter one that also selects the rule (NA014 over NA)."""
    _check_tokens(rules, list(severities), "[severity]")
    out = []
    for rule in rules:
        tokens = sorted((t for t in severities if rule.selected_by(t)), key=len)
        out.append(rule.model_copy(update={"severity": severities[tokens[-1]]}) if tokens else rule)
    return out
