"""One error type per layer; cli/ turns any of them into one line and exit code 2."""

from __future__ import annotations

import errno

# what the operating system said, in Chinese (its own text is English and depends on the platform)
_OS_REASONS = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EMFILE: "打开的文件太多",
    errno.EIO: "读写出错（磁盘或网络故障）",
    errno.EBUSY: "文件正被占用",
    errno.ELOOP: "符号链接循环",
    errno.EINVAL: "无效的路径或参数",
}


def os_reason(exc: OSError) -> str:
    """An OSError as a short Chinese reason (the English text only when the code is unknown)."""
    return _OS_REASONS.get(exc.errno or -1) or (exc.strerror or type(exc).__name__)


class BudgetlintError(Exception):
    """An error the user can act on. `message` is shown as is (Chinese), `hint` after it."""

    def __init__(
        self, message: str, *, path: str | None = None, hint: str | None = None, line: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint
        self.line = line

    def user_text(self) -> str:
        where = self.path or ""
        if self.line:
            where += f":{self.line}"
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"（{self.hint}）"
        return text


class InputError(BudgetlintError):
    """A document cannot be read or is not a disclosure."""


class TemplateError(BudgetlintError):
    """A template YAML file is malformed or contradicts itself."""


class RuleError(BudgetlintError):
    """A rule YAML file is malformed, has an unknown kind, bad params or a duplicate id."""


class ReportError(BudgetlintError):
    """An output cannot be written."""
