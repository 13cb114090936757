"""`budgetlint check`: audit files and render the report, one document at a time.

Each document goes through the per-document function (batch/document.py): in this process for a
single file, in worker processes (-j, --timeout, --max-memory) for several. Its part of the report
is rendered where it was checked and written as soon as every document before it is done; only
the small totals are kept for the report's last lines, so memory does not grow with the number
of files. A format that is one file (the XLSX checklist) keeps the small per-document records and
writes at the end.
"""

from __future__ import annotations

import sys

import click

from budgetlint import api
from budgetlint.model.results import DocumentResult
from budgetlint.batch.document import Job, Settings, rules_for
from budgetlint.batch.executors import DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT, executor
from budgetlint.batch.progress import Progress, wanted
from budgetlint.cli.output import Output, emit_bytes, limit_option, require_file_output
from budgetlint.errors import InputError
from budgetlint.exit_codes import ExitCode
from budgetlint.ingest.files import display_path
from budgetlint.model.findings import SEVERITY_RANK
from budgetlint.report import REPORTERS
from budgetlint.report.record import DocumentRecord, Totals


def run_options(command):
    """-j, --timeout and --max-memory: shared by check and scan."""
    command = click.option("--max-memory", type=click.IntRange(min=64), default=DEFAULT_MEMORY_MIB, show_default=True,
                           help="多文件时每个检查进程的内存上限（MiB），超出则该文件记为未检查")(command)
    command = click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
                           show_default=True, help="多文件时每个文件的时限（秒），超时则该文件记为未检查")(command)
    return click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                        help="并行检查的进程数（默认：CPU 核数）")(command)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="rich", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="达到该级别的问题时以退出码 1 结束")
@click.option("--select", multiple=True, help="只运行这些规则（id、名称、分组或前缀，可重复）")
@click.option("--ignore", multiple=True, help="不运行这些规则")
@click.option("--rules", "rules_dirs", multiple=True, help="另外加载该目录中的规则")
@click.option("--output", "-o", default=None, help="把报告写入文件（--format checklist 必须给出 .xlsx 文件）")
@click.option("--color/--no-color", default=None, help="终端报告是否着色（默认：输出到终端时着色）")
@run_options
@limit_option
def check(paths, fmt, fail_on, select, ignore, rules_dirs, output, color, jobs, timeout, max_memory, limits) -> None:
    """检查一个或多个文件（或目录）。"""
    reporter = REPORTERS[fmt]
    streaming = hasattr(reporter, "document")
    if not streaming:
        require_file_output(fmt, reporter, output)
    sink = Output(output, binary=not streaming)  # a bad -o stops here, before any file is read
    inputs = api.expand_paths(list(paths))
    files = inputs.files
    if not files and not inputs.skipped:
        raise InputError("没有找到可检查的文件", path=", ".join(display_path(p) for p in paths))
    use_color = sys.stdout.isatty() and output is None if color is None else color
    settings = Settings(tuple(select), tuple(ignore), tuple(rules_dirs), render=fmt if streaming else None,
                        color=use_color, limits=limits)
    rules_for(settings)  # a bad rule pack is exit 2 here, once, not a message per file
    progress = Progress(enabled=len(files) > 1 and output is None and wanted())
    progress.start(len(files))
    threshold = SEVERITY_RANK.get(fail_on)
    totals, reasons, kept, failing = Totals(), [], [], False
    with sink, progress, executor(settings, jobs=jobs, timeout=timeout, memory_mib=max_memory,
                                          in_process=len(files) == 1,
                                          on_start=lambda job: progress.running(job.path)) as runner:
        if streaming:
            sink.write(reporter.head(color=use_color))
        for record in runner.run((Job(i, (str(f),)) for i, f in enumerate(files)), ordered=True):
            if streaming:
                sink.write((getattr(reporter, "SEPARATOR", "") if totals.files else "")
                           + _rendered(reporter, record, use_color))
            else:
                kept.append(record)
            totals.add(record)
            progress.advance(record.path)
            if not record.checked:
                reasons.append(record.reason)
            failing = failing or (threshold is not None
                                  and any(SEVERITY_RANK[f.severity] >= threshold for f in record.findings))
        if streaming:
            sink.write(reporter.tail(totals, color=use_color))
    if not streaming:
        emit_bytes(reporter.render_records(kept), output)
    for entry in inputs.skipped:
        click.echo(entry.user_text(), err=True)
    for reason in reasons:
        click.echo(reason, err=True)
    if reasons or inputs.skipped:
        sys.exit(ExitCode.BAD_INPUT)
    sys.exit(ExitCode.FINDINGS if failing else ExitCode.CLEAN)


def _rendered(reporter, record: DocumentRecord, color: bool) -> str:
    """The document's part as its worker rendered it; made here for a document whose worker
    never answered (time-out, crash), from the reason alone."""
    if record.rendered is not None:
        return record.rendered
    return reporter.document(record, DocumentResult(path=record.path, error=record.reason), color=color)
