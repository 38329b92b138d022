"""How fast is the coordinators' dashboard with years of demo data, and what does counting a page view cost?

Usage: .venv/bin/python bench/dashboard.py [--rounds 15] [--years 5 --scale 3] [--database PATH] [--all]

Builds an instance with demo history (one year at scale 1: ~100,000 page views, ~10,000
screenings, ~500 cases; `--years 5 --scale 3` is five years at three times that volume), runs the
worker's daily rollup job once (as the worker does every night), signs in as a coordinator
through the real sign-in page and times requests in process (Flask test client: the app's own
time, without network or server). Prints the median and 90th percentile per request; with `--all`
every period and granularity the dashboard offers, the printed report of each period and every
CSV of a year and of everything. Then the page-view counter's overhead on the home page.
`--database` keeps the seeded database there and reuses it on the next run.
"""
import argparse
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyotp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screener import clock, create_app  # noqa: E402
from screener.db import get_db  # noqa: E402
from screener.demo import seed_all as seed_history  # noqa: E402
from screener.reports import rollups  # noqa: E402
from screener.staff import accounts  # noqa: E402

PASSWORD = "bench-wachtwoord-lang-genoeg"
REQUESTS = [
    ("dashboard, last 30 days (per day)", "/rapporten/"),
    ("dashboard, last 90 days (per week)", "/rapporten/?periode=90"),
    ("dashboard, a year (per week)", "/rapporten/?periode=jaar"),
    ("dashboard, a year (per day)", "/rapporten/?periode=jaar&per=dag"),
    ("dashboard, everything (per month)", "/rapporten/?periode=alles&per=maand"),
    ("printable report, a year", "/rapporten/verslag?periode=jaar"),
    ("CSV of one table, a year", "/rapporten/csv/aanvragen-hulpverlener.csv?periode=jaar"),
]


def every_request(client):
    """Every period x granularity the dashboard offers, each printed report, each CSV (a year, everything)."""
    from screener.reports import periods

    found = []
    for preset in periods.PRESETS:
        for per in periods.GRANULARITIES:
            if per == "dag" and preset == "alles":
                continue  # refused: per day is for at most a year
            found.append((f"dashboard, {preset} per {per}", f"/rapporten/?periode={preset}&per={per}"))
        found.append((f"printable report, {preset}", f"/rapporten/verslag?periode={preset}"))
    page = client.get("/rapporten/?periode=jaar").get_data(as_text=True)
    for key in sorted(set(re.findall(r"/rapporten/csv/([a-z0-9-]+)\.csv", page))):
        for preset in ("jaar", "alles"):
            found.append((f"CSV {key}, {preset}", f"/rapporten/csv/{key}.csv?periode={preset}"))
    return found


def timed(client, url, rounds):
    """Milliseconds of `rounds` GET requests (after one warm-up)."""
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return times


def summary(times):
    ordered = sorted(times)
    return f"median {statistics.median(ordered):7.1f} ms   p90 {ordered[max(0, round(0.9 * len(ordered)) - 1)]:7.1f} ms"


def sign_in(app, client):
    secret = pyotp.random_base32()
    email = f"bench-{secrets.token_hex(4)}@zorgsamen.example"  # a reused database keeps earlier runs' users
    with app.app_context():
        accounts.create_active_user(get_db(), email=email, role="coordinator", org_id=None,
                                    password=PASSWORD, totp_secret=secret, now=clock.now())
    page = client.get("/partners/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/partners/inloggen", data={"csrf_token": token, "email": email,
                                                       "password": PASSWORD, "code": pyotp.TOTP(secret).now()})
    assert response.status_code == 303, response.status_code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--years", type=int, default=1, help="years of demo history")
    parser.add_argument("--scale", type=float, default=1, help="times the demo's daily volume")
    parser.add_argument("--database", help="keep the seeded database here and reuse it")
    parser.add_argument("--all", action="store_true", help="every period, printed report and CSV")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        database = args.database or f"{tmp}/bench.db"
        fresh = not Path(database).exists()
        config = {"DATABASE": database, "INSTANCE_PATH": f"{tmp}/instance", "SECRET_KEY": "bench",
                  "SESSION_COOKIE_SECURE": False, "RATELIMIT_ENABLED": False,
                  "DEMO_YEARS": args.years, "DEMO_SCALE": args.scale}
        app = create_app(config)
        started = time.perf_counter()
        with app.app_context():
            if fresh:
                seed_history(app, get_db())
            seeded = time.perf_counter()
            rollups.roll_up(app)
            db = get_db()
            counts = {t: db[t].count for t in ("page_views", "visits", "screenings", "cases")}
        print(f"demo history in {seeded - started:.1f} s, rollups in {time.perf_counter() - seeded:.1f} s: {counts}")
        client = app.test_client()
        sign_in(app, client)
        times = {}
        for label, url in every_request(client) if args.all else REQUESTS:
            times[label] = timed(client, url, args.rounds)
            print(f"{label:40s} {summary(times[label])}")
        slowest = max(times, key=lambda label: statistics.median(times[label]))
        print(f"slowest: {slowest} (median {statistics.median(times[slowest]):.1f} ms)")
        _charts(client, "/rapporten/?periode=alles&per=maand")

        # The counter's cost: the home page with and without counting, by a visitor (not a bot).
        visitor = app.test_client()
        headers = {"User-Agent": "Mozilla/5.0 (bench) Firefox/128.0"}
        with app.app_context():
            before = get_db()["page_views"].count
        on = [_one(visitor, "/", headers) for _ in range(args.rounds * 20)]
        with app.app_context():
            assert get_db()["page_views"].count == before + len(on), "page views were not counted"
        app.config["VISIT_COUNTING"] = False
        off = [_one(visitor, "/", headers) for _ in range(args.rounds * 20)]
        print(f"{'home page, counted':40s} {summary(on)}")
        print(f"{'home page, not counted':40s} {summary(off)}")
        print(f"counting overhead: {statistics.median(on) - statistics.median(off):.2f} ms per page view (median)")


def _one(client, url, headers):
    started = time.perf_counter()
    assert client.get(url, headers=headers).status_code == 200
    return (time.perf_counter() - started) * 1000


def _charts(client, url):
    """The chart images of one dashboard page: each drawn from the report the page kept, and the first one
    again from nothing (as another worker gets it: the range built again, then drawn)."""
    from html import unescape

    from screener.reports import views

    page = client.get(url).get_data(as_text=True)
    addresses = [unescape(a) for a in re.findall(r'<img src="(/rapporten/grafiek/[^"]+)"', page)]
    kept = [_one(client, address, {}) for address in addresses]
    views.BUILT.clear()
    cold = _one(client, addresses[0], {})
    print(f"{'charts of ' + url:40s} {len(kept)} images, median {statistics.median(kept):.1f} ms each, "
          f"{sum(kept):.0f} ms together; the first without its page's report {cold:.0f} ms")


if __name__ == "__main__":
    main()
