"""The names rules may use: the table kinds and their column and row roles, as recognition knows them
(rules/vocabulary/national-tables.yaml, and the province templates' table files for layouts that
print more), and what one recognised document offers. `budgetlint roles` prints them, so a rule's
author picks a role that exists instead of reading the vocabulary's regexes."""

from __future__ import annotations

from dataclasses import dataclass

from budgetlint.model import Disclosure
from budgetlint.recognize.national import load_national
from budgetlint.recognize.templates import load_templates


@dataclass(frozen=True)
class KindRoles:
    """One table kind of one document kind, and the roles its tables may have."""

    document_kind: str  # budget | final_account
    table: str  # the table kind's id, as rules name it (check.table)
    name: str
    columns: tuple[str, ...]  # value column roles (and text column roles, e.g. 经济分类)
    rows: tuple[str, ...]
    templates: tuple[str, ...] = ()  # province templates with a table file of this kind


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def common_column_roles() -> tuple[str, ...]:
    """Column roles any table kind gets where its header prints them (一般公共预算, 人员经费 …)."""
    return _unique([c.role for c in load_national().columns])


def known_roles() -> list[KindRoles]:
    """Every national table kind with the roles of its own vocabulary entry and those the templates'
    table files of the same kind add; then the template tables no national kind names. (Add
    common_column_roles() to each: a header may print them in any table.)"""
    vocabulary = load_national()
    out: list[KindRoles] = []
    templates = load_templates()
    named: set[tuple[str, str]] = set()
    for document_kind in ("budget", "final_account"):
        for kind in vocabulary.kinds(document_kind):
            specs = [(t.id, t.table(kind.id)) for t in templates if t.kind == document_kind and t.table(kind.id)]
            columns = [*kind.expect, *(c.role for c in kind.columns), *(c.role for c in kind.text_columns)]
            rows = [r.role for r in kind.rows]
            for _, spec in specs:
                assert spec is not None
                columns += [c.role for s in spec.sides for c in s.columns + s.text_columns]
                rows += [r.role for r in spec.rows]
            out.append(
                KindRoles(
                    document_kind, kind.id, kind.name, _unique(columns), _unique(rows), tuple(t for t, _ in specs)
                )
            )
            named.add((document_kind, kind.id))
    for template in templates:
        for spec in template.tables:
            if (template.kind, spec.id) not in named:
                out.append(
                    KindRoles(
                        template.kind,
                        spec.id,
                        spec.name,
                        _unique([c.role for s in spec.sides for c in s.columns + s.text_columns]),
                        _unique([r.role for r in spec.rows]),
                        (template.id,),
                    )
                )
    return out


def document_roles(disclosure: Disclosure) -> list[KindRoles]:
    """The table kinds one recognised document has, with the roles recognition found in each."""
    return [
        KindRoles(
            disclosure.kind,
            t.kind,
            t.title,
            _unique(list(t.columns)),
            _unique([r.role for r in t.rows if r.role]),
            (disclosure.template,),
        )
        for t in disclosure.tables
    ]
