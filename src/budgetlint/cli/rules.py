"""`budgetlint rules`: list the rules, show one, run their cases."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from budgetlint import api, gc_tuning
from budgetlint.cli.chinese import ChineseGroup
from budgetlint.cli.output import rules_dirs_of
from budgetlint.exit_codes import ExitCode


@click.group(cls=ChineseGroup, invoke_without_command=True)
@click.option("--rules", "rules_dirs", multiple=True, help="另外加载该目录中的规则")
@click.pass_context
def rules(ctx, rules_dirs) -> None:
    """列出规则；子命令 show、test。"""
    ctx.obj = rules_dirs_of(rules_dirs)
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

    gc_tuning.loaded()
    results = run_all_cases(rules_dirs, [Path(p) for p in paths])
    failed = [r for r in results if not r.ok]
    for r in failed:
        click.echo(f"FAIL {r.case_id}: {r.problem}")
    click.echo(f"rules test: {len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.CLEAN)
