"""Charts drawn on the server with pygal, served as SVG images (reports.views.chart).

As an <img>, the SVG's own <style> and any script stay inside the image, so the page's strict
CSP needs no exception; the same numbers are always in the table beneath the chart.
"""
import re

import pygal
from flask_babel import gettext
from pygal.style import Style

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1d2523",
    foreground_strong="#1d2523",
    foreground_subtle="#d5dbd8",
    opacity=".9",
    opacity_hover="1",
    colors=("#1f6f5c", "#c2410c", "#0b57d0", "#8a5a00", "#a3262a"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=12,
    tooltip_font_size=12,
)
SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
MARKER = "▲"  # campaign marker, also in the legend
DOTS_UP_TO = 31  # points of a time series drawn with a dot each


def _config(kind, rows):
    common = dict(style=STYLE, js=[], disable_xml_declaration=True, no_prefix=True, legend_at_bottom=True,
                  print_values=False, show_y_guides=True, truncate_label=-1, truncate_legend=-1)
    if kind == "hbar":
        return pygal.HorizontalBar(width=720, height=140 + 34 * max(rows, 1), **common)
    if kind == "bar":
        return pygal.Bar(width=720, height=380, x_label_rotation=0, **common)
    # Time series span the whole width on a laptop: drawn wider so their text is not blown up. A dot per
    # point helps to read a month of days; over a year they only blur the line (and cost 90 % of drawing it).
    return pygal.Line(width=1100, height=420, x_label_rotation=35, show_minor_x_labels=False, dots_size=2,
                      show_dots=rows <= DOTS_UP_TO, **common)


def svg(chart):
    """The chart as SVG text."""
    graph = _config(chart.kind, len(chart.labels))
    labels, series = [str(label) for label in chart.labels], [(name, list(values)) for name, values in chart.series]
    if chart.kind == "hbar":  # pygal draws the first bar at the bottom; the table reads top-down
        labels, series = labels[::-1], [(name, values[::-1]) for name, values in series]
    graph.x_labels = labels
    if chart.kind == "line" and len(chart.labels) > 16:
        step = -(-len(chart.labels) // 12)
        graph.x_labels_major = [str(label) for label in chart.labels[::step]]
    highest = 0
    for name, values in series:
        graph.add(str(name), values)
        highest = max([highest] + [v for v in values if isinstance(v, (int, float))])
    if chart.markers:
        marks = [None] * len(chart.labels)
        for index, text in chart.markers:
            marks[index] = {"value": highest, "label": text}
        graph.add(f"{MARKER} " + gettext("Campagne of notitie"), marks, stroke=False, dots_size=7, show_dots=True)
    # pygal writes its config as a <script> even without tooltips: useless in an image, so removed.
    return SCRIPT.sub("", graph.render(is_unicode=True))
