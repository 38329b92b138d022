"""Bad input on every route parameter and form: never a 500, nothing invalid stored, every value shown escaped."""
import json
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener import crypto
from screener.config import LANGUAGES
from screener.requests.forms import CHANNELS, NAME_MAX
from screener.cases.vocabulary import MOMENTS, PROVINCES
from screener.cases.routing import CHOICES

from helpers import make_config

# Markers that must never come back as markup: the escaped form (&lt;script&gt;) is fine.
RAW_MARKUP = ("<script>zsx", "<img src=x onerror", "<svg onload", 'href="javascript:zsx')
PAYLOADS = [
    "<script>zsx()</script>", '"><img src=x onerror=zsx()>', "'><svg onload=zsx()>", "javascript:zsx()",
    "'; DROP TABLE cases; --", "1 OR 1=1", "\" OR \"\"=\"", "{{7*7}}", "${7*7}", "../../etc/passwd", "%2e%2e%2f",
    "\x00", "\x1b[31m", "\u202egnp.exe", "\ufeff", "😀" * 40, "𝔷𝔬𝔯𝔤", "Zoë Ñúñez", " ", "", "-1", "0", "1e309",
    "99999999999999999999999", "true", "null", "[]", "{}", "a" * 5000, "0470 12 34 56", "+32 470 12 34 56",
    "sofie@voorbeeld.be", "ZS-7KQ4M2", "limburg", "employer", "auto", "region", "send", "preview", "edit",
]
nasty = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=80),
                  st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=20),
                  st.integers().map(str), st.just("x" * 20000))
