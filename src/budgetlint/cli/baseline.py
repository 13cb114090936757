"""`budgetlint baseline`: accept every current finding in the project file, so only new ones show."""

from __future__ import annotations

import sys

import click

from budgetlint import api
from budgetlint.cli.check import config_options
from budgetlint.cli.chinese import ChineseCommand
from budgetlint.cli.output import emit, rules_dirs_of
from budgetlint.config import baseline_text, project_config
from budgetlint.exit_codes import ExitCode


@click.command(cls=ChineseCommand)
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", required=True, help="写入的项目文件（如 budgetlint.toml；已有则整个替换）")
@click.option("--reason", default="生成基线时已有的问题", show_default=True, help="写入每条豁免的理由")
@click.option(
    "--expires",
    default=None,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="豁免到期日（YYYY-MM-DD），过期后问题重新列出",
)
@config_options
def baseline(paths, output, reason, expires, config_file, isolated, select, ignore, rules_dirs) -> None:
    """把现有的全部问题记为已豁免，写入项目文件；之后 check 只报告新出现的问题。

    项目文件中原有的规则选择和级别照写；已豁免的问题保留原来的理由和到期日；本次检查过的文件中已不存在的问题，
    其豁免被删去；本次没有检查的文件的豁免照旧保留。

    \b
    示例：
      budgetlint baseline 部门预算.pdf -o budgetlint.toml
      budgetlint baseline 文件夹/ -o budgetlint.toml --reason "2025年已公开，不再修改" --expires 2026-12-31

    \b
    退出码：
      0  已写入
      2  用法或输入有误，或有文件无法检查（能检查的文件照样写入）
    """
    config = project_config(config_file, isolated)
    results = api.audit(
        list(paths),
        select=list(select) or None,
        ignore=list(ignore) or None,
        rules_dirs=rules_dirs_of(rules_dirs),
        config=config,
    )
    waivers = api.baseline_waivers(results, reason, expires.date() if expires else None, tuple(config.waivers))
    emit(baseline_text(config, waivers), output)
    click.echo(f"已把 {len(waivers)} 个问题记为已豁免：{output}", err=True)
    for doc in results.failed_inputs:
        click.echo(doc.error, err=True)
    sys.exit(ExitCode.BAD_INPUT if results.failed_inputs else ExitCode.CLEAN)
