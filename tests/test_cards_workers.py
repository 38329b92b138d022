"""The site's daily cap on cards holds under gunicorn with two workers sending at the same moment."""
import sqlite3
import sys
import threading
from pathlib import Path

from helpers import post_over_http

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from servers import Gunicorn, production_env  # noqa: E402

CAP = 3


def send_card(url, n):
    """Send card `n` to its own colleague, from its own address, with a session and token of its own; the status."""
    form = {"design": "zon", "message": "Dankjewel!", "sender_name": "An", "recipient_name": "Collega",
            "recipient_email": f"collega{n}@example.be", "action": "send"}
    return post_over_http(url, "/bedankkaartje/sturen", "/bedankkaartje/sturen", form, f"198.51.100.{n + 1}")


def test_two_workers_share_the_daily_cap(tmp_path, smtp_server):
    instance = tmp_path / "instance"
    env = production_env(instance, smtp_server.port, ZORGSAMEN_CARDS_DAILY_CAP=str(CAP))
    server = Gunicorn("bench.wsgi_site:app", env, workers=2, threads=4).start()
    try:
        statuses = []
        threads = [threading.Thread(target=lambda n=n: statuses.append(send_card(server.url, n))) for n in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        server.stop()
    assert sorted(statuses) == [303] * CAP + [429] * (10 - CAP), statuses
    db = sqlite3.connect(instance / "screener.db")
    try:
        assert db.execute("SELECT count(*) FROM cards").fetchone()[0] == CAP
        assert db.execute("SELECT count(*) FROM outbox WHERE kind = 'card'").fetchone()[0] == CAP
    finally:
        db.close()
