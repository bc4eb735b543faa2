"""Progress of a long run, as a person reads it: done / total, rate, time left.

Pure and clock-injectable, so the flow can log it and mirror it in a Prefect
progress artifact, and a test can drive it without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

INTERVAL_SECONDS = 5.0
"""At most one report per this many seconds (the last one always)."""


@dataclass
class Progress:
    """Counts abstracts done; :meth:`update` says when a report is due and gives its line."""

    what: str = "abstracts"
    interval: float = INTERVAL_SECONDS
    clock: Callable[[], float] = time.monotonic
    total: int | None = None
    done: int = 0
    started: float = field(default=0.0)
    _last: float | None = None

    def __post_init__(self) -> None:
        self.started = self.clock()

    def update(self, done: int, total: int | None = None, final: bool = False) -> str | None:
        """Record progress; return the line to log when one is due (every ``interval`` s, and at the end)."""
        self.done = done
        if total is not None:
            self.total = total
        now = self.clock()
        if not final and self._last is not None and now - self._last < self.interval:
            return None
        if not final and self._last is None and now - self.started < self.interval:
            return None
        self._last = now
        return self.line(now)

    @property
    def percent(self) -> float | None:
        if not self.total:
            return None
        return min(100.0, 100.0 * self.done / self.total)

    def line(self, now: float | None = None) -> str:
        now = self.clock() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        head = f"{self.done:,}/{self.total:,} {self.what}" if self.total else f"{self.done:,} {self.what} done"
        text = f"{head}, {rate:,.0f}/s"
        if self.total and rate > 0 and self.done < self.total:
            text += f", about {format_seconds((self.total - self.done) / rate)} left"
        return text


def format_seconds(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
