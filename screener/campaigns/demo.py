"""Demo campaigns for `flask demo`: codes for the demo year's campaigns, their tallies, returning answers."""
from datetime import timedelta

import click

from .. import clock, demo
from ..db import immediate
from . import queries

# (label in the demo year's campaigns, code, kind, label of the code)
CODES = [
    ("Nieuwsbrief Zorgnet-Icuro", "nieuwsbrief-zorgnet", "newsletter", "Nieuwsbrief Zorgnet-Icuro"),
    ("Webinar: zorg voor jezelf", "webinar-zorg-voor-jezelf", "webinar", "Webinar: zorg voor jezelf"),
    ("Affichecampagne in ziekenhuizen", "affiche-ziekenhuizen", "poster", "Affiche in ziekenhuizen"),
    ("Webinar: een collega steunen", "webinar-collega-steunen", "webinar", "Webinar: een collega steunen"),
]


def has_data(db):
    """True when campaign codes exist already."""
    return bool(queries.all_codes(db))


def seed(app, db):
    """Campaign codes with ten days of fading tallies from each campaign day, and returning answers."""
    if has_data(db):
        return
    rng = demo.rng("campaigns")
    last = demo.last_day()
    days = {label: day for day, label, _strength in demo.campaign_days(last)}
    now = clock.iso(clock.now())
    with immediate(db):
        for campaign, code, kind, label in CODES:
            queries.insert_code(db, code, kind, label, now)
            for since in range(10):
                day = days[campaign] + timedelta(days=since)
                if day > last:
                    break
                visits = int(rng.randint(25, 60) * 0.7 ** since)
                started = int(visits * rng.uniform(0.3, 0.45))
                completed = int(started * rng.uniform(0.6, 0.8))
                requests = round(completed * rng.uniform(0.08, 0.2))
                for metric, count in (("visit", visits), ("screening_started", started),
                                      ("screening_completed", completed), ("request", requests)):
                    if count:
                        queries.add_tally(db, day.isoformat(), code, metric, count)
        for day, visits in demo.daily_visits(last):
            completed = int(visits * 0.1)
            answered = int(completed * 0.6)  # the question is optional: not everyone answers it
            again = sum(rng.random() < 0.15 for _ in range(answered))  # the original site saw 15 %
            for answer, count in (("ja", again), ("nee", answered - again), ("liever_niet", int(rng.random() < 0.3))):
                if count:
                    queries.add_returning_answer(db, day.isoformat(), answer, count)
    click.echo(f"  {len(CODES)} campaign codes with their tallies, and returning answers")
