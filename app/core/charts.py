"""Server-side SVG charts (sparkline, line, multi-line trend, radar, horizontal bars): small, dependency-free, escaped.

Every function returns ``Markup`` holding one ``<svg>`` element that is also well-formed XML. All text and
links are escaped here, so callers may pass user-entered labels. Colours come from CSS classes with inline
fallbacks, so a chart looks right with or without the site stylesheet (and in print).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from flask import has_request_context
from markupsafe import Markup, escape

from app.core.numbers import format_number

PALETTE = ("#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#d63384", "#20c997", "#6c757d", "#dc3545", "#0dcaf0")
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\""


@dataclass(frozen=True)
class Axis:
    """One spoke of a radar chart: a label, the value (None = no data) and an optional link."""

    label: str
    value: float | None
    href: str | None = None


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a name, values aligned with the chart's x labels (None = gap) and a colour."""

    name: str
    values: Sequence[float | None]
    color: str | None = None


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart."""

    label: str
    value: float | None
    href: str | None = None
    color: str | None = None


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _fmt(value: float | None, digits: int = 1) -> str:
    """A value shown to people (tooltips, bar labels), ``digits`` decimals, in the reader's locale (outside a
    request, e.g. a script, with a decimal comma)."""
    if not has_request_context():
        return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")
    return format_number(value, digits, fixed=True)


def _svg(width: float, height: float, label: str, body: list[str], cls: str) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'class="chart {escape(cls)}" role="img" aria-label="{escape(label)}" {FONT} font-size="12">'
        f"<title>{escape(label)}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def _wrap(text: str, width: int = 16) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines[:3] or [""]


@dataclass(frozen=True)
class Box:
    """The plotting area: left, top, width and height in SVG units (y grows downwards)."""

    x: float
    y: float
    width: float
    height: float


XY = tuple[float, float]


def value_range(
    values: Sequence[float | None], low: float | None = None, high: float | None = None
) -> tuple[float, float]:
    """The y range to plot: given bounds win, else the data's min/max; flat data is widened by 1 on each side."""
    known = [float(v) for v in values if v is not None]
    lo = low if low is not None else (min(known) if known else 0.0)
    hi = high if high is not None else (max(known) if known else (lo + 1.0))
    if hi <= lo:
        lo, hi = (lo - 1.0, hi + 1.0) if known else (lo, lo + 1.0)
    return lo, hi


def scale(values: Sequence[float | None], box: Box, low: float, high: float) -> list[XY | None]:
    """Map values (clamped to low..high) to points spread evenly across the box; None stays None."""
    n = len(values)
    span = (high - low) or 1.0
    points: list[XY | None] = []
    for i, value in enumerate(values):
        if value is None:
            points.append(None)
            continue
        x = box.x + (box.width * i / (n - 1) if n > 1 else box.width / 2)
        v = max(low, min(high, float(value)))
        points.append((x, box.y + box.height * (1 - (v - low) / span)))
    return points


def runs(points: Sequence[XY | None]) -> list[list[XY]]:
    """Split points into unbroken runs at the gaps (None); empty runs are dropped."""
    out: list[list[XY]] = [[]]
    for point in points:
        if point is None:
            out.append([])
        else:
            out[-1].append(point)
    return [run for run in out if run]


def _path(run: Sequence[XY]) -> str:
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in run)


def _value(value: float) -> str:
    """A value or axis tick shown to people: up to one decimal, in the reader's locale (outside a request, as
    Python writes it)."""
    if not has_request_context():
        return f"{round(float(value), 1):g}"
    return format_number(value, 1)


