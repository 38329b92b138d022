"""Start the site (or the minimal ceiling app) under gunicorn with gunicorn.conf.py, and an SMTP sink."""
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))

sys.path.insert(0, str(ROOT / "tests"))
from helpers import SMTPSink, free_port  # noqa: E402,F401  (the tests' SMTP sink and port finder, one copy)


def production_env(instance, smtp_port, **extra):
    """Environment of a production start on 127.0.0.1: throw-away instance folder, local SMTP."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZORGSAMEN_", "FLASK_"))}
    env.update({
        "ZORGSAMEN_PRODUCTION": "true",
        "ZORGSAMEN_INSTANCE_PATH": str(instance),  # read by bench/wsgi_site.py
        "ZORGSAMEN_DATABASE": str(Path(instance) / "screener.db"),
        "ZORGSAMEN_BASE_URL": "https://zorgsamen.test",
        "ZORGSAMEN_MAIL_SERVER": "127.0.0.1",
        "ZORGSAMEN_MAIL_PORT": str(smtp_port),
        "ZORGSAMEN_MAIL_USE_TLS": "false",
        "ZORGSAMEN_MAIL_DEFAULT_SENDER": "ZorgSamen <noreply@zorgsamen.test>",
        "ZORGSAMEN_PRIVACY_EMAIL": "privacy@zorgsamen.test",
        "ZORGSAMEN_PROXY_COUNT": "1",
        "ZORGSAMEN_WORKER_INTERVAL_SECONDS": "1",
        "PYTHONPATH": str(ROOT),
    })
    env.update({k: str(v) for k, v in extra.items()})
    return env


class Gunicorn:
    """gunicorn -c gunicorn.conf.py serving `wsgi_app` on a free port; stderr kept in a file."""

    def __init__(self, wsgi_app, env, workers=2, threads=4):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log")[1])
        self.env = dict(env, ZORGSAMEN_BIND=f"127.0.0.1:{self.port}",
                        ZORGSAMEN_WORKERS=str(workers), ZORGSAMEN_THREADS=str(threads))
        self.args = [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), "--chdir", str(ROOT), wsgi_app]
        self.process = None

    def start(self, wait_path="/", timeout=30):
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(self.args, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
                                        cwd=str(ROOT))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self.output()}")
            try:
                urllib.request.urlopen(self.url + wait_path, timeout=2)
                return self
            except Exception:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer in {timeout}s:\n{self.output()}")

    def worker_pids(self):
        """The pids of the current worker processes (children of the master)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def output(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
