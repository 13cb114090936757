import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetlint.labels import code_level, is_code, normalise_label, squeeze

_WHITE_SPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]  # 29 characters


@pytest.mark.parametrize(
    "printed, label, numbered",
    [
        ("一、一般公共预算", "一般公共预算", True),
        ("二十九、债务发行费用 支出", "债务发行费用支出", True),
        ("①公务用车购置费", "公务用车购置费", True),
        ("（一）政府购买服务", "政府购买服务", True),
        ("因公出国(境)费", "因公出国（境）费", False),
        ("本年收入合计", "本年收入合计", False),
        ("2024年省级福利彩票公益金资助项目", "2024年省级福利彩票公益金资助项目", False),
    ],
)
def test_normalise_label_strips_numbering_spaces_and_width(printed, label, numbered):
    assert normalise_label(printed) == (label, numbered)


def test_squeeze_joins_wrapped_header_cells():
    assert squeeze("国有资本经营 预算") == "国有资本经营预算"


@pytest.mark.parametrize(
    "text, expected",
    [("205", True), ("20503", True), ("2050302", True), ("2050", False), ("合计", False), ("1", False)],
)
def test_is_code_accepts_three_five_seven_digits(text, expected):
    assert is_code(text) is expected


def test_code_level():
    assert [code_level(c) for c in ("205", "20503", "2050302")] == [1, 2, 3]


@given(st.text(alphabet=st.sampled_from(["国", "a", "(", ")", ":", ",", ";", "\u3000", *_WHITE_SPACE]), max_size=40))
def test_squeeze_drops_every_white_space_character_and_keeps_the_rest_in_order(text):
    """Every character str.isspace calls white space goes (a wrapped cell's line break, a full-width
    space, a no-break space), whatever squeeze uses to find them; the rest keep their order."""
    kept = "".join(c for c in text if not c.isspace() and c != "\u3000")
    for mark, wide in (("(", "（"), (")", "）"), (":", "："), (",", "，"), (";", "；")):
        kept = kept.replace(mark, wide)
    assert squeeze(text) == kept
