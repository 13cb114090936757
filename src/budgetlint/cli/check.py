"""`budgetlint check`: audit files and render the report."""

from __future__ import annotations

import sys

import click

from budgetlint import api
from budgetlint.cli.chinese import ChineseCommand
from budgetlint.cli.output import emit, emit_bytes, require_file_output, rules_dirs_of
from budgetlint.config import project_config
from budgetlint.exit_codes import ExitCode
from budgetlint.model.findings import SEVERITY_RANK
from budgetlint.report import REPORTERS
from budgetlint.report.phrases import notice_lines

CONFIG_OPTIONS = [
    click.option("--config", "config_file", default=None,
                 help="项目文件（默认：从当前目录向上找 budgetlint.toml 或含 [tool.budgetlint] 的 pyproject.toml）"),
    click.option("--isolated", is_flag=True, help="不读任何项目文件（不用其中的规则选择、级别和豁免）"),
    click.option("--select", multiple=True, help="只运行这些规则（代码、名称、分组或前缀，可重复；替代项目文件中的 select）"),
    click.option("--ignore", multiple=True, help="不运行这些规则（可重复；替代项目文件中的 ignore）"),
    click.option("--rules", "rules_dirs", multiple=True, help="另外加载该目录中的规则"),
]


def config_options(command):
    for option in reversed(CONFIG_OPTIONS):
        command = option(command)
    return command


@click.command(cls=ChineseCommand)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="rich", show_default=True,
              help="报告格式：rich 终端，json 数据，checklist 检查表（.xlsx），pdf 标注原文（.pdf），sarif、junit 供 CI 使用")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="有该级别（或更高）且未豁免的问题时，以退出码 1 结束")
@config_options
@click.option("--output", "-o", default=None, help="把报告写入文件（checklist 需 .xlsx，pdf 需 .pdf）")
@click.option("--show-skipped", is_flag=True, help="列出“不适用”“数据不足”“出错”的检查及原因")
@click.option("--show-waived", is_flag=True, help="逐条列出已豁免的问题（默认只计数）")
@click.option("--color/--no-color", default=None, help="终端报告是否着色（默认：输出到终端时着色）")
def check(paths, fmt, fail_on, config_file, isolated, select, ignore, rules_dirs, output, show_skipped,
          show_waived, color) -> None:
    """检查一个或多个预决算公开文件（PDF 或文本），或目录中的全部文件。

    \b
    示例：
      budgetlint check 部门预算.pdf
      budgetlint check 文件夹/ --show-skipped
      budgetlint check 部门预算.pdf --format checklist -o 检查表.xlsx
      budgetlint check 部门预算.pdf --format pdf -o 标注.pdf
      budgetlint check 部门预算.pdf --select NA --ignore NA012
      budgetlint check 文件夹/ --format sarif -o 结果.sarif

    \b
    退出码：
      0  没有达到 --fail-on 级别的问题（已豁免的问题不算）
      1  有达到 --fail-on 级别、未豁免的问题
      2  用法或输入有误，或有文件无法检查
    """
    reporter = REPORTERS[fmt]
    binary = getattr(reporter, "BINARY", False)
    if binary:
        require_file_output(fmt, reporter, output)
    config = project_config(config_file, isolated)
    results = api.audit(list(paths), select=list(select) or None, ignore=list(ignore) or None,
                        rules_dirs=rules_dirs_of(rules_dirs), config=config)
    if binary:
        emit_bytes(reporter.render(results), output)
    else:
        use_color = sys.stdout.isatty() and output is None if color is None else color
        emit(reporter.render(results, color=use_color, show_skipped=show_skipped, show_waived=show_waived), output)
    for doc in results.failed_inputs:
        click.echo(doc.error, err=True)
    if fmt != "rich" or output is not None:  # the terminal report says these itself
        for line in notice_lines(results):
            click.echo(line, err=True)
    if results.failed_inputs:
        sys.exit(ExitCode.BAD_INPUT)
    sys.exit(exit_code(results, fail_on))


def exit_code(results: api.Results, fail_on: str) -> ExitCode:
    """1 when a finding that is not waived reaches `fail_on`, else 0."""
    if fail_on == "never":
        return ExitCode.CLEAN
    threshold = SEVERITY_RANK[fail_on]
    failing = any(SEVERITY_RANK[f.severity] >= threshold and f.waiver is None
                  for d in results.documents if d.run for f in d.run.findings)
    return ExitCode.FINDINGS if failing else ExitCode.CLEAN
