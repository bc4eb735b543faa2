"""The time axis of a run: the top techniques' share per year, rising pairs, first-seen years.

Read from ``trends.csv`` and ``pair-trends.csv`` as the run wrote them; a
year without a row counts as no abstract that year. Shapes are computed here
as numbers and drawn by ``trends.html`` as inline SVG small multiples, one
panel per technique on one shared scale, with the first, last and peak values
printed so the chart reads without hovering.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from .colors import color_of
from .data import TrendRow

TRENDS_TOP = 8
"""Techniques drawn as small multiples (by abstracts over all years)."""

RISING_TOP = 10
"""Rising technique-instrument pairs listed."""

RISING_MIN_ABSTRACTS = 3
"""A pair needs this many abstracts over all years to be called rising: one or two are noise."""

FIRST_SEEN_TOP = 20
"""Concepts listed as new since the corpus's first year (by abstracts)."""

PANEL_WIDTH, PANEL_HEIGHT = 240, 120
PANEL_LEFT, PANEL_RIGHT, PANEL_TOP, PANEL_BOTTOM = 34, 10, 10, 22
SPARK_WIDTH, SPARK_HEIGHT = 110, 24


def _series(rows: Iterable[TrendRow]) -> dict[tuple[str, ...], dict[int, TrendRow]]:
    series: dict[tuple[str, ...], dict[int, TrendRow]] = defaultdict(dict)
    for row in rows:
        series[row.key][row.year] = row
    return series


def _slope(years: list[int], values: list[float]) -> float:
    """Least-squares slope of ``values`` over ``years`` (per year)."""
    n = len(years)
    if n < 2:
        return 0.0
    mean_x, mean_y = sum(years) / n, sum(values) / n
    spread = sum((x - mean_x) ** 2 for x in years)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(years, values)) / spread if spread else 0.0


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%" if share >= 0.1 or share == 0 else f"{100 * share:.1f}%"


def _polyline(years: list[int], shares: list[float], width: float, height: float, left: float, top: float,
              top_share: float) -> list[tuple[float, float]]:
    first, last = years[0], years[-1]
    span = (last - first) or 1
    return [
        (round(left + width * (year - first) / span, 1), round(top + height * (1 - share / top_share), 1))
        for year, share in zip(years, shares)
    ]


def _panels(trends: list[TrendRow], years: list[int]) -> tuple[list[dict[str, Any]], float]:
    series = _series(row for row in trends if row.type == "TECHNIQUE")
    ranked = sorted(series, key=lambda key: (-sum(r.abstracts for r in series[key].values()), key))[:TRENDS_TOP]
    shares = {key: [series[key][y].share if y in series[key] else 0.0 for y in years] for key in ranked}
    top_share = max((s for values in shares.values() for s in values), default=0.0) or 1.0
    inner_w = PANEL_WIDTH - PANEL_LEFT - PANEL_RIGHT
    inner_h = PANEL_HEIGHT - PANEL_TOP - PANEL_BOTTOM
    panels = []
    for key in ranked:
        values = shares[key]
        rows = series[key]
        label = next(iter(rows.values())).labels[0]
        points = _polyline(years, values, inner_w, inner_h, PANEL_LEFT, PANEL_TOP, top_share)
        peak = max(range(len(values)), key=lambda i: (values[i], -i))
        panels.append({
            "id": key[0], "label": label,
            "abstracts": sum(r.abstracts for r in rows.values()),
            "points": " ".join(f"{x},{y}" for x, y in points),
            "dots": [{"x": x, "y": y, "year": year, "share": _percent(s), "value": round(s, 6),
                      "abstracts": rows[year].abstracts if year in rows else 0}
                     for (x, y), year, s in zip(points, years, values)],
            "first": _percent(values[0]), "last": _percent(values[-1]),
            "peak": _percent(values[peak]), "peak_year": years[peak],
            "color": color_of("TECHNIQUE"),
        })
    return panels, top_share


