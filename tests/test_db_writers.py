"""Writers take turns on one SQLite file: every write lands, a dead writer frees its turn, a stuck one gives an error."""
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import screener.db
from screener.db import connect, immediate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def counter(tmp_path):
    path = tmp_path / "writers.db"
    db = connect(path)
    db.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)")
    db.execute("INSERT INTO counter VALUES (1, 0)")
    db.conn.commit()
    return path


def _increment(path, times, errors):
    db = connect(path)
    try:
        for _ in range(times):
            with immediate(db):  # read, then write: lost updates would show if turns overlapped
                n = db.execute("SELECT n FROM counter").fetchone()[0]
                db.execute("UPDATE counter SET n = ?", [n + 1])
    except Exception as exc:  # collected, so a failure in a thread fails the test
        errors.append(exc)
    finally:
        db.close()


def _holder(path):
    """A separate process that takes the writer turn and keeps it until it is killed."""
    code = ("import sys, time; from screener.db import connect, immediate; db = connect(sys.argv[1])\n"
            "with immediate(db):\n    print('holding', flush=True); time.sleep(120)")
    process = subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "holding"
    return process


def test_threads_of_two_processes_write_in_turn_without_losing_an_update(counter):
    other = subprocess.Popen([sys.executable, "-c", (
        "import sys; sys.path.insert(0, 'tests'); from test_db_writers import _increment; errors = []\n"
        "_increment(sys.argv[1], 200, errors); sys.exit(1 if errors else 0)"), str(counter)], cwd=ROOT)
    errors = []
    threads = [threading.Thread(target=_increment, args=(counter, 100, errors)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert other.wait(60) == 0
    assert errors == []
    assert connect(counter).execute("SELECT n FROM counter").fetchone()[0] == 4 * 100 + 200


def test_a_writer_killed_while_holding_its_turn_does_not_block_the_next(counter):
    holder = _holder(counter)
    os.kill(holder.pid, signal.SIGKILL)  # the kernel releases the lock file; SQLite rolls back
    holder.wait(10)
    errors = []
    writer = threading.Thread(target=_increment, args=(counter, 1, errors))
    writer.start()
    writer.join(15)
    assert not writer.is_alive() and errors == []
    db = connect(counter)
    assert db.execute("SELECT n FROM counter").fetchone()[0] == 1
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_writers_behind_a_stuck_one_wait_their_turn_or_give_up_with_a_clear_error(counter, monkeypatch):
    monkeypatch.setattr(screener.db, "BUSY_SECONDS", 0.5)
    holder = _holder(counter)  # another process holds the turn and does not let go
    errors = []
    threads = [threading.Thread(target=_increment, args=(counter, 1, errors)) for _ in range(3)]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while len(errors) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        # The threads queued behind this process's first writer give up in time, with the error the
        # request views turn into a "try again" page; the first still waits for the file lock.
        assert [type(e) for e in errors] == [sqlite3.OperationalError] * 2
        assert all("locked" in str(e) for e in errors)
        # A thread notes its error a moment before it ends: give the two that gave up that moment.
        while sum(thread.is_alive() for thread in threads) > 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sum(thread.is_alive() for thread in threads) == 1
    finally:
        holder.kill()
        holder.wait(10)
    for thread in threads:
        thread.join(15)
    assert not any(thread.is_alive() for thread in threads) and len(errors) == 2  # its turn came
    assert connect(counter).execute("SELECT n FROM counter").fetchone()[0] == 1


def test_writes_still_work_when_the_lock_file_cannot_be_made(counter, monkeypatch):
    real_open = os.open

    def refuse_lock_file(path, *args, **kwargs):
        if str(path).endswith("-writers.lock"):
            raise PermissionError(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_lock_file)
    errors = []
    _increment(counter, 3, errors)
    assert errors == [] and not Path(f"{counter}-writers.lock").exists()
    assert connect(counter).execute("SELECT n FROM counter").fetchone()[0] == 3
