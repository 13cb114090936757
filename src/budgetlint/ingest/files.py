"""Finding and opening input files: regular files only, every other entry said out loud.

A FIFO named on the command line would block a reader forever and /dev/zero never ends, so a file
is opened without blocking and refused unless it is a regular file, before a byte is read. A
folder is walked in sorted order, once; every entry not checked becomes a SkippedFile with its
reason, never silently dropped: a file of another format, and, `unreadable`, what may be a
document but cannot be read -- a broken or looping symbolic link, a FIFO, a device, a socket, a
sub-folder that cannot be opened. Symbolic links to folders are followed (a link back to a folder
being walked is a loop).

Paths that are not valid UTF-8 (possible on Linux) reach Python with surrogate escapes, which no
report can print; `display_path` shows such bytes as \\xNN, so every message and the JSON stay valid.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from budgetlint.errors import InputError
from budgetlint.model.inputs import InputFiles, SkippedFile

# what a folder walk picks up: readable inputs, and the office formats that get a clear message
# (legacy .doc/.xls/.wps/.et: how to convert; .xlsm/.docm: macros refused) instead of silence
INPUT_SUFFIXES = frozenset({".txt", ".pdf", ".docx", ".xlsx", ".xlsm", ".docm", ".doc", ".xls", ".wps", ".et"})


def display_path(path: str | Path) -> str:
    """The path as text any output can hold: undecodable bytes shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _kind_reason(mode: int, via_link: bool = False) -> str:
    """Why an entry of this mode is not read: 这是命名管道（FIFO），不是普通文件 …"""
    if stat.S_ISFIFO(mode):
        noun = "命名管道（FIFO）"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        noun = "设备文件"
    elif stat.S_ISSOCK(mode):
        noun = "套接字"
    else:
        noun = "特殊文件"
    return f"{'符号链接指向' if via_link else '这是'}{noun}，不是普通文件"


def _stat_reason(exc: OSError, is_link: bool) -> str:
    if exc.errno == errno.ELOOP:
        return "符号链接形成循环"
    if exc.errno == errno.ENOENT:
        return "符号链接指向的文件不存在" if is_link else "文件不存在"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有读取权限"
    return f"无法访问：{exc.strerror or exc}"


def open_regular(path: str | Path, shown: str) -> tuple[BinaryIO, int]:
    """Open `path` for reading if it is a regular file: (file, size). InputError otherwise.

    O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then decides on what was opened,
    so nothing can swap the file between a check and the open.
    """
    if isinstance(path, str) and path == "":  # Path("") would be the current folder
        raise InputError("路径为空")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputError("这是一个目录，不是文件", path=shown) from exc
        raise InputError(_stat_reason(exc, Path(path).is_symlink()), path=shown) from exc
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        os.close(fd)
        raise InputError("这是一个目录，不是文件", path=shown)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise InputError(_kind_reason(info.st_mode), path=shown, hint="只检查普通文件")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb"), info.st_size


def walk(paths: Iterable[str | Path], suffixes: Iterable[str] = INPUT_SUFFIXES) -> InputFiles:
    """Files as named (each one read, or refused with its reason, later); folders walked for files
    with one of `suffixes`, in sorted order, with the entries they skip. An empty name is skipped."""
    wanted = {s.lower() for s in suffixes}
    files: list[Path] = []
    skipped: list[SkippedFile] = []
    for item in paths:
        if str(item) == "":
            skipped.append(SkippedFile(path='""', reason="路径为空（当前目录请写 .）", unreadable=True))
            continue
        p = Path(item)
        if p.is_dir():
            found: list[Path] = []
            _walk(p, wanted, found, skipped, ancestors=())
            files += sorted(found)
        else:
            files.append(p)
    return InputFiles(files=tuple(files), skipped=tuple(skipped))


def _walk(
    folder: Path,
    wanted: set[str],
    found: list[Path],
    skipped: list[SkippedFile],
    ancestors: tuple[tuple[int, int], ...],
) -> None:
    try:
        info = folder.stat()
        here = (info.st_dev, info.st_ino)
        if here in ancestors:
            skipped.append(_unreadable(folder, "符号链接形成循环（指向上级目录）"))
            return
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        skipped.append(_unreadable(folder, f"无法打开目录：{_stat_reason(exc, False)}"))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_link = entry.is_symlink()
            mode = entry.stat(follow_symlinks=True).st_mode
        except OSError as exc:
            skipped.append(_unreadable(path, _stat_reason(exc, True)))
            continue
        if stat.S_ISDIR(mode):
            _walk(path, wanted, found, skipped, (*ancestors, here))
        elif stat.S_ISREG(mode):
            if path.suffix.lower() in wanted:
                found.append(path)
            else:
                skipped.append(
                    SkippedFile(path=display_path(path), reason=f"不支持的文件类型（{path.suffix or '无扩展名'}）")
                )
        else:
            skipped.append(_unreadable(path, _kind_reason(mode, via_link=is_link)))


def _unreadable(path: Path, reason: str) -> SkippedFile:
    return SkippedFile(path=display_path(path), reason=reason, unreadable=True)
