"""Shared fixtures: an app on a real SQLite file, a real SMTP server, a live server and a phone browser."""
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from screener import create_app
from screener.db import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from servers import SMTPSink, free_port  # noqa: E402  (one local port finder and SMTP server for tests and bench)

pytest_plugins = ["partners_helpers"]  # the movable clock fixtures

ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 390, "height": 844}
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0 Mobile Safari/537.36")


def rotate_keys(app, runner):
    """Run `keys rotate`; returns a check that a stored token opens with the new first key alone
    (giving `expected`) and with none of the old keys."""
    import json

    from cryptography.fernet import Fernet, InvalidToken

    keys_file = Path(app.instance_path) / "fernet.keys"
    old_keys = keys_file.read_text().split()
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    new_key = keys_file.read_text().split()[0]
    assert new_key not in old_keys

    def opens_with_the_new_key_only(token, expected):
        assert json.loads(Fernet(new_key).decrypt(token.encode())) == expected
        for old_key in old_keys:
            with pytest.raises(InvalidToken):
                Fernet(old_key).decrypt(token.encode())

    return opens_with_the_new_key_only


def make_config(tmp_path, **overrides):
    """Test settings: a throw-away instance folder and database, local http cookies."""
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE": str(tmp_path / "test.db"),
        "SECRET_KEY": "test-secret",
        "SESSION_COOKIE_SECURE": False,
        "BASE_URL": "http://127.0.0.1",
        "RATELIMIT_ENABLED": False,
        "MAIL_SERVER": None,
    }
    config.update(overrides)
    return config


@pytest.fixture
def app_config(tmp_path):
    """Overridable config for the `app` fixture (a test module may override this fixture)."""
    return make_config(tmp_path)


@pytest.fixture
def app(app_config):
    return create_app(app_config)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """A separate connection to the app's database file, to check what was stored."""
    database = connect(app.config["DATABASE"])
    yield database
    database.close()


@pytest.fixture
def smtp_server():
    server = SMTPSink().start()
    yield server
    server.stop()


def smtp_config(server):
    """Config that sends mail to `server` (plain SMTP on loopback, as in tests only)."""
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": server.port, "MAIL_USE_TLS": False, "MAIL_USE_SSL": False}


# --- a live server and a phone-sized browser ------------------------------------------------

class LiveServer:
    def __init__(self, app):
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app.config["BASE_URL"] = self.url
        self.server = make_server("127.0.0.1", self.port, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()


@pytest.fixture
def live_server(app):
    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a test must check: requests that left 127.0.0.1, console errors."""

    def __init__(self):
        self.outside_requests = []
        self.console_errors = []

    def assert_clean(self):
        assert self.outside_requests == [], f"requests left 127.0.0.1: {self.outside_requests}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"


def open_page(browser, javascript=True, viewport=PHONE):
    """A fresh browser context and page, guarded: outside requests are blocked and recorded."""
    # A phone's own user agent: the headless one reads as a robot, and robots are not counted as visits.
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript, locale="nl-BE",
                                  user_agent=PHONE_AGENT)
    watch = PageWatch()

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            watch.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and watch.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: watch.console_errors.append(str(exc)))
    page.watch = watch
    return context, page


@pytest.fixture
def phone(browser):
    """A phone-sized page with JavaScript on; page.watch.assert_clean() checks requests and console."""
    context, page = open_page(browser)
    yield page
    context.close()


@pytest.fixture
def phone_nojs(browser):
    """A phone-sized page with JavaScript off."""
    context, page = open_page(browser, javascript=False)
    yield page
    context.close()


def axe_violations(page):
    """axe-core's violations on the current page, as a readable report ('' when clean)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return "" if results.violations_count == 0 else results.generate_report()


def screenshot(page, name):
    """Save a screenshot under test-artifacts/ to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    # caret="initial": the default hides the caret with an injected <style>, which the strict CSP
    # then reports as a console error on the next htmx swap.
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, caret="initial")
