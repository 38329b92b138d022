"""What every block of the reports is made of: a Table (and its Chart), and the Report of a range."""
from dataclasses import dataclass, field

from . import periods, suppression
from .stats import share
from .suppression import HIDDEN, Hidden


@dataclass
class Chart:
    """What to draw: 'line', 'bar' or 'hbar', labels on the x axis, named series, campaign markers."""

    kind: str
    labels: list
    series: list  # [(name, [value or None])]
    markers: list = field(default_factory=list)  # [(label index, text)]
    alt: str = ""

    @property
    def has_data(self):
        """False when every value is zero or hidden: an empty chart says nothing the table does not."""
        return any(isinstance(v, (int, float)) and v for _, values in self.series for v in values)


@dataclass
class Table:
    """One block: a title, column headers, rows of cells (int, float, str, None or HIDDEN)."""

    key: str
    title: str
    columns: list
    rows: list
    note: str = None
    chart: Chart = None
    footer: list = None  # a totals row, kept apart so it is not drawn

    @property
    def text_columns(self):
        """Indexes of columns (after the first) that hold words, not figures: aligned left."""
        first = self.rows[0] if self.rows else []
        return {i for i, v in enumerate(first) if i > 0 and not isinstance(v, (int, float, suppression.Hidden, type(None)))}


@dataclass
class Report:
    chosen: periods.Range
    granularity: str
    summary: list  # [(label, value)]
    tables: dict
    annotations: list
    answers: list = field(default_factory=list)  # [answers.Answer], read from the tables


def suppressed(value):
    """A count, or HIDDEN when it is from 1 to 4."""
    return HIDDEN if suppression.is_small(value) else value


def percent(part, whole):
    """A share in %, or None when either count is hidden."""
    if isinstance(part, Hidden) or isinstance(whole, Hidden):
        return None
    return share(part, whole)


def chart_value(value):
    """A value to draw: a hidden count is not drawn."""
    return None if isinstance(value, Hidden) else value


def rows_chart(kind, rows, series, alt, column=1):
    """A chart of one column of a table's rows, each bar labelled by the row's first cell."""
    return Chart(kind, [str(r[0]) for r in rows], [(series, [chart_value(r[column]) for r in rows])], alt=alt)
