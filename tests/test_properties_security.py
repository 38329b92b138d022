"""Security properties of every route: headers, cookie flags, CSRF, roles, rate limits, no personal data leaks."""
import email
import email.policy
import io
import json
import re

import pytest

from screener.ops import logs
from helpers import csrf_token, make_config
from partners_helpers import create_user, sign_in


PUBLIC_BLUEPRINTS = {"core", "screening", "requests", "firsthelper", "static"}
PUBLIC_ENDPOINTS = {"staff.sign_in", "staff.sign_out", "staff.accept_invitation", "ops.health_check"}
COORDINATOR_ONLY = {"partners.queue", "partners.assign", "partners.case_audit", "staff.users",
                    "staff.user_action", "ops.erase"}
SAMPLE_ARGUMENTS = {"int": "1", "default": "x", "path": "x.txt"}


def sample_url(rule):
    """The rule's path with a plain value for every argument."""
    path = rule.rule
    for name, converter in rule._converters.items():
        kind = "int" if type(converter).__name__ == "IntegerConverter" else (
            "path" if type(converter).__name__ == "PathConverter" else "default")
        path = re.sub(r"<(?:[^:<>]+:)?" + name + r">", SAMPLE_ARGUMENTS[kind], path)
    return path


def rules(app, method):
    return [r for r in app.url_map.iter_rules() if method in r.methods and r.endpoint != "static"]


def is_protected(rule):
    return rule.endpoint not in PUBLIC_ENDPOINTS and rule.endpoint.split(".")[0] in {"partners", "reports", "ops", "campaign_admin"}


def is_coordinator_only(rule):
    return rule.endpoint in COORDINATOR_ONLY or rule.endpoint.startswith(("reports.", "campaign_admin."))


def assert_security_headers(response, url):
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
    assert "frame-ancestors 'none'" in csp, url
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("X-Frame-Options") == "DENY", url
    assert headers.get("Referrer-Policy") == "same-origin", url
    if response.mimetype == "text/html":
        assert headers.get("Cache-Control") == "no-store", url


# --- headers ---------------------------------------------------------------------------------

def test_every_response_carries_the_security_headers(app, client):
    coordinator = create_user(app, role="coordinator")
    for signed_in in (False, True):
        if signed_in:
            from partners_helpers import sign_in_user

            assert sign_in_user(client, app, coordinator).status_code == 303
        for rule in rules(app, "GET"):
            url = sample_url(rule)
            assert_security_headers(client.get(url), url)
        for rule in rules(app, "POST"):
            url = sample_url(rule)
            assert_security_headers(client.post(url, data={}), url)
    assert_security_headers(client.get("/static/css/site.css"), "/static/css/site.css")


# --- cookies ---------------------------------------------------------------------------------

@pytest.fixture
def production_like(tmp_path):
    from screener import create_app

    return create_app(make_config(tmp_path, SESSION_COOKIE_SECURE=True, BASE_URL="https://zorgsamen.test"))


def set_cookies(response):
    return response.headers.getlist("Set-Cookie")


def test_every_cookie_is_secure_httponly_and_samesite(production_like):
    app = production_like
    client = app.test_client()
    seen = []
    seen += set_cookies(client.get("/", headers={"User-Agent": "Mozilla/5.0"}))
    seen += set_cookies(client.get("/aanmelden", headers={"User-Agent": "Mozilla/5.0"}))
    page = client.get("/screener").get_data(as_text=True)
    seen += set_cookies(client.post("/screener/start", data={"csrf_token": csrf_token(page)}))
    user = create_user(app, role="coordinator")
    from partners_helpers import sign_in_user

    seen += set_cookies(sign_in_user(client, app, user))
    names = {cookie.split("=", 1)[0] for cookie in seen}
    assert "zs_session" in names
    for cookie in seen:
        flags = [part.strip().lower() for part in cookie.split(";")]
        assert "secure" in flags and "httponly" in flags, cookie
        assert any(flag in ("samesite=lax", "samesite=strict") for flag in flags), cookie


# --- CSRF ------------------------------------------------------------------------------------

def table_counts(db):
    return {t: db[t].count for t in db.table_names() if t not in ("visits", "page_views", "day_secrets")}


# Pages behind a worker's secret link: an unknown token is a 404 before any form is read.
UNKNOWN_LINK_ENDPOINTS = ("requests.withdraw", "followup.checkin", "followup.stop")


def test_every_post_without_csrf_token_is_refused_and_changes_nothing(app, client, db):
    assert app.config.get("WTF_CSRF_ENABLED", True)
    sign_in(client, app, role="coordinator")
    before = table_counts(db)
    posts = rules(app, "POST")
    assert len(posts) >= 10
    for rule in posts:
        url = sample_url(rule)
        response = client.post(url, data={"name": "Sofie", "phone": "0470 12 34 56", "choice": "auto",
                                          "province": "limburg", "consent": "1", "action": "send",
                                          "reference": "ZS-7KQ4M2", "checked": "1", "answer": "1"})
        if response.status_code == 404 and rule.endpoint in UNKNOWN_LINK_ENDPOINTS:
            continue  # an unknown link: nothing to change (real ones are tested below and in their features)
        assert response.status_code == 400, (url, response.status_code)
        assert "Je formulier was verlopen" in response.get_data(as_text=True), url
    after = table_counts(db)
    # Signing in itself leaves a session row and an audit entry; nothing else changed.
    assert {t: n for t, n in after.items() if t not in ("user_sessions", "audit_log")} == \
        {t: n for t, n in before.items() if t not in ("user_sessions", "audit_log")}


