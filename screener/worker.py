"""The worker process: runs the periodic jobs that features register (outbox, SLA clock, retention)."""
import logging
import time

import click
from flask.cli import with_appcontext
from flask import current_app

from . import clock

log = logging.getLogger(__name__)


def register(app, name, job, every_seconds):
    """Register `job(app)` (called inside an app context) to run at most every `every_seconds` seconds in the worker loop."""
    app.extensions.setdefault("worker_jobs", []).append((name, job, every_seconds))


def run_due_jobs(app, last_run):
    """Run every job whose interval has passed; a failing job is logged and does not stop the others."""
    for name, job, every in app.extensions.get("worker_jobs", []):
        started = time.monotonic()
        if name in last_run and started - last_run[name] < every:
            continue
        last_run[name] = started
        try:
            with app.app_context():  # a fresh context: its own db connection, closed afterwards
                job(app)
        except Exception:  # keep the loop alive; the job retries at its next turn
            log.exception("worker job %s failed", name)


@click.command("worker")
@with_appcontext
@click.option("--once", is_flag=True, help="Run every job once and stop.")
def worker_command(once):
    """Send e-mail, run the SLA clock and the daily duties, in a loop."""
    app = current_app._get_current_object()
    last_run = {}
    click.echo(f"Worker started at {clock.iso(clock.now())}; jobs: "
               + ", ".join(name for name, _, _ in app.extensions.get("worker_jobs", [])))
    while True:
        run_due_jobs(app, {} if once else last_run)
        if once:
            return
        time.sleep(app.config["WORKER_INTERVAL_SECONDS"])


def init_app(app):
    app.cli.add_command(worker_command)
