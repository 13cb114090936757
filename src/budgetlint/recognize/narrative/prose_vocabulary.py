"""The words of prose numbers, as data: rules/vocabulary/prose.yaml.

Loaded once per process on first use and validated here (a unit's factor must be a positive number, a
bound an operator the model knows), so a typo is an error at load, not a number silently never read.
The patterns built from it are compiled once: alternations of literal words, longest first, so they
run in linear time.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from budgetlint.errors import TemplateError
from budgetlint.load_cache import bundled
from budgetlint.paths import rules_root
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file

Bound = Literal["≥", "≤", ">", "<"]


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (人次 before 人)."""
    return "|".join(re.escape(w) for w in _longest_first(words))


class ProseVocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use

    units: dict[str, tuple[str, Decimal]]
    per: dict[str, str]
    bounds_before: dict[str, Bound]
    bounds_after: dict[str, Bound]
    approximate_before: tuple[str, ...]  # tuples: str.endswith / startswith take them in one C call
    approximate_between: tuple[str, ...]
    approximate_after: tuple[str, ...]
    continuations: dict[str, list[str]]
    link_words: list[str]
    goal_labels: dict[Literal["row", "implementation", "annual"], str]
    indicator_lead: list[str]
    indicator_count_suffixes: list[str]
    indicator_heads: list[str]
    range_marks: list[str]
    list_words: list[str]
    name_verbs: list[str]
    name_leads: list[str]
    name_fillers: list[str]
    name_synonyms: dict[str, str]
    list_word_inside: list[str]
    plan_words: list[str]
    actual_words: list[str]
    cost_levels: list[str]
    standard_subjects: list[str]
    funding_totals: list[str]
    sum_markers: dict[str, Literal["all", "clause"]]
    sum_marker_after: list[str]
    total_links: tuple[str, ...]
    price_words: list[str]
    list_introducers: list[str]
    standing_markers: list[str]

    @field_validator("units")
    @classmethod
    def _positive_factors(cls, units: dict[str, tuple[str, Decimal]]) -> dict[str, tuple[str, Decimal]]:
        bad = sorted(u for u, (_, factor) in units.items() if factor <= 0)
        if bad:
            raise ValueError(f"units need a positive factor: {bad}")
        return units

    @cached_property
    def measure_words(self) -> set[str]:
        """The measures that count things (not money, not percent)."""
        return {m for m, _ in self.units.values()} - {"money", "percent"}

    @cached_property
    def words_before_number(self) -> tuple[str, ...]:
        """What may stand between a subject and its number (达到, 不低于, 约 …), longest first."""
        return _longest_first([*self.link_words, *self.bounds_before, *self.approximate_before])

    @cached_property
    def bounds_before_longest_first(self) -> tuple[tuple[str, Bound], ...]:
        return tuple((w, self.bounds_before[w]) for w in _longest_first(self.bounds_before))

    @cached_property
    def words_after_number(self) -> tuple[str, ...]:
        return _longest_first([*self.bounds_after, *self.approximate_after])

    @cached_property
    def indicator_heads_longest_first(self) -> tuple[str, ...]:
        return _longest_first(self.indicator_heads)

    @cached_property
    def range_end(self) -> re.Pattern[str]:
        """The text before a number ends with a digit and a range mark: 1～|2篇."""
        return re.compile(rf"\d\s*(?:{alternation(self.range_marks)})\s*$")

    @cached_property
    def total_links_longest_first(self) -> tuple[str, ...]:
        return _longest_first(self.total_links)

    @cached_property
    def bound_words(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The bound words before and after a number, as tuples for str.endswith / startswith."""
        return tuple(self.bounds_before), tuple(self.bounds_after)


def load_prose_vocabulary(path: Path) -> ProseVocabulary:
    data = load_yaml_file(path, TemplateError, "数字词表")
    try:
        return ProseVocabulary.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(f"数字词表有误：{validation_message(exc)}", path=str(path)) from exc


@cache
@bundled("prose")
def prose_vocabulary() -> ProseVocabulary:
    """The bundled vocabulary, loaded on first use (recognize() reads every document's prose)."""
    return load_prose_vocabulary(rules_root() / "vocabulary" / "prose.yaml")