def sparkline(
    values: Sequence[float | None],
    *,
    label: str = "",
    width: int = 120,
    height: int = 28,
    low: float | None = None,
    high: float | None = None,
    color: str = "#0d6efd",
) -> Markup:
    """A tiny trend line: one path per unbroken run, a dot for lone points, a marker on the last value."""
    lo, hi = value_range(values, low, high)
    points = scale(values, Box(3, 3, width - 6, height - 6), lo, hi)
    stroke = escape(color)
    body = []
    for run in runs(points):
        if len(run) > 1:
            body.append(f'<path d="{_path(run)}" fill="none" stroke="{stroke}" stroke-width="1.5"/>')
        else:
            body.append(f'<circle cx="{run[0][0]:.1f}" cy="{run[0][1]:.1f}" r="1.5" fill="{stroke}"/>')
    last = next((p for p in reversed(points) if p is not None), None)
    if last is not None:
        body.append(f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="2.5" fill="{stroke}"/>')
    return _svg(width, height, label, body, "chart-sparkline")


def _x_anchor(i: int, n: int) -> str:
    """The last x label ends at its point: centred, it would run past the chart's narrow right margin."""
    return "end" if n > 1 and i == n - 1 else "middle"


def line_chart(
    values: Sequence[float | None],
    labels: Sequence[str],
    *,
    title: str = "",
    counts: Sequence[int] | None = None,
    width: int = 560,
    height: int = 200,
    low: float | None = None,
    high: float | None = None,
    color: str = "#0d6efd",
) -> Markup:
    """One series over labelled x positions (e.g. weeks); gaps for None; each point's tooltip gives value and n."""
    if len(values) != len(labels) or (counts is not None and len(counts) != len(values)):
        raise ValueError("line_chart: values, labels and counts must have the same length")
    lo, hi = value_range(values, low, high)
    box = Box(40, 10, width - 52, height - 40)
    points = scale(values, box, lo, hi)
    stroke = escape(color)
    body = []
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        y = box.y + box.height * (1 - k / 4)
        body.append(
            f'<line x1="{box.x}" y1="{y:.1f}" x2="{box.x + box.width}" y2="{y:.1f}" stroke="#e9ecef"/>'
            f'<text x="{box.x - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#6c757d">{_value(v)}</text>'
        )
    every = max(1, math.ceil(len(labels) / 8))
    for i, text in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            x = box.x + (box.width * i / (len(labels) - 1) if len(labels) > 1 else box.width / 2)
            body.append(
                f'<text x="{x:.1f}" y="{box.y + box.height + 16:.1f}" text-anchor="{_x_anchor(i, len(labels))}" '
                f'fill="#6c757d" font-size="10">{escape(text)}</text>'
            )
    for run in runs(points):
        if len(run) > 1:
            body.append(f'<path d="{_path(run)}" fill="none" stroke="{stroke}" stroke-width="2"/>')
    for i, point in enumerate(points):
        if point is None:
            continue
        n = f" (n={counts[i]})" if counts is not None else ""
        body.append(
            f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="3" fill="{stroke}">'
            f"<title>{escape(labels[i])}: {_value(values[i])}{n}</title></circle>"
        )  # type: ignore[arg-type]
    return _svg(width, height, title, body, "chart-line")


def radar(
    axes: Sequence[Axis],
    *,
    max_value: float = 5.0,
    rings: int = 5,
    size: int = 300,
    label: str = "",
    target: Sequence[float | None] | None = None,
) -> Markup:
    """Radar (spider) chart of values on 0..max_value; optional dashed ``target`` polygon; labels may link."""
    n = len(axes)
    margin_x, margin_y = 110, 40
    width, height = size + 2 * margin_x, size + 2 * margin_y
    cx, cy, r = width / 2, height / 2, size / 2
    if n < 3:
        return _svg(
            width, height, label, [f'<text x="{_num(cx)}" y="{_num(cy)}" text-anchor="middle">—</text>'], "chart-radar"
        )

    def at(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        k = max(0.0, min(value, max_value)) / max_value
        return cx + r * k * math.cos(angle), cy + r * k * math.sin(angle)

    def polygon(values: Sequence[float | None]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, v or 0.0) for i, v in enumerate(values)))

    body = []
    for ring in range(1, rings + 1):
        body.append(
            f'<polygon points="{polygon([max_value * ring / rings] * n)}" fill="none" '
            f'stroke="#dee2e6" stroke-width="1"/>'
        )
    for i in range(n):
        x, y = at(i, max_value)
        body.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#dee2e6"/>')
    for ring in range(1, rings + 1):
        x, y = at(0, max_value * ring / rings)
        body.append(
            f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" fill="#adb5bd" font-size="10">'
            f"{_value(max_value * ring / rings)}</text>"
        )
    if target is not None:
        body.append(
            f'<polygon class="chart-target" points="{polygon(target)}" fill="none" stroke="#198754" '
            f'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    body.append(
        f'<polygon class="chart-area" points="{polygon([a.value for a in axes])}" '
        f'fill="#0d6efd" fill-opacity="0.18" stroke="#0d6efd" stroke-width="2"/>'
    )
    for i, axis in enumerate(axes):
        if axis.value is None:
            continue
        x, y = at(i, axis.value)
        dot = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#0d6efd">'
            f"<title>{escape(axis.label)}: {_fmt(axis.value)}</title></circle>"
        )
        body.append(_link(axis.href, dot))
    for i, axis in enumerate(axes):
        x, y = at(i, max_value * 1.08)
        anchor = "middle" if abs(x - cx) < 8 else ("start" if x > cx else "end")
        lines = _wrap(axis.label) + [_fmt(axis.value)]
        top = y - 7 * (len(lines) - 1) if abs(y - cy) < r * 0.5 else (y - 14 * (len(lines) - 1) if y < cy else y + 6)
        bold = ' font-weight="600"'
        tspans = "".join(
            f'<tspan x="{x:.1f}" y="{top + 14 * k:.1f}"{bold if k == len(lines) - 1 else ""}>{escape(text)}</tspan>'
            for k, text in enumerate(lines)
        )
        body.append(_link(axis.href, f'<text text-anchor="{anchor}" fill="#212529">{tspans}</text>'))
    return _svg(width, height, label, body, "chart-radar")


