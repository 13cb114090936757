"""part_of: which 检查表 row a finding's first location belongs to."""

from pathlib import Path

import pytest

from budgetlint.api import read_disclosure
from budgetlint.model import Location
from budgetlint.report.part_map import part_of

SEED_000 = Path(__file__).resolve().parents[3] / "fixtures" / "seeds" / "000_b2c7b50d282cc0b6.txt"


@pytest.fixture(scope="module")
def seed():
    d = read_disclosure(SEED_000)
    return d.template_spec, d.parts


@pytest.mark.parametrize(
    "table, line, expected",
    [
        ("2024年预算支出总表", 150, "t03"),  # a table finding: its table's row
        ("2024年一般公共预算支出预算表（不含上年结转）", 230, "t05"),
        ("2023年预算收支总表", None, "t01"),  # a title the document does not print still names its table
        ("八、机关运行经费增减变动原因说明", 452, "s08"),  # a narrative finding: its section's row
        ("七、“三公”经费增减变动原因说明", None, "s07"),
        ("情况说明", 404, "s02"),  # the narrative as a whole: the section its line is in
        ("情况说明", None, "narrative"),
        ("《政府性基金预算收入表》", None, "t07"),  # a document-level finding names the part itself
        ("目录", 20, "toc"),
        ("忻州市市级预算部门（单位）项目支出绩效目标表（学生资助）", 560, "project_targets"),
        ("忻州职业技术学院整体支出绩效目标申报表", 480, "overall_target"),
        (None, 54, "organisation"),  # no table named: the part the line is in
        ("某个不认识的表", None, None),  # nothing matches: 其他
        (None, None, None),
    ],
)
def test_part_of(seed, table, line, expected):
    template, parts = seed
    assert part_of(Location(file="x", table=table, line=line), template, parts) == expected


def test_part_of_without_a_location_or_template_is_other(seed):
    template, parts = seed
    assert part_of(None, template, parts) is None
    assert part_of(Location(file="x", table="2024年预算支出总表"), None) is None


def test_part_of_works_without_the_document_parts(seed):
    template, _ = seed
    assert part_of(Location(file="x", table="2024年预算支出总表", line=150), template) == "t03"
    assert part_of(Location(file="x", table="情况说明", line=404), template) == "narrative"
