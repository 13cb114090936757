"""Command line: parse options, call api, choose a reporter, map errors to exit codes. Nothing else.

One module per command (baseline.py, check.py, inspect.py, report.py, roles.py, rules.py, scan.py); this
module holds the group, the global options and `main`, the one error boundary. A command's module is imported when
the command runs (or --help lists it), so `budgetlint --version` loads none of them.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
from importlib import import_module
from typing import NoReturn

import click

from budgetlint import __version__, gc_tuning, load_cache
from budgetlint.cli.chinese import ChineseGroup, usage_error
from budgetlint.errors import BudgetlintError
from budgetlint.exit_codes import ExitCode

_traceback = False

# each the name of its module and its command
COMMANDS = ("baseline", "check", "inspect", "report", "roles", "rules", "scan")


class _Commands(ChineseGroup):
    """The commands of COMMANDS, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        command: click.Command = getattr(import_module(f"{__name__}.{name}"), name)
        return command


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="budgetlint", help="显示版本并退出", message="%(prog)s %(version)s")
@click.option("--traceback", "show_traceback", is_flag=True, help="出错时显示完整的 Python 调用栈")
@click.option("-v", "--verbose", is_flag=True, help="输出调试日志")
def cli(show_traceback: bool, verbose: bool) -> None:
    """budgetlint：预决算公开文件一致性检查。

    \b
    常用：
      budgetlint check 部门预算.pdf            检查一个文件，问题按部分、按页列出
      budgetlint check 目录/ --show-skipped    检查目录中的全部文件，并列出未能判断的检查
      budgetlint baseline -o budgetlint.toml 目录/   把现有问题全部记为已豁免
      budgetlint rules                       列出全部规则；budgetlint rules show NA001 查看说明
      budgetlint roles [文件]                 列出规则可用的表类型与列、行角色（或该文件中识别到的）
    """
    global _traceback
    _traceback = show_traceback
    configure_logging(verbose)


def configure_logging(verbose: bool) -> None:
    """One message per problem on stderr: budgetlint's own warnings as `budgetlint: …` lines.

    Libraries log too (pdfminer warned about every odd object of a damaged PDF, up to thousands
    of lines per file; pypdf, PIL and dask log): their records, and Python warnings, are shown
    only with -v, which also shows budgetlint's debug records (a crashed check's traceback).
    """
    handler = logging.StreamHandler(sys.stderr)
    if verbose:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(logging.Formatter("budgetlint: %(message)s"))
        handler.addFilter(lambda record: record.name.split(".", 1)[0] == "budgetlint")
    handler.budgetlint = True  # type: ignore[attr-defined]  # replaced, not stacked, on the next call
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not getattr(h, "budgetlint", False)] + [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("budgetlint").setLevel(logging.DEBUG if verbose else logging.WARNING)
    logging.captureWarnings(True)


@gc_tuning.tuned()
def main() -> None:
    """The one error boundary: a BudgetlintError is one line and exit 2, never a traceback.
    The CLI's processes use the load cache (load_cache.py): written, when it lacked anything
    this run loaded, as the command ends (and off again afterwards, for main called in-process)."""
    load_cache.enable()
    # pydantic looks for plugins in every installed package's metadata when it builds its first
    # model (tens of milliseconds); budgetlint uses none. Whoever sets the variable decides.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        _run()
    finally:
        load_cache.save()
        load_cache.disable()


def run() -> NoReturn:
    """The process's entry point (the console script, `python -m budgetlint`): `main`, then the
    process ends as soon as its output is out.

    Why not a plain return: the interpreter's own exit then tears down every module and frees
    every object the run built -- the rules, the templates, the imported checker -- one by one,
    which took a tenth of a second and more after a one-file `check` had printed everything (and
    as long again at the end of a batch). Here the exit handlers still run (logging, a batch's
    worker processes, temporary folders) and both streams are flushed, and only the tearing
    down is skipped: every file the command writes is closed by the command itself. A stream
    that cannot be flushed (a closed pipe), or a profiler or debugger watching (`python -m
    cProfile` writes its figures after this returns), leaves the exit to Python, as before."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        if not isinstance(exc.code, int | None):
            raise  # a message for Python to print, as it would
        code = exc.code or 0
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        sys.exit(code)
    os._exit(code)


def _run() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        click.echo(usage_error(exc), err=True)
        sys.exit(ExitCode.BAD_INPUT)
    except click.ClickException as exc:
        click.echo(f"budgetlint：{exc.format_message()}", err=True)
        sys.exit(ExitCode.BAD_INPUT)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # Ctrl-C: what a batch finished is kept
            click.echo("budgetlint：已中断", err=True)
            sys.exit(ExitCode.INTERRUPTED)
        sys.exit(ExitCode.BAD_INPUT)
    except BudgetlintError as exc:
        click.echo(f"budgetlint：{exc.user_text()}", err=True)
        sys.exit(ExitCode.BAD_INPUT)
    except Exception as exc:  # the boundary: anything else is still one line
        if _traceback:
            raise
        click.echo(f"budgetlint：内部错误 {type(exc).__name__}: {exc}（加 --traceback 重新运行可查看详情）", err=True)
        sys.exit(ExitCode.BAD_INPUT)
