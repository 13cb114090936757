"""click, in Chinese: help pages and usage errors.

click writes its own words in English (Usage:, Options:, [default: …], No such option …). The
commands use ChineseGroup / ChineseCommand, whose help replaces click's fixed headings, and
`usage_error` turns each kind of click usage error into one Chinese line from the exception's
fields (never from its English text, except to name the offending value where click keeps no field).
"""

from __future__ import annotations

import re

import click

HELP_TEXT = "显示本帮助并退出"
# click's fixed headings and markers in a help page, and what they say here
_HEADINGS = [
    ("Usage:", "用法："),
    ("Options:", "选项："),
    ("Commands:", "命令："),
    ("Arguments:", "参数："),
    ("[required]", "[必填]"),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("PATHS...", "文件或目录..."),
    ("TEXT", "文本"),
]


_DEFAULT = re.compile(r"\[default:\s*")  # click may wrap the line right after "default:"


def _chinese(text: str) -> str:
    for english, chinese in _HEADINGS:
        text = text.replace(english, chinese)
    return _DEFAULT.sub("[默认：", text)


class _Chinese:
    """Mixed into click's Command and Group: Chinese help page and --help option."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def get_help(self, ctx: click.Context) -> str:
        return _chinese(super().get_help(ctx))  # type: ignore[misc]

    def get_usage(self, ctx: click.Context) -> str:
        return _chinese(super().get_usage(ctx))  # type: ignore[misc]


class ChineseCommand(_Chinese, click.Command):
    pass


class ChineseGroup(_Chinese, click.Group):
    command_class = ChineseCommand
    group_class = type  # subgroups made with @group.group() are ChineseGroups too


def _name(param: click.Parameter | None) -> str:
    if param is None:
        return "参数"
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    return param.human_readable_name


def usage_error(exc: click.UsageError) -> str:
    """One Chinese line for a click usage error, with where to find the usage."""
    ctx = exc.ctx
    command = ctx.command_path if ctx is not None else "budgetlint"
    if isinstance(exc, click.NoSuchOption):
        text = f"没有这个选项：{exc.option_name}"
        if exc.possibilities:
            text += f"（是否想用：{'、'.join(sorted(exc.possibilities))}？）"
    elif isinstance(exc, click.MissingParameter):
        kind = "选项" if isinstance(exc.param, click.Option) else "参数"
        text = f"缺少{kind} {_name(exc.param)}"
    elif isinstance(exc, click.BadParameter):
        text = f"{_name(exc.param)} 的值无效"
        if exc.param is not None and isinstance(exc.param.type, click.Choice):
            text += f"（可选：{'、'.join(str(c) for c in exc.param.type.choices)}）"
    elif isinstance(exc, click.BadOptionUsage):
        text = f"选项 {exc.option_name} 用法有误" + ("：需要一个值" if "requires an argument" in exc.message else "")
    else:
        text = _generic(exc.message)
    line = f"{command}：{text}（运行 {command} --help 查看用法）"
    # an argument that is no UTF-8 (a file name's byte 0xFF arrives as \udcff) printed as \xff, as
    # paths are everywhere; imported here, on the error path, so `--version` does not load the model
    from budgetlint.ingest.files import display_path

    return display_path(line)


_EXTRA = re.compile(r"unexpected extra arguments? \((.*)\)")
_COMMAND = re.compile(r"No such command '(.*)'")


def _generic(message: str) -> str:
    """Usage errors click raises without a type of their own: the value named, the rest in Chinese."""
    if m := _EXTRA.search(message):
        return f"多余的参数：{m.group(1)}"
    if m := _COMMAND.search(message):
        return f"没有这个命令：{m.group(1)}"
    return f"用法有误（{message}）"