def test_withdrawal_without_csrf_token_changes_nothing(client, db):
    page = client.get("/aanmelden").get_data(as_text=True)
    client.post("/aanmelden", data={"csrf_token": csrf_token(page), "name": "Sofie", "phone": "0470 12 34 56",
                                    "choice": "auto", "province": "limburg", "consent": "1", "action": "send"})
    link = re.search(r'href="(/aanmelden/intrekken/[^"]+)"', client.get("/aanmelden/klaar").get_data(as_text=True))
    assert link, "the confirmation shows the withdrawal link"
    response = client.post(link.group(1), data={})
    assert response.status_code == 400
    [case] = db["cases"].rows
    assert case["outcome"] is None and case["contact_encrypted"] is not None


# --- roles -----------------------------------------------------------------------------------

@pytest.fixture
def app_config(tmp_path, request):
    overrides = getattr(request, "param", {})
    return make_config(tmp_path, **overrides)


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": False}], indirect=True)
def test_partner_and_coordinator_routes_need_the_right_role(app, client):
    protected = [r for r in app.url_map.iter_rules() if is_protected(r)]
    assert len(protected) >= 8
    for rule in protected:  # anonymous: to the sign-in page, nothing shown
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(sample_url(rule), method=method)
            assert response.status_code == 302, (rule.rule, method, response.status_code)
            assert response.headers["Location"].startswith("/partners/inloggen"), rule.rule
    sign_in(client, app, role="member")
    coordinator_only = [r for r in protected if is_coordinator_only(r)]
    assert len(coordinator_only) >= 5
    for rule in coordinator_only:  # a provider member: the page does not exist for them
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(sample_url(rule), method=method)
            assert response.status_code == 404, (rule.rule, method, response.status_code)


# --- rate limits -----------------------------------------------------------------------------

@pytest.fixture
def log_stream():
    """The app's JSON log lines, as they would go to stderr."""
    stream = io.StringIO()
    logs.configure(stream=stream)
    yield stream
    logs.configure(stream=io.StringIO())

@pytest.mark.parametrize("app_config", [{"RATELIMIT_ENABLED": True, "WTF_CSRF_ENABLED": False}], indirect=True)
def test_rate_limits_answer_429_in_dutch(app, client, log_stream):
    statuses = [client.post("/aanmelden", data={"name": "x"}).status_code for _ in range(12)]
    assert statuses[-1] == 429 and statuses[0] != 429
    text = client.post("/aanmelden", data={"name": "Sofie"}).get_data(as_text=True)
    assert "Wacht een paar minuten" in text and 'lang="nl"' in text
    assert '"status": 429' in log_stream.getvalue() and "127.0.0.1" not in log_stream.getvalue()
    statuses = [client.post("/partners/inloggen", data={"email": "a@b.be", "password": "fout", "code": "000000"}
                            ).status_code for _ in range(30)]
    assert 429 in statuses
    response = client.post("/partners/inloggen", data={"email": "a@b.be", "password": "fout", "code": "000000"})
    assert response.status_code == 429 and "Wacht" in response.get_data(as_text=True)
    assert response.headers["Retry-After"].isdigit()


# --- personal data ---------------------------------------------------------------------------

NAME, PHONE, ADDRESS = "Zoltana", "0470 98 76 54", "zoltana.privé@voorbeeld.be"
PHONE_DIGITS = "470987654"


def test_personal_data_stays_out_of_urls_logs_team_mail_and_reports(app, client, db, runner, smtp_server):
    from helpers import smtp_config

    app.config.update(smtp_config(smtp_server))
    stream = io.StringIO()
    logs.configure(stream=stream)
    try:
        page = client.get("/aanmelden").get_data(as_text=True)
        response = client.post("/aanmelden", data={
            "csrf_token": csrf_token(page), "name": NAME, "phone": PHONE, "email": ADDRESS, "choice": "auto",
            "province": "limburg", "consent": "1", "confirm_email": "1", "action": "send"})
        assert response.status_code == 303
        locations = [response.headers["Location"]]
        done = client.get("/aanmelden/klaar")
        assert runner.invoke(args=["worker", "--once"]).exit_code == 0
        smtp_server.wait_for(2)
        coordinator_pages = []
        sign_in(client, app, role="coordinator")
        for url in ("/rapporten/", "/rapporten/verslag", "/gezondheid"):
            coordinator_pages.append(client.get(url).get_data(as_text=True))
    finally:
        logs.configure(stream=io.StringIO())

    def leaks(text):
        flat = re.sub(r"\s", "", text)
        return [secret for secret in (NAME, ADDRESS, PHONE_DIGITS) if secret in text or secret in flat]

    assert leaks(" ".join(locations)) == []
    # Every log line of the app (the test's own SMTP server logs as "mail.log" and is not the app).
    app_lines = [line for line in stream.getvalue().splitlines() if json.loads(line)["logger"] != "mail.log"]
    assert any('"screener.request"' in line for line in app_lines)
    assert leaks("\n".join(app_lines)) == []
    assert done.status_code == 200 and leaks(done.headers.get("Location", "")) == []
    for page in coordinator_pages:
        assert leaks(page) == []
    # E-mails carry a reference and a link, never the worker's details (also not their own confirmation).
    assert len(smtp_server.messages) == 2
    for message in smtp_server.messages:
        body = message.content.decode("utf-8", "replace")
        parsed = email.message_from_bytes(message.content, policy=email.policy.default)
        text = str(parsed["Subject"]) + "".join(p.get_content() for p in parsed.walk() if p.get_content_maintype() == "text")
        assert leaks(text) == [], (message.rcpt_tos, leaks(text))
        assert "ZS-" in text and body
    # The database holds them only encrypted.
    dump = "\n".join(db.conn.iterdump())
    assert leaks(dump) == []