def bar_chart(
    bars: Sequence[Bar],
    *,
    max_value: float | None = None,
    width: int = 480,
    row: int = 24,
    label: str = "",
    label_width: int = 170,
    digits: int = 1,
) -> Markup:
    """Horizontal bars with the label on the left and the value at the end; bars may link."""
    top_value = max_value or max((b.value or 0 for b in bars), default=0) or 1
    height = max(row * len(bars), row)
    plot_w = width - label_width - 48
    body = []
    for i, bar in enumerate(bars):
        y = i * row
        length = plot_w * max(0.0, min(bar.value or 0.0, top_value)) / top_value
        color = escape(bar.color or PALETTE[0])
        text = escape(bar.label if len(bar.label) <= 28 else bar.label[:27] + "…")
        inner = (
            f'<text x="{label_width - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end" fill="#212529">{text}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" rx="3" fill="{color}">'
            f"<title>{escape(bar.label)}: {_fmt(bar.value, digits)}</title></rect>"
            f'<text x="{label_width + length + 6:.1f}" y="{y + row / 2 + 4:.1f}" fill="#495057">'
            f"{_fmt(bar.value, digits)}</text>"
        )
        body.append(_link(bar.href, inner))
    return _svg(width, height, label, body, "chart-bars")


def trend_chart(
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    y_min: float = 1.0,
    y_max: float = 5.0,
    width: int = 560,
    height: int = 220,
    label: str = "",
    y_step: float = 1.0,
) -> Markup:
    """Several lines over shared x labels; None values leave gaps; a legend when there is more than one series."""
    left, right, top = 34, 12, 12
    bottom = 28 + (18 * ((len(series) + 2) // 3) if len(series) > 1 else 0)
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(x_labels), 1)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: float) -> float:
        v = max(y_min, min(y_max, v))
        return top + plot_h * (1 - (v - y_min) / ((y_max - y_min) or 1))

    body = []
    steps = int(round((y_max - y_min) / y_step))
    for k in range(steps + 1):
        v = y_min + k * y_step
        body.append(f'<line x1="{left}" y1="{py(v):.1f}" x2="{width - right}" y2="{py(v):.1f}" stroke="#e9ecef"/>')
        body.append(f'<text x="{left - 6}" y="{py(v) + 4:.1f}" text-anchor="end" fill="#6c757d">{_value(v)}</text>')
    every = max(1, math.ceil(n / 8))
    for i, text in enumerate(x_labels):
        if i % every == 0 or i == n - 1:
            body.append(
                f'<text x="{px(i):.1f}" y="{top + plot_h + 16}" text-anchor="{_x_anchor(i, n)}" fill="#6c757d" '
                f'font-size="10">{escape(text)}</text>'
            )
    for index, line in enumerate(series):
        color = escape(line.color or PALETTE[index % len(PALETTE)])
        runs: list[list[tuple[float, float]]] = [[]]
        for i, value in enumerate(line.values):
            if value is None:
                runs.append([])
                continue
            runs[-1].append((px(i), py(value)))
            body.append(
                f'<circle cx="{px(i):.1f}" cy="{py(value):.1f}" r="2.5" fill="{color}">'
                f"<title>{escape(line.name)} · {escape(x_labels[i] if i < len(x_labels) else '')}: "
                f"{_fmt(value)}</title></circle>"
            )
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                body.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
    if len(series) > 1:
        for index, line in enumerate(series):
            col, row = index % 3, index // 3
            x, y = left + col * (plot_w / 3), top + plot_h + 32 + row * 18
            color = escape(line.color or PALETTE[index % len(PALETTE)])
            body.append(
                f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="10" height="10" fill="{color}"/>'
                f'<text x="{x + 14:.1f}" y="{y + 1:.1f}" fill="#495057">{escape(line.name)}</text>'
            )
    return _svg(width, height, label, body, "chart-line")
