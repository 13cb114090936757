"""The interval sum is order-independent, and the interval of a sum contains the sum of the values."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgetlint.numbers import ZERO, Interval, interval_of, sum_intervals

printed = st.tuples(st.integers(-(10**9), 10**9), st.integers(0, 4)).map(
    lambda t: (Decimal(t[0]).scaleb(-t[1]), t[1])
)  # (value, decimals) as a document prints them
values = st.lists(st.one_of(printed, st.just((None, 2))), max_size=30)  # None: an empty cell


@given(values, st.randoms(use_true_random=False))
def test_sum_of_intervals_does_not_depend_on_order(parts, rnd):
    intervals = [interval_of(v, d) for v, d in parts]
    shuffled = list(intervals)
    rnd.shuffle(shuffled)
    assert sum_intervals(shuffled) == sum_intervals(intervals)
    assert sum_intervals(reversed(intervals)) == sum_intervals(intervals)


@given(values, st.permutations(range(30)))
def test_interval_addition_commutes_and_associates(parts, order):
    intervals = [interval_of(v, d) for v, d in parts]
    permuted = [intervals[i] for i in order if i < len(intervals)]
    folded = ZERO
    for item in permuted:
        folded = item + folded  # added on the left, in another order
    assert folded == sum_intervals(intervals)


@given(values)
def test_interval_of_a_sum_contains_the_sum_of_the_values(parts):
    total = sum_intervals(interval_of(v, d) for v, d in parts)
    exact = sum((v for v, _ in parts if v is not None), Decimal(0))
    assert total.low <= exact <= total.high
    # and it is exactly as wide as the addends' rounding allows, no fudge factor
    width = sum((Decimal(1).scaleb(-d) for v, d in parts if v is not None), Decimal(0))
    assert total.high - total.low == width


@given(values, st.data())
def test_any_true_values_inside_the_intervals_sum_inside_the_sum_interval(parts, data):
    """Each printed value stands for a true value within half a unit; their sum is always covered."""
    true_values = []
    for v, d in parts:
        if v is None:
            continue
        half = Decimal(5).scaleb(-(d + 1))
        offset = data.draw(st.integers(-1000, 1000)) * half / 1000
        true_values.append(v + offset)
    total = sum_intervals(interval_of(v, d) for v, d in parts)
    exact = sum(true_values, Decimal(0))
    assert total.low <= exact <= total.high
    assert total.overlaps(Interval(exact, exact))
