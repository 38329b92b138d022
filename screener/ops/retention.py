"""Retention decisions, pure: how far back each kind of data may be kept, and how to aggregate."""
from collections import Counter
from datetime import timedelta

# The fields of an abandoned screening that are kept only as aggregate counts.
AGGREGATED_FIELDS = ("day", "status", "stopped_at_item", "band", "gender", "sector", "province", "language", "crisis")


def cutoffs(now, contact_days, abandoned_days, audit_days):
    """The moments before which contact details, abandoned answers and audit entries are removed."""
    return {
        "contact": now - timedelta(days=contact_days),
        "abandoned": now - timedelta(days=abandoned_days),
        "audit": now - timedelta(days=audit_days),
    }


def aggregate(screenings):
    """Count abandoned screenings per combination of anonymous fields, as rows for screening_aggregates."""
    counter = Counter(
        (
            s["day"],
            "abandoned",
            s.get("current_item"),
            s.get("band"),
            s.get("gender"),
            s.get("sector"),
            s.get("province"),
            s.get("language"),
            int(s.get("crisis") or 0),
        )
        for s in screenings
    )
    return [dict(zip(AGGREGATED_FIELDS, key), count=count) for key, count in sorted(counter.items(), key=str)]
