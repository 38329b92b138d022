"""Demo visits for `flask demo`: a year of page views that follows the shared demo year."""
import secrets
from datetime import timedelta

import click

from .. import clock, demo
from ..db import immediate
from . import queries

PAGES = [  # (endpoint, weight): the pages a visitor opens, stored as route patterns
    ("core.home", 30), ("screening.intro", 22), ("screening.question", 45), ("screening.profile", 6),
    ("screening.result", 9), ("firsthelper.index", 9), ("firsthelper.node", 10), ("requests.request_form", 3),
    ("core.privacy", 2),
]


def _page_rules(app):
    rules = {r.endpoint: r.rule for r in app.url_map.iter_rules()}
    return [(rules[e], w) for e, w in PAGES if e in rules]


def seed(app, db):
    """A year of visits and page views (skipped when page views are already there)."""
    if queries.page_view_count(db):
        return
    rng = demo.rng("visits")
    now = clock.now()
    pages = _page_rules(app)
    visit_rows, view_rows = [], []
    visit_id = queries.next_visit_id(db) - 1
    for day, count in demo.daily_visits(demo.last_day()):
        for n in range(count):
            start = demo.moment(rng, day)
            if start > now:
                continue
            visit_id += 1
            visitor = secrets.token_hex(16) if rng.random() > 0.08 else f"{day.isoformat()}-{n % 7}"
            views = min(15, 1 + int(rng.expovariate(0.42)))
            at = start
            for v in range(views):
                page = rng.choices([p for p, _ in pages], [w for _, w in pages])[0] if pages else "/"
                view_rows.append((day.isoformat(), clock.iso(at), page, visitor, visit_id))
                if v < views - 1:
                    at += timedelta(seconds=int(rng.expovariate(1 / 70)) + 5)
            visit_rows.append((visit_id, day.isoformat(), visitor, clock.iso(start), clock.iso(at), views,
                               int(rng.random() < 0.28)))
    with immediate(db):
        queries.insert_history(db, visit_rows, view_rows)
    click.echo(f"  a year of visits: {len(view_rows)} page views in {len(visit_rows)} visits")
