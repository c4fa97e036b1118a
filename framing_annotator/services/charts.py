"""Charts of results and agreement, drawn with matplotlib, Qt-free.

Each function returns a :class:`matplotlib.figure.Figure` (no pyplot, so no global state):
the Results window puts it in a Qt canvas, ``framing-annotator report --plot`` saves it.
Import this module only when a chart is drawn: matplotlib takes a while to load.

- crosstab: stacked bars (one bar per column category, stacked by row category);
- by month: one line per row category, the column share with its Wilson 95% interval;
- agreement: each coefficient as a point with its bootstrapped 95% interval, and the
  thresholds 0.667 and 0.800.

Colours are the Okabe-Ito palette, which colour-blind readers can tell apart, on a light
or a dark background; text is real text in SVG and PDF, so a journal can edit it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from .results import Crosstab

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#999999", "#000000"]  # fmt: skip
THEMES = {
    "light": {"background": "#ffffff", "text": "#1a1a1a", "grid": "#d0d0d0", "last": "#000000"},
    "dark": {"background": "#232629", "text": "#eeeeee", "grid": "#4a4f55", "last": "#ffffff"},
}
FORMATS = (".svg", ".png", ".pdf")


def _palette(n: int, theme: str) -> list[str]:
    colours = [*OKABE_ITO[:-1], THEMES[theme]["last"]]
    return [colours[i % len(colours)] for i in range(n)]


def _figure(theme: str, size: tuple[float, float] = (7.0, 4.2)) -> tuple[Figure, object]:
    if theme not in THEMES:
        raise ValueError(f"theme must be light or dark, got {theme!r}")
    colours = THEMES[theme]
    figure = Figure(figsize=size, layout="constrained", facecolor=colours["background"])
    axes = figure.add_subplot()
    axes.set_facecolor(colours["background"])
    for spine in axes.spines.values():
        spine.set_color(colours["text"])
    axes.tick_params(colors=colours["text"])
    axes.xaxis.label.set_color(colours["text"])
    axes.yaxis.label.set_color(colours["text"])
    axes.title.set_color(colours["text"])
    axes.grid(True, axis="y", color=colours["grid"], linewidth=0.6)
    axes.set_axisbelow(True)
    return figure, axes


def _legend(axes, theme: str, title: str) -> None:
    colours = THEMES[theme]
    legend = axes.legend(title=title, frameon=False, fontsize=8, title_fontsize=8,
                         loc="upper left", bbox_to_anchor=(1.01, 1.0))  # fmt: skip
    for text in [*legend.get_texts(), legend.get_title()]:
        text.set_color(colours["text"])


def _name(dimension: str) -> str:
    return {"frame": "Frame", "outlet": "Outlet", "speaker_type": "Speaker type",
            "month": "Month", "annotator": "Annotator", "speaker": "Speaker",
            "kind": "Quote kind"}.get(dimension, dimension)  # fmt: skip


def crosstab_figure(table: Crosstab, labels: Mapping[str, str] | None = None, *,
                    theme: str = "light") -> Figure:  # fmt: skip
    """Stacked bars, or lines when the columns are months."""
    if table.cols == "month":
        return month_figure(table, labels, theme=theme)
    labels = labels or {}
    figure, axes = _figure(theme)
    columns = table.col_categories
    positions = range(len(columns))
    bottom = [0] * len(columns)
    for colour, row in zip(_palette(len(table.row_categories), theme), table.row_categories,
                           strict=True):  # fmt: skip
        heights = [table.cell(row, col).count for col in columns]
        axes.bar(positions, heights, bottom=bottom, color=colour, label=labels.get(row, row),
                 edgecolor=THEMES[theme]["background"], linewidth=0.5)  # fmt: skip
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_xticks(list(positions), [labels.get(c, c) for c in columns],
                    rotation=30 if len(columns) > 4 else 0, ha="right" if len(columns) > 4
                    else "center")  # fmt: skip
    axes.set_xlabel(_name(table.cols))
    axes.set_ylabel("Quotes")
    axes.set_ylim(0, max([*bottom, 1]) * 1.06)  # room above the tallest bar
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_title(f"{_name(table.rows)} by {_name(table.cols).lower()}", fontsize=10)
    _legend(axes, theme, _name(table.rows))
    return figure


def month_figure(table: Crosstab, labels: Mapping[str, str] | None = None, *,
                 theme: str = "light") -> Figure:  # fmt: skip
    """One line per row category: its share of each month's quotes, with a Wilson band."""
    labels = labels or {}
    figure, axes = _figure(theme)
    months = table.col_categories
    x = list(range(len(months)))
    for colour, row in zip(_palette(len(table.row_categories), theme), table.row_categories,
                           strict=True):  # fmt: skip
        cells = [table.cell(row, month) for month in months]
        share = [100 * (c.col_pct or 0) for c in cells]
        low = [100 * (c.col_low or 0) for c in cells]
        high = [100 * (c.col_high or 0) for c in cells]
        axes.plot(x, share, marker="o", markersize=3, color=colour, label=labels.get(row, row))
        axes.fill_between(x, low, high, color=colour, alpha=0.10, linewidth=0)
    axes.set_xticks(x, months, rotation=30 if len(months) > 6 else 0,
                    ha="right" if len(months) > 6 else "center")  # fmt: skip
    axes.set_xlabel("Month")
    axes.set_ylabel("Share of the month's quotes (%)")
    axes.set_ylim(0, 100)
    axes.set_title(f"{_name(table.rows)} by month (95% Wilson intervals)", fontsize=10)
    _legend(axes, theme, _name(table.rows))
    return figure


