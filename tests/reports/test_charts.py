"""Coverage series, the SVG chart and the sparkline."""
import base64
from datetime import date

from reports import charts

TODAY = date(2026, 11, 25)
ROWS = [
    {"day": date(2026, 11, 24), "country": "KZ", "topic": "lgbt", "stories": 2, "cluster_ids": ["a", "b"]},
    {"day": date(2026, 11, 24), "country": "KZ", "topic": "assembly", "stories": 2, "cluster_ids": ["b", "c"]},
    {"day": date(2026, 11, 20), "country": "KZ", "topic": "ban", "stories": 9, "cluster_ids": ["x"]},
    {"day": date(2026, 9, 1), "country": "KG", "topic": "lgbt", "stories": 4, "cluster_ids": ["old"]},
    {"day": date(2026, 11, 24), "country": "US", "topic": "lgbt", "stories": 1, "cluster_ids": ["us"]},
]


def test_coverage_counts_a_story_once_per_day_and_keeps_only_watched_countries_in_the_window():
    found = charts.coverage(ROWS, TODAY, 30, ("KZ", "KG"), ("lgbt", "assembly"))
    assert found["days"][0] == "2026-10-27" and found["days"][-1] == "2026-11-25"
    assert [c["country"] for c in found["countries"]] == ["KZ"]
    kz = found["countries"][0]
    assert kz["series"]["lgbt"][-2] == 2 and kz["series"]["assembly"][-2] == 2
    assert kz["total"][-2] == 3 and kz["stories"] == 3


def test_sparkline_scales_to_the_busiest_day():
    assert charts.sparkline([0, 1, 2, 4]) == " ▃▅█"
    assert charts.sparkline([0, 0]) == "  "


def test_svg_chart_is_text_with_stable_output_and_a_spike_marker():
    found = charts.coverage(ROWS, TODAY, 30, ("KZ",), ("lgbt", "assembly"),
                            spikes=[{"country": "KZ", "day": "2026-11-24"}])
    entry = found["countries"][0]
    assert entry["spike_days"] == ["2026-11-24"]
    svg = charts.svg(entry, found["days"], "Kazakhstan: stories a day")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "Kazakhstan: stories a day" in svg and "<metadata" not in svg
    assert not [u for u in svg.split('"') if u.startswith("http") and not u.startswith("http://www.w3.org/")]
    assert svg == charts.svg(entry, found["days"], "Kazakhstan: stories a day")
    uri = charts.data_uri(svg)
    assert base64.b64decode(uri.split(",", 1)[1]).decode("utf-8") == svg
