from decimal import Decimal

import pytest

from budgetlint.numbers import Interval, convert, format_amount, interval_of, parse_amount


@pytest.mark.parametrize(
    "text, value, decimals",
    [
        ("13600.83", "13600.83", 2),
        ("13,901.07", "13901.07", 2),
        ("１２３．４", "123.4", 1),
        ("-5", "-5", 0),
        ("(5.00)", "-5.00", 2),
        ("0", "0", 0),
        (" 7700.83 ", "7700.83", 2),
    ],
)
def test_parse_amount_reads_printed_numbers(text, value, decimals):
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == Decimal(value)
    assert amount.decimals == decimals


@pytest.mark.parametrize("text", ["", "2024年", "1,23.4", "abc", "12.3.4", "—", "100%"])
def test_parse_amount_rejects_non_numbers(text):
    assert parse_amount(text) is None


def test_interval_of_printed_value_is_half_unit_either_side():
    assert interval_of(Decimal("95.00"), 2) == Interval(Decimal("94.995"), Decimal("95.005"))
    assert interval_of(Decimal("3"), 0) == Interval(Decimal("2.5"), Decimal("3.5"))


def test_empty_cell_is_exact_zero():
    assert interval_of(None, 2) == Interval(Decimal(0), Decimal(0))


def test_intervals_overlap_only_when_they_share_a_point():
    a = interval_of(Decimal("10.00"), 2)
    assert a.overlaps(interval_of(Decimal("10.01"), 2))  # 10.005 is in both
    assert not a.overlaps(interval_of(Decimal("10.02"), 2))
    assert a.overlaps(interval_of(Decimal("10.02"), 2), floor=Decimal("0.01"))


def test_units_convert_between_yuan_and_wan_yuan():
    assert convert(Decimal("12345.00"), "元", "万元") == Decimal("1.2345")
    assert convert(Decimal("1.5"), "万元", "元") == Decimal("15000")


def test_format_amount_fixes_decimals():
    assert format_amount(Decimal("3"), 2) == "3.00"
    assert format_amount(Decimal("-0.005"), 2) in {"-0.00", "-0.01"}


# --- amounts of any size (issue 17: 10^40, 28+ digits, 1E+30 crashed format_amount) -----------

from decimal import getcontext  # noqa: E402

from budgetlint.numbers import MAX_AMOUNT_DIGITS, exact_decimals, sum_intervals  # noqa: E402


@pytest.mark.parametrize("text", ["1" + "0" * 40, "9" * 29 + ".99", "-" + "1" * 35 + ".5", "(" + "7" * 30 + ")"])
def test_amounts_beyond_28_digits_parse_exactly(text):
    amount = parse_amount(text)
    assert amount is not None
    assert str(amount.value.copy_abs()) == text.strip("()-")  # abs() would round to 28 digits


def test_an_amount_with_more_digits_than_the_maximum_is_text_not_a_number():
    assert parse_amount("1" * MAX_AMOUNT_DIGITS) is not None
    assert parse_amount("1" * (MAX_AMOUNT_DIGITS + 1)) is None
    assert parse_amount("1" * 1_000_000) is None


@pytest.mark.parametrize("text", ["1E+30", "1e-30", "NaN", "Infinity", "-", "—", ".5", "5.", "1,2345"])
def test_exponents_and_special_values_are_not_amounts(text):
    assert parse_amount(text) is None


def test_format_amount_prints_any_size_whatever_the_callers_context():
    big = Decimal("1" + "0" * 40 + ".01")
    assert format_amount(big, 2) == "1" + "0" * 40 + ".01"
    assert format_amount(Decimal("9" * 59), 2) == "9" * 59 + ".00"


def test_sums_of_huge_amounts_are_exact_under_exact_decimals():
    values = [Decimal("1" + "0" * 40), Decimal("0.01"), Decimal("-1" + "0" * 40)]

    @exact_decimals
    def total():
        return sum_intervals(interval_of(v, 2) for v in values)

    assert total() == Interval(Decimal("-0.005"), Decimal("0.025"))  # 28 digits would lose the 0.01
    assert getcontext().prec == 28  # the caller's context is restored
