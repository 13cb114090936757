"""Progress on the terminal (rich): files done / total, elapsed, ETA and the file now running.

Shown on stderr, and only when stdout and stderr are both a terminal: a run piped into a file or
another program prints nothing but its report. While the bar is live, text written to stdout is
printed above it (rich redirects stdout), so a report streaming to the terminal stays readable.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported only when a bar is shown
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID


def wanted() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()


class Progress:
    """start(total) once the number of files to do is known; running(path) when one is handed to
    a worker; advance(path) when one is done; a context manager that takes the bar down."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None

    def start(self, total: int) -> None:
        if not self.enabled or total == 0 or self._bar is not None:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        bar = RichProgress(
            TextColumn("[bold]检查"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("剩余"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[now]}"),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self._bar, self._task = bar, bar.add_task("check", total=total, now="")
        bar.start()

    def running(self, path: str) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, now=Path(path).name[:40])

    def advance(self, path: str = "") -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
