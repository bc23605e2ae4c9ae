"""Charts drawn on the server as inline SVG: no JavaScript library, no CDN, nothing to download —
they render on an intranet with no internet, print cleanly and scale to any screen via viewBox."""

from __future__ import annotations

import datetime as dt
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#c0392b", "#2471a3", "#1e824c", "#d35400", "#7d3c98", "#117a65"]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def line_chart(
    days: list[dt.date],
    series: list[tuple[str, list[float]]],
    *,
    title: str = "",
    height: int = 170,
    width: int = 400,
    colors: list[str] | None = None,
) -> SafeString:
    """Daily series on one chart: x = days, y = value. The viewBox is narrow so its text stays
    legible when a phone scales it down; the legend is the page's, in HTML, where it can wrap."""
    colors = colors or PALETTE
    pad_l, pad_r, pad_t, pad_b = 40, 10, 22 if title else 10, 26
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    top = _nice_max(max([max(vals) if vals else 0 for _, vals in series] + [0]))
    n = max(len(days) - 1, 1)

    def x(i):
        return pad_l + inner_w * i / n

    def y(v):
        return pad_t + inner_h * (1 - (v / top if top else 0))

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">'
    ]
    if title:
        parts.append(f'<text x="{pad_l}" y="16" class="chart-title">{escape(title)}</text>')
    for k in range(3):
        v = top * k / 2
        yy = y(v)
        parts.append(f'<line x1="{pad_l}" y1="{yy:.1f}" x2="{width - pad_r}" y2="{yy:.1f}" class="grid"/>')
        label = f"{v:g}"
        parts.append(f'<text x="{pad_l - 6}" y="{yy + 4:.1f}" class="axis" text-anchor="end">{label}</text>')
    step = max(1, len(days) // 4)
    for i, day in enumerate(days):
        if i % step == 0 or i == len(days) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - 8}" class="axis" '
                f'text-anchor="{"end" if i == len(days) - 1 and i else "middle"}">'
                f"{day.month}/{day.day}</text>"
            )
    for s, (name, values) in enumerate(series):
        color = colors[s % len(colors)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"/>')
        for i, v in enumerate(values):
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.2" fill="{color}">'
                f"<title>{escape(name)} {days[i]:%m-%d}: {v:g}</title></circle>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above


def bar_chart(rows: list[tuple[str, float]], *, title: str = "", width: int = 400) -> SafeString:
    """Horizontal bars, one per row (the ranking of sub-divisions)."""
    bar_h, gap, pad_l, pad_r, pad_t = 18, 6, 96, 44, 24
    height = pad_t + len(rows) * (bar_h + gap) + 6
    top = _nice_max(max([v for _, v in rows] + [0]))
    inner = width - pad_l - pad_r
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    if title:
        parts.append(f'<text x="4" y="15" class="chart-title">{escape(title)}</text>')
    for i, (name, v) in enumerate(rows):
        yy = pad_t + i * (bar_h + gap)
        w = inner * (v / top) if top else 0
        parts.append(
            f'<text x="{pad_l - 6}" y="{yy + 13}" class="axis" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{pad_l}" y="{yy}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[0]}" rx="2"/>'
            f'<text x="{pad_l + w + 4:.1f}" y="{yy + 13}" class="axis">{v:g}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
