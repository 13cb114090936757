"""Writing a report: to the terminal, or to --output (text or the bytes of a file format)."""

from __future__ import annotations

from pathlib import Path

import click

from budgetlint.errors import ReportError, os_reason


def emit(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"无法写入输出文件：{os_reason(exc)}", path=output) from exc


def emit_bytes(data: bytes, output: str) -> None:
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise ReportError(f"无法写入输出文件：{os_reason(exc)}", path=output) from exc


def require_file_output(fmt: str, reporter, output: str | None) -> None:
    """A format that writes a file (the XLSX checklist) needs --output with the file's suffix.

    Checked before any file is read; a ReportError, so the user sees one line and exit code 2."""
    suffix = getattr(reporter, "SUFFIX", "")
    if output is None:
        raise ReportError(f"--format {fmt} 生成 {suffix} 文件，不能输出到终端：请加 --output FILE{suffix}")
    if suffix and not output.lower().endswith(suffix):
        raise ReportError(f"--format {fmt} 生成 {suffix} 文件，--output 应以 {suffix} 结尾", path=output)


def rules_dirs_of(values: tuple[str, ...]) -> list[Path]:
    return [Path(v) for v in values]
