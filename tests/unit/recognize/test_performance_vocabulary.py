"""The performance tables' Chinese labels are data (rules/vocabulary/performance.yaml), validated at load."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.errors import TemplateError
from budgetlint.paths import rules_root
from budgetlint.recognize.performance.vocabulary import load_vocabulary, vocabulary

BUNDLED = rules_root() / "vocabulary" / "performance.yaml"


def test_the_bundled_vocabulary_loads_and_links_level2_to_level1():
    v = vocabulary()
    assert v.indicators.level2_parents["社会效益指标"] == "效益指标"
    assert v.target_title.search("忻州市市级预算部门（单位）项目支出绩效目标表")
    assert v.funding_aliases["target"]["单位自筹资金"] == "self_raised"


@pytest.mark.parametrize(
    "find, to, says",
    [
        ("项目概况: overview", "项目 概况: overview", "压缩形式"),  # a key printed labels never squeeze to
        ("项目名称: project_name", "项目名称: project_nam", "project_name"),  # a field the reader does not know
        ("数量指标: 产出指标", "数量指标: 产出指", "level1"),  # a 二级 under no known 一级
        ("target: 项目支出绩效目标表$", "target: 项目支出绩效目标表(", "字段 titles.target：正则表达式有误"),
    ],
)
def test_a_mistake_in_the_vocabulary_is_a_clear_error_naming_the_file(tmp_path: Path, find, to, says):
    text = BUNDLED.read_text(encoding="utf-8")
    assert find in text
    bad = tmp_path / "performance.yaml"
    bad.write_text(text.replace(find, to, 1), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_vocabulary(bad)
    assert says in info.value.message and info.value.path == str(bad)
    assert "\n" not in info.value.user_text() and "http" not in info.value.message
