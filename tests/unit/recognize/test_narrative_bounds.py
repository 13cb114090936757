"""The narrative reader bounds its work per passage, and what it reads within the bounds is what it
read before (issue 17: a one-megabyte line cost minutes; a chain of 其中 counts overflowed the stack)."""

from __future__ import annotations

import logging

from budgetlint.model.claims import AmountClaim, ClassNameClaim, CountClaim, ListClaim
from budgetlint.model.document import Paragraph, SourceDocument
from budgetlint.model.location import Location
from budgetlint.recognize.narrative import extract_narrative
from budgetlint.recognize.narrative.list_reader import MAX_LIST_ITEMS
from budgetlint.recognize.narrative.reader import MAX_PASSAGE_CHARS

SENTENCE = "一般公共预算拨款收入7,700.83万元，比上年增加12.30万元，增长1.50%。"


def _read(*texts: str):
    blocks = tuple(Paragraph(text=t, location=Location(file="t.txt", line=i + 1)) for i, t in enumerate(texts))
    return extract_narrative(
        SourceDocument(path="t.txt", layout="text_rows", encoding="utf-8", page_basis="none", blocks=blocks)
    )


def test_a_passage_is_read_to_its_limit_at_a_clause_end_and_says_so(caplog):
    long = SENTENCE * (MAX_PASSAGE_CHARS // len(SENTENCE) * 3)
    with caplog.at_level(logging.WARNING, logger="budgetlint"):
        narrative = _read(long, SENTENCE)
    amounts = [c for c in narrative.claims if isinstance(c, AmountClaim)]
    read_in_first = sum(1 for a in amounts if a.location.line == 1)
    assert read_in_first == MAX_PASSAGE_CHARS // len(SENTENCE)  # whole sentences only
    assert [a.location.line for a in amounts][-1] == 2  # the next paragraph is read in full
    assert narrative.stats.passages_cut == 1
    assert "只读取了前 20000 个字符" in caplog.text and "第 1 行" in caplog.text


def test_a_passage_within_the_limit_is_read_whole():
    narrative = _read(SENTENCE * 100)
    assert sum(isinstance(c, AmountClaim) for c in narrative.claims) == 100
    assert narrative.stats.passages_cut == 0


def test_counts_listed_after_counts_nest_one_level_only():
    text = "二级项目19个，其中：新增5个、延续14个，" * 2000
    narrative = _read(text[: MAX_PASSAGE_CHARS - 10] + "。")
    counts = [c for c in narrative.claims if isinstance(c, CountClaim)]
    assert counts and all(not item.items for c in counts for item in c.items)
    assert any(len(c.items) >= 2 for c in counts)


def test_a_list_too_long_to_be_a_list_is_not_read_as_one():
    items = "、".join(f"项目{i}1.00万元" for i in range(MAX_LIST_ITEMS + 1))
    assert not [c for c in _read(f"支出总额300.00万元，其中：{items}。").claims if isinstance(c, ListClaim)]
    short = "、".join(f"项目{i}1.00万元" for i in range(3))
    [listing] = [c for c in _read(f"支出总额3.00万元，其中：{short}。").claims if isinstance(c, ListClaim)]
    assert len(listing.items) == 3


def test_a_class_name_is_read_from_at_most_40_characters_and_a_subject_from_a_bounded_window():
    narrative = _read("预算" * 5000 + "教育支出（类）" + "说明" * 200 + "收入1.00万元。")
    [name] = [c for c in narrative.claims if isinstance(c, ClassNameClaim)]
    assert len(name.names[0]) == 40 and name.names[0].endswith("教育支出")  # not the 10,000 before it
    [amount] = [c for c in narrative.claims if isinstance(c, AmountClaim)]
    assert amount.subject is None  # 400 characters of 说明 before it: no noun phrase


def test_claims_of_one_sentence_share_its_text():
    narrative = _read(SENTENCE.replace("。", "，") * 50 + "。")
    sentences = {id(c.sentence) for c in narrative.claims}
    assert len(sentences) == 1