def _rising(pairs: list[TrendRow], years: list[int], type_of: Mapping[str, str]) -> list[dict[str, Any]]:
    series = _series(pairs)
    found = []
    for key, rows in series.items():
        total = sum(r.abstracts for r in rows.values())
        if total < RISING_MIN_ABSTRACTS or len(rows) < 2:
            continue
        values = [rows[y].share if y in rows else 0.0 for y in years]
        slope = _slope(years, values)
        if slope <= 0:
            continue
        labels = next(iter(rows.values())).labels
        ids, names = list(key), list(labels)
        if type_of.get(ids[1]) == "TECHNIQUE" and type_of.get(ids[0]) != "TECHNIQUE":
            ids, names = ids[::-1], names[::-1]  # the technique first
        top = max(values) or 1.0
        spark = _polyline(years, values, SPARK_WIDTH - 4, SPARK_HEIGHT - 4, 2, 2, top)
        found.append({
            "technique": ids[0], "instrument": ids[1], "technique_label": names[0], "instrument_label": names[1],
            "abstracts": total, "first_year": min(rows), "slope": slope,
            "per_year": f"{100 * slope:+.1f}", "from": _percent(values[0]), "to": _percent(values[-1]),
            "spark": " ".join(f"{x},{y}" for x, y in spark),
        })
    found.sort(key=lambda p: (-p["slope"], -p["abstracts"], p["technique"], p["instrument"]))
    return found[:RISING_TOP]


def _first_seen(trends: list[TrendRow], years: list[int]) -> list[dict[str, Any]]:
    series = _series(row for row in trends if row.abstracts > 0)
    new = []
    for key, rows in series.items():
        first = min(rows)
        if first == years[0]:
            continue  # there since the corpus starts: its first year says nothing
        row = rows[first]
        new.append({
            "id": key[0], "label": row.labels[0], "type": row.type, "color": color_of(row.type),
            "first_year": first, "abstracts": sum(r.abstracts for r in rows.values()),
        })
    new.sort(key=lambda c: (-c["abstracts"], c["first_year"], c["id"]))
    return sorted(new[:FIRST_SEEN_TOP], key=lambda c: (-c["first_year"], -c["abstracts"], c["id"]))


def trends_section(
    trends: list[TrendRow] | None,
    pairs: list[TrendRow] | None,
    type_of: Mapping[str, str],
    n_undated: int | None,
    undated_ids: list[str],
    sample_is_complete: bool,
    n_abstracts: int | None = None,
) -> dict[str, Any]:
    """What ``trends.html`` shows; ``years`` is empty when the run wrote no year."""
    years: list[int] = []
    if trends:
        first, last = min(r.year for r in trends), max(r.year for r in trends)
        years = list(range(first, last + 1))
    section: dict[str, Any] = {
        "years": years,
        "n_undated": n_undated,
        "undated_ids": undated_ids,
        "undated_listed_all": sample_is_complete or (n_undated is not None and len(undated_ids) >= n_undated),
        "has_table": trends is not None,
        "all_undated": n_undated is not None and n_undated > 0 and n_undated == n_abstracts,
        "panels": [], "rising": [], "first_seen": [],
        "panel": {"width": PANEL_WIDTH, "height": PANEL_HEIGHT, "left": PANEL_LEFT, "right": PANEL_WIDTH - PANEL_RIGHT,
                  "top": PANEL_TOP, "bottom": PANEL_HEIGHT - PANEL_BOTTOM},
        "spark": {"width": SPARK_WIDTH, "height": SPARK_HEIGHT},
        "min_abstracts": RISING_MIN_ABSTRACTS,
    }
    if not years:
        return section
    panels, top_share = _panels(trends or [], years)
    section.update(
        panels=panels,
        top_share=_percent(top_share),
        rising=_rising(pairs or [], years, type_of),
        first_seen=_first_seen(trends or [], years),
    )
    return section
