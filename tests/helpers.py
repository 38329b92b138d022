"""Helpers for tests (and bench/): config, CSRF tokens, a movable clock, cases through the real
create_case, a local SMTP sink, a live server and phone-sized browser pages. Fixtures live in conftest.py."""
import json
import re
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 390, "height": 844}
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0 Mobile Safari/537.36")


# --- config ------------------------------------------------------------------------------------

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


def smtp_config(server):
    """Config that sends mail to `server` (plain SMTP on loopback, as in tests only)."""
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": server.port, "MAIL_USE_TLS": False, "MAIL_USE_SSL": False}


def rotate_keys(app, runner):
    """Run `keys rotate`; returns a check that a stored token opens with the new first key alone
    (giving `expected`) and with none of the old keys."""
    import pytest
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


# --- the clock ---------------------------------------------------------------------------------

class MovableClock:
    """A clock the test moves by hand (config CLOCK); CSRF tokens age with it too."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


MONDAY_10H = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # 10:00 in Brussels


# --- forms and CSRF ------------------------------------------------------------------------------

_TOKEN_PATTERNS = (
    re.compile(r'name="csrf_token"[^>]*value="([^"]+)"'),
    re.compile(r'value="([^"]+)"[^>]*name="csrf_token"'),
    re.compile(r'"X-CSRFToken": "([^"]+)"'),  # the header htmx sends, set on <body hx-headers>
)


def csrf_token(html):
    """The CSRF token in a rendered page: a form's hidden field, else the htmx header ('' when none)."""
    for pattern in _TOKEN_PATTERNS:
        match = pattern.search(html)
        if match:
            return match.group(1)
    return ""


def page_token(client, url):
    """The CSRF token of the page at `url`, as a browser that opened it would send it."""
    return csrf_token(client.get(url).get_data(as_text=True))


def post_form(client, url, data, **kwargs):
    """POST a form to `url` with the CSRF token read from the page at `url` (or the `page` url)."""
    token = page_token(client, kwargs.pop("page", url))
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


# --- cases, through the real create_case and the teams' actions ----------------------------------

CONTACT = {"name": "Sam Peeters", "phone": "+32 470 12 34 56", "email": "sam@example.be"}


def insert_case(app, provider_id="edpb_preventa", step=None, *, contact=None, share_results=False,
                screening_id=None, urgent=False, now=None, **fields):
    """A case as the request flow creates it (create_case in one transaction). Returns the row."""
    from screener import clock
    from screener.cases.create import create_case
    from screener.cases.providers import get_provider
    from screener.db import get_db, immediate

    with app.app_context():
        db = get_db()
        provider = get_provider(provider_id) if provider_id else None
        with immediate(db):
            case = create_case(
                db, choice="auto", step=step or (provider.step if provider else 1), provider_id=provider_id,
                now=now or clock.now(), urgent=urgent, contact=contact or CONTACT,
                screening_id=screening_id, share_results=share_results,
                **{"preferred_channel": "phone", "preferred_moments": ["morning"], **fields})
        return case


def act_on_case(app, case_id, action, now, **kwargs):
    """One team action on a case through screener.cases.actions.act (by nobody in particular). Returns the row."""
    from screener.cases.actions import act
    from screener.db import get_db

    with app.app_context():
        return act(get_db(), case_id, action, user_id=None, now=now, **kwargs)


def close_case(app, case_id, now, outcome="supported", contacted_at=None):
    """Close a case as a team does: claim it, note the first contact (at `contacted_at`, else `now`), close."""
    act_on_case(app, case_id, "claim", contacted_at or now)
    act_on_case(app, case_id, "first_contact", contacted_at or now)
    return act_on_case(app, case_id, "close", now, outcome=outcome)


def stored_contact(app, case_id):
    """The contact details a case still holds, decrypted (None once erased)."""
    from screener import crypto
    from screener.db import get_db

    with app.app_context():
        token = get_db()["cases"].get(case_id)["contact_encrypted"]
        return crypto.decrypt(token) if token else None


# --- a local SMTP server (also used by bench/) ---------------------------------------------------

def free_port():
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPSink:
    """A local SMTP server (aiosmtpd, in this process) that accepts and keeps every message.

    `options` go to aiosmtpd's Controller (e.g. enable_SMTPUTF8=False, tls_context=..., require_starttls=True).
    """

    def __init__(self, **options):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.port = free_port()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append(envelope)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, **options)

    @property
    def count(self):
        return len(self.messages)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def wait_for(self, count, timeout=10):
        """Wait until `count` messages arrived; return them."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


# --- a live server and a phone-sized browser ------------------------------------------------------

class LiveServer:
    """The app served on a free local port from a thread (werkzeug, threaded)."""

    def __init__(self, app):
        from werkzeug.serving import make_server

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


def wait_until(page, expression, timeout=10):
    """Poll a JavaScript expression (page.wait_for_function would need eval, which our CSP forbids)."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression):
                return
        except PlaywrightError:  # the page is navigating (a reload after going back): look again
            pass
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.1)


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


def post_over_http(url, page, path, form, source):
    """Over a real connection from `source` (X-Forwarded-For): GET `page` for a session and a CSRF token, then
    POST `form` to `path`; the status (for the tests that run the site under gunicorn)."""
    import http.client
    from urllib.parse import urlencode, urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        headers = {"X-Forwarded-For": source}
        conn.request("GET", page, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        cookie = response.getheader("Set-Cookie").split(";", 1)[0]
        conn.request("POST", path, body=urlencode({"csrf_token": csrf_token(text), **form}), headers={
            **headers, "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()
