"""`budgetlint inspect`: what was recognised in one document."""

from __future__ import annotations

import json

import click

from budgetlint import api
from budgetlint.cli.chinese import ChineseCommand
from budgetlint.cli.output import limit_option
from budgetlint.report import json_contract
from budgetlint.report.places import office_place


@click.command(cls=ChineseCommand)
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True)
@limit_option
def inspect(path, fmt, limits) -> None:
    """显示识别结果：模板、单位、年度，以及每张表的类型、标题、大小、位置和金额单位。"""
    disclosure = api.inspect(path, limits)
    base = api.template_base(disclosure.template)
    if fmt == "json":
        doc = {
            "path": disclosure.path,
            "unit": disclosure.unit,
            "year": disclosure.year,
            "kind": disclosure.kind,
            "template": disclosure.template,
            "base": base,
            "tables": [json_contract.table_entry(t) | json_contract.roles_entry(t) for t in disclosure.tables],
            "unrecognised_tables": list(disclosure.unrecognised_tables),
            "template_fits": disclosure.template_fits,
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    shown = (
        f"{disclosure.template}（扩展全国基础模板 {base}）"
        if base and base != disclosure.template
        else (f"{disclosure.template}（全国基础模板，按表名关键词与表头识别）" if base else disclosure.template)
    )
    if not disclosure.template_fits:
        shown += "；没有省级模板与之相符，按全国基础模板检查，不检查模板的章节清单"
    click.echo(
        f"{disclosure.path}\n模板 {shown} {disclosure.kind} 单位 {disclosure.unit} "
        f"年度 {disclosure.year} 共 {len(disclosure.tables)} 张表"
    )
    for t in disclosure.tables:
        loc = t.location
        page = f"第{loc.page}页({loc.page_basis})" if loc.page else ("" if loc.sheet else "页码未知")
        place = office_place(loc) or f"第{loc.line}行"
        note = f" [{t.empty_note}]" if t.empty_note else ""
        click.echo(
            f"  {t.number or '':<6} {t.kind:<28} {t.title}  {t.raw_size[0]}行×{t.raw_size[1]}列 "
            f"数据行 {len(t.rows)}  {page} {place}  {t.unit}{note}"
        )
        missing = f"  缺少：{'、'.join(t.roles_missing)}" if t.roles_missing else ""
        unplaced = f"  未识别的列：{'、'.join(t.unplaced_columns)}" if t.unplaced_columns else ""
        click.echo(f"         角色：{'、'.join(t.roles_found) or '（无）'}{missing}{unplaced}")
    for title in disclosure.unrecognised_tables:
        click.echo(f"  未识别的表：{title}")
