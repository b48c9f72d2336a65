"""Progress on stderr for long runs, and nothing at all when stderr is not a terminal.

    with progress("exporting trig", unit="bytes") as bar:     # total unknown: count, rate, time
        bar.advance(len(chunk))
    with progress("ingesting", total=len(files), unit="articles") as bar:   # total known: a bar
        bar.advance()

Shown only when stderr is a terminal, so logs, pipes and CI output stay clean. The
environment variable NEWSPROV_PROGRESS overrides: 1 shows it even when stderr is not a
terminal (drawn with terminal codes), 0 never shows it; `ingest` also takes ``lines``:
one plain line per article instead of a bar, for logs. A caller passes ``enabled=False``
when its own output would collide with it (data written to the terminal, or --quiet).
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from collections.abc import Iterator

ENV = "NEWSPROV_PROGRESS"


class Silent:
    """The progress of a run that shows none: counts, and draws nothing."""

    def __init__(self, total: int | None = None):
        self.total = total
        self.completed = 0

    def advance(self, n: int = 1) -> None:
        self.completed += n

    def set_total(self, total: int | None) -> None:
        self.total = total

    def describe(self, label: str) -> None:
        """A new label for what is being done now."""


class Shown(Silent):
    """A rich progress display on stderr; updates are passed on at most ten times a second,
    so counting every 8 KB written costs nothing."""

    def __init__(self, display, task, total: int | None):
        super().__init__(total)
        self.display, self.task = display, task
        self.sent = 0
        self.last = 0.0

    def advance(self, n: int = 1) -> None:
        self.completed += n
        now = time.monotonic()
        if now - self.last >= 0.1:
            self.flush(now)

    def flush(self, now: float | None = None) -> None:
        self.display.update(self.task, completed=self.completed)
        self.sent, self.last = self.completed, now or time.monotonic()

    def set_total(self, total: int | None) -> None:
        self.total = total
        self.display.update(self.task, total=total)

    def describe(self, label: str) -> None:
        self.flush()
        self.display.update(self.task, description=label)


def wanted(enabled: bool = True) -> bool:
    """Whether a progress display goes to stderr: never when the caller says no or
    NEWSPROV_PROGRESS=0, always when NEWSPROV_PROGRESS=1, else when stderr is a terminal."""
    setting = os.environ.get(ENV, "").strip()
    if not enabled or setting == "0":
        return False
    if setting == "1":
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


@contextmanager
def progress(label: str, total: int | None = None, unit: str = "items", enabled: bool = True,
             transient: bool = True) -> Iterator[Silent]:
    """A progress display for the block: ``advance(n)`` as work is done, ``set_total(n)`` if
    the total becomes known later. ``unit="bytes"`` counts in kB/MB/GB. Without a terminal
    (see ``wanted``) the same object counts and draws nothing, and rich is not even imported.
    ``transient``: the display is removed at the end, leaving stderr to the command's summary."""
    if not wanted(enabled):
        yield Silent(total)
        return
    from rich.console import Console  # lazily: rich only when a bar is drawn
    from rich.progress import Progress

    forced = os.environ.get(ENV, "").strip() == "1"
    console = Console(file=sys.stderr, force_terminal=True if forced else None,
                      force_interactive=True if forced else None)
    with Progress(*_columns(unit, total is not None), console=console, transient=transient,
                  refresh_per_second=10) as display:
        shown = Shown(display, display.add_task(label, total=total), total)
        try:
            yield shown
        finally:
            shown.flush()


def _columns(unit: str, bar: bool) -> list:
    """label, [bar], '12.3 MB' or '120/1,000 articles', rate, '0:42 elapsed[, 1:10 left]'."""
    from rich.filesize import decimal  # lazily: rich only when a bar is drawn
    from rich.progress import BarColumn, ProgressColumn, SpinnerColumn, TextColumn
    from rich.text import Text

    def amount(value: float) -> str:
        return decimal(int(value)) if unit == "bytes" else f"{value:,.0f} {unit}"

    def clock(seconds: float) -> str:
        minutes, seconds = divmod(int(seconds), 60)
        return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}" if minutes >= 60 else f"{minutes}:{seconds:02d}"

    class Count(ProgressColumn):
        def render(self, task):
            if task.total is None:
                return Text(amount(task.completed))
            done = decimal(int(task.completed)) if unit == "bytes" else f"{task.completed:,.0f}"
            return Text(f"{done}/{amount(task.total)}")

    class Rate(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{amount(speed)}/s", style="dim")

    class Times(ProgressColumn):
        def render(self, task):
            text = f"{clock(task.finished_time if task.finished else task.elapsed or 0)} elapsed"
            if task.total is not None and not task.finished and task.time_remaining is not None:
                text += f", {clock(task.time_remaining)} left"
            return Text(text, style="dim")

    return [SpinnerColumn(), TextColumn("[bold]{task.description}"), *([BarColumn()] if bar else []),
            Count(), Rate(), Times()]


class CountingWriter:
    """A binary file that advances a progress display by the bytes written through it."""

    def __init__(self, handle, bar: Silent):
        self.handle, self.bar = handle, bar

    def write(self, data) -> int:
        written = self.handle.write(data)
        self.bar.advance(len(data))
        return written

    def flush(self) -> None:
        self.handle.flush()
