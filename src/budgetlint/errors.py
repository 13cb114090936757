"""One error type per layer; cli/ turns any of them into one line and exit code 2."""

from __future__ import annotations


class BudgetlintError(Exception):
    """An error the user can act on. `message` is shown as is (Chinese), `hint` after it."""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None,
                 line: int | None = None) -> None:
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
