"""The server-side SVG charts are well-formed XML, escape what they are given and draw what they promise."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.core.charts import Axis, Bar, Series, bar_chart, radar, sparkline, trend_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg"
    return root


def test_radar_is_valid_svg_with_one_dot_per_known_value_and_links():
    axes = [
        Axis("Работа с возражениями", 2.5, "/skills/people/1/objection_handling?x=1&y=2"),
        Axis("Закрытие", None, "/skills/people/1/closing"),
        Axis("Переговоры <b>", 4.0),
        Axis("Знание продукта", 5.0),
    ]
    root = parse(radar(axes, label="Профиль"))
    assert root.get("aria-label") == "Профиль"
    assert len(root.findall(f".//{SVG}circle")) == 3
    hrefs = {a.get("href") for a in root.iter(f"{SVG}a")}
    assert "/skills/people/1/objection_handling?x=1&y=2" in hrefs  # parsed back, so it was escaped as &amp;
    texts = "".join(root.itertext())
    assert "Переговоры <b>" in texts and "2,5" in texts


def test_radar_area_grows_with_the_values():
    def area_points(value: float) -> list[tuple[float, float]]:
        root = parse(radar([Axis(name, value) for name in "abc"]))
        polygon = root.find(f".//{SVG}polygon[@class='chart-area']")
        return [tuple(map(float, p.split(","))) for p in polygon.get("points").split()]

    small, big = area_points(1), area_points(5)
    top_small, top_big = small[0][1], big[0][1]
    assert top_big < top_small  # the first spoke points up: a higher value is further up


def test_radar_with_too_few_axes_still_renders():
    parse(radar([Axis("a", 3)]))


def test_trend_chart_breaks_lines_at_gaps_and_has_a_legend():
    root = parse(trend_chart(["01.11", "08.11", "15.11"], [Series("A & B", [1, None, 3]), Series("C", [2, 3, 4])]))
    polylines = root.findall(f".//{SVG}polyline")
    assert len(polylines) == 1  # series A has no two neighbouring points; series C has one unbroken line
    assert "A & B" in "".join(root.itertext())


def test_bar_chart_and_sparkline_are_valid():
    root = parse(bar_chart([Bar("Иванов", 3.2, "/a?b=1&c=2"), Bar("Петров", None)], max_value=5))
    assert len(root.findall(f".//{SVG}rect")) == 2
    parse(sparkline([None, 2, 3, None, 4], low=1, high=5, label="x<y"))
