"""Progress on the terminal (rich): files done / total, elapsed, ETA and the file now running.

Shown on stderr, and only when stdout and stderr are both a terminal: a run piped into a file or
another program prints nothing but its report. While the bar is live, text written to stdout is
printed above it (rich redirects stdout), so a report streaming to the terminal stays readable.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path


class Progress:
    """advance(record) after each document; running(path) when one starts (best effort)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self._bar = None
        if not enabled or total == 0:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(TextColumn("[bold]检查"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TextColumn("剩余"), TimeRemainingColumn(), TextColumn("{task.fields[now]}"),
                                 console=Console(file=sys.stderr), transient=True)
        self._task = self._bar.add_task("check", total=total, now="")

    def running(self, path: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, now=Path(path).name[:40])

    def advance(self, path: str = "") -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, now=Path(path).name[:40] if path else "")

    @contextmanager
    def shown(self):
        if self._bar is None:
            yield self
            return
        with self._bar:
            yield self


def wanted() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()
