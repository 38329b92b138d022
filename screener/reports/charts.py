"""Charts drawn on the server with pygal, embedded as SVG images (data: URIs).

As an <img>, the SVG's own <style> and any script stay inside the image, so the page's strict
CSP needs no exception; the same numbers are always in the table beneath the chart.
"""
import base64

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
MARKER = "▲"  # campaign marker, also in the legend


def _config(kind, rows):
    common = dict(style=STYLE, js=[], disable_xml_declaration=True, no_prefix=True, legend_at_bottom=True,
                  print_values=False, show_y_guides=True, truncate_label=-1, truncate_legend=-1)
    if kind == "hbar":
        return pygal.HorizontalBar(width=720, height=140 + 34 * max(rows, 1), **common)
    if kind == "bar":
        return pygal.Bar(width=720, height=380, x_label_rotation=0, **common)
    return pygal.Line(width=720, height=380, x_label_rotation=35, show_minor_x_labels=False, dots_size=2,
                      **common)


def render(chart):
    """The chart as a data: URI holding the SVG."""
    graph = _config(chart.kind, len(chart.labels))
    graph.x_labels = [str(label) for label in chart.labels]
    if chart.kind == "line" and len(chart.labels) > 16:
        step = -(-len(chart.labels) // 12)
        graph.x_labels_major = [str(label) for label in chart.labels[::step]]
    highest = 0
    for name, values in chart.series:
        graph.add(str(name), list(values))
        highest = max([highest] + [v for v in values if isinstance(v, (int, float))])
    if chart.markers:
        marks = [None] * len(chart.labels)
        for index, text in chart.markers:
            marks[index] = {"value": highest, "label": text}
        graph.add(f"{MARKER} " + ", ".join(sorted({t for _, t in chart.markers}))[:80], marks, stroke=False, dots_size=7)
    if not chart.labels or highest == 0 and not any(v for _, vals in chart.series for v in vals if v):
        graph.no_data_text = gettext("Geen gegevens")
    svg = graph.render(is_unicode=True)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
