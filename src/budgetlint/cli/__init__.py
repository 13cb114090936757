"""Command line: parse options, call api, choose a reporter, map errors to exit codes. Nothing else.

One module per command (check.py, inspect.py, rules.py, scan.py, report.py); this module holds the
group, the global options and `main`, the one error boundary. A command's module is imported when
the command runs (or --help lists it), so `budgetlint --version` loads none of them.
"""

from __future__ import annotations

import logging
import sys
from importlib import import_module

import click

from budgetlint import __version__, gc_tuning
from budgetlint.errors import BudgetlintError
from budgetlint.exit_codes import ExitCode

_traceback = False

COMMANDS = ("check", "inspect", "report", "rules", "scan")  # each the name of its module and its command


class _Commands(click.Group):
    """The commands of COMMANDS, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        command: click.Command = getattr(import_module(f"{__name__}.{name}"), name)
        return command


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="budgetlint")
@click.option("--traceback", "show_traceback", is_flag=True, help="出错时显示完整的 Python 调用栈")
@click.option("-v", "--verbose", is_flag=True, help="输出调试日志")
def cli(show_traceback: bool, verbose: bool) -> None:
    """budgetlint：预决算公开文件一致性检查。"""
    global _traceback
    _traceback = show_traceback
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr)


@gc_tuning.tuned()
def main() -> None:
    """The one error boundary: a BudgetlintError is one line and exit 2, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.BAD_INPUT)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # Ctrl-C: what a batch finished is kept
            click.echo("budgetlint: 已中断", err=True)
            sys.exit(ExitCode.INTERRUPTED)
        sys.exit(ExitCode.BAD_INPUT)
    except BudgetlintError as exc:
        click.echo(f"budgetlint: {exc.user_text()}", err=True)
        sys.exit(ExitCode.BAD_INPUT)
    except Exception as exc:  # the boundary: anything else is still one line
        if _traceback:
            raise
        click.echo(f"budgetlint: 内部错误 {type(exc).__name__}: {exc}（加 --traceback 重新运行可查看详情）", err=True)
        sys.exit(ExitCode.BAD_INPUT)
