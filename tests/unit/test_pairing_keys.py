"""Which halves pair, by their keys alone (pairing.find_pairs): unit, year and kind agree, templates
of one family, each half the other's only partner."""

from __future__ import annotations

from budgetlint.pairing import find_pairs

UNIT, YEAR = "上海市普陀区司法局", 2026


def key(role: str, template: str, unit: str = UNIT) -> tuple[str, str, int, str, str]:
    return (role, unit, YEAR, "budget", template)


def test_a_text_half_named_by_the_national_base_pairs_with_tables_of_a_template_extending_it():
    """The 司法局 单位预算 split into its text and table pages: the text's cover reads as the national
    base, the tables fit the Shanghai template that extends it (found by the real-PDF variants)."""
    keys = [key("tables", "shanghai-municipal-budget"), None, key("text", "national-budget")]
    assert find_pairs(keys) == [(2, 0)]


def test_halves_of_unrelated_templates_or_units_do_not_pair():
    assert find_pairs([key("text", "shanxi-budget"), key("tables", "shanghai-municipal-budget")]) == []
    assert find_pairs([key("text", "national-budget", unit="某局"), key("tables", "national-budget")]) == []


def test_a_text_half_that_fits_two_tables_halves_is_not_guessed():
    """A department's and its unit's tables (Shanghai 部门 and 单位 templates) and one text half read
    as the national base: either could be its partner, so none is taken."""
    keys = [
        key("text", "national-budget"),
        key("tables", "shanghai-district-budget"),
        key("tables", "shanghai-municipal-budget"),
    ]
    assert find_pairs(keys) == []
    # named by its own template, the text half has one partner again
    keys[0] = key("text", "shanghai-district-budget")
    assert find_pairs(keys) == [(0, 1)]
