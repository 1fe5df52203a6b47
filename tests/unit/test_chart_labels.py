"""Chart x labels stay inside the SVG: the last one is anchored at its end, not centred past the right edge."""

from __future__ import annotations

import re

from app.core.charts import Series, line_chart, trend_chart


def _anchors(svg: str, label: str) -> list[str]:
    return re.findall(rf'text-anchor="(\w+)"[^>]*>{re.escape(label)}</text>', svg)


def test_trend_chart_last_label_ends_inside():
    svg = str(trend_chart(["2026-10", "2026-11"], [Series("a", [90.0, 95.0]), Series("b", [80.0, 85.0])],
                          y_min=0, y_max=150, y_step=25))
    assert _anchors(svg, "2026-11") == ["end"]
    assert _anchors(svg, "2026-10") == ["middle"]


def test_line_chart_last_label_ends_inside_and_a_single_label_is_centred():
    assert _anchors(str(line_chart([1.0, 2.0, 3.0], ["w1", "w2", "w3"])), "w3") == ["end"]
    assert _anchors(str(line_chart([1.0], ["only"])), "only") == ["middle"]
