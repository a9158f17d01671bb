"""How long work shows that it is going: a bar on a terminal, plain lines elsewhere.

A build of a thousand reports, an export of millions of quads and a push of a
build to a SPARQL server each take minutes. On a terminal, :class:`Progress`
draws one line that it redraws in place: what is being done, a bar, how many
of how many, the rate, the time left and the warnings so far; messages (a
document left out) print above it. Piped into a file or run in CI, where a
redrawn line would be noise, it prints a plain line now and then instead
(every tenth of the work, at most every :data:`PLAIN_EVERY` seconds apart).
Either way each task ends with a summary line.

The build, ``jargraph export`` and the push of ``--store`` use it alike::

    progress = Progress(sys.stderr)
    with progress.task("converting", total=len(paths), unit="documents") as task:
        for path in paths:
            ...
            task.advance(warnings=len(found))

A plain function can stand in for the stream (``Progress(print)``): it is
given the lines and messages, with no bar.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

PLAIN_EVERY = 30.0
"""Seconds between plain progress lines at most (a line also comes every tenth of the work)."""
REDRAW_EVERY = 0.1
"""Seconds between redraws of the bar."""
BAR_WIDTH = 24


def wants_bar(stream: TextIO) -> bool:
    """A bar only on a terminal that can redraw a line, and never in CI."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def duration(seconds: float) -> str:
    """``42 s``, ``3:07``, ``1:02:03``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Task:
    """One piece of long work with a known total: advanced as it goes."""

    def __init__(self, progress: Progress, what: str, total: int, unit: str) -> None:
        self.progress, self.what, self.total, self.unit = progress, what, max(total, 0), unit
        self.done = 0
        self.warnings = 0
        self.failed = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._plain_at = self.started
        self._plain_tenth = 0

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        elapsed = self.elapsed
        return self.done / elapsed if elapsed > 0 else 0.0

    def left(self) -> float | None:
        """Seconds still to go at the rate so far (None until there is a rate)."""
        rate = self.rate
        return (self.total - self.done) / rate if rate > 0 and self.total else None

    def advance(self, count: int = 1, *, warnings: int = 0, failed: int = 0) -> None:
        self.done += count
        self.warnings += warnings
        self.failed += failed
        self.progress._show(self)

    def status(self) -> str:
        """``412 of 1,005 documents (41%), 4.1/s, about 2:24 left, 3 warnings``."""
        parts = [f"{self.done:,} of {self.total:,} {self.unit}"]
        if self.total:
            parts[0] += f" ({100 * self.done // self.total}%)"
        if self.done:
            parts.append(self._rate())
        left = self.left()
        if left is not None and self.done < self.total:
            parts.append(f"about {duration(left)} left")
        return ", ".join(parts + self._counts())

    def summary(self) -> str:
        """``converting: 1,005 documents in 4:12 (4.0/s), 3 warnings, 1 failed``."""
        done = f"{self.done:,} {self.unit}" + (f" of {self.total:,}" if self.done < self.total
                                              else "")
        return ", ".join([f"{self.what}: {done} in {duration(self.elapsed)} ({self._rate()})",
                          *self._counts()])

    def _rate(self) -> str:
        rate = self.rate
        return f"{rate:,.1f}/s" if rate < 100 else f"{rate:,.0f}/s"

    def _counts(self) -> list[str]:
        counts = []
        if self.warnings:
            counts.append(f"{self.warnings:,} warning{'s' if self.warnings != 1 else ''}")
        if self.failed:
            counts.append(f"{self.failed:,} failed")
        return counts

    def bar(self, width: int) -> str:
        """The task as one line of at most ``width`` characters."""
        share = self.done / self.total if self.total else 0.0
        filled = round(BAR_WIDTH * min(share, 1.0))
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        parts = [f"{self.what} {bar} {self.done:,}/{self.total:,} {self.unit}"]
        if self.done:
            parts.append(self._rate())
        left = self.left()
        if left is not None and self.done < self.total:
            parts.append(f"{duration(left)} left")
        parts.append(f"{self.warnings:,} warnings")
        if self.failed:
            parts.append(f"{self.failed:,} failed")
        return "  ".join(parts)[:width]


class Progress:
    """Shows tasks and messages on a stream, or passes plain lines to a function."""

    def __init__(self, out: TextIO | Callable[[str], None] | None = None, *,
                 bar: bool | None = None) -> None:
        if out is None:
            out = sys.stderr
        if callable(out) and not hasattr(out, "write"):
            self._line: Callable[[str], None] = out
            self.stream: TextIO | None = None
            self.bar = False
        else:
            stream: TextIO = out  # type: ignore[assignment]
            self.stream = stream
            self._line = self._print
            self.bar = wants_bar(stream) if bar is None else bar
        self._current: Task | None = None

    def __call__(self, message: str) -> None:
        """A message of its own line (above the bar, when there is one)."""
        if self.bar and self._current is not None:
            self._clear()
            self._print(message)
            self._draw(self._current)
        else:
            self._line(message)

    @contextmanager
    def task(self, what: str, total: int, unit: str) -> Iterator[Task]:
        """A task shown while the block runs; its summary line printed at the end."""
        task = Task(self, what, total, unit)
        outer, self._current = self._current, task
        if not self.bar:
            self._line(f"{what}: {total:,} {unit}")
        else:
            self._draw(task)
        try:
            yield task
        finally:
            if self.bar:
                self._clear()
            self._current = outer
            self._line(task.summary())

    def _show(self, task: Task) -> None:
        now = time.monotonic()
        if self.bar:
            if now - task._drawn >= REDRAW_EVERY or task.done >= task.total:
                self._draw(task)
            return
        tenth = 10 * task.done // task.total if task.total else 0
        if task.done < task.total and (tenth > task._plain_tenth
                                       or now - task._plain_at >= PLAIN_EVERY):
            task._plain_tenth, task._plain_at = tenth, now
            self._line(f"{task.what}: {task.status()}")

    def _draw(self, task: Task) -> None:
        assert self.stream is not None
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write("\r\x1b[K" + task.bar(width))
        self.stream.flush()
        task._drawn = time.monotonic()

    def _clear(self) -> None:
        assert self.stream is not None
        self.stream.write("\r\x1b[K")
        self.stream.flush()

    def _print(self, line: str) -> None:
        assert self.stream is not None
        self.stream.write(line + "\n")
        self.stream.flush()
