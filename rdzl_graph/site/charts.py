"""Horizontal bar charts as inline SVG, generated in Python (no JavaScript).

Every text in the SVG is escaped; each chart has a ``<title>`` and a
``<desc>`` and each bar its own ``<title>`` so screen readers and mouse users
get the exact amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from ..text.formatting import format_eur


def bar_chart(
    rows: Sequence[dict[str, Any]],
    segments: Sequence[tuple[str, str, str]],
    title: str,
    lang: str = "nl",
    width: int = 780,
) -> Markup:
    """Render a horizontal (optionally stacked) bar chart as an SVG element.

    Parameters
    ----------
    rows : sequence of dict
        One dict per bar with ``label`` and one numeric value per segment key.
    segments : sequence of (key, legend text, CSS class)
        The stacked parts of each bar, left to right.
    title : str
        Accessible title of the chart.
    lang : str
        Language of the number format.
    width : int
        Width of the SVG in pixels (it scales with its container).

    Returns
    -------
    markupsafe.Markup
        The ``<svg>`` element; all texts escaped.

    Examples
    --------
    >>> svg = bar_chart([{"label": "<A>", "v": 3}], [("v", "value", "seg0")], "T")
    >>> "&lt;A&gt;" in svg and "<A>" not in svg
    True
    """
    label_w, bar_h, gap, top = 300, 22, 10, 8
    value_w = 120
    plot_w = width - label_w - value_w
    legend_h = 24 if len(segments) > 1 else 0
    height = top + len(rows) * (bar_h + gap) + legend_h + 4
    peak = max((sum(float(r.get(k) or 0) for k, _, _ in segments) for r in rows), default=0.0) or 1.0
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'preserveAspectRatio="xMinYMin meet" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    desc = "; ".join(f"{r['label']}: {format_eur(sum(Decimal(str(r.get(k) or 0)) for k, _, _ in segments), lang)}"
                     for r in rows)
    parts.append(f"<desc>{escape(desc)}</desc>")
    for i, row in enumerate(rows):
        y = top + i * (bar_h + gap)
        label = str(row["label"])
        short = label if len(label) <= 40 else label[:39] + "…"
        parts.append(f'<text class="chart-label" x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" '
                     f'text-anchor="end">{escape(short)}<title>{escape(label)}</title></text>')
        x = float(label_w)
        total = Decimal(0)
        for key, legend, css in segments:
            value = Decimal(str(row.get(key) or 0))
            total += value
            w = plot_w * float(value) / peak
            if w > 0:
                parts.append(f'<rect class="{escape(css)}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3">'
                             f"<title>{escape(label)} — {escape(legend)}: {escape(format_eur(value, lang))}</title></rect>")
            x += w
        parts.append(f'<text class="chart-value" x="{x + 6:.1f}" y="{y + bar_h * 0.7:.1f}">'
                     f"{escape(format_eur(total, lang))}</text>")
    if len(segments) > 1:
        y = top + len(rows) * (bar_h + gap) + 4
        x = 8.0
        for key, legend, css in segments:
            parts.append(f'<rect class="{escape(css)}" x="{x:.1f}" y="{y}" width="14" height="14" rx="2"/>'
                         f'<text class="chart-legend" x="{x + 20:.1f}" y="{y + 12}">{escape(legend)}</text>')
            x += 20 + 7.6 * len(legend) + 24
    parts.append("</svg>")
    return Markup("".join(parts))
