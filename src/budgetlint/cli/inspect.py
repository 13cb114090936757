"""`budgetlint inspect`: what was recognised in one document."""

from __future__ import annotations

import json

import click

from budgetlint import api
from budgetlint.cli.output import limit_option
from budgetlint.report import json_contract


@click.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True)
@limit_option
def inspect(path, fmt, limits) -> None:
    """显示识别结果：模板、单位、年度，以及每张表的类型、标题、大小、位置和金额单位。"""
    disclosure = api.inspect(path, limits)
    if fmt == "json":
        doc = {"path": disclosure.path, "unit": disclosure.unit, "year": disclosure.year,
               "kind": disclosure.kind, "template": disclosure.template,
               "tables": [json_contract.table_entry(t) for t in disclosure.tables]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(f"{disclosure.path}\n模板 {disclosure.template}（{disclosure.kind}） 单位 {disclosure.unit} "
               f"年度 {disclosure.year} 共 {len(disclosure.tables)} 张表")
    for t in disclosure.tables:
        loc = t.location
        page = f"第{loc.page}页({loc.page_basis})" if loc.page else "页码未知"
        note = f" [{t.empty_note}]" if t.empty_note else ""
        click.echo(f"  {t.number:<6} {t.kind:<28} {t.title}  {t.raw_size[0]}行×{t.raw_size[1]}列 "
                   f"数据行 {len(t.rows)}  {page} 第{loc.line}行  {t.unit}{note}")
