"""Demo data of the reports feature for `flask demo`: the campaigns of the demo year as annotations.

The visits, screenings and cases of that year are seeded by their own features (see screener.demo).
"""
import click

from .. import clock, demo
from ..db import immediate
from . import queries


def seed_annotations(app, db):
    """One annotation per campaign day (skipped when there are annotations already)."""
    campaigns = demo.campaign_days(demo.last_day())
    if queries.annotations(db, campaigns[0][0].isoformat(), demo.last_day().isoformat()):
        return
    now = clock.now()
    with immediate(db):
        for day, label, _strength in campaigns:
            queries.add_annotation(db, day.isoformat(), label, clock.iso(now), None)
    click.echo(f"  {len(campaigns)} campaigns as annotations")
