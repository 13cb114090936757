"""`budgetlint check`: audit files and render the report, one document at a time.

Each document goes through the per-document function (batch/document.py): in this process for a
single file, in worker processes (-j, --timeout, --max-memory) for several. Its part of the report
is rendered where it was checked and written as soon as every document before it is done; only
the small totals are kept for the report's last lines, so memory does not grow with the number
of files. A format that is one file (the XLSX checklist, the annotated PDF) keeps the small
per-document records and writes at the end.

With --together all files are one document (one job). Otherwise a file that is a half of a split
disclosure (its record's `half`) is held back, and at the end each pair (pairing.find_pairs) is
checked as one document and the unpaired halves are written as they were.

The project file (config.py) gives the rule selection when --select/--ignore are not given, the
severities and the waivers; the waivers are applied where each document is checked, and the ones
that named no finding are found here, once every document is done.

With several files, the rules across documents (上年数, 部门 vs 单位) run when all are done, on each
document's figures kept compressed in a temporary file (batch/across.py); their findings close the
report (the terminal's last section, the JSON's `across`).

The module imports only what its options need: the checker is imported in the command, once a run
of several documents has started its forkserver (batch/forkserver.py), so the two import side by side.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

import click

from budgetlint import gc_tuning
from budgetlint.batch.forkserver import DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT, start_early
from budgetlint.cli.chinese import ChineseCommand
from budgetlint.cli.output import Output, emit_bytes, limit_option, require_file_output
from budgetlint.errors import InputError
from budgetlint.exit_codes import ExitCode
from budgetlint.report import REPORTERS, reporter

if TYPE_CHECKING:  # the checker itself is imported once the forkserver is on its way (check)
    from budgetlint import api
    from budgetlint.batch.across import Kept
    from budgetlint.batch.document import Settings
    from budgetlint.config import Config
    from budgetlint.model.findings import Finding, Waiver
    from budgetlint.report.record import DocumentRecord, Totals


def run_options(command):
    """-j, --timeout and --max-memory: shared by check and scan."""
    command = click.option(
        "--max-memory",
        type=click.IntRange(min=64),
        default=DEFAULT_MEMORY_MIB,
        show_default=True,
        help="多文件时每个检查进程的内存上限（MiB），超出则该文件记为未检查",
    )(command)
    command = click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=DEFAULT_TIMEOUT,
        show_default=True,
        help="多文件时每个文件的时限（秒），超时则该文件记为未检查",
    )(command)
    return click.option(
        "-j", "--jobs", type=click.IntRange(min=1), default=None, help="并行检查的进程数（默认：CPU 核数）"
    )(command)


CONFIG_OPTIONS = [
    click.option(
        "--config",
        "config_file",
        default=None,
        help="项目文件（默认：从当前目录向上找 budgetlint.toml 或含 [tool.budgetlint] 的 pyproject.toml）",
    ),
    click.option("--isolated", is_flag=True, help="不读任何项目文件（不用其中的规则选择、级别和豁免）"),
    click.option(
        "--select", multiple=True, help="只运行这些规则（代码、名称、分组或前缀，可重复；替代项目文件中的 select）"
    ),
    click.option("--ignore", multiple=True, help="不运行这些规则（可重复；替代项目文件中的 ignore）"),
    click.option("--rules", "rules_dirs", multiple=True, help="另外加载该目录中的规则"),
]


def config_options(command):
    for option in reversed(CONFIG_OPTIONS):
        command = option(command)
    return command


def settings_of(
    config: Config, select: tuple[str, ...], ignore: tuple[str, ...], rules_dirs: tuple[str, ...], **report: object
) -> Settings:
    """The run's Settings: --select/--ignore if given, else the project file's; its severities and waivers."""
    from budgetlint.batch.document import Settings

    return Settings(
        tuple(select) or tuple(config.select or ()),
        tuple(ignore) or tuple(config.ignore or ()),
        tuple(rules_dirs),
        severity=tuple(sorted(config.severity.items())),
        waivers=tuple(config.waivers),
        today=dt.date.today(),
        **report,  # type: ignore[arg-type]
    )


class Seen:
    """What the run's waivers are checked against once every document is done: the fingerprints
    and documents (unit, year) they name that were met -- only those, so that nothing grows with
    the number of documents."""

    def __init__(self, waivers: list[Waiver]) -> None:
        self._named = {w.fingerprint for w in waivers}
        self._units = {w.unit for w in waivers if w.unit is not None}
        self.fingerprints: set[str] = set()
        self.documents: set[tuple[str | None, int | None]] = set()

    def add(self, record: DocumentRecord) -> None:
        if record.checked:
            if record.unit in self._units:
                self.documents.add((record.unit, record.year))
            self.fingerprints.update(f.fingerprint for f in record.findings if f.fingerprint in self._named)


def run_notes(config: Config, skipped: list[api.SkippedFile], seen: Seen, today: dt.date) -> api.Results:
    """The run's notes (a Results without documents): skipped files, the project file, its waivers
    that named nothing or have expired."""
    from budgetlint import api
    from budgetlint.findings.waivers import waiver_use

    use = waiver_use(list(config.waivers), seen.fingerprints, seen.documents, today)
    return api.Results(
        documents=(),
        rules=(),
        skipped=tuple(skipped),
        config_path=config.path,
        unused_waivers=use.unused,
        expired_waivers=use.expired,
    )


@click.command(cls=ChineseCommand)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="rich",
    show_default=True,
    help="报告格式：rich 终端，json 数据，checklist 检查表（.xlsx），pdf 标注原文（.pdf），sarif、junit 供 CI 使用",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="有该级别（或更高）且未豁免的问题时，以退出码 1 结束",
)
@config_options
@click.option("--output", "-o", default=None, help="把报告写入文件（checklist 需 .xlsx，pdf 需 .pdf）")
@click.option("--show-skipped", is_flag=True, help="列出“不适用”“数据不足”“出错”的检查及原因")
@click.option("--show-waived", is_flag=True, help="逐条列出已豁免的问题（默认只计数）")
@click.option("--color/--no-color", default=None, help="终端报告是否着色（默认：输出到终端时着色）")
@click.option(
    "--together", is_flag=True, help="把给出的所有文件当作同一份公开文件检查（如正文 PDF 与表格 PDF/XLSX 分开）"
)
@click.option(
    "--no-pairing", "no_pairing", is_flag=True, help="不自动配对：同一单位、年度和类型的正文文件与表格文件也分别检查"
)
@run_options
@limit_option
def check(
    paths,
    fmt,
    fail_on,
    config_file,
    isolated,
    select,
    ignore,
    rules_dirs,
    output,
    show_skipped,
    show_waived,
    color,
    together,
    no_pairing,
    jobs,
    timeout,
    max_memory,
    limits,
) -> None:
    """检查一个或多个预决算公开文件（PDF、Word、Excel 或文本），或目录中的全部文件。

    \b
    示例：
      budgetlint check 部门预算.pdf
      budgetlint check 文件夹/ --show-skipped -j 2
      budgetlint check 部门预算.pdf --format checklist -o 检查表.xlsx
      budgetlint check 部门预算.pdf --format pdf -o 标注.pdf
      budgetlint check 部门预算.pdf --select NA --ignore NA012
      budgetlint check 文件夹/ --format sarif -o 结果.sarif
      budgetlint check --together 正文.pdf 表格.xlsx

    \b
    退出码：
      0  没有达到 --fail-on 级别的问题（已豁免的问题不算）
      1  有达到 --fail-on 级别、未豁免的问题
      2  用法或输入有误，或有文件无法检查（目录中的管道、设备、失效的链接也算）
      130/143  被 Ctrl-C / SIGTERM 中断
    """
    if not together and (len(paths) > 1 or any(os.path.isdir(p) for p in paths)):
        start_early()  # several documents: the workers' start-up beside the parent's, before its imports
    from budgetlint import api
    from budgetlint.batch.across import Kept
    from budgetlint.batch.document import Job, rules_for
    from budgetlint.batch.executors import executor
    from budgetlint.batch.progress import Progress, wanted
    from budgetlint.checks.across import ACROSS_KINDS
    from budgetlint.config import project_config
    from budgetlint.ingest.files import display_path
    from budgetlint.model.findings import SEVERITY_RANK
    from budgetlint.pairing import find_pairs
    from budgetlint.report.phrases import notice_lines
    from budgetlint.report.record import Totals

    render = reporter(fmt)
    streaming = hasattr(render, "document")
    if not streaming:
        require_file_output(fmt, render, output)
    sink = Output(output, binary=not streaming)  # a bad -o stops here, before any file is read
    config = project_config(config_file, isolated)
    inputs = api.expand_paths(list(paths))
    files, skipped = inputs.files, list(inputs.skipped)
    if not files and not inputs.unreadable:
        raise InputError("没有找到可检查的文件", path=", ".join(display_path(p) for p in paths))
    use_color = sys.stdout.isatty() and output is None if color is None else color
    settings = settings_of(
        config,
        select,
        ignore,
        rules_dirs,
        render=fmt if streaming else None,
        color=use_color,
        show_skipped=show_skipped,
        show_waived=show_waived,
        limits=limits,
        parts=not streaming or getattr(render, "READS_PARTS", False),
    )
    rules_for(settings)  # a bad rule pack or rule code is exit 2 here, once, not a message per file
    gc_tuning.loaded()
    progress = Progress(enabled=len(files) > 1 and output is None and wanted())
    progress.start(len(files))
    threshold = SEVERITY_RANK.get(fail_on)
    totals, reasons, kept, failing, seen = Totals(), [], [], False, Seen(list(config.waivers))
    todo = (
        [Job(0, tuple(str(f) for f in files))]
        if together and files
        else [Job(i, (str(f),)) for i, f in enumerate(files)]
    )
    pairing = not no_pairing and len(todo) > 1
    held: list[DocumentRecord] = []  # halves of split disclosures, waiting for their partner
    kept_figures = Kept()  # for the rules across documents, run when every file is done
    across = len(todo) > 1 and any(r.kind in ACROSS_KINDS for r in rules_for(settings))
    written: list[str] = []  # the documents' paths in the order they were written (the keys of kept_figures)

    def write(record: DocumentRecord) -> None:
        nonlocal failing
        if across:
            kept_figures.add(len(written), record.figures)
        written.append(record.path)
        if streaming:
            sink.write(
                (getattr(render, "SEPARATOR", "") if totals.files else "") + _rendered(render, record, use_color)
            )
        else:
            kept.append(record)
        totals.add(record)
        seen.add(record)
        if not record.checked:
            reasons.append(record.reason)
        failing = failing or (
            threshold is not None
            and any(SEVERITY_RANK[f.severity] >= threshold and f.waiver is None for f in record.findings)
        )

    with (
        sink,
        progress,
        kept_figures,
        executor(
            settings,
            jobs=jobs,
            timeout=timeout,
            memory_mib=max_memory,
            in_process=len(todo) <= 1,  # no pool for one document, or none
            on_start=lambda job: progress.running(job.path),
        ) as runner,
    ):
        if streaming:
            sink.write(render.head(color=use_color))
        for record in runner.run(todo, ordered=True):
            progress.advance(record.path)
            if pairing and record.half is not None:
                held.append(record)
            else:
                write(record)
        # the halves last: each pair checked as one document, the others as they were
        pairs = find_pairs([r.half for r in held])
        for record in runner.run(
            [Job(k, (held[text].path, held[tables].path), pairing="auto") for k, (text, tables) in enumerate(pairs)],
            ordered=True,
        ):
            write(record)
        paired = {i for pair in pairs for i in pair}
        for record in (r for i, r in enumerate(held) if i not in paired):
            write(record)
        if across:
            kept = _across(settings, kept_figures, totals, kept, written)
            failing = failing or (
                threshold is not None and any(SEVERITY_RANK[f.severity] >= threshold for _, f in totals.across)
            )
        notes = run_notes(config, skipped, seen, settings.today or dt.date.today())
        if streaming:
            sink.write(render.tail(totals, color=use_color, notes=notes))
    if not streaming:
        emit_bytes(render.render_records(kept, notes=notes), output)
    for reason in reasons:
        click.echo(reason, err=True)
    if fmt != "rich" or output is not None:  # the terminal report says these itself
        for line in notice_lines(notes):
            click.echo(line, err=True)
    if reasons or inputs.unreadable:
        sys.exit(ExitCode.BAD_INPUT)
    sys.exit(ExitCode.FINDINGS if failing else ExitCode.CLEAN)


def _across(
    settings: Settings, figures: Kept, totals: Totals, kept: list[DocumentRecord], paths: list[str]
) -> list[DocumentRecord]:
    """The rules across documents over the files checked together: into the totals (the streaming
    formats' tail), and into each kept record (the file formats). Each document's run is dropped
    once counted: only its findings are kept."""
    from budgetlint.batch.across import run_all
    from budgetlint.batch.document import rules_for

    found: dict[int, tuple[Finding, ...]] = {}
    for key, run in run_all(rules_for(settings), figures.entries, figures.load):  # in input order
        totals.add_across(paths[key], run.summary, run.findings)
        if run.findings:
            found[key] = run.findings
    return [replace(r, findings=r.findings + found[i]) if i in found else r for i, r in enumerate(kept)]


def _rendered(render, record: DocumentRecord, color: bool) -> str:
    """The document's part as its worker rendered it; made here for a document whose worker
    never answered (time-out, crash), from the reason alone."""
    from budgetlint.model.results import DocumentResult

    if record.rendered is not None:
        return record.rendered
    return render.document(record, DocumentResult(path=record.path, error=record.reason), color=color)
