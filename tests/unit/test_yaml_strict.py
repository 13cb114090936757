"""Strict YAML for rules, cases and templates: one Chinese line naming the file and the line or field."""

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from budgetlint.errors import RuleError
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file as load_yaml


def _write(tmp_path: Path, data: bytes | str) -> Path:
    path = tmp_path / "X.yaml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _problem(tmp_path: Path, data: bytes | str) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_yaml(_write(tmp_path, data), RuleError, "规则文件")
    error = info.value
    assert "\n" not in error.user_text() and str(tmp_path) in error.user_text()
    return error


def test_a_plain_mapping_loads(tmp_path):
    assert load_yaml(_write(tmp_path, "a: 1\nb: [x, y]\n"), RuleError, "规则文件") == {"a": 1, "b": ["x", "y"]}


def test_a_duplicate_key_is_refused_naming_the_key_and_both_lines(tmp_path):
    error = _problem(tmp_path, "id: A\nmessage: x\nseverity: error\nmessage: y\n")
    assert error.line == 4 and "'message'" in error.message and "第 2 行" in error.message


def test_a_duplicate_key_in_a_nested_mapping_is_refused(tmp_path):
    assert "'kind'" in _problem(tmp_path, "check:\n  kind: a\n  kind: b\n").message


def test_the_same_key_in_two_mappings_is_fine(tmp_path):
    assert load_yaml(_write(tmp_path, "- {a: 1}\n- {a: 2}\n"), RuleError, "规则文件") == [{"a": 1}, {"a": 2}]


def test_a_gbk_file_is_refused_as_not_utf8(tmp_path):
    assert "UTF-8" in _problem(tmp_path, "title: 收入\n".encode("gbk")).message


def test_a_binary_file_is_refused(tmp_path):
    assert "二进制" in _problem(tmp_path, b"\x7fELF\x02\x01\x00\x00" * 40).message


@pytest.mark.parametrize("text", ["x: " + "[" * 10_000 + "]" * 10_000, "".join("  " * i + "a:\n" for i in range(2000))])
def test_yaml_nested_ten_thousand_deep_is_refused(tmp_path, text):
    assert "YAML" in _problem(tmp_path, text).message


def test_aliases_expanding_past_the_limit_are_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    assert "别名" in _problem(tmp_path, "\n".join(lines)).message


def test_a_syntax_error_names_its_line(tmp_path):
    error = _problem(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    assert error.line is not None and "YAML" in error.message


def test_python_tags_are_refused(tmp_path):
    assert "标签" in _problem(tmp_path, "a: !!python/object/apply:os.system ['true']\n").message


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    count: int
    items: list[int] = []


def test_validation_errors_are_one_chinese_line_without_pydantic_text():
    with pytest.raises(ValidationError) as info:
        _Model.model_validate({"count": "many", "items": [1, "x"], "colour": 1})
    text = validation_message(info.value)
    assert "\n" not in text and "http" not in text and "pydantic" not in text.lower()
    assert "字段 name：缺少必填字段" in text and "字段 count：应为整数" in text
    assert "字段 items[1]：应为整数" in text and "另有 1 处" in text  # colour, beyond the first three


def test_a_validators_own_message_is_kept_and_the_prefix_names_the_field():
    class Checked(BaseModel):
        x: int

        def model_post_init(self, _context) -> None:
            if self.x < 0:
                raise ValueError("数值不能为负")

    with pytest.raises(ValidationError) as info:
        Checked.model_validate({"x": -1})
    assert validation_message(info.value) == "数值不能为负"
    with pytest.raises(ValidationError) as info:
        _Model.model_validate({"name": "a", "count": 1, "items": ["z"]})
    assert validation_message(info.value, prefix=("check",)) == "字段 check.items[0]：应为整数"
