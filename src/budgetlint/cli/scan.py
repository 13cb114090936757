"""`budgetlint scan`: check a folder (or files) into a results store, resumably, then summarise.

For the reviewer: a progress bar, every core (or a Dask cluster), a time budget per file, results
kept as they finish in an SQLite store (a rerun does only what is missing), and at the end a table
per document, worst first. `budgetlint report` writes the same summary as XLSX, CSV or HTML.

The project file is read as `check` reads it (the same --config/--isolated/--select/--ignore/--rules,
the same precedence, exit 2 on a bad file): its selection, severities and waivers go into every
document's result, and into the rule-set version that decides which stored results a rerun reuses
(document.ruleset_version). A waived finding is stored with its waiver and counted as waived, not
as an error or warning; waivers that named nothing, or have expired, are said at the end.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys

import click

from budgetlint import api
from budgetlint.batch.document import rules_for
from budgetlint.batch.forkserver import start_early
from budgetlint.batch.progress import Progress, wanted
from budgetlint.batch.scan import scan as run_scan
from budgetlint.batch.store import Store
from budgetlint.cli.check import Seen, config_options, run_notes, run_options, settings_of
from budgetlint.config import project_config
from budgetlint.errors import InputError
from budgetlint.exit_codes import ExitCode
from budgetlint.ingest.files import display_path
from budgetlint.model.findings import SEVERITY_RANK
from budgetlint.report.phrases import notice_lines
from budgetlint.report.record import DocumentRecord
from budgetlint.report.summary import Summary, render_terminal

DEFAULT_DB = "budgetlint-results.sqlite"


class Terminated(Exception):
    """SIGTERM: stop like Ctrl-C (what finished is already stored)."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated


def _paired(record: DocumentRecord) -> None:
    """Say which two files became one document (and what stopped it, if the pair could not be checked)."""
    if record.checked:
        click.echo(
            f"已配对：{record.path}（同一单位、年度、类型的正文与表格，作为一份公开文件检查；--no-pairing 可关闭）",
            err=True,
        )
    else:
        click.echo(f"配对后无法检查，两个文件分别记录：{record.reason}", err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="结果库（SQLite 文件）；已检查过的文件不再检查")
@click.option("--rerun", is_flag=True, help="忽略结果库中已有的结果，全部重新检查")
@click.option(
    "--scheduler", default=None, metavar="tcp://HOST:8786", help="把检查交给 Dask 集群（dask.distributed 调度器地址）"
)
@click.option("--statistics", is_flag=True, help="最后列出最常见的规则")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="达到该级别的问题时以退出码 1 结束",
)
@config_options
@click.option(
    "--no-pairing", "no_pairing", is_flag=True, help="不自动配对：同一单位、年度和类型的正文文件与表格文件也分别检查"
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="终端表格最多列出的文件数")
@run_options
def scan(
    paths,
    db,
    rerun,
    scheduler,
    statistics,
    fail_on,
    config_file,
    isolated,
    select,
    ignore,
    rules_dirs,
    no_pairing,
    limit,
    jobs,
    timeout,
    max_memory,
) -> None:
    """批量检查：进度、并行、超时、结果库（可续跑）和汇总表。

    与 check 一样读取项目文件（budgetlint.toml 或 pyproject.toml 的 [tool.budgetlint]）：其中的规则选择、
    级别和豁免用于每个文件，并决定结果库中哪些结果可以沿用。
    """
    config = project_config(config_file, isolated)  # a bad project file: exit 2 before anything is read
    settings = settings_of(config, select, ignore, rules_dirs)
    with Store(db) as store:  # a bad --db stops here, before any file is read
        if scheduler is None:  # the workers' start-up beside the parent's (hashing, the store, the rules)
            start_early()
        rules_for(settings)
        inputs = api.expand_paths(list(paths))
        files = inputs.files
        for entry in inputs.skipped:
            click.echo(f"未检查：{entry.path}（{entry.reason}）", err=True)
        if not files:
            raise InputError("没有找到可检查的文件", path=", ".join(display_path(p) for p in paths))
        progress = Progress(enabled=wanted())

        def planned(todo: int, skipped: int) -> None:
            if skipped:
                click.echo(f"结果库中已有 {skipped} 个文件的结果，跳过（--rerun 可全部重查）", err=True)
            progress.start(todo)

        previous = signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            with progress:
                counts, ruleset, shas = run_scan(
                    list(files),
                    store,
                    settings,
                    rerun=rerun,
                    pairing=not no_pairing,
                    jobs=jobs,
                    timeout=timeout,
                    memory_mib=max_memory,
                    scheduler=scheduler,
                    on_plan=planned,
                    on_start=lambda job: progress.running(job.path),
                    on_record=lambda record: progress.advance(record.path),
                    on_pair=_paired,
                )
        except (KeyboardInterrupt, Terminated) as exc:
            click.echo(f"已中断：已完成的文件都已存入 {db}，再次运行同一命令即可继续", err=True)
            sys.exit(ExitCode.INTERRUPTED if isinstance(exc, KeyboardInterrupt) else 128 + signal.SIGTERM)
        finally:
            signal.signal(signal.SIGTERM, previous)
        summary, seen = Summary(), Seen(list(config.waivers))
        for key, record in store.records(store.document_ids(ruleset, shas)):
            summary.add(key, record)
            seen.add(record)
    for line in notice_lines(run_notes(config, [], seen, settings.today or dt.date.today())):
        click.echo(line, err=True)
    click.echo(render_terminal(summary, statistics=statistics, color=sys.stdout.isatty(), limit=limit), nl=False)
    paired = f"（其中 {counts.paired} 份由正文与表格两个文件配对而成）" if counts.paired else ""
    click.echo(
        f"本次检查 {counts.checked + counts.not_checked} 个{paired}，跳过已有结果 {counts.skipped} 个；"
        f"结果库 {db}（budgetlint report --db {db} --format xlsx|csv|html -o …）"
    )
    if summary.totals()["not_checked"] or inputs.unreadable:
        sys.exit(ExitCode.BAD_INPUT)
    threshold = SEVERITY_RANK.get(fail_on)
    failing = threshold is not None and any(
        (threshold <= 2 and r.errors) or (threshold <= 1 and r.warnings) or (threshold == 0 and r.infos)
        for r in summary.rows
    )
    sys.exit(ExitCode.FINDINGS if failing else ExitCode.CLEAN)
