"""Pictures of the plan as static SVG: a timeline by week and a status overview per meeting.

Drawn with matplotlib's object API (no pyplot, so no global figure state in a kernel) as SVG
text that the page and the HTML export embed as they are. Text stays text
(``svg.fonttype = "none"``): it is small, searchable and read by screen readers, and Danish
letters need no embedded font. Mathtext is off, so a "$" in a goal is just a dollar sign.
Status is shown by colour and by words or hatching, never by colour alone.
"""

from __future__ import annotations

import datetime as dt
import io
from html import escape
from typing import Any

import matplotlib
from matplotlib.dates import WeekdayLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from inkl_widgets.content.loading import Content
from inkl_widgets.domain.followup import meetings_in_order
from inkl_widgets.domain.plan import focus_label, format_time, plan_rows, week_start
from inkl_widgets.model.workbook import STATUSES, Workbook

COLOURS = {
    "not_started": "#6b7480",
    "under_way": "#0b4f9c",
    "done": "#1d5e20",
    "stuck": "#b45309",
}
HATCHES = {"not_started": "..", "under_way": "//", "done": "", "stuck": "xx"}
TODAY = "#9b1c1c"
LABEL_CHARS = 38

_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "inkl",  # stable ids: the same plan gives the same picture
    "text.parse_math": False,
    "font.size": 10,
    "font.family": "sans-serif",
}


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= LABEL_CHARS else line[: LABEL_CHARS - 1].rstrip() + "…"


def _svg(figure: Figure, title: str) -> str:
    """The figure as an SVG element with a title that screen readers announce."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
    text = buffer.getvalue()
    start = text.index("<svg")
    head_end = text.index(">", start)
    label = escape(title, quote=True)
    return (
        f'{text[start:head_end]} role="img" aria-label="{label}">'
        f"<title>{escape(title)}</title>{text[head_end + 1 :]}"
    )


def timeline_svg(workbook: Workbook, content: Content, today: dt.date) -> str | None:
    """Each item of the plan at its week, coloured and labelled by status, with today marked.

    None when no item has a time yet.
    """
    rows = [(key, item) for key, item in plan_rows(workbook) if item.time]
    if not rows:
        return None
    t = content.t
    starts = [start for _, item in rows if (start := week_start(item.time))]
    first = min([*starts, today]) - dt.timedelta(days=7)
    last = max([*starts, today]) + dt.timedelta(days=14)
    weeks = max((last - first).days // 7, 1)
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        figure = Figure(figsize=(9, 1.2 + 0.42 * len(rows)), layout="constrained")
        axes = figure.add_subplot()
        labels = []
        for number, ((_, item), start) in enumerate(zip(rows, starts, strict=True)):
            width = 7 if "W" in item.time else 1
            axes.barh(
                number,
                width,
                left=date2num(start),
                height=0.6,
                color=COLOURS[item.status],
                hatch=HATCHES[item.status],
                edgecolor="#1b1b1b",
                linewidth=0.5,
            )
            status = t(f"plan.status.{item.status}")
            axes.text(
                date2num(start) + width + 1.5,
                number,
                f"{status} · {format_time(item.time, content)}",
                va="center",
                fontsize=9,
                color="#1b1b1b",
            )
            labels.append(
                _short(item.goal or focus_label(item.focus, content) or content.t("plan.blank"))
            )
        axes.set_yticks(range(len(rows)), labels)
        axes.invert_yaxis()
        axes.axvline(date2num(today), color=TODAY, linewidth=2)
        axes.text(
            date2num(today), -0.9, t("followup.chart.today"), color=TODAY, ha="center", va="bottom"
        )
        axes.set_xlim(date2num(first), date2num(last) + 7 * max(weeks // 8, 3))
        axes.set_ylim(len(rows) - 0.4, -1.3)
        ticks_every = max(1, -(-weeks // 8))  # at most about eight labelled weeks
        axes.xaxis.set_major_locator(WeekdayLocator(byweekday=0, interval=ticks_every))
        axes.xaxis.set_major_formatter(
            FuncFormatter(lambda value, _pos: _week_tick(value, content))
        )
        axes.spines[["top", "right"]].set_visible(False)
        title = t("followup.chart.timeline_title")
        axes.set_title(title, loc="left", fontsize=12)
        return _svg(figure, title)


def _week_tick(value: float, content: Content) -> str:
    day = num2date(value).date()
    year, week, _ = day.isocalendar()
    return content.t("followup.chart.week_tick", week=week, year=year)


def status_overview_svg(workbook: Workbook, content: Content) -> str | None:
    """How many items had each status at each follow-up meeting, oldest meeting first.

    None before the first meeting.
    """
    meetings = meetings_in_order(workbook)
    if not meetings:
        return None
    t = content.t
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        figure = Figure(figsize=(max(5, 1.3 * len(meetings) + 3), 4), layout="constrained")
        axes = figure.add_subplot()
        bottoms = [0] * len(meetings)
        for status in STATUSES:
            counts = [
                sum(1 for entry in meeting.items.values() if entry.status == status)
                for _, meeting in meetings
            ]
            bars = axes.bar(
                range(len(meetings)),
                counts,
                bottom=bottoms,
                color=COLOURS[status],
                hatch=HATCHES[status],
                edgecolor="#1b1b1b",
                linewidth=0.5,
                label=t(f"plan.status.{status}"),
            )
            axes.bar_label(
                bars,
                labels=[str(c) if c else "" for c in counts],
                label_type="center",
                color="white",
                fontweight="bold",
            )
            bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
        axes.set_xticks(
            range(len(meetings)),
            [_meeting_label(meeting.date, content) for _, meeting in meetings],
        )
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel(t("followup.chart.items"))
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        axes.spines[["top", "right"]].set_visible(False)
        title = t("followup.chart.status_title")
        axes.set_title(title, loc="left", fontsize=12)
        return _svg(figure, title)


def _meeting_label(date: str, content: Content) -> str:
    return format_time(date, content) if date else content.t("followup.no_date")