def agreement_figure(rows: Sequence[Mapping[str, object]], *, theme: str = "light") -> Figure:
    """Each coefficient (``coefficient_rows``) as a point with its 95% interval."""
    colours = THEMES[theme]
    figure, axes = _figure(theme, size=(7.0, 0.9 + 0.35 * max(1, len(rows))))
    axes.grid(True, axis="x", color=colours["grid"], linewidth=0.6)
    axes.grid(False, axis="y")
    labels = [str(row["label"]) for row in rows]
    y = list(range(len(rows)))[::-1]
    point = "#0072B2" if theme == "light" else "#56B4E9"  # Okabe-Ito blue, readable on each
    low = min([-0.2, *(float(r["ci_low"]) for r in rows if r.get("ci_low") is not None),
               *(float(r["value"]) for r in rows if r["value"] is not None)])  # fmt: skip
    left = max(-1.0, low - 0.05)
    for position, row in zip(y, rows, strict=True):
        value = row["value"]
        if value is None:
            axes.text(left + 0.02, position, "undefined", va="center", ha="left", fontsize=8,
                      style="italic", color=colours["text"])  # fmt: skip
            continue
        if row.get("ci_low") is not None:
            axes.errorbar([value], [position],
                          xerr=[[value - row["ci_low"]], [row["ci_high"] - value]],
                          fmt="o", color=point, ecolor=point, capsize=3, markersize=5)  # fmt: skip
        else:
            axes.plot([value], [position], "o", color=point, markersize=5)
    for threshold, style in ((0.667, ":"), (0.800, "--")):
        axes.axvline(threshold, color=colours["text"], linestyle=style, linewidth=0.8)
    axes.set_yticks(y, labels)
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.set_xlim(left, 1.05)
    axes.set_xlabel("Krippendorff's α, 95% bootstrap interval")
    axes.set_title("dotted: 0.667, dashed: 0.800", fontsize=8)
    return figure


def save_figure(figure: Figure, path: Path) -> Path:
    """Save as SVG, PNG (300 dpi) or PDF, by the file's suffix; text stays text."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"a chart is saved as .svg, .png or .pdf, not {path.name!r}")
    with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
        figure.savefig(path, dpi=300 if suffix == ".png" else "figure",
                       facecolor=figure.get_facecolor())  # fmt: skip
    return path


def speakers_figure(top: Sequence[Mapping[str, object]], *, theme: str = "light") -> Figure:
    """The most quoted speakers as horizontal bars, the most quoted on top."""
    colours = THEMES[theme]
    figure, axes = _figure(theme, size=(7.0, 0.9 + 0.32 * max(1, len(top))))
    axes.grid(True, axis="x", color=colours["grid"], linewidth=0.6)
    axes.grid(False, axis="y")
    y = list(range(len(top)))[::-1]
    axes.barh(y, [int(s["quotes"]) for s in top], color=_palette(5, theme)[4 if theme ==
              "light" else 1])  # fmt: skip
    axes.set_yticks(y, [f"{s['speaker']} ({s['speaker_type']})" for s in top])
    axes.set_xlabel("Quotes")
    axes.xaxis.get_major_locator().set_params(integer=True)
    return figure
