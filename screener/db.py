"""SQLite through sqlite-utils: one connection per request on g, pragmas, transactions (knows no feature)."""
import contextlib
import fcntl
import logging
import os
import sqlite3
import threading
import weakref

import sqlite_utils
from flask import current_app, g

BUSY_SECONDS = 10  # how long a writer waits for its turn before the request fails with a clear page
OWNER_ONLY = 0o600  # the database, its -wal/-shm, the writers' lock and backups hold personal data

log = logging.getLogger(__name__)


def create_owner_only(path):
    """Make sure the file at `path` exists readable by its owner alone (also outside systemd's UMask).

    SQLite creates a new database with 0644 minus the umask, and gives its -wal, -shm and
    rollback journal the database file's mode: an empty file made here first sets them all.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, OWNER_ONLY))
    except FileExistsError:
        pass
    for name in (str(path), f"{path}-wal", f"{path}-shm"):
        with contextlib.suppress(OSError):  # absent, or someone else's file: SQLite decides then
            info = os.stat(name)
            if info.st_mode & 0o077 and info.st_uid == os.getuid():
                os.chmod(name, info.st_mode & 0o700)  # drop group and others; a read-only file stays read-only


def connect(path):
    """Open the database file with the pragmas every connection needs."""
    if str(path) != ":memory:" and not str(path).startswith("file:"):
        create_owner_only(path)
    conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=NORMAL")
    # Deleted or overwritten content is zeroed, in the database file as in the WAL: an erased
    # value leaves no readable copy in free space.
    db.execute("PRAGMA secure_delete=ON")
    _watch_erasures(db)
    return db


# An erasure must leave no copy in the files: the page versions that still hold the value live
# on in the WAL until a checkpoint. Temporary triggers (this connection only, so other tools
# never meet an unknown function) note when a stored ciphertext is removed; the transaction
# then ends with a checkpoint that copies the pages back and truncates the WAL.
def _watch_erasures(db):
    from .crypto import ENCRYPTED_COLUMNS

    db.erased = False
    owner = weakref.ref(db)  # no cycle through the connection: dropped connections close at once

    def note_erasure():
        if owner() is not None:
            owner().erased = True

    db.conn.create_function("zs_note_erasure", 0, note_erasure)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, _pk, column, *_condition in ENCRYPTED_COLUMNS:
        if table not in tables or column not in {c[1] for c in db.execute(f'PRAGMA table_info("{table}")')}:
            continue  # a database before its migrations: the next connection watches it
        name = f"zs_erased_{table}_{column}"
        db.execute(f'CREATE TEMP TRIGGER IF NOT EXISTS "{name}" AFTER UPDATE OF "{column}" ON main."{table}"'
                   f' WHEN coalesce(old."{column}", \'\') != \'\' AND coalesce(new."{column}", \'\') = \'\''
                   ' BEGIN SELECT zs_note_erasure(); END')
        db.execute(f'CREATE TEMP TRIGGER IF NOT EXISTS "{name}_deleted" AFTER DELETE ON main."{table}"'
                   f' WHEN coalesce(old."{column}", \'\') != \'\' BEGIN SELECT zs_note_erasure(); END')


CHECKPOINT_WAIT_SECONDS = 2  # how long an erasure waits for readers to finish before it answers anyway


def checkpoint(db):
    """Copy the WAL into the database file and truncate the WAL to zero bytes; False when readers kept it."""
    db.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_SECONDS * 1000}")
    try:
        busy, _log_pages, _moved = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:  # the erasure is committed: its answer must not turn into an error
        busy = 1
    finally:
        db.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
    if busy:
        log.warning("checkpoint after an erasure was blocked by a reader; the WAL keeps old pages until the next one")
    return not busy


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
        db.erased = False
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            db.erased = False
            raise
        else:
            db.conn.execute("COMMIT")
            if getattr(db, "erased", False):  # still our turn: no writer waits behind the checkpoint
                db.erased = False
                checkpoint(db)


def init_app(app):
    """Close connections on teardown."""
    app.teardown_appcontext(close_db)
