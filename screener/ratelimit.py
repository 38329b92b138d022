"""Rate-limit counters in a SQLite file, shared by every gunicorn worker and kept over restarts.

A storage for the `limits` library (under Flask-Limiter), registered as the `sqlite://` scheme:
`sqlite:////abs/path/ratelimits.db`. It serves the fixed-window and the moving-window strategies.
Keys are stored as keyed hashes (HMAC-SHA256), so no client address reaches the disk. Every write
is one short `BEGIN IMMEDIATE` transaction that waits its turn in the writers' queue of screener.db.
Expired rows are swept now and then, so the file stays small.
"""
import hashlib
import hmac
import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from limits.storage import MovingWindowSupport, Storage
from sqlite_utils import Migrations

from .db import connect, immediate

FILE_NAME = "ratelimits.db"
SWEEP_EVERY_SECONDS = 60  # how often one process deletes expired counters and entries

migrations = Migrations("ratelimit")


@migrations()
def create_counters(db):
    # Fixed windows: one row per key, its count and when the window ends (epoch seconds).
    db.execute("CREATE TABLE counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at REAL NOT NULL) "
               "WITHOUT ROWID")
    db.execute("CREATE INDEX counters_expires ON counters (expires_at)")
    # Moving windows: one row per acquired entry.
    db.execute("CREATE TABLE entries (key TEXT NOT NULL, at REAL NOT NULL, expires_at REAL NOT NULL)")
    db.execute("CREATE INDEX entries_key_at ON entries (key, at)")
    db.execute("CREATE INDEX entries_expires ON entries (expires_at)")


def default_uri(instance_path):
    """The storage URI of the small counters file in the instance folder."""
    return "sqlite://" + str(Path(instance_path, FILE_NAME).resolve())


