"""`budgetlint roles`: the table kinds and column/row roles rules may name, or those one document offers."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from budgetlint.cli.chinese import ChineseCommand

DOCUMENT_KINDS = {"budget": "预算", "final_account": "决算"}


@click.command(cls=ChineseCommand)
@click.argument("path", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def roles(path, fmt) -> None:
    """列出规则可用的表类型及其列角色、行角色；给出文件时，列出该文件中识别到的表类型与角色。"""
    from budgetlint import api
    from budgetlint.recognize.roles import common_column_roles, document_roles, known_roles

    kinds = document_roles(api.inspect(path)) if path else known_roles()
    common = () if path else common_column_roles()
    if fmt == "json":
        click.echo(
            json.dumps(
                {"common_columns": list(common), "kinds": [asdict(k) for k in kinds]}, ensure_ascii=False, indent=2
            )
        )
        return
    if common:
        click.echo(f"任何表的表头都可能给出的列角色：{'、'.join(common)}\n")
    for k in kinds:
        where = f"（模板：{'、'.join(k.templates)}）" if k.templates and not path else ""
        click.echo(f"{DOCUMENT_KINDS.get(k.document_kind, k.document_kind)} {k.table}  {k.name}{where}")
        click.echo(f"    列：{'、'.join(k.columns) or '（无）'}")
        click.echo(f"    行：{'、'.join(k.rows) or '（无）'}")
