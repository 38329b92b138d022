"""Daily totals that stand in for raw rows: which days of a range still have to be read raw.

Features keep per-day totals of their settled days (the worker's nightly rollup), so a report
over years reads a few thousand total rows instead of millions of raw ones. A day without totals
(today, a day not rolled up yet, a day whose rows changed after) is read from the raw rows.
"""
from datetime import date, timedelta


def raw_spans(day_from, day_to, rolled_days):
    """[(first, last)] ISO days of the range `day_from`..`day_to` not in `rolled_days`, as contiguous spans."""
    rolled, spans = set(rolled_days), []
    day, end = date.fromisoformat(day_from), date.fromisoformat(day_to)
    while day <= end:
        if day.isoformat() not in rolled:
            start = day
            while day + timedelta(days=1) <= end and (day + timedelta(days=1)).isoformat() not in rolled:
                day += timedelta(days=1)
            spans.append((start.isoformat(), day.isoformat()))
        day += timedelta(days=1)
    return spans