class SQLiteStorage(Storage, MovingWindowSupport):
    """Counters and moving-window entries in one SQLite file (`sqlite:///<absolute path>`)."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri=None, wrap_exceptions=False, key_secret="", clock=None, **options):
        """`key_secret` keys the hash of every stored key; `clock()` gives epoch seconds (default: time.time)."""
        path = urlsplit(uri).path
        if not path or path == "/":
            raise ValueError("sqlite:// needs a file: sqlite:////absolute/path/ratelimits.db")
        self.path = path
        self._secret = (key_secret or "").encode() or b"ratelimit"
        self._clock = clock or time.time
        self._local = threading.local()
        self._last_sweep = 0.0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        db = connect(self.path)  # create the file and its tables at start, not at the first request
        try:
            with immediate(db):
                migrations.apply(db)
        finally:
            db.close()

    @property
    def base_exceptions(self):
        return sqlite3.Error

    # --- plumbing -----------------------------------------------------------------------

    def _db(self):
        # One connection per thread and process: a connection opened before a fork is never reused.
        cached = getattr(self._local, "db", None)
        if cached is None or cached[0] != os.getpid():
            cached = self._local.db = (os.getpid(), connect(self.path))
        return cached[1]

    def _key(self, key):
        return hmac.new(self._secret, key.encode(), hashlib.sha256).hexdigest()

    def _now(self):
        return float(self._clock())

    def _sweep(self, db, now):
        if now - self._last_sweep >= SWEEP_EVERY_SECONDS or now < self._last_sweep:
            self._last_sweep = now
            db.execute("DELETE FROM counters WHERE expires_at <= ?", [now])
            db.execute("DELETE FROM entries WHERE expires_at <= ?", [now])

    # --- fixed window ---------------------------------------------------------------------

    def incr(self, key, expiry, amount=1):
        """Add `amount` to the key's counter (a new window of `expiry` seconds when none is running)."""
        db, now = self._db(), self._now()
        with immediate(db):
            self._sweep(db, now)
            row = db.execute(
                "INSERT INTO counters (key, count, expires_at) VALUES (:key, :amount, :ends) "
                "ON CONFLICT (key) DO UPDATE SET "
                "count = CASE WHEN expires_at <= :now THEN :amount ELSE count + :amount END, "
                "expires_at = CASE WHEN expires_at <= :now THEN :ends ELSE expires_at END "
                "RETURNING count",
                {"key": self._key(key), "amount": amount, "ends": now + expiry, "now": now}).fetchone()
        return row[0]

    def get(self, key):
        """The key's count in the running window (0 when none runs)."""
        row = self._db().execute("SELECT count FROM counters WHERE key = ? AND expires_at > ?",
                                 [self._key(key), self._now()]).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key):
        """When the key's running window ends (epoch seconds; now when none runs)."""
        now = self._now()
        row = self._db().execute("SELECT expires_at FROM counters WHERE key = ? AND expires_at > ?",
                                 [self._key(key), now]).fetchone()
        return row[0] if row else now

    def clear(self, key):
        """Forget one key (its counter and its moving-window entries)."""
        db = self._db()
        with immediate(db):
            db.execute("DELETE FROM counters WHERE key = ?", [self._key(key)])
            db.execute("DELETE FROM entries WHERE key = ?", [self._key(key)])

    def reset(self):
        """Forget every key; returns how many rows went."""
        db = self._db()
        with immediate(db):
            gone = db.execute("DELETE FROM counters").rowcount + db.execute("DELETE FROM entries").rowcount
        return gone

    def check(self):
        """True when the file answers."""
        try:
            self._db().execute("SELECT 1").fetchone()
            return True
        except sqlite3.Error:
            return False

    # --- moving window --------------------------------------------------------------------

    def acquire_entry(self, key, limit, expiry, amount=1):
        """Take `amount` places in the last `expiry` seconds if at most `limit` are then taken."""
        if amount > limit:
            return False
        db, now, hashed = self._db(), self._now(), self._key(key)
        with immediate(db):
            self._sweep(db, now)
            taken = db.execute("SELECT count(*) FROM entries WHERE key = ? AND at > ?",
                               [hashed, now - expiry]).fetchone()[0]
            if taken + amount > limit:
                return False
            db.conn.executemany("INSERT INTO entries (key, at, expires_at) VALUES (?, ?, ?)",
                                [(hashed, now, now + expiry)] * amount)
        return True

    def get_moving_window(self, key, limit, expiry):
        """(start of the window: the oldest entry in it, or now; entries in the window)."""
        now = self._now()
        oldest, taken = self._db().execute("SELECT min(at), count(*) FROM entries WHERE key = ? AND at > ?",
                                           [self._key(key), now - expiry]).fetchone()
        return (oldest if taken else now), taken


def configure(app):
    """Default storage: the counters file in the instance folder, keyed with the app's secret, on the app clock."""
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = default_uri(app.instance_path)
    if app.config["RATELIMIT_STORAGE_URI"].startswith("sqlite:"):
        options = dict(app.config.get("RATELIMIT_STORAGE_OPTIONS") or {})
        options.setdefault("key_secret", hashlib.sha256(b"ratelimit:" + str(app.config["SECRET_KEY"]).encode()).hexdigest())
        options.setdefault("clock", _app_seconds)
        app.config["RATELIMIT_STORAGE_OPTIONS"] = options


def _app_seconds():
    # The app clock (config CLOCK, moved by tests) inside a request or app context; else the real time.
    from flask import has_app_context

    from . import clock

    return clock.now().timestamp() if has_app_context() else time.time()


def storage_for(app):
    """This app's own storage object (the limiter's is shared by every app created in one process)."""
    from limits.storage import storage_from_string

    if "ratelimit_storage" not in app.extensions:
        app.extensions["ratelimit_storage"] = storage_from_string(app.config["RATELIMIT_STORAGE_URI"],
                                                                  **(app.config.get("RATELIMIT_STORAGE_OPTIONS") or {}))
    return app.extensions["ratelimit_storage"]
