"""The report's colors: one per entity label, the same in the page and the PNG."""

from __future__ import annotations

from ..models import LABELS

LABEL_COLORS: dict[str, str] = {
    "TECHNIQUE": "#E69F00",
    "TELESCOPE": "#56B4E9",
    "SURVEY": "#009E73",
    "DATASET": "#CC79A7",
    "SOFTWARE": "#F0E442",
}
"""Okabe-Ito colors, told apart by color-blind readers; graph nodes use them as is."""

OTHER_COLOR = "#999999"
"""For a concept whose type is none of the labels (a candidate seen without one)."""

MARK_TINT = 0.55
"""How far mention backgrounds are lightened towards white, so black text stays legible."""


def tint(color: str, amount: float = MARK_TINT) -> str:
    """``color`` mixed with white: ``amount`` 0 keeps it, 1 gives white."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(c + (255 - c) * amount) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def color_of(label: str | None) -> str:
    return LABEL_COLORS.get(str(label or "").upper(), OTHER_COLOR)


def mark_color_of(label: str | None) -> str:
    """The background of a mention in the tagged abstracts."""
    return tint(color_of(label)) if str(label or "").upper() in LABEL_COLORS else "#ddd"


def type_order(label: str) -> tuple[int, str]:
    """The fixed labels first, in their report order, then any other label by name."""
    return (LABELS.index(label) if label in LABELS else len(LABELS), label)
