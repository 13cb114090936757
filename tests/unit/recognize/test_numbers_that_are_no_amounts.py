"""A number a statement's pattern matches but that is no amount (more digits than
numbers.MAX_AMOUNT_DIGITS; 1,2345) gives no claim, and the rest of the text is still read. Each of
these once raised TypeError or AttributeError, which failed the whole file as an internal error."""

from decimal import Decimal

import pytest

from budgetlint.model.document import Paragraph, SourceDocument
from budgetlint.model.location import Location
from budgetlint.numbers import MAX_AMOUNT_DIGITS
from budgetlint.recognize.narrative import extract_claims
from budgetlint.recognize.narrative.execution import extract_execution
from budgetlint.recognize.narrative.prose_numbers import read_numbers
from budgetlint.recognize.narrative.stated_bases import read_stated_bases

OVERLONG = "9" * (MAX_AMOUNT_DIGITS + 1)


def stated_bases(text: str):
    block = Paragraph(text=text, location=Location(file="t.txt", line=1))
    source = SourceDocument(path="t.txt", layout="text_rows", encoding="utf-8", page_basis="none", blocks=(block,))
    return read_stated_bases([block], tuple(extract_claims(source)))


@pytest.mark.parametrize(
    "change, amount, rate",
    [
        ("增加100.00万元，增长16.67%", Decimal("100.00"), Decimal("16.67")),
        (f"增加{OVERLONG}万元，增长16.67%", None, None),
        (f"增加100.00万元，增长{OVERLONG}%", None, None),
    ],
)
def test_a_change_from_one_amount_to_another_with_an_overlong_number_is_no_claim(change, amount, rate):
    found = stated_bases(f"项目支出由600.00万元增加到700.00万元，{change}。")
    assert [(c.amount, c.rate) for c in found] == ([(amount, rate)] if amount is not None else [])


@pytest.mark.parametrize("budget", ["100.00", "1,2345", OVERLONG])
def test_an_execution_statement_with_a_number_that_is_no_amount_is_no_claim(budget):
    text = f"基本支出预算数为{budget}万元，决算数为110.00万元，预决算差异率为10.00%。"
    found = extract_execution([Paragraph(text=text, location=Location(file="t.txt", line=1))])
    assert [c.budget.value for c in found] == ([Decimal(budget)] if budget == "100.00" else [])


def test_an_overlong_number_in_prose_is_text_and_the_next_number_is_read():
    text = f"住宿费补助标准为每生每年{OVERLONG}元，助学金每生每年600元"
    found = read_numbers(text, location=Location(file="t.txt", line=1), source="narrative", key_prefix="1:")
    assert [q.text for q in found] == ["600"]