BOUNDED = settings(max_examples=40, deadline=timedelta(seconds=3), derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def app_config(tmp_path):
    # CSRF is checked in test_properties_security.py; here every request reaches the validation.
    return make_config(tmp_path, WTF_CSRF_ENABLED=False)


def assert_safe(response, sent=()):
    """Never a server error; no submitted markup comes back unescaped."""
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    body = response.get_data(as_text=True)
    for marker in RAW_MARKUP:
        if any(marker.replace('href="', "") in str(value) for value in sent):
            assert marker not in body


def url_with(rule, values):
    """The rule's path with each argument replaced by a (quoted) drawn value."""
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(r"<(?:[^:<>]+:)?" + name + r">", quote(values[name], safe=""), path)
    return path


def parameter_rules(app):
    return [r for r in app.url_map.iter_rules() if r.arguments and r.endpoint != "static"]


@BOUNDED
@given(data=st.data())
def test_every_route_parameter(app, client, data):
    rule = data.draw(st.sampled_from(parameter_rules(app)), label="rule")
    values = {name: data.draw(nasty, label=name) for name in rule.arguments}
    url = url_with(rule, values)
    for method in sorted(rule.methods & {"GET", "POST"}):
        response = client.open(url, method=method, data={"next": values.get("code", "/")})
        assert_safe(response, values.values())


REQUEST_FIELDS = ("name", "phone", "email", "channel", "language", "choice", "employer", "province", "postcode",
                  "consent", "share_results", "followup", "confirm_email", "action", "website")


VALID_REQUEST = {"name": "Sofie", "phone": "0470 12 34 56", "choice": "auto", "province": "limburg",
                 "consent": "1", "action": "send"}

# A valid request with a field or two dropped and a field or two replaced (by nasty or by plausible values):
# some are still valid and get stored.
PLAUSIBLE = ["sofie@voorbeeld.be", "+32 470 12 34 56", "phone", "email", "nl", "en", "auto", "region", "employer",
             "limburg", "3500", "1", "on", "", "send", "preview"]
nearly_valid = st.builds(
    lambda dropped, changes: {k: v for k, v in {**VALID_REQUEST, **changes}.items() if k not in dropped},
    st.sets(st.sampled_from(sorted(VALID_REQUEST)), max_size=2),
    st.dictionaries(st.sampled_from(REQUEST_FIELDS), st.one_of(st.sampled_from(PLAUSIBLE), nasty), max_size=2))


def test_request_form_stores_only_valid_requests(app, client, db):
    stored_requests = []  # across all examples: the checks on a stored case must really run

    @settings(BOUNDED, max_examples=100)
    @given(form=st.one_of(st.fixed_dictionaries({}, optional={f: nasty for f in REQUEST_FIELDS}), nearly_valid),
           moments=st.lists(st.one_of(nasty, st.sampled_from(MOMENTS)), max_size=5), send=st.booleans())
    def check(form, moments, send):
        if send:
            form = dict(form, action="send")
        before = db["cases"].count
        response = client.post("/aanmelden", data={**form, "moments": moments})
        assert_safe(response, list(form.values()) + moments)
        assert response.status_code in (200, 303, 400, 413, 422, 429)  # 413: a body beyond MAX_CONTENT_LENGTH
        stored = db["cases"].count - before
        assert stored == (1 if response.status_code == 303 else 0)
        if stored:
            stored_requests.append(form)
            case = next(db["cases"].rows_where(order_by="id desc", limit=1))
            with app.app_context():
                contact = crypto.decrypt(case["contact_encrypted"])
            assert 0 < len(contact["name"]) <= NAME_MAX and contact["name"] == contact["name"].strip()
            assert "phone" in contact or "email" in contact
            assert re.fullmatch(r"\+[1-9]\d{6,14}", contact.get("phone", "+3200000000"))
            assert "@" in contact.get("email", "@") and " " not in contact.get("email", "")
            assert case["choice"] in CHOICES and case["preferred_channel"] in CHANNELS
            assert case["language"] in LANGUAGES and (case["province"] is None or case["province"] in PROVINCES)
            assert set(json.loads(case["preferred_moments"] or "[]")) <= set(MOMENTS)
            assert form.get("consent") in ("1", "on", "yes", "true") and not form.get("website")

    check()
    assert stored_requests, "no example was stored: the checks on stored cases never ran"


@BOUNDED
@given(answers=st.lists(nasty, min_size=1, max_size=4), profile=st.dictionaries(
    st.sampled_from(["gender", "sector", "province", "extra"]), nasty, max_size=4))
def test_screener_stores_only_offered_answers(app, client, db, answers, profile):
    client.post("/screener/start")
    for number, answer in enumerate(answers, 1):
        assert_safe(client.post(f"/screener/vraag/{number}", data={"answer": answer}), [answer])
    assert_safe(client.post("/screener/over-jou", data=profile), profile.values())
    with app.app_context():
        from screener.screening import content

        data = content.get()
        allowed = {item["id"]: {o["value"] for o in data["scales"][item["scale"]]["options"]} for item in data["items"]}
        profile_keys = {field: {o["key"] for o in entry["options"]} for field, entry in data["profile"].items()}
    for row in db["screenings"].rows:
        for item_id, value in json.loads(row["answers"]).items():
            assert value in allowed[item_id]
    for tally in db["screening_tallies"].rows:  # the profile is only counted, apart from the run
        if tally["dimension"] in profile_keys:
            assert tally["value"] == "" or tally["value"] in profile_keys[tally["dimension"]]


@settings(BOUNDED, max_examples=20)
@given(profile=st.dictionaries(st.sampled_from(["gender", "sector", "province", "extra"]), nasty, max_size=4))
def test_profile_after_a_whole_screening(app, client, db, profile):
    with app.app_context():
        from screener.screening import content

        data = content.get()
        profile_keys = {field: {o["key"] for o in entry["options"]} for field, entry in data["profile"].items()}
        lowest = [data["scales"][item["scale"]]["options"][0]["value"] for item in data["items"]]
    client.post("/screener/start")
    for number, value in enumerate(lowest, 1):
        assert client.post(f"/screener/vraag/{number}", data={"answer": value}).status_code == 303
    response = client.post("/screener/over-jou", data=profile)
    assert_safe(response, profile.values())
    assert response.status_code in (303, 422)
    with client:  # this browser's run (screenings keep no order to find the latest by)
        client.get("/privacy")
        from screener.screening import current

        row = current.own_screening()
    assert row["status"] == ("completed" if response.status_code == 303 else "in_progress")
    for tally in db["screening_tallies"].rows:
        if tally["dimension"] in profile_keys:
            assert tally["value"] == "" or tally["value"] in profile_keys[tally["dimension"]]


@BOUNDED
@given(email=nasty, password=nasty, code=nasty)
def test_sign_in_never_fails_badly_and_never_signs_in(client, email, password, code):
    response = client.post("/partners/inloggen", data={"email": email, "password": password, "code": code})
    assert_safe(response, [email, password, code])
    assert response.status_code in (200, 400, 422, 429)
    assert client.get("/partners/").status_code == 302  # still not signed in


@BOUNDED
@given(next_url=nasty, code=st.sampled_from(["nl", "en", "xx"]))
def test_language_switch_never_leaves_the_site(client, next_url, code):
    response = client.get(f"/taal/{code}", query_string={"next": next_url})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//") and "\\" not in location[:2]


@BOUNDED
@given(changes=st.dictionaries(st.sampled_from(REQUEST_FIELDS), nasty, min_size=1, max_size=2))
def test_one_bad_field_in_a_good_request(app, client, db, changes):
    form = {**VALID_REQUEST, **changes}
    before = db["cases"].count
    response = client.post("/aanmelden", data=form)
    assert_safe(response, changes.values())
    if response.status_code != 303:
        assert db["cases"].count == before
        assert response.status_code in (200, 400, 422)
        name = form.get("name", "").strip()
        if response.status_code == 422 and re.fullmatch(r"[\w .-]{1,60}", name):
            assert name in response.get_data(as_text=True)  # nothing typed is lost
        return
    assert db["cases"].count == before + 1
    case = next(db["cases"].rows_where(order_by="id desc", limit=1))
    with app.app_context():
        contact = crypto.decrypt(case["contact_encrypted"])
    assert contact["name"] == form["name"].strip() and 0 < len(contact["name"]) <= NAME_MAX
    assert not any(ord(c) < 32 for c in contact["name"])
    assert re.fullmatch(r"\+[1-9]\d{6,14}", contact.get("phone", "+3200000000"))
    assert case["province"] in PROVINCES


FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
ACTION = re.compile(r'<form[^>]*\bmethod="post"[^>]*\baction="([^"]+)"|<form[^>]*\baction="([^"]+)"[^>]*\bmethod="post"')


def forms_on(client, urls):
    """Every form field name and every POST form address on the given pages (what a browser could send)."""
    names, actions = set(), set()
    for url in urls:
        html = client.get(url).get_data(as_text=True)
        names |= set(FIELD.findall(html))
        actions |= {a or b for a, b in ACTION.findall(html)}
    return sorted(names - {"csrf_token"}), sorted(a.replace("&amp;", "&") for a in actions)


@settings(BOUNDED, max_examples=60)
@given(data=st.data())
def test_every_post_route_as_a_signed_in_coordinator(app, client, db, data):
    from partners_helpers import sign_in

    if not getattr(app, "_signed_in_case", None):
        # A real case (so case links resolve) and a coordinator session, once per test.
        response = client.post("/aanmelden", data=VALID_REQUEST)
        assert response.status_code == 303
        case = next(db["cases"].rows)
        sign_in(client, app, role="coordinator")
        pages = ["/partners/", "/partners/wachtrij", "/partners/accounts", "/rapporten/", "/partners/gegevens-wissen",
                 f"/partners/dossier/{case['reference']}"]
        app._signed_in_case = forms_on(client, pages)
    fields, actions = app._signed_in_case
    rules = [r for r in app.url_map.iter_rules() if "POST" in r.methods
             and r.endpoint not in ("staff.sign_out", "requests.request_form")]
    if data.draw(st.booleans(), label="a real form"):
        url = data.draw(st.sampled_from([a for a in actions if "uitloggen" not in a]), label="url")
        sent = []
    else:
        rule = data.draw(st.sampled_from(rules), label="rule")
        values = {name: data.draw(nasty, label=name) for name in rule.arguments}
        url, sent = url_with(rule, values), list(values.values())
    form = data.draw(st.dictionaries(st.sampled_from(fields), nasty, max_size=6), label="form")
    response = client.post(url, data=form)
    assert_safe(response, list(form.values()) + sent)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
