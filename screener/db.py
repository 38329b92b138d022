"""SQLite through sqlite-utils: one connection per request on g, pragmas, transactions, init-db."""
import contextlib
import os
import sqlite3
import threading

import click
from flask.cli import with_appcontext
import sqlite_utils
from flask import current_app, g

from . import migrations


def connect(path):
    """Open the database file with the pragmas every connection needs."""
    conn = sqlite3.connect(str(path), timeout=10, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA busy_timeout=10000")
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


@contextlib.contextmanager
def immediate(db):
    """A write transaction that takes the write lock up front.

    sqlite-utils' db.atomic() issues a deferred BEGIN, which fails at once with
    "database is locked" when it reads first and another process writes.
    Nested sqlite-utils writes inside this block become savepoints.
    """
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
