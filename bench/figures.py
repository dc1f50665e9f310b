"""The benchmark's result: one figure per row, beside its baseline, ratio and target."""

from __future__ import annotations

import math
from dataclasses import dataclass

COLUMNS = ("figure", "value", "baseline", "ratio", "target", "met?")
FORMATS = {"s": "{:.2f} s", "ms": "{:.0f} ms", "MiB": "{:.2f} MiB", "count": "{:.0f}"}


@dataclass(frozen=True)
class Figure:
    """A measured value (in ``unit``) with an optional baseline and target.

    Parameters
    ----------
    max_ratio : the target as a multiple of the baseline.
    max_value : the target as an absolute bound, in ``unit``.
    """

    name: str
    value: float
    unit: str
    baseline: float | None = None
    max_ratio: float | None = None
    max_value: float | None = None

    @property
    def ratio(self) -> float | None:
        if not self.baseline or math.isnan(self.value) or math.isnan(self.baseline):
            return None
        return self.value / self.baseline

    def target(self) -> str:
        if self.max_ratio is not None:
            return f"≤ {self.max_ratio:g}×"
        if self.max_value is not None:
            return "≤ " + self._format(self.max_value)
        return "—"

    def met(self) -> str:
        if math.isnan(self.value):
            return "n/a"
        if self.max_ratio is not None and self.ratio is not None:
            return "yes" if self.ratio <= self.max_ratio else "NO"
        if self.max_value is not None:
            return "yes" if self.value <= self.max_value else "NO"
        return "—"

    def cells(self) -> tuple[str, ...]:
        baseline = self._format(self.baseline) if self.baseline is not None else "—"
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        return (self.name, self._format(self.value), baseline, ratio, self.target(), self.met())

    def _format(self, number: float) -> str:
        return "n/a" if math.isnan(number) else FORMATS[self.unit].format(number)


def table(figures: list[Figure]) -> str:
    """A plain-text table, aligned for a terminal or a Markdown code block."""
    rows = [COLUMNS, *(figure.cells() for figure in figures)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]

    def line(row: tuple[str, ...]) -> str:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        return " | ".join(cells).rstrip()

    rule = "-+-".join("-" * width for width in widths)
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])
