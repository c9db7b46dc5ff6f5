"""Coverage per country over the last days: the series, an SVG bar chart (matplotlib), a text sparkline.

The SVG is drawn with matplotlib's object API (no pyplot state, no GUI backend) with text
kept as text, and embedded as a data URI so the HTML report needs no other file."""
from __future__ import annotations

import base64
import io
from datetime import date, timedelta

TOPIC_COLOURS = ["#3465a4", "#e9a23b", "#4e9a06", "#75507b", "#c4a000", "#06989a"]
# Drawn at the size the report shows it (a half-width column, about 480 px): 10-11 pt text
# stays 13-15 px on screen instead of being scaled down with a larger figure.
FIGURE_INCHES = (5.0, 2.1)
SIZE_PX = (round(FIGURE_INCHES[0] * 96), round(FIGURE_INCHES[1] * 96))
TICK_PT, TITLE_PT = 10, 11
SPARKS = "▁▂▃▄▅▆▇█"


def coverage(rows: list[dict], end: date, days: int, countries: tuple[str, ...],
             topics: tuple[str, ...], spikes: list[dict] | None = None) -> dict:
    """Stories a day per watched country and topic over `days` days up to `end` (the caller
    passes the last day with data, so the chart does not end in empty days).

    `rows` hold day, country, topic, stories and cluster_ids (as the daily-counts query gives);
    `total` per day counts a story once even when it has several watched topics, and `stories`
    counts each story once over the whole window, however many days it was covered."""
    span = [end - timedelta(days=days - 1 - n) for n in range(days)]
    index = {d: i for i, d in enumerate(span)}
    per: dict[str, dict] = {}
    for row in rows:
        day = row["day"] if isinstance(row["day"], date) else date.fromisoformat(str(row["day"]))
        if day not in index or row["country"] not in countries or row["topic"] not in topics:
            continue
        entry = per.setdefault(row["country"], {"series": {t: [0] * days for t in topics},
                                                "clusters": [set() for _ in span]})
        entry["series"][row["topic"]][index[day]] = int(row["stories"])
        entry["clusters"][index[day]].update(row.get("cluster_ids") or [])
    spike_days = {}
    for spike in spikes or []:
        spike_days.setdefault(spike["country"], set()).add(spike["day"])
    found = []
    for country in countries:
        if country not in per:
            continue
        entry = per[country]
        total = [len(ids) if ids else max(s[i] for s in entry["series"].values())
                 for i, ids in enumerate(entry["clusters"])]
        distinct = set().union(*entry["clusters"])
        found.append({"country": country, "series": entry["series"], "total": total,
                      "stories": len(distinct) if distinct else sum(total),
                      "spike_days": sorted(spike_days.get(country, ()))})
    return {"days": [d.isoformat() for d in span], "topics": list(topics), "countries": found}


def sparkline(values: list[int]) -> str:
    """' ▁▃█ ' scaled to the largest value; a day without a story is a space."""
    top = max(values, default=0)
    return "".join(" " if v <= 0 else SPARKS[min(len(SPARKS) - 1, round(v / top * (len(SPARKS) - 1)))]
                   for v in values)


def svg(entry: dict, days: list[str], title: str) -> str:
    """A small grouped bar chart: stories a day per topic, spike days marked; SVG text."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    topics = list(entry["series"])
    fig = Figure(figsize=FIGURE_INCHES)
    ax = fig.add_axes((0.07, 0.17, 0.91, 0.6))
    width = 0.8 / max(1, len(topics))
    for n, topic in enumerate(topics):
        offsets = [i - 0.4 + width * (n + 0.5) for i in range(len(days))]
        ax.bar(offsets, entry["series"][topic], width=width, label=topic,
               color=TOPIC_COLOURS[n % len(TOPIC_COLOURS)], linewidth=0)
    top = max([max(s, default=0) for s in entry["series"].values()] + [1])
    for day in entry.get("spike_days", []):
        if day in days:
            ax.plot([days.index(day)], [top * 1.12], marker="v", color="#cc0000", markersize=6)
    ax.set_ylim(0, top * 1.25)
    ax.set_xlim(-0.6, len(days) - 0.4)
    ticks = [i for i in range(len(days)) if i % 7 == (len(days) - 1) % 7]
    ax.set_xticks(ticks, [days[i][5:] for i in ticks], fontsize=TICK_PT)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="y", labelsize=TICK_PT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=TITLE_PT, loc="left", pad=10)
    ax.legend(fontsize=TICK_PT, frameon=False, loc="lower right", ncols=len(topics),
              bbox_to_anchor=(1.0, 1.0), handlelength=1.0, columnspacing=1.0, borderaxespad=0.2)
    buffer = io.StringIO()
    # text stays text (small, selectable); a fixed salt gives stable ids for the same data
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "rightswatch"}):
        fig.savefig(buffer, format="svg",  # no RDF metadata block, no date: same data, same bytes
                    metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def data_uri(svg_text: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode("utf-8")).decode("ascii")
