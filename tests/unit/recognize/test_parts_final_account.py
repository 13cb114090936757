"""The 情况说明 sections (第三部分 一…十一) of the national 部门决算 template, on the 财政局 2024 决算 PDFs.

Pages checked by hand: every section heading searched page by page in the PDFs' text, and the pages
of the seeded copy rendered. The good file prints 一–五 on p21 and 六–十一 on p23; the seeded copy
一–五 on p18, 六 on p21, 七–十 on p22, 十一 on p23.

The copy's MANIFEST says its sections 一/二 are swapped and 六 is moved. The pages do not show that:
only the order of the text objects in the page's content stream was changed (二 is drawn before 一,
but printed below it; 六 is drawn before items 9–11 of 五, but printed after them). The ingest reads a
page by position, as a reader does, so the sections stand in the template's order and DC002 passes.
That DC002 does report a section out of order in this template is checked on a text copy.
"""

from pathlib import Path

import documents
import pdfplumber

from budgetlint.api import check_disclosure
from budgetlint.ingest import read_text
from budgetlint.model import Outcome
from budgetlint.model.parts import required_parts
from budgetlint.recognize import recognize
from budgetlint.rulebook import load_rules

PDF = Path(__file__).resolve().parents[3] / "fixtures" / "pdf"
SECTIONS = [f"s{i:02d}" for i in range(1, 12)]


def _sections(disclosure) -> list[tuple[str, int]]:
    parts = disclosure.parts
    return [(f.spec.id, f.location.page) for f in parts.found if f.spec.group == "narrative"]


def _run(path, rule_ids):
    doc = documents.results(path, tuple(rule_ids)).documents[0]
    assert doc.error is None
    return doc


def test_good_file_has_the_eleven_sections_in_order_on_their_pages():
    doc = _run(PDF / "czj_2024_final_good.pdf", ["DC001", "DC002", "DC004"])
    d = doc.disclosure
    assert _sections(d) == list(zip(SECTIONS, [21] * 5 + [23] * 6))
    parts = d.parts
    assert [s.id for s in required_parts(parts, d) if parts.get(s.id) is None] == []
    assert parts.get("s11").title == "十一、其他重要事项的情况说明"
    # each section is a part of 第三部分 and ends where the next one starts
    assert all(parts.get(s).spec.parent == "narrative" for s in SECTIONS)
    assert [parts.get(s).end_line for s in SECTIONS[:-1]] == [parts.get(s).location.line for s in SECTIONS[1:]]
    # the 目录 says 十一、其他重要事项说明 (as the official template's 目录 does): the same section
    links, unlisted = d.toc_links, d.toc_unlisted
    link = next(link for link in links if link.entry.title == "十一、其他重要事项说明")
    assert not link.exact and link.part.spec.id == "s11"
    assert unlisted == ()
    assert doc.run.findings == ()


def test_seeded_copy_prints_its_sections_in_order_so_dc002_passes():
    path = PDF / "czj_2024_final_bad.pdf"
    doc = _run(path, ["DC002"])
    assert _sections(doc.disclosure) == list(zip(SECTIONS, [18] * 5 + [21] + [22] * 4 + [23]))
    assert [(e.subject, e.outcome) for e in doc.run.evaluations] == [
        ("tables", Outcome.PASS),
        ("narrative", Outcome.PASS),
    ]
    # the seeding is in the content stream only: there 二 comes before 一 (p18) and 六 before 11、 (p21)
    with pdfplumber.open(path) as pdf:
        drawn = ["".join(c["text"] for c in pdf.pages[page - 1].chars).replace(" ", "") for page in (18, 21)]
    assert drawn[0].find("二、收入决算情况说明") < drawn[0].find("一、收入支出决算总体情况说明")
    assert drawn[1].find("六、一般公共预算财政拨款基本支出决算情况说明") < drawn[1].find("11、住房保障支出")


SECTION_TEXT = [
    ("一、收入支出决算总体情况说明", "上海市XX局2024年度收入支出总计100.00万元。"),
    ("二、收入决算情况说明", "本年收入合计100.00万元。"),
    ("三、支出决算情况说明", "本年支出合计100.00万元。"),
    ("四、财政拨款收入支出决算总体情况说明", "财政拨款收入支出总计100.00万元。"),
    ("五、一般公共预算财政拨款支出决算情况说明", "一般公共预算财政拨款支出100.00万元。"),
    ("六、一般公共预算财政拨款基本支出决算情况说明", "基本支出60.00万元。"),
    ("七、财政拨款“三公”经费支出决算情况说明", "上海市XX局2024年度无“三公”经费财政拨款支出。"),
    ("八、政府性基金预算财政拨款收入支出决算情况说明", "上海市XX局2024年度无政府性基金预算财政拨款收入和支出。"),
    ("九、国有资本经营预算财政拨款收入支出决算情况说明", "上海市XX局2024年度无国有资本经营预算财政拨款收入和支出。"),
    ("十、预算绩效管理情况", "上海市XX局2024年度预算绩效管理工作开展情况如下。"),
    ("十一、其他重要事项的情况说明", "（一）机关运行经费支出情况"),
]


def _narrative(order: list[int]):
    body = "\n\n".join(f"{SECTION_TEXT[i][0]}\n\n{SECTION_TEXT[i][1]}" for i in order)
    text = (
        f"上海市XX局\n\n2024年度部门决算\n\n第三部分 上海市XX局2024年度部门决算情况说明\n\n{body}\n\n"
        "第四部分 名词解释\n\n一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。\n"
    )
    return recognize(read_text(text, path="t.txt"), template_id="national-final-account")


def _findings(disclosure, rule_id):
    rule = next(r for r in load_rules() if r.id == rule_id)
    return [e for e in check_disclosure(disclosure, [rule]).evaluations if e.outcome == Outcome.FAIL]


def test_dc002_reports_a_swapped_and_a_moved_section():
    # 二 before 一; 六 after 七
    d = _narrative([1, 0, 2, 3, 4, 6, 5, 7, 8, 9, 10])
    assert [f.spec.id for f in d.parts.found if f.spec.group == "narrative"] == [
        "s02",
        "s01",
        "s03",
        "s04",
        "s05",
        "s07",
        "s06",
        "s08",
        "s09",
        "s10",
        "s11",
    ]
    fails = _findings(d, "DC002")
    assert [(f.subject, f.expected, f.actual) for f in fails] == [
        ("一、收入支出决算总体情况说明", "本组最前", "“二、收入决算情况说明”之后"),
        (
            "六、一般公共预算财政拨款基本支出决算情况说明",
            "“五、一般公共预算财政拨款支出决算情况说明”之后",
            "“七、财政拨款“三公”经费支出决算情况说明”之后",
        ),
    ]
    assert _findings(_narrative(list(range(11))), "DC002") == []


def test_dc001_requires_every_section_even_one_that_only_says_there_is_none():
    # 八 is printed by a unit without 政府性基金 too (本年度无…收入和支出): leaving it out is a finding
    d = _narrative([i for i in range(11) if i != 7])
    sections = {heading for heading, _ in SECTION_TEXT}
    missing = [f.subject for f in _findings(d, "DC001") if f.subject in sections]
    assert missing == ["八、政府性基金预算财政拨款收入支出决算情况说明"]
