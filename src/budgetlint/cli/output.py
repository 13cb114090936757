"""Writing a report: to the terminal, or to --output (text or the bytes of a file format)."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

from budgetlint.errors import ReportError, os_reason
from budgetlint.limits import DEFAULT_LIMITS, Limits


def open_output(output: str) -> int:
    """A file descriptor open for writing `output` (created or truncated).

    A named pipe (`--output >(gzip > r.gz)`, a FIFO) is opened without waiting: with no process
    reading it, opening it to write would block forever, so that is one line and exit 2 instead;
    once open, writes block as a pipe's do."""
    pipe = _is_fifo(output)
    try:
        if not pipe:
            return os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        fd = os.open(output, os.O_WRONLY | os.O_NONBLOCK)
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        return fd
    except OSError as exc:
        if pipe and exc.errno == errno.ENXIO:
            raise ReportError("输出是一个管道，但没有进程在读取它", path=output) from exc
        raise ReportError(f"无法写入输出文件：{os_reason(exc)}", path=output) from exc


def emit(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    emit_bytes(text.encode("utf-8"), output)


def emit_bytes(data: bytes, output: str) -> None:
    try:
        with open(open_output(output), "wb") as file:
            file.write(data)
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


def rules_dirs_of(values: tuple[str, ...]) -> list[str]:
    """--rules values as typed: "" stays "" (refused by the loader), never the current folder."""
    return list(values)


def _limits(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> Limits:
    return DEFAULT_LIMITS.with_options(values)


def limit_option(command: Callable) -> Callable:
    """--limit NAME=VALUE (repeatable): change one of the resource limits (budgetlint/limits.py)."""
    return click.option(
        "--limit",
        "limits",
        multiple=True,
        callback=_limits,
        metavar="NAME=VALUE",
        help="调整资源上限，如 --limit file_mb=300（可重复；各项及默认值见 docs/limits.md）",
    )(command)


def _is_fifo(output: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(output).st_mode)
    except OSError:
        return False


def require_writable(output: str) -> None:
    """-o names a file that can be written: checked before the run starts (exit 2 at once)."""
    path = Path(output)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ReportError("输出路径是一个目录，请给出文件名", path=output)
    if not parent.is_dir():
        raise ReportError("输出文件所在的目录不存在", path=output)
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReportError("没有写入输出文件的权限", path=output)


class Output:
    """Where a streaming report goes: stdout, or the file -o names (validated on creation,
    opened when the run starts, written as documents finish). A binary format is only validated:
    it is written whole at the end."""

    def __init__(self, output: str | None, *, binary: bool = False) -> None:
        self.output, self.binary = output, binary
        self._file: TextIO | None = None
        self._fd: int | None = None
        if output is not None:
            require_writable(output)
            if not binary and _is_fifo(output):  # a pipe nobody reads: exit 2 now, not a hang later
                self._fd = open_output(output)

    def __enter__(self) -> Output:
        if self.output is not None and not self.binary:
            fd, self._fd = self._fd, None
            self._file = open(open_output(self.output) if fd is None else fd, "w", encoding="utf-8")
        return self

    def write(self, text: str) -> None:
        if not text:
            return
        try:
            if self._file is not None:
                self._file.write(text)
            else:
                sys.stdout.write(text)
                sys.stdout.flush()
        except OSError as exc:  # a full disk or device: one line, exit 2, not 内部错误
            raise ReportError(f"无法写入输出：{os_reason(exc)}", path=self.output or "标准输出") from exc

    def __exit__(self, *exc: object) -> None:
        file, self._file = self._file, None
        if file is None:
            return
        try:
            file.close()  # flushes: a full disk shows here first
        except OSError as error:
            if exc[0] is None:  # never hide the error that is already on its way out
                raise ReportError(f"无法写入输出：{os_reason(error)}", path=self.output) from error
