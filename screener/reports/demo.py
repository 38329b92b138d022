"""`flask demo` history: a realistic year of visits, screenings, requests and cases, with campaigns.

Bulk inserts in one transaction, so it takes seconds. Random but reproducible (fixed seed).
"""
import math
import random
import secrets
from collections import Counter
from datetime import datetime, time, timedelta

import click

from .. import clock, crypto
from ..db import immediate
from .periods import BRUSSELS, local_day

SEED = 2026
DAYS = 365
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
PAGES = [  # (endpoint, weight): the pages a visitor opens, as route patterns
    ("core.home", 30), ("screening.intro", 22), ("screening.question", 45), ("screening.profile", 6),
    ("screening.result", 9), ("firsthelper.index", 9), ("firsthelper.node", 10), ("requests.request_form", 3),
    ("core.privacy", 2),
]
SECTORS = [("hospital", 30), ("elderly_care", 22), ("home_care", 10), ("disability_care", 8), ("mental_health", 8),
           ("youth_care", 5), ("childcare", 5), ("primary_care", 5), ("welfare", 5), ("other", 2)]
PROVINCES = [("antwerpen", 27), ("oost_vlaanderen", 23), ("west_vlaanderen", 18), ("vlaams_brabant", 17),
             ("limburg", 13), ("brussel", 2)]
GENDERS = [("vrouw", 80), ("man", 16), ("andere", 1), (None, 3)]
HOURS = [1, 1, 1, 1, 1, 2, 4, 7, 8, 6, 5, 6, 8, 7, 5, 5, 6, 6, 7, 9, 10, 9, 6, 3]  # visits per local hour


def _pick(rng, weighted):
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def campaign_days(today):
    """[(day, label, strength)]: each campaign on a working day (a newsletter is not sent on Sunday)."""
    result = []
    for days_before, label, strength in CAMPAIGNS:
        day = today - timedelta(days=days_before)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        result.append((day, label, strength))
    return result


def _daily_visits(rng, day, day_index, campaigns):
    """Visits on a day: a slow rise, calmer weekends, and a peak after each campaign that fades in a week."""
    base = 80 + day_index * 0.1
    base *= 0.6 if day.weekday() >= 5 else 1.0
    for campaign_day, _label, strength in campaigns:
        since = (day - campaign_day).days
        if 0 <= since < 10:
            base *= 1 + strength * math.exp(-since / 2.5)
    return max(0, int(rng.gauss(base, base * 0.12)))


def _moment(rng, day):
    hour = rng.choices(range(24), HOURS)[0]
    local = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), BRUSSELS)
    return local.astimezone(clock.system_now().tzinfo)


def _item_ids(app):
    try:
        items = app.extensions["content"]["screener"]["items"]
        return [i["id"] for i in items] + ["profile"]
    except (KeyError, TypeError):
        return ["nervous", "worry", "interest", "down", "safety", "cheerful", "calm", "active", "rested",
                "interesting", "sleep", "support", "profile"]


def _page_rules(app):
    rules = {r.endpoint: r.rule for r in app.url_map.iter_rules()}
    return [(rules[e], w) for e, w in PAGES if e in rules]


def seed_history(app, db):
    """Fill a year of history (skipped when page views are already there)."""
    if db["page_views"].exists() and db["page_views"].count:
        return
    rng = random.Random(SEED)
    now = clock.now() if app else clock.system_now()
    today = local_day(now)
    first = today - timedelta(days=DAYS - 1)
    pages = _page_rules(app)
    items = _item_ids(app)
    campaigns = campaign_days(today)
    with immediate(db):
        daily = _seed_visits(db, rng, first, today, now, pages, campaigns)
        screenings = _seed_screenings(db, rng, first, daily, now, items)
        _seed_cases(app, db, rng, screenings, now)
        db.execute("DELETE FROM annotations")
        db.conn.executemany(
            "INSERT INTO annotations (day, label, created_at) VALUES (?, ?, ?)",
            [(day.isoformat(), label, clock.iso(now)) for day, label, _ in campaigns],
        )
    click.echo(f"  a year of history: {db['page_views'].count} page views, {db['screenings'].count} screenings, "
               f"{db['cases'].count} cases, {len(CAMPAIGNS)} campaigns")


