"""`budgetlint report`: the summary of a results store as XLSX, CSV or HTML."""

from __future__ import annotations

from pathlib import Path

import click

from budgetlint.batch.store import Store
from budgetlint.cli.output import emit, emit_bytes, require_writable
from budgetlint.errors import ReportError
from budgetlint.report import html_page, summary_xlsx
from budgetlint.report.summary import FINDING_COLUMNS, Summary, findings_csv_rows, summary_csv

SUFFIXES = {"xlsx": ".xlsx", "csv": ".csv", "html": ".html"}


def findings_path(output: str) -> str:
    """summary.csv -> summary.findings.csv: the second file of the CSV format."""
    path = Path(output)
    return str(path.with_name(f"{path.stem}.findings{path.suffix}"))


@click.command()
@click.option("--db", required=True, help="scan 生成的结果库（SQLite 文件）")
@click.option("--format", "fmt", type=click.Choice(sorted(SUFFIXES)), required=True)
@click.option("--output", "-o", required=True, help="输出文件；csv 另写 NAME.findings.csv（全部问题）")
def report(db, fmt, output) -> None:
    """把结果库写成汇总表：xlsx（汇总 + 每个文件一张检查表）、csv（汇总和全部问题）或 html（可排序的单页）。"""
    if not output.lower().endswith(SUFFIXES[fmt]):
        raise ReportError(f"--format {fmt} 的输出文件应以 {SUFFIXES[fmt]} 结尾", path=output)
    require_writable(output)
    if not Path(db).is_file():
        raise ReportError("结果库不存在（先运行 budgetlint scan --db …）", path=db)
    with Store(db) as store:
        ids = store.document_ids()
        if fmt == "xlsx":
            emit_bytes(summary_xlsx.render(store.records(ids)), output)
        elif fmt == "csv":
            _csv(store, ids, output)
        else:
            _html(store, ids, output)
    click.echo(f"已写入 {output}（{len(ids)} 个文件）", err=True)


def _csv(store: Store, ids: list[int], output: str) -> None:
    import csv

    summary = Summary()
    target = findings_path(output)
    require_writable(target)
    with open(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FINDING_COLUMNS)
        for key, record in store.records(ids):
            summary.add(key, record)
            writer.writerows(findings_csv_rows(record))
    emit("\ufeff" + summary_csv(summary), output)


def _html(store: Store, ids: list[int], output: str) -> None:
    summary = Summary()
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(html_page.head())
        for key, record in store.records(ids):
            summary.add(key, record)
            handle.write(html_page.section(key, record))
        handle.write(html_page.finish(summary))
