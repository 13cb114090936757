"""`budgetlint check`: audit files and render the report."""

from __future__ import annotations

import sys

import click

from budgetlint import api
from budgetlint.cli.output import emit, emit_bytes, limit_option, require_file_output, rules_dirs_of
from budgetlint.exit_codes import ExitCode
from budgetlint.model.findings import SEVERITY_RANK
from budgetlint.report import REPORTERS


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="rich", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="达到该级别的问题时以退出码 1 结束")
@click.option("--select", multiple=True, help="只运行这些规则（id、名称、分组或前缀，可重复）")
@click.option("--ignore", multiple=True, help="不运行这些规则")
@click.option("--rules", "rules_dirs", multiple=True, help="另外加载该目录中的规则")
@click.option("--output", "-o", default=None, help="把报告写入文件（--format checklist 必须给出 .xlsx 文件）")
@click.option("--color/--no-color", default=None, help="终端报告是否着色（默认：输出到终端时着色）")
@limit_option
def check(paths, fmt, fail_on, select, ignore, rules_dirs, output, color, limits) -> None:
    """检查一个或多个文件（或目录）。"""
    reporter = REPORTERS[fmt]
    binary = getattr(reporter, "BINARY", False)
    if binary:
        require_file_output(fmt, reporter, output)
    results = api.audit(list(paths), select=list(select) or None, ignore=list(ignore) or None,
                        rules_dirs=rules_dirs_of(rules_dirs), limits=limits)
    if binary:
        emit_bytes(reporter.render(results), output)
    else:
        use_color = sys.stdout.isatty() and output is None if color is None else color
        emit(reporter.render(results, color=use_color), output)
    for entry in results.skipped:
        click.echo(entry.user_text(), err=True)
    for doc in results.failed_inputs:
        click.echo(doc.error, err=True)
    if results.failed_inputs or results.skipped:
        sys.exit(ExitCode.BAD_INPUT)
    if fail_on != "never":
        threshold = SEVERITY_RANK[fail_on]
        if any(SEVERITY_RANK[f.severity] >= threshold for d in results.documents for f in d.run.findings):
            sys.exit(ExitCode.FINDINGS)
    sys.exit(ExitCode.CLEAN)
