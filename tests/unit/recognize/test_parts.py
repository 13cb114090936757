"""The template's parts found in the seeds: nothing required is reported missing that is there, the
目录 is matched to the body entry by entry, and the scope (部门 / 单位) is read from the cover."""

from dataclasses import replace
from pathlib import Path

import documents
import pytest

from budgetlint.api import read_disclosure
from budgetlint.ingest import read_text
from budgetlint.model.parts import required_parts
from budgetlint.recognize import recognize

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"
SEED = {"000": "000_b2c7b50d282cc0b6.txt", "001": "001_e1c2a9d2af1eed61.txt", "004": "004_b39ab111367c9db1.txt"}
# checked by hand: 001 prints no 整体支出绩效目标申报表 (section 十 only describes the overall target);
# every other required part is in every seed
MISSING = {"000": [], "001": ["overall_target"], "004": []}
SCOPE = {"000": "unit", "001": "department", "004": "department"}


@pytest.mark.parametrize("seed", sorted(SEED))
def test_required_parts_are_found_in_the_seeds(seed):
    d = read_disclosure(SEEDS / SEED[seed])
    parts = d.parts
    assert parts.scope == SCOPE[seed]
    missing = [s.id for s in required_parts(parts, d) if parts.get(s.id) is None]
    assert missing == MISSING[seed]
    tables = [f.spec.table for f in parts.found if f.spec.table]
    assert tables == [t.kind for t in d.tables]  # all 13, in order


@pytest.mark.parametrize("seed", sorted(SEED))
def test_every_toc_entry_of_the_seeds_is_matched_to_its_body_heading(seed):
    d = read_disclosure(SEEDS / SEED[seed])
    links, unlisted = d.toc_links, d.toc_unlisted
    assert len(links) == 33 and all(link.exact for link in links)
    assert unlisted == ()
    # the 目录 line 表一2024年预算收支总表 points at the body title 2024年预算收支总表
    table_link = next(link for link in links if link.entry.title.startswith("表一"))
    assert table_link.part.spec.id == "t01" and table_link.heading.text.strip() == table_link.part.title


def test_parts_nest_and_a_line_falls_in_its_innermost_part():
    d = read_disclosure(SEEDS / SEED["000"])
    parts = d.parts
    assert parts.part_at(404).spec.id == "s02"  # 2024年度…预算收入13,901.07万元 under 二、收入预算情况说明
    assert parts.part_at(500).spec.id == "overall_target"  # inside 十、绩效管理情况
    assert parts.part_at(1200).spec.id == "s12"  # the appendix after 十二、其他说明
    assert parts.get("t07").table.empty_note == "注：本表无数据"


def test_department_only_part_is_found_only_where_printed():
    assert read_disclosure(SEEDS / SEED["004"]).parts.get("unit_list") is not None
    assert read_disclosure(SEEDS / SEED["000"]).parts.get("unit_list") is None


def test_a_toc_entry_whose_title_differs_is_paired_with_the_part_it_names():
    text = (
        "2024年度单位预算公开\n\n目 录\n\n第一部分 概况\t1\n一、本单位职责\t1\n\n"
        "第一部分 概况\n\n一、主要职能\n\n负责职业教育。\n"
    )
    d = recognize(read_text(text, path="t.txt"), template_id="shanxi-budget")
    links, unlisted = d.toc_links, d.toc_unlisted
    assert [(link.exact, link.part.spec.id) for link in links] == [(True, "overview"), (False, "duties")]
    assert unlisted == ()


PDF = Path(__file__).resolve().parents[3] / "fixtures" / "pdf"
OTHERS = ["o01", "o02", "o03", "o04", "o05"]  # 三公, 机关运行经费, 政府采购, 绩效目标, 国有资产


def test_the_five_sections_of_other_matters_are_found_after_its_heading():
    for name in ("sfj_2026_dept_budget.pdf", "sfj_2026_unit_budget.pdf"):
        parts = documents.disclosure(PDF / name).parts
        others = parts.get("others")
        found = [parts.get(i) for i in OTHERS]
        assert all(f is not None for f in found)
        lines = [f.location.line for f in found]
        assert lines == sorted(lines) and lines[0] > others.location.line
        assert [parts.part_at(f.location.line).spec.id for f in found] == OTHERS


def test_a_missing_section_of_other_matters_fails_the_other_matters_row():
    from budgetlint.engine import run_rules
    from budgetlint.model import Paragraph
    from budgetlint.report.part_map import part_of
    from budgetlint.rulebook import load_rules

    source = documents.source(PDF / "sfj_2026_dept_budget.pdf")
    blocks = tuple(
        b for b in source.blocks if not (isinstance(b, Paragraph) and b.text.replace(" ", "") == "三、政府采购预算情况")
    )
    assert len(blocks) == len(source.blocks) - 1
    disclosure = recognize(replace(source, blocks=blocks))
    run = run_rules([r for r in load_rules() if r.id == "DC001"], disclosure)
    [finding] = run.findings
    assert "政府采购" in finding.message
    parts = disclosure.parts
    assert part_of(finding.locations[0], disclosure.template_spec, parts) == "others"
