"""Waiting-time figures (pure): mean, median, 90th percentile and share within the deadline."""
import math
from statistics import fmean, median


def percentile(values, fraction):
    """Nearest-rank percentile: the smallest value with at least `fraction` of values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def waiting_summary(waits):
    """Summary of [(hours waited, within deadline?)]: n, mean, median, p90 (hours), share in time (%)."""
    if not waits:
        return {"n": 0, "mean": None, "median": None, "p90": None, "in_time": None}
    hours = [h for h, _ in waits]
    return {
        "n": len(waits),
        "mean": round(fmean(hours), 1),
        "median": round(median(hours), 1),
        "p90": round(percentile(hours, 0.9), 1),
        "in_time": round(100 * sum(1 for _, ok in waits if ok) / len(waits)),
    }


def share(part, whole):
    """Percentage rounded to a whole number, or None when there is nothing to divide."""
    return round(100 * part / whole) if whole else None
