"""Binding narrative amounts to table facts through a template's subject vocabulary.

A claim binds only when its subject is a vocabulary name (after normalisation), the vocabulary
entry allows the claim's section, no other entry claims the same subject there, the claim is not
inside a 主要原因 explanation and its clause names no year other than the document's own.
Everything else stays unbound and is counted as such: a number is never guessed onto a cell.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from budgetlint.datafiles import load_yaml, validation_message
from budgetlint.errors import TemplateError
from budgetlint.model import Disclosure, Fact, Location
from budgetlint.paths import rules_root
from budgetlint.patterns import Regex
from budgetlint.recognize.labels import squeeze
from budgetlint.recognize.narrative.claims import AmountClaim

_SUBJECT_NOISE = re.compile(r"^(其中|主要包括|包括|主要用于|共计|合计为?|共)+|(为|是|共计|达|共)$|（类）|（款）|（项）")
_YEAR = re.compile(r"(20\d\d)年")
_QUOTES = str.maketrans("", "", "“”\"'‘’")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactPath(Strict):
    table: str
    row: str
    column: str


class SubjectSpec(Strict):
    names: list[str]
    sections: list[Regex] = Field(default_factory=list)  # regexes on the section heading; empty: anywhere
    facts: list[FactPath]  # added up when several

    @cached_property
    def normalised_names(self) -> frozenset[str]:
        return frozenset(normalise_subject(n) for n in self.names)


class ClassSpec(Strict):
    """In these sections a 类 name (教育支出) binds to the 类 row of `table` with that name."""

    sections: list[Regex]
    table: str
    column: str
    roles: list[str] = Field(default_factory=list)  # rows with these roles (tables without codes)


class Vocabulary(Strict):
    subjects: list[SubjectSpec] = Field(default_factory=list)
    classes: list[ClassSpec] = Field(default_factory=list)


class Binding(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    claim: AmountClaim
    subject: str  # the vocabulary name or 类 name it matched
    claim_fact: Fact
    facts: tuple[Fact, ...]


@cache
def load_vocabulary(template_id: str, root: Path | None = None) -> Vocabulary | None:
    path = (root or rules_root()) / "templates" / template_id / "narrative.yaml"
    if not path.exists():
        return None
    data = load_yaml(path, TemplateError, "正文主题词表") or {}
    if not isinstance(data, dict):
        raise TemplateError("正文主题词表应为一个 YAML 映射（键: 值）", path=str(path))
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(f"正文主题词表有误：{validation_message(exc)}", path=str(path)) from exc


def normalise_subject(subject: str | None) -> str:
    """Subject as compared with vocabulary names: squeezed, no lead-in words, quotes or 的."""
    if not subject:
        return ""
    return _SUBJECT_NOISE.sub("", squeeze(subject)).replace("的", "").translate(_QUOTES)


def claim_line(claim) -> int | None:
    return claim.end_line or claim.location.line


def fact_of_claim(claim, value, decimals: int, unit: str | None, text: str, row: str | None = None) -> Fact:
    """A narrative number as a Fact, so every comparison and report treats it like a table cell."""
    loc = claim.location
    location = Location(file=loc.file, page=loc.page, page_basis=loc.page_basis, line=claim_line(claim),
                        table=claim.section or "情况说明", row=row, column=None)
    return Fact(value=value, decimals=decimals, unit=unit or "万元", text=text, location=location)


def amount_fact(claim: AmountClaim) -> Fact:
    return fact_of_claim(claim, claim.value, claim.decimals, claim.unit, claim.span.text, row=claim.subject)


def _in_section(sections: list[str], claim) -> bool:
    where = f"{claim.section or ''} {claim.subsection or ''}"
    return not sections or any(re.search(p, where) for p in sections)


def _other_year(claim, year: int | None) -> bool:
    """The clause names a year that is not the document's (and not a date): not this year's figure."""
    if year is None:
        return False
    clause = claim.clause.split(claim.span.text)[0]
    return any(int(y) != year for y in _YEAR.findall(clause))


def _cell(disclosure: Disclosure, path: FactPath) -> Fact | None:
    tables = disclosure.tables_of(path.table)
    if len(tables) != 1:
        return None
    rows = tables[0].rows_with_role(path.row)
    if len({r.cells[path.column].text for r in rows if path.column in r.cells}) != 1:
        return None
    return rows[0].cells.get(path.column)


def _class_rows(disclosure: Disclosure, spec: ClassSpec) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = {}
    for table in disclosure.tables_of(spec.table):
        for row in table.rows:
            is_class = row.role in spec.roles if spec.roles else (row.code is not None and len(row.code) == 3)
            if is_class and spec.column in row.cells:
                out.setdefault(row.label, []).append(row.cells[spec.column])
    return out


def class_rows_of(disclosure: Disclosure, claim) -> dict[str, list[Fact]] | None:
    """The 类 rows (name -> cells) a 类 name in the claim's section binds to; None when the
    vocabulary binds no 类 names there."""
    vocabulary = load_vocabulary(disclosure.template)
    specs = [spec for spec in (vocabulary.classes if vocabulary else ()) if _in_section(spec.sections, claim)]
    return _class_rows(disclosure, specs[0]) if len(specs) == 1 else None


def bind_subject(disclosure: Disclosure, vocabulary: Vocabulary, subject: str, claim,
                 class_rows: list[dict[str, list[Fact]]] | None = None) -> tuple[str, list[Fact]] | None:
    """The facts a subject stands for in the claim's section; None when unknown or ambiguous.

    `class_rows` (one dict per vocabulary class entry) may be passed in when binding many claims.
    """
    found: list[tuple[str, list[Fact]]] = []
    for spec in vocabulary.subjects:
        if subject in spec.normalised_names and _in_section(spec.sections, claim):
            facts = [_cell(disclosure, p) for p in spec.facts]
            if all(f is not None for f in facts):
                found.append((subject, facts))
    if class_rows is None:
        class_rows = [_class_rows(disclosure, spec) for spec in vocabulary.classes]
    for spec, by_name in zip(vocabulary.classes, class_rows):
        if _in_section(spec.sections, claim):
            rows = by_name.get(subject)
            if rows and len({f.text for f in rows}) == 1:
                found.append((subject, rows[:1]))
    return found[0] if len(found) == 1 else None


def bind_claims(disclosure: Disclosure, vocabulary: Vocabulary) -> tuple[Binding, ...]:
    bindings = []
    class_rows = [_class_rows(disclosure, spec) for spec in vocabulary.classes]
    for claim in disclosure.claims:
        if not isinstance(claim, AmountClaim) or claim.in_reason or _other_year(claim, disclosure.year):
            continue
        subject = normalise_subject(claim.subject)
        if not subject:
            continue
        bound = bind_subject(disclosure, vocabulary, subject, claim, class_rows)
        if bound:
            bindings.append(Binding(claim=claim, subject=bound[0], claim_fact=amount_fact(claim),
                                    facts=tuple(bound[1])))
    return tuple(bindings)


