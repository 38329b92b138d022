"""gunicorn workers killed (SIGKILL) again and again during a load of contact requests: nothing confirmed is lost."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import load  # noqa: E402
import scenarios  # noqa: E402
from servers import Gunicorn, production_env  # noqa: E402

CLIENTS = 4
SECONDS = 6
KILL_EVERY = 0.6


def visitor_loop(url, number_base, stop, confirmed, failures):
    visitor = load.Visitor(url)
    number = number_base
    while not stop.is_set():
        number += 1
        try:
            confirmed.append(scenarios.send_contact_request(visitor, number))
        except Exception as exc:  # a killed worker: connection reset, or a retry page
            failures.append(type(exc).__name__)
            visitor.close()
            visitor = load.Visitor(url)
    visitor.close()


def test_confirmed_requests_survive_killed_workers_and_the_outbox_drains(tmp_path, smtp_server):
    # The worker sends in quick turns here, so that draining does not make the test slow.
    env = production_env(tmp_path / "instance", smtp_server.port, ZORGSAMEN_RATELIMIT_ENABLED="false",
                         ZORGSAMEN_OUTBOX_INTERVAL_SECONDS="0", ZORGSAMEN_WORKER_INTERVAL_SECONDS="0.1")
    database = tmp_path / "instance" / "screener.db"
    confirmed, failures, stop = [], [], threading.Event()
    kills = 0
    with Gunicorn("bench.wsgi_site:app", env, workers=2, threads=4) as server:
        threads = [threading.Thread(target=visitor_loop, args=(server.url, n * 100000, stop, confirmed, failures))
                   for n in range(CLIENTS)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            time.sleep(KILL_EVERY)
            pids = server.worker_pids()
            if pids:
                os.kill(random.choice(pids), signal.SIGKILL)
                kills += 1
        time.sleep(1.5)  # gunicorn replaces the killed workers; the last requests finish
        stop.set()
        for t in threads:
            t.join(30)
        assert server.process.poll() is None, server.output()

    assert kills >= 5
    assert len(confirmed) >= 20, (len(confirmed), failures[:5])
    conn = sqlite3.connect(database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    cases = dict(conn.execute("SELECT reference, id FROM cases").fetchall())
    # Every request that got its thank-you page is stored, with its e-mail to the team and its history.
    missing = [ref for ref in confirmed if ref not in cases]
    assert missing == []
    for case_id in cases.values():  # nothing half-written: no case without its outbox rows and event
        assert conn.execute("SELECT count(*) FROM outbox WHERE case_id = ?", [case_id]).fetchone()[0] >= 1
        assert conn.execute("SELECT count(*) FROM case_events WHERE case_id = ? AND kind = 'created'",
                            [case_id]).fetchone()[0] == 1
    waiting = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    conn.close()

    # The worker drains the outbox to the SMTP server afterwards.
    flask = str(Path(sys.executable).with_name("flask"))
    worker = subprocess.Popen([flask, "--app", "bench.wsgi_site:app", "worker"], env=env, cwd=str(ROOT),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            conn = sqlite3.connect(database)
            left = conn.execute("SELECT count(*) FROM outbox WHERE status != 'sent'").fetchone()[0]
            conn.close()
            if left == 0:
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(20)
    assert left == 0
    assert smtp_server.count == waiting
