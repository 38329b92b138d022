"""Helpers to create partner accounts and sign in through the real sign-in page (with TOTP)."""
import itertools
import re
from datetime import datetime, timedelta, timezone

import pyotp
import pytest

from screener import clock as site_clock
from screener.db import get_db
from screener.staff import accounts

PASSWORD = "een-lang-testwachtwoord"
_numbers = itertools.count(1)


def create_user(app, email=None, role="member", org_id=None, password=PASSWORD):
    """An account ready to sign in (password set, second factor enrolled). Returns a dict with its secrets."""
    email = email or f"{role}{next(_numbers)}@test.example"
    secret = pyotp.random_base32()
    with app.app_context():
        if role == "member" and org_id is None:
            from screener.cases.providers import get_providers

            org_id = next(p.id for p in get_providers() if p.active)
        user_id = accounts.create_active_user(get_db(), email=email, role=role, org_id=org_id, password=password,
                                              totp_secret=secret, now=site_clock.now())
    return {"id": user_id, "email": email.lower(), "password": password, "totp_secret": secret, "role": role,
            "org_id": org_id if role == "member" else None}


def totp_code(app, secret, offset=0):
    """The code an authenticator app shows at the app's current time (config CLOCK)."""
    with app.app_context():
        now = site_clock.now()
    return pyotp.TOTP(secret).at(now, counter_offset=offset)


def csrf_token(html):
    """The CSRF token in a rendered form."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    return match.group(1) if match else ""


def post_form(client, url, data, **kwargs):
    """POST a form to `url` with the CSRF token read from the page at `url` (or the `page` url)."""
    page = client.get(kwargs.pop("page", url))
    return client.post(url, data={"csrf_token": csrf_token(page.get_data(as_text=True)), **data}, **kwargs)


def sign_in_user(client, app, user, next_url=None):
    """Sign `user` in through /partners/inloggen; returns the response (303 on success)."""
    url = "/partners/inloggen" + (f"?next={next_url}" if next_url else "")
    return post_form(client, url, {"email": user["email"], "password": user["password"],
                                   "code": totp_code(app, user["totp_secret"])})


def sign_in(client, app, role="coordinator", org_id=None, **kwargs):
    """Create an account and sign the test client in with it, through the real sign-in. Returns the account."""
    user = create_user(app, role=role, org_id=org_id, **kwargs)
    response = sign_in_user(client, app, user)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return user


def sign_in_browser(page, base_url, app, user, next_url=None):
    """Sign in with a Playwright page, typing the code like a person would."""
    page.goto(base_url + "/partners/inloggen" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("E-mailadres").fill(user["email"])
    page.get_by_label("Wachtwoord").fill(user["password"])
    page.get_by_label("Code uit je app").fill(totp_code(app, user["totp_secret"]))
    page.get_by_role("button", name="Aanmelden").click()


class MovableClock:
    """A clock the test moves by hand (config CLOCK)."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


MONDAY_10H = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # 10:00 in Brussels


# Fixtures for every test module (conftest.py loads this file as a plugin).
@pytest.fixture
def clock():
    """A clock the test moves, starting on a Monday at 10:00 in Brussels."""
    return MovableClock(MONDAY_10H)


@pytest.fixture
def clocked_config(tmp_path, clock):
    """The test config with that clock; a module uses it as its `app_config`."""
    from conftest import make_config

    return make_config(tmp_path, CLOCK=clock)


def insert_case(app, provider_id="edpb_preventa", step=None, *, contact=None, share_results=False,
                screening_id=None, urgent=False, now=None, **fields):
    """A case as the request flow creates it (create_case in one transaction). Returns the row."""
    from screener.db import immediate
    from screener.cases.create import create_case
    from screener.cases.providers import get_provider

    with app.app_context():
        db = get_db()
        provider = get_provider(provider_id) if provider_id else None
        with immediate(db):
            case = create_case(
                db, choice="auto", step=step or (provider.step if provider else 1), provider_id=provider_id,
                now=now or site_clock.now(), urgent=urgent,
                contact=contact or {"name": "Sam Peeters", "phone": "+32 470 12 34 56", "email": "sam@example.be"},
                screening_id=screening_id, share_results=share_results, preferred_channel="phone",
                preferred_moments=["weekday_morning"], **fields)
        return case
