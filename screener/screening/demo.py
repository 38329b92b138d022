"""Demo screenings for `flask demo`: about 10,000 runs over the demo year, in step with the visits."""
from collections import Counter

import click

from .. import clock, demo
from ..db import immediate
from . import content, feedback, flow, queries
from .barriers import is_asked
from .scoring import result_band

TOTAL = 10_000  # a year's; demo.volume() multiplies it for the bench's longer, busier histories
SECTORS = [("hospital", 30), ("elderly_care", 22), ("home_care", 10), ("disability_care", 8), ("mental_health", 8),
           ("youth_care", 5), ("childcare", 5), ("primary_care", 5), ("welfare", 5), ("other", 2)]
PROVINCES = [("antwerpen", 27), ("oost_vlaanderen", 23), ("west_vlaanderen", 18), ("vlaams_brabant", 17),
             ("limburg", 13), ("brussel", 2)]
GENDERS = [("vrouw", 80), ("man", 16), ("andere", 1), (None, 3)]


def pick(rng, weighted):
    """One key of [(key, weight)], drawn by weight."""
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _item_ids():
    """Where a run can stop: each question of the screener content, then the profile screen."""
    return [item["id"] for item in content.get()["items"]] + [flow.PROFILE_STEP]


def seed(app, db):
    """Screenings on each day in proportion to its visits; about one in five stops early (skipped when any exist)."""
    if queries.has_screenings(db):
        return
    rng = demo.rng("screenings")
    # Ids from a generator of their own: the demo's requests follow the screenings in id order, so random
    # tokens made every `flask demo` (and every test on demo figures) a different year.
    ids = demo.rng("screening ids")
    now = clock.now()
    items = _item_ids()
    daily = demo.daily_visits(demo.last_day())
    total_visits = sum(c for _, c in daily) or 1
    rows, tallies = [], Counter()
    for day, count in daily:
        for _ in range(round(TOTAL * demo.volume() * count / total_visits)):
            if demo.moment(rng, day) > now:
                continue
            sid, on = f"{ids.getrandbits(128):032x}", day.isoformat()
            tallies[(on, "language", "nl" if rng.random() < 0.96 else "en")] += 1
            if rng.random() < 0.22:
                # Stopped early: more often at the first questions and at the personal profile.
                weights = [max(1, 10 - i) for i in range(len(items) - 1)] + [8]
                stop = rng.choices(items, weights)[0]
                rows.append((sid, on, None, "abandoned", stop, "{}", None, None, None, None, None, 0))
                continue
            band = rng.choices(["green", "orange", "red"], [45, 40, 15])[0]
            phq4 = {"green": rng.randrange(0, 3), "orange": rng.randrange(3, 9), "red": rng.randrange(9, 13)}[band]
            who5 = {"green": rng.randrange(52, 100, 4), "orange": rng.randrange(28, 56, 4), "red": rng.randrange(0, 32, 4)}[band]
            crisis = int(band == "red" and rng.random() < 0.2)
            rows.append((sid, on, None, "completed", "result", "{}", phq4 // 2, phq4 - phq4 // 2, phq4, who5, band, crisis))
            # The profile only as counts per day, as the screener itself keeps it.
            for dimension, weighted in (("gender", GENDERS), ("sector", SECTORS), ("province", PROVINCES)):
                tallies[(on, dimension, pick(rng, weighted))] += 1
    with immediate(db):
        queries.insert_history(db, rows)
        for (on, dimension, value), count in sorted(tallies.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
            queries.add_to_tally(db, on, {dimension: value}, count)
    click.echo(f"  a year of screenings: {len(rows)}")


# "Wat houdt je tegen?": about a third of orange and red results answer it; fear of the employer and
# of career harm, time and not knowing where to go come first (the barriers research names for care workers).
BARRIER_SHARE = 0.3
BARRIER_WEIGHTS = {"employer": 22, "career": 12, "time": 20, "cost": 8, "alone": 14, "who": 12, "waiting": 7, "other": 5}


def seed_barriers(app, db):
    """Barrier answers on the demo screenings' days, per result band (skipped when any are counted)."""
    if queries.has_taps(db, "barrier"):
        return
    rng = demo.rng("barriers")
    keys = [key for key, _label in content.barrier_options("nl")]
    weights = [BARRIER_WEIGHTS.get(key, 5) for key in keys]
    tallies = Counter()
    for screening in queries.completed_screenings(db):
        band = result_band(screening["band"], screening["crisis"])
        if is_asked(band) and rng.random() < BARRIER_SHARE:
            tallies[(screening["day"], band, rng.choices(keys, weights)[0])] += 1
    with immediate(db):
        for (day, band, answer), count in sorted(tallies.items()):
            queries.add_tap_tally(db, "barrier", day, band, answer, count)
    click.echo(f"  barrier answers: {sum(tallies.values())}")


# "Had je iets aan dit resultaat?": about one in four results answers it; most find something in it,
# a heavier result a little less often (the weights are yes, somewhat, no per result band).
FEEDBACK_SHARE = 0.25
FEEDBACK_WEIGHTS = {"green": (55, 33, 12), "orange": (48, 38, 14), "red": (42, 40, 18), "crisis": (36, 40, 24)}


def seed_result_feedback(app, db):
    """Answers to "Had je iets aan dit resultaat?" on the demo screenings' days, per result band (skipped when any)."""
    if queries.has_taps(db, "feedback"):
        return
    rng = demo.rng("result feedback")
    keys = list(feedback.ANSWERS)
    tallies = Counter()
    for screening in queries.completed_screenings(db):
        band = result_band(screening["band"], screening["crisis"])
        if rng.random() < FEEDBACK_SHARE:
            tallies[(screening["day"], band, rng.choices(keys, FEEDBACK_WEIGHTS[band])[0])] += 1
    with immediate(db):
        for (day, band, answer), count in sorted(tallies.items()):
            queries.add_tap_tally(db, "feedback", day, band, answer, count)
    click.echo(f"  result feedback: {sum(tallies.values())}")
