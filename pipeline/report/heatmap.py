"""The heat-map: the top techniques against the top telescopes and surveys."""

from __future__ import annotations

from typing import Any

import networkx as nx

from .geometry import by_abstracts

HEATMAP_TOP = 15
"""Rows (techniques) and columns (telescopes and surveys) of the heat-map."""

HEADER_CHARACTERS = 30
"""Longer column labels are cut (the full label is in the tooltip)."""

NODE_ABSTRACT_LIMIT = 100
"""Abstracts listed when a node or a heat-map cell is clicked; the count says how many more."""

INSTRUMENT_COLUMNS = ("TELESCOPE", "SURVEY")
"""Columns of the heat-map. Datasets stay in the graph: the table asks where a technique was pointed."""


def heatmap_axes(view: nx.Graph, top: int = HEATMAP_TOP) -> tuple[list[str], list[str]]:
    """Rows: the top techniques by abstracts; columns: the top telescopes and surveys."""
    ranked = by_abstracts(view)
    rows = [n for n in ranked if view.nodes[n].get("type") == "TECHNIQUE"][:top]
    columns = [n for n in ranked if view.nodes[n].get("type") in INSTRUMENT_COLUMNS][:top]
    return rows, columns


def shorten(text: str, limit: int = HEADER_CHARACTERS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def heatmap(view: nx.Graph, rows: list[str], columns: list[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The table for ``heatmap.html``, and per non-empty cell the abstracts that mention both (for the script)."""
    label = {n: str(view.nodes[n].get("label") or n) for n in (*rows, *columns)}
    cells: list[dict[str, Any]] = []
    values = [[view.edges[r, c].get("weight", 0) if view.has_edge(r, c) else 0 for c in columns] for r in rows]
    largest = max((v for row in values for v in row), default=0) or 1
    table_rows = []
    for r, row in zip(rows, values):
        tds = []
        for c, value in zip(columns, row):
            if not value:
                tds.append(None)
                continue
            evidence = list(view.edges[r, c].get("examples") or ())
            cells.append({"row": r, "column": c, "n": value, "abstracts": evidence[:NODE_ABSTRACT_LIMIT]})
            alpha = round(0.12 + 0.88 * value / largest, 3)
            tds.append({
                "value": value, "index": len(cells) - 1, "alpha": alpha, "ink": "#fff" if alpha > 0.55 else "#000",
                "title": f"{label[r]} \u00d7 {label[c]}: {value:,} abstract{'' if value == 1 else 's'}",
            })
        table_rows.append({"id": r, "label": label[r], "cells": tds})
    table = {
        "columns": [{"id": c, "label": label[c], "short": shorten(label[c])} for c in columns],
        "rows": table_rows,
    }
    return table, cells
