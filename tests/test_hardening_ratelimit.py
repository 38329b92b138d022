"""Rate limits count in one SQLite file: shared by every gunicorn worker, kept over a restart, expiring."""
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pyotp
import pytest
from limits import parse
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from helpers import make_config, post_over_http
from partners_helpers import create_user
from screener import create_app
from screener.ratelimit import SQLiteStorage

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from servers import Gunicorn, production_env  # noqa: E402


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.mark.parametrize("strategy", [FixedWindowRateLimiter, MovingWindowRateLimiter])
def test_two_workers_and_a_restarted_one_share_the_counts_which_expire(tmp_path, strategy):
    clock = Clock()
    uri = f"sqlite://{tmp_path}/ratelimits.db"
    worker_a, worker_b = (strategy(SQLiteStorage(uri, key_secret="s", clock=clock)) for _ in range(2))
    limit = parse("5 per 15 minutes")
    granted = [worker.hit(limit, "signin", "203.0.113.9") for worker in (worker_a, worker_b) * 4]
    assert granted == [True] * 5 + [False] * 3  # five in all, not five per worker
    restarted = strategy(SQLiteStorage(uri, key_secret="s", clock=clock))
    assert not restarted.hit(limit, "signin", "203.0.113.9")
    assert restarted.hit(limit, "signin", "198.51.100.20")  # another key has its own count
    clock.now += 15 * 60 + 1
    assert restarted.hit(limit, "signin", "203.0.113.9")  # the window passed
    # Expired rows are swept from the file; what stays is keyed, never the address itself.
    clock.now += 15 * 60 + 61
    restarted.hit(limit, "other", "x")
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("ratelimits.db"))
    assert b"203.0.113.9" not in raw and b"signin" not in raw
    storage = restarted.storage
    rows = storage._db().execute("SELECT (SELECT count(*) FROM counters) + (SELECT count(*) FROM entries)").fetchone()
    assert rows[0] == 1


def test_the_default_storage_is_a_file_in_the_instance_folder(tmp_path):
    app = create_app(make_config(tmp_path, RATELIMIT_ENABLED=True))
    assert app.config["RATELIMIT_STORAGE_URI"] == f"sqlite://{tmp_path}/instance/ratelimits.db"
    assert (tmp_path / "instance" / "ratelimits.db").exists()


# --- under gunicorn with two workers ---------------------------------------------------------

def test_limits_hold_across_two_gunicorn_workers_and_a_restart(tmp_path, smtp_server):
    instance = tmp_path / "instance"
    # The per-address limit is set high here, so that the limit per account and source is what shows.
    env = production_env(instance, smtp_server.port, ZORGSAMEN_PARTNER_SIGNIN_LIMIT="1000 per hour")
    server = Gunicorn("bench.wsgi_site:app", env, workers=2, threads=4).start()
    try:
        app = create_app(make_config(tmp_path, INSTANCE_PATH=str(instance), DATABASE=str(instance / "screener.db"),
                                     SECRET_KEY=None))
        user = create_user(app, org_id="edpb_preventa")
        wrong = {"email": user["email"], "password": "niet-het-wachtwoord", "code": "000000"}
        statuses = []
        threads = [threading.Thread(target=lambda: statuses.append(
            post_over_http(server.url, "/partners/inloggen", "/partners/inloggen", wrong, "203.0.113.9"))) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(statuses) == [422] * 5 + [429] * 7, statuses  # five in all, whichever worker answered
        # A limit of flask-limiter itself: 20 invitation attempts an hour per address.
        bogus = {"password": "x", "password_again": "x", "code": "1"}
        first = [post_over_http(server.url, "/partners/inloggen", "/partners/uitnodiging/verzonnen", bogus, "192.0.2.7") for _ in range(12)]
        assert 429 not in first

        server.stop()
        server = Gunicorn("bench.wsgi_site:app", env, workers=2, threads=4).start()
        right = {**wrong, "password": user["password"]}
        assert post_over_http(server.url, "/partners/inloggen", "/partners/inloggen", right, "203.0.113.9") == 429  # still counted
        after = [post_over_http(server.url, "/partners/inloggen", "/partners/uitnodiging/verzonnen", bogus, "192.0.2.7") for _ in range(12)]
        assert after.count(429) == 4  # 12 before and 8 after the restart make the 20
        right["code"] = pyotp.TOTP(user["totp_secret"]).at(datetime.now(timezone.utc))
        assert post_over_http(server.url, "/partners/inloggen", "/partners/inloggen", right, "198.51.100.20") == 303  # the real user gets in
    finally:
        server.stop()
