"""Tests of astro_ie.progress: the line a person reads during a long run."""

from __future__ import annotations

from astro_ie.progress import Progress, format_seconds


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_reports_at_most_every_interval_with_rate_and_eta():
    clock = Clock()
    progress = Progress(what="abstracts", interval=5, clock=clock)
    clock.now = 1
    assert progress.update(100) is None  # too early
    clock.now = 10
    assert progress.update(1_000, total=4_000) == "1,000/4,000 abstracts, 100/s, about 30 s left"
    clock.now = 12
    assert progress.update(1_200) is None  # 2 s after the last report
    clock.now = 15
    assert progress.update(1_500).startswith("1,500/4,000 abstracts, 100/s")
    assert progress.percent == 37.5


def test_without_a_total_it_says_how_many_are_done():
    clock = Clock()
    progress = Progress(what="abstracts", interval=1, clock=clock)
    clock.now = 2
    assert progress.update(300) == "300 abstracts done, 150/s"
    assert progress.percent is None


def test_the_final_report_is_never_held_back():
    clock = Clock()
    progress = Progress(interval=60, clock=clock)
    clock.now = 0.5
    assert progress.update(10, total=10, final=True) == "10/10 abstracts, 20/s"
    assert progress.percent == 100.0


def test_durations_read_naturally():
    assert format_seconds(42) == "42 s"
    assert format_seconds(125) == "2 min 05 s"
    assert format_seconds(3 * 3600 + 7 * 60) == "3 h 07 min"