def _seed_visits(db, rng, first, today, now, pages, campaigns):
    visit_rows, view_rows, daily = [], [], []
    visit_id = (db.execute("SELECT COALESCE(MAX(id), 0) FROM visits").fetchone()[0])
    for index in range((today - first).days + 1):
        day = first + timedelta(days=index)
        count = _daily_visits(rng, day, index, campaigns)
        daily.append((day, count))
        for n in range(count):
            start = _moment(rng, day)
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
    db.conn.executemany("INSERT INTO visits (id, day, visitor, first_at, last_at, views, returning_visitor) VALUES (?,?,?,?,?,?,?)",
                        visit_rows)
    db.conn.executemany("INSERT INTO page_views (day, at, page, visitor, visit_id) VALUES (?,?,?,?,?)", view_rows)
    return daily


def _seed_screenings(db, rng, first, daily, now, items):
    total_visits = sum(c for _, c in daily) or 1
    rows, completed, tallies = [], [], Counter()
    for day, count in daily:
        for _ in range(round(10000 * count / total_visits)):
            started = _moment(rng, day)
            if started > now:
                continue
            sid = secrets.token_urlsafe(16)
            lang = "nl" if rng.random() < 0.96 else "en"
            if rng.random() < 0.22:
                # Stopped early: more often at the first questions and at the personal profile.
                weights = [max(1, 10 - i) for i in range(len(items) - 1)] + [8]
                stop = rng.choices(items, weights)[0]
                rows.append((sid, local_day(started).isoformat(), "abandoned", stop, "{}",
                             None, None, None, None, None, 0))
                tallies[(local_day(started).isoformat(), "language", lang)] += 1
                continue
            band = rng.choices(["green", "orange", "red"], [45, 40, 15])[0]
            phq4 = {"green": rng.randrange(0, 3), "orange": rng.randrange(3, 9), "red": rng.randrange(9, 13)}[band]
            who5 = {"green": rng.randrange(52, 100, 4), "orange": rng.randrange(28, 56, 4), "red": rng.randrange(0, 32, 4)}[band]
            crisis = int(band == "red" and rng.random() < 0.2)
            done = started + timedelta(seconds=rng.randrange(70, 400))
            gender, sector, province = _pick(rng, GENDERS), _pick(rng, SECTORS), _pick(rng, PROVINCES)
            started_day = local_day(started).isoformat()
            rows.append((sid, started_day, "completed", "result", "{}", phq4 // 2, phq4 - phq4 // 2, phq4, who5, band,
                         crisis))
            for dimension, value in (("language", lang), ("gender", gender), ("sector", sector), ("province", province)):
                tallies[(started_day, dimension, value or "")] += 1
            completed.append({"id": sid, "at": done, "band": band, "crisis": crisis, "gender": gender,
                              "sector": sector, "province": province, "language": lang})
    # Only the day, and the profile as counts per day: as the screener itself stores them.
    db.conn.executemany(
        "INSERT INTO screenings (id, day, status, current_item, answers,"
        " phq_anxiety, phq_depression, phq4, who5, band, crisis) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    _add_tallies(db, "screening_tallies", tallies)
    return completed


def _add_tallies(db, table, tallies):
    db.conn.executemany(
        f"INSERT INTO {table} (day, dimension, value, count) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (day, dimension, value) DO UPDATE SET count = count + excluded.count",
        [(*key, count) for key, count in sorted(tallies.items())])


def _providers(app):
    from ..cases.providers import get_providers

    try:
        return [p for p in get_providers() if p.active]
    except Exception:  # no providers file: no cases to show
        return []


def _seed_cases(app, db, rng, screenings, now):
    providers = _providers(app)
    if not providers:
        return
    by_step = {s: [p for p in providers if p.step == s] for s in (1, 2, 3)}
    # About 4 % of completed screenings (more of the orange and red ones) lead to a request.
    chances = {"green": 0.016, "orange": 0.08, "red": 0.14}
    requesting = [s for s in screenings if rng.random() < chances[s["band"]]]
    token = crypto.encrypt({"name": "Demo", "phone": "+32 470 00 00 00", "email": None})
    case_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM cases").fetchone()[0]
    cases, events, tallies = [], [], Counter()

    def provider_for(step, province):
        fitting = [p for p in by_step.get(step, []) if province in p.provinces] or by_step.get(step, [])
        return rng.choice(fitting) if fitting else None

    for screening in requesting:
        created = screening["at"] + timedelta(minutes=rng.randrange(1, 20))
        step = rng.choices([1, 2, 3], [50, 42, 8])[0] if screening["band"] != "red" else rng.choices([1, 2, 3], [30, 45, 25])[0]
        parent = None
        while step <= 3:
            provider = provider_for(step, screening["province"])
            if provider is None:
                break
            case_id += 1
            urgent = int(screening["band"] == "red")
            due = created + timedelta(hours=24 if urgent else 72)
            wait = timedelta(hours=rng.lognormvariate(math.log(20 if step == 1 else 30), 0.7))
            contact = created + wait
            refer = step < 3 and rng.random() < (0.22 if step == 1 else 0.12)
            closed = contact + timedelta(days=rng.randrange(2, 30))
            status, outcome, first_contact, closed_at, claimed = "closed", None, contact, closed, created + wait / 3
            if rng.random() < 0.06:
                first_contact, outcome = None, "unreachable"
            elif refer:
                outcome = "referred"
            else:
                outcome = rng.choices(["supported", "declined", "withdrawn"], [85, 8, 7])[0]
            if first_contact and first_contact > now:
                status, first_contact, closed_at, outcome = ("claimed" if claimed < now else "new"), None, None, None
            elif closed_at > now:
                status, closed_at, outcome, refer = "contacted", None, None, False
            if claimed > now:
                claimed = None
            cases.append((case_id, f"ZS-D{case_id:05d}", secrets.token_urlsafe(24), parent, screening["id"], 1, 0,
                          "employer" if step == 1 else "region", provider.id, step, urgent, status, outcome,
                          clock.iso(created), clock.iso(due), clock.iso(claimed) if claimed else None,
                          clock.iso(first_contact) if first_contact else None, clock.iso(closed_at) if closed_at else None,
                          token, "phone", screening["language"], screening["province"]))
            if parent is None:
                for dimension in ("sector", "gender"):
                    tallies[(local_day(created).isoformat(), dimension, screening[dimension] or "")] += 1
            events.append((case_id, clock.iso(created), "created"))
            if claimed:
                events.append((case_id, clock.iso(claimed), "claimed"))
            if first_contact:
                events.append((case_id, clock.iso(first_contact), "first_contact"))
            if closed_at:
                events.append((case_id, clock.iso(closed_at), "referred" if outcome == "referred" else "closed"))
            if not (refer and closed_at):
                break
            parent, step, created = case_id, step + 1, closed_at
    db.conn.executemany(
        "INSERT INTO cases (id, reference, link_token, parent_case_id, screening_id, share_results, followup_consent,"
        " choice, provider_id, step, urgent, status, outcome, created_at, due_at, claimed_at, first_contact_at,"
        " closed_at, contact_encrypted, preferred_channel, language, province)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cases)
    _add_tallies(db, "request_tallies", tallies)
    db.conn.executemany("INSERT INTO case_events (case_id, at, kind, detail) VALUES (?, ?, ?, '{}')", events)
