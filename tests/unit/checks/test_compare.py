from decimal import Decimal, localcontext

from hypothesis import given
from hypothesis import strategies as st

from budgetlint.checks.compare import balance, by_row, interval_in, stated_interval
from budgetlint.model import Fact, Location, Outcome
from budgetlint.numbers import CONTEXT, sum_intervals


def fact(text: str, unit: str, line: int) -> Fact:
    value = Decimal(text)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Fact(value=value, decimals=decimals, unit=unit, text=text, location=Location(file="x", line=line, row=text))


def test_a_sum_inside_rounding_is_not_a_finding():
    parts = [fact("1.004", "万元", 2), fact("2.004", "万元", 3)]
    assert balance("R", "s", [fact("3.01", "万元", 1)], parts, name=by_row).outcome == Outcome.PASS


def test_one_unit_off_in_the_last_digit_of_the_same_printing_is_info():
    result = balance("R", "s", [fact("10.01", "万元", 1)], [fact("10.00", "万元", 2)], name=by_row)
    assert (result.outcome, result.severity) == (Outcome.FAIL, "info")
    assert [loc.line for loc in result.locations] == [1, 2]


def test_the_same_printing_must_match_exactly_unless_a_floor_or_containment_is_asked():
    ten, off = [fact("10.00", "万元", 1)], [fact("10.02", "万元", 2)]
    assert balance("R", "s", ten, [fact("10.00", "万元", 2)], name=by_row).outcome == Outcome.PASS
    failed = balance("R", "s", off, ten, name=by_row)
    assert (failed.outcome, failed.severity, failed.difference) == (Outcome.FAIL, None, "0.02")
    assert balance("R", "s", off, ten, name=by_row, floor=Decimal("0.02")).outcome == Outcome.PASS
    # containment compares rounding intervals: 10.01 may be 10.005, which 10.00 (up to 10.005) holds
    assert balance("R", "s", [fact("10.01", "万元", 1)], ten, name=by_row, relation="<=").outcome == Outcome.PASS
    assert balance("R", "s", off, ten, name=by_row, relation="<=").outcome == Outcome.FAIL


def test_a_truncated_conversion_is_accepted_only_when_asked():
    table = [fact("877080", "元", 2)]  # 87.708 万元, printed as 87.70 by truncation
    narrative = [fact("87.70", "万元", 1)]
    assert balance("R", "s", narrative, table, name=by_row).outcome == Outcome.FAIL
    assert balance("R", "s", narrative, table, name=by_row, reported_may_truncate=True).outcome == Outcome.PASS
    wrong = [fact("87.60", "万元", 1)]
    assert balance("R", "s", wrong, table, name=by_row, reported_may_truncate=True).outcome == Outcome.FAIL


printed = st.tuples(
    st.one_of(st.none(), st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False)),
    st.integers(min_value=0, max_value=14),
    st.sampled_from(["元", "万元", "亿元"]),
)


@given(cells=st.lists(printed, max_size=8), unit=st.sampled_from(["元", "万元", "亿元"]))
def test_summed_intervals_are_the_sum_of_each_cells_interval_digit_for_digit(cells, unit):
    facts = [
        Fact(value=v, decimals=d, unit=u, text=str(v), location=Location(file="x", line=k))
        for k, (v, d, u) in enumerate(cells)
    ]
    with localcontext(CONTEXT):
        fast = stated_interval(facts, unit)
        one_by_one = sum_intervals(interval_in(f, unit) for f in facts)
    assert (str(fast.low), str(fast.high)) == (str(one_by_one.low), str(one_by_one.high))


def test_a_failing_sum_names_every_addend():
    parts = [fact("1.00", "万元", 2), fact("2.00", "万元", 3)]
    result = balance("R", "s", [fact("3.50", "万元", 1)], parts, name=by_row)
    assert (result.outcome, result.detail) == (Outcome.FAIL, "1.00 1.00 + 2.00 2.00")
