"""SQLite through sqlite-utils: one connection per request on g, pragmas, transactions, init-db."""
import contextlib
import fcntl
import os
import sqlite3
import threading

import click
from flask.cli import with_appcontext
import sqlite_utils
from flask import current_app, g

from . import migrations

BUSY_SECONDS = 10  # how long a writer waits for its turn before the request fails with a clear page


def connect(path):
    """Open the database file with the pragmas every connection needs."""
    conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


# One connection per thread and file, kept between requests: closing the last connection of a
# WAL database checkpoints and truncates the WAL, which made every request several ms slower.
_per_thread = threading.local()


def get_db():
    """The request's (or app context's) database connection (reused by the same thread later)."""
    if "db" not in g:
        key = (os.getpid(), current_app.config["DATABASE"])  # never share a connection across a fork
        cache = _per_thread.__dict__.setdefault("connections", {})
        if key not in cache:
            while len(cache) >= 4:  # tests open many files; production uses one
                cache.pop(next(iter(cache))).close()
            cache[key] = connect(key[1])
        else:
            cache[key] = cache.pop(key)  # most recently used last
        g.db = cache[key]
    return g.db


def close_db(_exc=None):
    """End of a request: whatever was not committed is rolled back, as closing did before."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


# Writers queue for the write lock instead of polling for it. SQLite's busy handler sleeps in
# growing steps (up to 100 ms) while another writer holds the lock, which gave contact requests
# under load a long tail. A thread lock queues the threads of one process and an flock on a file
# beside the database queues the processes: both wake the next writer the moment the lock is
# free, and the kernel frees the flock of a process that dies. The flock wait needs no limit of
# its own: whoever holds it runs one short SQLite transaction, its BEGIN bounded by busy_timeout.
_write_queues = {}
_write_queues_guard = threading.Lock()


def _write_queue(path):
    """(thread lock, lock-file descriptor or None) of this process for one database file."""
    key = (os.getpid(), path)  # a descriptor inherited over a fork would share the parent's lock
    with _write_queues_guard:
        if key not in _write_queues:
            try:
                fd = os.open(f"{path}-writers.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:  # e.g. a read-only folder: SQLite's own locking still keeps writers apart
                fd = None
            _write_queues[key] = (threading.Lock(), fd)
        return _write_queues[key]


@contextlib.contextmanager
def _writer_turn(db):
    path = db.execute("PRAGMA database_list").fetchone()[2]
    if not path:  # an in-memory database has a single connection: nobody to queue with
        yield
        return
    lock, fd = _write_queue(path)
    if not lock.acquire(timeout=BUSY_SECONDS):
        raise sqlite3.OperationalError("database is locked")  # the same answer as SQLite's own timeout
    try:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        lock.release()


@contextlib.contextmanager
def immediate(db):
    """A write transaction that takes the write lock up front, after waiting its turn.

    sqlite-utils' db.atomic() issues a deferred BEGIN, which fails at once with
    "database is locked" when it reads first and another process writes.
    Nested sqlite-utils writes inside this block become savepoints.
    """
    with _writer_turn(db):
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            db.conn.execute("COMMIT")


def migrate(db):
    """Apply every pending schema step of every feature, in order. Idempotent.

    One immediate transaction, so that several workers starting at once migrate one after another.
    """
    with immediate(db):
        for migration_set in migrations.all_sets():
            migration_set.apply(db)


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create or upgrade the database schema."""
    db = get_db()
    migrate(db)
    click.echo(f"Database ready: {current_app.config['DATABASE']}")


def init_app(app):
    """Close connections on teardown, register the command, apply pending migrations."""
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    db = connect(app.config["DATABASE"])
    try:
        migrate(db)
    finally:
        db.close()
