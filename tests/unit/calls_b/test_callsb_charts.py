"""SVG chart helper: scaling, gaps for missing values, escaping."""

from __future__ import annotations

import re

import pytest

from app.core.charts import Box, line_chart, runs, scale, sparkline, value_range


def test_scale_maps_range_to_box_with_y_downwards():
    points = scale([0, 50, 100], Box(10, 0, 100, 50), 0, 100)
    assert points == [(10, 50), (60, 25), (110, 0)]


def test_scale_clamps_and_keeps_missing_values():
    points = scale([-20, None, 140], Box(0, 0, 10, 10), 0, 100)
    assert points[0] == (0, 10) and points[1] is None and points[2] == (10, 0)


def test_single_value_is_centred():
    assert scale([5], Box(0, 0, 40, 10), 0, 10) == [(20, 5)]


def test_value_range_widens_flat_data_and_respects_bounds():
    assert value_range([70, 70]) == (69, 71)
    assert value_range([10, 90], 0, 100) == (0, 100)
    assert value_range([None, None]) == (0, 1)


def test_runs_break_at_gaps():
    assert runs([(0, 0), None, (1, 1), (2, 2), None]) == [[(0, 0)], [(1, 1), (2, 2)]]


def test_sparkline_draws_one_path_per_run_and_a_dot_for_lone_points():
    svg = str(sparkline([40, 60, None, 80], label="trend"))
    assert svg.count("<path") == 1
    assert svg.count("<circle") == 2  # the lone last point and the end marker
    assert 'aria-label="trend"' in svg


def test_line_chart_escapes_labels_and_reports_counts():
    svg = str(line_chart([55.5, None, 70], ["<w1>", "w2", "w3"], title='A "chart"', counts=[3, 0, 4]))
    assert "<w1>" not in svg and "&lt;w1&gt;" in svg
    assert "&#34;chart&#34;" in svg or "&quot;chart&quot;" in svg
    tips = re.findall(r"<title>([^<]*)</title></circle>", svg)
    assert tips == ["&lt;w1&gt;: 55.5 (n=3)", "w3: 70 (n=4)"]


def test_line_chart_rejects_mismatched_labels():
    with pytest.raises(ValueError):
        line_chart([1, 2], ["a"], title="x")
