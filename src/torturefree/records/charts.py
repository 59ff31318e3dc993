"""Small, dependency-free SVG charts for the HTML and PDF reports (readable in print)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

# Colour-blind-safe pair (Okabe-Ito): granted blue, refused vermillion, national ban grey.
COLOURS = {"granted": "#0072B2", "refused": "#D55E00", "refused_national_ban": "#999999"}
LABELS = {
    "granted": "granted",
    "refused": "refused",
    "refused_national_ban": "refused (national ban)",
}


Say = Callable[[str], str]


def _same(text: str) -> str:
    return text


def bar_chart(
    title: str, groups: list[tuple[str, dict[str, int]]], width: int = 640, say: Say = _same
) -> str:
    """Horizontal stacked bars, one per group, series in COLOURS order, with counts written.

    `say` translates the legend and the empty-chart line (records/wording.py)."""
    if not groups:
        return _empty(title, width, say)
    row, label_w, top = 24, 190, 34
    height = top + row * len(groups) + 34
    biggest = max(sum(values.values()) for _, values in groups) or 1
    scale = (width - label_w - 60) / biggest
    parts = [_title(title)]
    for index, (label, values) in enumerate(groups):
        y = top + index * row
        parts.append(_text(label_w - 8, y + 15, label, anchor="end"))
        x = float(label_w)
        for series, colour in COLOURS.items():
            size = values.get(series, 0) * scale
            if size > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{size:.1f}" height="{row - 8}" '
                    f'fill="{colour}"/>'
                )
                x += size
        parts.append(_text(x + 6, y + 15, str(sum(values.values()))))
    parts.append(_legend(top + row * len(groups) + 14, label_w, say))
    return _svg(width, height, parts)


def line_chart(
    title: str, points: list[tuple[int, dict[str, int]]], width: int = 640, say: Say = _same
) -> str:
    """One line per series over the years, with each value written at its point."""
    if not points:
        return _empty(title, width, say)
    height, left, right, top, bottom = 240, 50, 30, 34, 60
    biggest = max(v.get(series, 0) for _, v in points for series in COLOURS) or 1
    step = (width - left - right) / max(len(points) - 1, 1)
    plot_h = height - top - bottom
    parts = [_title(title)]
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
        f'y2="{top + plot_h}" stroke="#444"/>'
    )
    for index, (year, _) in enumerate(points):
        parts.append(_text(left + index * step, top + plot_h + 16, str(year), anchor="middle"))
    for series, colour in COLOURS.items():
        xy = [
            (left + i * step, top + plot_h - v.get(series, 0) / biggest * plot_h)
            for i, (_, v) in enumerate(points)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), (_, v) in zip(xy, points, strict=True):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
            parts.append(_text(x, y - 6, str(v.get(series, 0)), anchor="middle", size=10))
    parts.append(_legend(height - 18, left, say))
    return _svg(width, height, parts)


def _legend(y: int, x: int, say: Say) -> str:
    items, offset = [], x
    for series, colour in COLOURS.items():
        name = say(LABELS[series])
        items.append(f'<rect x="{offset}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        items.append(_text(offset + 14, y, name))
        offset += 24 + 7 * len(name)
    return "".join(items)


def _title(title: str) -> str:
    return f'<text x="4" y="18" font-size="14" font-weight="bold">{escape(title)}</text>'


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


def _svg(width: int, height: int, parts: list[str]) -> str:
    body = "".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" role="img">'
        f"{body}</svg>"
    )


def _empty(title: str, width: int, say: Say) -> str:
    return _svg(width, 60, [_title(title), _text(4, 44, say("Nothing to show for this year."))])
