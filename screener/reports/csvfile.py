"""A report table as CSV for spreadsheets set to Dutch (Belgium): semicolons, decimal commas."""
import csv
import io

from .suppression import Hidden


def cell_text(value):
    """A cell as text: '<5' for a suppressed count, '' for none, a decimal comma for fractions."""
    if value is None:
        return ""
    if isinstance(value, Hidden):
        return str(value)
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    text = str(value)
    if not isinstance(value, int) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text  # typed text (a note) must never run as a spreadsheet formula
    return text


def table_csv(table):
    """The table (with its totals row) as CSV text, starting with a byte order mark for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(c) for c in table.columns])
    for row in table.rows + ([table.footer] if table.footer else []):
        writer.writerow([cell_text(v) for v in row])
    return "\ufeff" + out.getvalue()
