"""Demo figures for `flask demo`: cards sent per month over the demo year (counts only, no cards)."""
from .. import demo
from . import queries


def seed_counts(app, db):
    """About 4,700 cards over the twelve months up to today, more around the campaigns' months."""
    rng = demo.rng("cards")
    year, month = demo.last_day().year, demo.last_day().month
    rows = []
    for _ in range(12):
        rows.append((f"{year:04d}-{month:02d}", rng.randint(300, 480)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    queries.set_month_counts(db, rows)


def has_data(db):
    """True when any month has a count."""
    return queries.has_counts(db)
