"""`flask demo`: fill the database with demo data, so a newcomer sees a living site.

Each feature seeds its own tables through its own functions (`register`). The year of history
they share (how many visits a day, when the campaigns were) is described once here, so that
visits, screenings, cases and the campaign notes tell the same story.
"""
import math
import random
from datetime import datetime, time, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from . import clock
from .config import is_true
from .db import get_db

SEED = 2026
DAYS = 365  # one demo year; config DEMO_YEARS repeats it and DEMO_SCALE multiplies its volume (bench/dashboard.py)
CAMPAIGNS = [  # (days before today, label, strength)
    (340, "Lancering van de site", 2.6),
    (300, "Nieuwsbrief Zorgnet-Icuro", 1.6),
    (250, "Webinar: zorg voor jezelf", 1.4),
    (200, "Interview op Radio 1", 2.2),
    (150, "Nieuwsbrief verstuurd", 1.5),
    (110, "Affichecampagne in ziekenhuizen", 1.3),
    (60, "Webinar: een collega steunen", 1.4),
    (20, "Nieuwsbrief verstuurd", 1.6),
]
HOURS = [1, 1, 1, 1, 1, 2, 4, 7, 8, 6, 5, 6, 8, 7, 5, 5, 6, 6, 7, 9, 10, 9, 6, 3]  # visits per local hour


def register(app, name, seeder, order=50, has_data=None):
    """Register `seeder(app, db)`; seeders run in `order`, each prints what it made.

    `has_data(db)`, when given, tells whether the feature's tables hold data already (`--if-empty`).
    """
    app.extensions.setdefault("demo_seeders", []).append((order, name, seeder))
    if has_data is not None:
        app.extensions.setdefault("demo_data_checks", []).append(has_data)


def seed_all(app, db):
    """Run every registered seeder in order (each one skips what is there already)."""
    for _order, name, seeder in sorted(app.extensions.get("demo_seeders", []), key=lambda s: s[:2]):
        seeder(app, db)
        click.echo(f"Demo data: {name} done.")


def rng(name):
    """A random generator of its own per seeder: reproducible, whichever seeders run."""
    return random.Random(f"{SEED}-{name}")


def last_day():
    """The last day of the demo year: today in Belgium, by the app's clock."""
    return clock.local_day(clock.now())


def _years():
    return int(current_app.config.get("DEMO_YEARS", 1)) if current_app else 1


def _scale():
    return float(current_app.config.get("DEMO_SCALE", 1)) if current_app else 1.0


def volume():
    """How many demo years' worth of rows to make: years x scale (1 for `flask demo`)."""
    return _years() * _scale()


def campaign_days(last_day):
    """[(day, label, strength)]: each campaign on a working day (a newsletter is not sent on Sunday),
    once per demo year."""
    result = []
    for days_before, label, strength in sorted(
            ((before + 365 * year, label, strength) for year in range(_years()) for before, label, strength in CAMPAIGNS),
            reverse=True):
        day = last_day - timedelta(days=days_before)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        result.append((day, label, strength))
    return result


def daily_visits(last_day):
    """[(day, visits)] over the demo year: a slow rise, calmer weekends, a peak after each campaign
    that fades in a week. The same figures for every seeder (screenings follow the visits)."""
    generator = rng("daily visits")
    campaigns = campaign_days(last_day)
    days = DAYS * _years()
    scale = _scale()
    first = last_day - timedelta(days=days - 1)
    result = []
    for index in range(days):
        day = first + timedelta(days=index)
        base = scale * (80 + (index % DAYS) * 0.1) * (0.6 if day.weekday() >= 5 else 1.0)
        for campaign_day, _label, strength in campaigns:
            since = (day - campaign_day).days
            if 0 <= since < 10:
                base *= 1 + strength * math.exp(-since / 2.5)
        result.append((day, max(0, int(generator.gauss(base, base * 0.12)))))
    return result


def moment(generator, day):
    """A moment on `day` (UTC), busier in the morning and the evening as real visits are."""
    hour = generator.choices(range(24), HOURS)[0]
    local = datetime.combine(day, time(hour, generator.randrange(60), generator.randrange(60)), clock.BRUSSELS)
    return local.astimezone(clock.system_now().tzinfo)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when the database holds no data yet (each feature says whether its tables do).")
@with_appcontext
def demo_command(if_empty):
    """Create demo accounts and a realistic history of visits, screenings, requests and cases."""
    if is_true(current_app.config.get("PRODUCTION", False)):
        # Demo accounts share a published password and second-factor secret.
        raise click.ClickException("Refusing to add demo data in production (PRODUCTION is on): "
                                   "demo accounts have a published password and TOTP secret.")
    db = get_db()
    if if_empty and any(has_data(db) for has_data in current_app.extensions.get("demo_data_checks", [])):
        click.echo("Demo data: the database already holds data; nothing added.")
        return
    seed_all(current_app._get_current_object(), db)


def init_app(app):
    app.cli.add_command(demo_command)
