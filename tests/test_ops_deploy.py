"""The production start as deployed: gunicorn with gunicorn.conf.py, JSON logs, the systemd units."""
import json
import re
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from helpers import insert_case, make_config  # noqa: E402
from screener import create_app  # noqa: E402
from servers import Gunicorn, production_env  # noqa: E402


VISITOR_ADDRESS = "203.0.113.79"


def test_site_under_gunicorn_in_production_mode(tmp_path, smtp_server):
    env = production_env(tmp_path / "instance", smtp_server.port)
    with Gunicorn("bench.wsgi_site:app", env, workers=1, threads=2) as server:
        health = urllib.request.urlopen(server.url + "/gezondheid")
        assert health.status == 200 and json.load(health)["status"] == "ok"
        # The proxy in front passes the visitor's address on (PROXY_COUNT=1): the app sees it, the logs must not.
        page = urllib.request.urlopen(urllib.request.Request(server.url + "/?token=geheim-123&email=an%40example.be",
                                                             headers={"X-Forwarded-For": VISITOR_ADDRESS}))
        assert page.status == 200
        assert "Content-Security-Policy" in page.headers
    lines = [json.loads(line) for line in server.output().splitlines() if line.strip()]
    routes = [line["route"] for line in lines if line.get("logger") == "screener.request"]
    assert routes[-2:] == ["/gezondheid", "/"]
    output = server.output()
    assert "geheim-123" not in output and "example.be" not in output
    assert VISITOR_ADDRESS not in output


def test_gunicorn_refuses_a_debug_production_start(tmp_path, smtp_server):
    env = production_env(tmp_path / "instance", smtp_server.port, FLASK_DEBUG="1")
    server = Gunicorn("bench.wsgi_site:app", env, workers=1, threads=1)
    with pytest.raises(RuntimeError, match="Refusing to start in production"):
        server.start(timeout=20)
    assert "debug mode is on" in server.output()


def test_systemd_units_use_existing_commands(app):
    units = {p.name: p.read_text() for p in (ROOT / "deploy").glob("zorgsamen-*")}
    assert set(units) >= {"zorgsamen-web.service", "zorgsamen-worker.service",
                          "zorgsamen-backup.service", "zorgsamen-backup.timer"}
    assert "gunicorn -c gunicorn.conf.py" in units["zorgsamen-web.service"]
    commands = re.findall(r"flask --app app (\S+)", "\n".join(units.values()))
    assert set(commands) == {"worker", "backup"}
    assert set(commands) <= set(app.cli.list_commands(None))
    assert "OnCalendar=" in units["zorgsamen-backup.timer"]
    env_example = (ROOT / "deploy" / "zorgsamen.env.example").read_text()
    assert "ZORGSAMEN_PRODUCTION=true" in env_example


def systemd_unescape(text):
    """What systemd runs: $$ and %% stand for a literal $ and %."""
    return text.replace("$$", "$").replace("%%", "%")


def test_the_backup_unit_command_makes_a_verified_backup(tmp_path, smtp_server):
    import os
    import shlex
    import subprocess

    unit = (ROOT / "deploy" / "zorgsamen-backup.service").read_text()
    start = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1)
    cleanup = re.search(r"^ExecStartPost=(.*)$", unit, re.M).group(1)
    backups = tmp_path / "backups"
    backups.mkdir()
    old = backups / "screener-2020-01-01.db"
    instance = tmp_path / "instance"
    site = create_app(make_config(tmp_path, INSTANCE_PATH=str(instance), DATABASE=str(instance / "screener.db")))
    case = insert_case(site)
    old.write_text("old")
    os.utime(old, (0, 0))
    # The unit's command, with this checkout's paths and an app on a throw-away instance folder.
    here = {"/srv/zorgsamen/.venv/bin/flask": str(Path(sys.executable).with_name("flask")),
            "/var/backups/zorgsamen": str(backups), "--app app ": "--app bench.wsgi_site:app "}
    env = production_env(instance, smtp_server.port)
    for line in (start, cleanup):
        command = systemd_unescape(line)
        for path, replacement in here.items():
            command = command.replace(path, replacement)
        result = subprocess.run(shlex.split(command), env=env, cwd=str(ROOT), capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, result.stderr
    made = sorted(p.name for p in backups.iterdir())
    assert len(made) == 1 and re.fullmatch(r"screener-\d{4}-\d{2}-\d{2}\.db", made[0])  # the old one is gone
    import sqlite3

    conn = sqlite3.connect(backups / made[0])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT reference FROM cases").fetchall() == [(case["reference"],)]
    conn.close()
