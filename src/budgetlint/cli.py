"""Command line: parse options, call api, choose a reporter, map errors to exit codes. Nothing else."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from budgetlint import __version__, api
from budgetlint.errors import BudgetlintError, ReportError
from budgetlint.exit_codes import ExitCode
from budgetlint.model.findings import SEVERITY_RANK
from budgetlint.report import REPORTERS, json_contract

_traceback = False


def _emit(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"无法写入输出文件：{exc.strerror}", path=output) from exc


def _emit_bytes(data: bytes, output: str) -> None:
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise ReportError(f"无法写入输出文件：{exc.strerror}", path=output) from exc


def _require_file_output(fmt: str, reporter, output: str | None) -> None:
    """A format that writes a file (the XLSX checklist) needs --output with the file's suffix.

    Checked before any file is read; a ReportError, so the user sees one line and exit code 2."""
    suffix = getattr(reporter, "SUFFIX", "")
    if output is None:
        raise ReportError(f"--format {fmt} 生成 {suffix} 文件，不能输出到终端：请加 --output FILE{suffix}")
    if suffix and not output.lower().endswith(suffix):
        raise ReportError(f"--format {fmt} 生成 {suffix} 文件，--output 应以 {suffix} 结尾", path=output)


def _rules_dirs(values: tuple[str, ...]) -> list[Path]:
    return [Path(v) for v in values]


@click.group()
@click.version_option(__version__, prog_name="budgetlint")
@click.option("--traceback", "show_traceback", is_flag=True, help="出错时显示完整的 Python 调用栈")
@click.option("-v", "--verbose", is_flag=True, help="输出调试日志")
def cli(show_traceback: bool, verbose: bool) -> None:
    """budgetlint：预决算公开文件一致性检查。"""
    global _traceback
    _traceback = show_traceback
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="rich", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="达到该级别的问题时以退出码 1 结束")
@click.option("--select", multiple=True, help="只运行这些规则（id、名称、分组或前缀，可重复）")
@click.option("--ignore", multiple=True, help="不运行这些规则")
@click.option("--rules", "rules_dirs", multiple=True, help="另外加载该目录中的规则")
@click.option("--output", "-o", default=None, help="把报告写入文件（--format checklist 必须给出 .xlsx 文件）")
@click.option("--color/--no-color", default=None, help="终端报告是否着色（默认：输出到终端时着色）")
def check(paths, fmt, fail_on, select, ignore, rules_dirs, output, color) -> None:
    """检查一个或多个文件（或目录）。"""
    reporter = REPORTERS[fmt]
    binary = getattr(reporter, "BINARY", False)
    if binary:
        _require_file_output(fmt, reporter, output)
    results = api.audit(list(paths), select=list(select) or None, ignore=list(ignore) or None,
                        rules_dirs=_rules_dirs(rules_dirs))
    if binary:
        _emit_bytes(reporter.render(results), output)
    else:
        use_color = sys.stdout.isatty() and output is None if color is None else color
        _emit(reporter.render(results, color=use_color), output)
    for doc in results.failed_inputs:
        click.echo(doc.error, err=True)
    if results.failed_inputs:
        sys.exit(ExitCode.BAD_INPUT)
    if fail_on != "never":
        threshold = SEVERITY_RANK[fail_on]
        if any(SEVERITY_RANK[f.severity] >= threshold for d in results.documents for f in d.run.findings):
            sys.exit(ExitCode.FINDINGS)
    sys.exit(ExitCode.CLEAN)


@cli.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True)
def inspect(path, fmt) -> None:
    """显示识别结果：模板、单位、年度，以及每张表的类型、标题、大小、位置和金额单位。"""
    disclosure = api.inspect(path)
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


@cli.group(invoke_without_command=True)
@click.option("--rules", "rules_dirs", multiple=True, help="另外加载该目录中的规则")
@click.pass_context
def rules(ctx, rules_dirs) -> None:
    """列出规则；子命令 show、test。"""
    ctx.obj = _rules_dirs(rules_dirs)
    if ctx.invoked_subcommand is None:
        for rule in api.load_rules(ctx.obj):
            click.echo(f"{rule.id}  {rule.severity:<7} {rule.check['kind']:<15} {rule.name:<48} {rule.title}")


@rules.command("show")
@click.argument("rule_id")
@click.pass_obj
def rules_show(rules_dirs, rule_id) -> None:
    """显示一条规则的说明与示例。"""
    from budgetlint.testing import rule_doc

    click.echo(rule_doc(rule_id, rules_dirs))


@rules.command("test")
@click.argument("paths", nargs=-1)
@click.pass_obj
def rules_test(rules_dirs, paths) -> None:
    """运行每条规则旁的用例（*.cases.yaml）。"""
    from budgetlint.testing import run_all_cases

    results = run_all_cases(rules_dirs, [Path(p) for p in paths])
    failed = [r for r in results if not r.ok]
    for r in failed:
        click.echo(f"FAIL {r.case_id}: {r.problem}")
    click.echo(f"rules test: {len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.CLEAN)


def main() -> None:
    """The one error boundary: a BudgetlintError is one line and exit 2, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.BAD_INPUT)
    except click.exceptions.Abort:
        sys.exit(ExitCode.BAD_INPUT)
    except BudgetlintError as exc:
        click.echo(f"budgetlint: {exc.user_text()}", err=True)
        sys.exit(ExitCode.BAD_INPUT)
    except Exception as exc:  # the boundary: anything else is still one line
        if _traceback:
            raise
        click.echo(f"budgetlint: 内部错误 {type(exc).__name__}: {exc}（加 --traceback 重新运行可查看详情）", err=True)
        sys.exit(ExitCode.BAD_INPUT)
