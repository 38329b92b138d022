"""Helpers to create partner accounts and sign in through the real sign-in page (with TOTP)."""
import itertools

import pyotp

from helpers import post_form
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


def refer(client, reference, provider_id, confirm=True, **fields):
    """Refer a case as a team does: the worker agreed (by phone), then the confirmation. Returns the response."""
    url = f"/partners/dossier/{reference}"
    data = {"provider_id": provider_id, "agreed": "1", "agreed_via": "phone", **fields}
    if confirm:
        data["confirm"] = "1"
    return post_form(client, f"{url}/doorverwijzen", data, page=url)


def act_on_page(client, case, action, **data):
    """Post one action of the case page (opnemen, bereikt, poging, afsluiten ...) as the signed-in team does."""
    url = f"/partners/dossier/{case['link_token']}"
    return post_form(client, f"{url}/{action}", data, page=url)


def stay_active(client, clock, minutes):
    """Let time pass while the partner keeps using the site (sessions expire after 30 idle minutes)."""
    while minutes > 0:
        step = min(minutes, 20)
        clock.advance(minutes=step)
        assert client.get("/partners/").status_code == 200
        minutes -= step


def event_kinds(db, case):
    """The kinds of a case's history, in order."""
    return [r[0] for r in db.execute("SELECT kind FROM case_events WHERE case_id = ? ORDER BY id", [case["id"]])]
