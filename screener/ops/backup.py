"""Online backup and restore of the SQLite file with SQLite's backup API, verified afterwards."""
import os
import sqlite3
from pathlib import Path

from ..db import create_owner_only


class BackupError(Exception):
    """A backup or restore could not be made or did not verify."""


def _open(path, readonly=False):
    if readonly:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    conn = sqlite3.connect(str(path), timeout=30)
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def inspect(path):
    """integrity_check result and the row count of every table of the database at `path`."""
    if not Path(path).is_file():
        raise BackupError(f"{path} does not exist")
    conn = _open(path, readonly=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable SQLite database: {exc}") from exc
    finally:
        conn.close()
    return integrity, counts


def backup(database, target):
    """Copy the live database to `target` consistently (other processes may keep writing). Returns the row counts.

    The copy is written beside the target and renamed into place only once it verified,
    so a failed or interrupted run never leaves a half-written backup under the final name.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_owner_only(partial)  # it holds encrypted contact details and audit data: never readable by others
    source, copy = _open(database), _open(partial)
    try:
        # pages=-1: one step under one read transaction, so the copy is one consistent moment.
        source.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file, no -wal beside it
    finally:
        copy.close()
        source.close()
    integrity, counts = inspect(partial)
    if integrity != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed integrity_check: {integrity}")
    os.replace(partial, target)
    return counts


def restore(backup_file, database):
    """Replace the database's content with the backup's, after checking the backup. Returns the row counts.

    Uses the backup API in the other direction, so WAL files and open connections stay consistent.
    Stop the web server and the worker first: what they write meanwhile is overwritten.
    """
    integrity, expected = inspect(backup_file)
    if integrity != "ok":
        raise BackupError(f"the backup failed integrity_check: {integrity}; nothing was changed")
    source, live = _open(backup_file, readonly=True), _open(database)
    try:
        source.backup(live, pages=-1)
    finally:
        live.close()
        source.close()
    integrity, counts = inspect(database)
    if integrity != "ok" or counts != expected:
        raise BackupError(f"the restored database does not match the backup (integrity {integrity})")
    return counts
