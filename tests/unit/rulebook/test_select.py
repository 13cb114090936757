"""--select / --ignore: an id, an alias, a name, a group or an id prefix picks rules."""

from __future__ import annotations

import pytest

from budgetlint.rulebook import load_rules
from budgetlint.rulebook.select import select_rules

RULES = load_rules()
TB001 = next(r for r in RULES if r.id == "TB001")


def ids(select=None, ignore=None) -> list[str]:
    return [r.id for r in select_rules(RULES, select, ignore)]


def test_nothing_selected_means_every_rule():
    assert ids() == [r.id for r in RULES]


@pytest.mark.parametrize("token", ["TB001", TB001.name])
def test_an_id_or_a_name_selects_one_rule(token):
    assert ids([token]) == ["TB001"]


def test_a_prefix_selects_every_id_it_starts():
    assert ids(["TB00"]) == [r.id for r in RULES if r.id.startswith("TB00")]
    assert set(ids(["DC"])) == {r.id for r in RULES if r.id.startswith("DC")} != set()


def test_a_group_selects_its_members():
    group = TB001.groups[0]
    assert ids([group]) == [r.id for r in RULES if group in r.groups]


def test_an_alias_selects_its_rule():
    rule = TB001.model_copy(update={"aliases": ["OLD001"]})
    assert [r.id for r in select_rules([rule, *RULES[1:]], ["OLD001"], None)] == ["TB001"]


def test_ignore_removes_from_what_select_chose():
    chosen = ids(["TB"], ["TB001"])
    assert "TB001" not in chosen and chosen == [i for i in ids(["TB"]) if i != "TB001"]
    assert ids(None, ["TB", "XT", "NA", "PT", "SE", "DC", "YR"]) == []
