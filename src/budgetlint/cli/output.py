"""Writing a report: to the terminal, or to --output (text or the bytes of a file format)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from budgetlint.errors import ReportError
from budgetlint.limits import DEFAULT_LIMITS, Limits


def emit(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"无法写入输出文件：{exc.strerror}", path=output) from exc


def emit_bytes(data: bytes, output: str) -> None:
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise ReportError(f"无法写入输出文件：{exc.strerror}", path=output) from exc


def require_file_output(fmt: str, reporter, output: str | None) -> None:
    """A format that writes a file (the XLSX checklist) needs --output with the file's suffix.

    Checked before any file is read; a ReportError, so the user sees one line and exit code 2."""
    suffix = getattr(reporter, "SUFFIX", "")
    if output is None:
        raise ReportError(f"--format {fmt} 生成 {suffix} 文件，不能输出到终端：请加 --output FILE{suffix}")
    if suffix and not output.lower().endswith(suffix):
        raise ReportError(f"--format {fmt} 生成 {suffix} 文件，--output 应以 {suffix} 结尾", path=output)


def rules_dirs_of(values: tuple[str, ...]) -> list[str]:
    """--rules values as typed: "" stays "" (refused by the loader), never the current folder."""
    return list(values)


def _limits(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> Limits:
    return DEFAULT_LIMITS.with_options(values)


def limit_option(command: Callable) -> Callable:
    """--limit NAME=VALUE (repeatable): change one of the resource limits (budgetlint/limits.py)."""
    return click.option("--limit", "limits", multiple=True, callback=_limits, metavar="NAME=VALUE",
                        help="调整资源上限，如 --limit file_mb=300（可重复；各项及默认值见 docs/limits.md）")(command)
