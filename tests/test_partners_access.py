"""Accounts and access: sign-in with a second factor, sessions, roles, organisations, invitations."""
import re

import pytest

from helpers import insert_case, make_config, post_form, rotate_keys
from partners_helpers import create_user, sign_in, sign_in_user, totp_code
from screener import create_app


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def test_case_link_asks_for_sign_in_and_returns_to_the_case(app, client):
    case = insert_case(app, "edpb_preventa")
    link = f"/partners/dossier/{case['link_token']}"
    response = client.get(link)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/partners/inloggen?next=")
    user = create_user(app, org_id="edpb_preventa")
    response = sign_in_user(client, app, user, next_url=link)
    assert response.status_code == 303 and response.headers["Location"] == link
    page = client.get(link).get_data(as_text=True)
    assert case["reference"] in page and "Sam Peeters" in page


def test_sign_in_does_not_follow_a_return_address_to_another_site(app, client):
    user = create_user(app, role="coordinator")
    response = sign_in_user(client, app, user, next_url="https://evil.example/x")
    assert response.status_code == 303 and response.headers["Location"] == "/"


@pytest.mark.parametrize("wrong", ["password", "code", "email"])
def test_wrong_password_code_or_address_is_refused_with_one_message(app, client, wrong):
    user = create_user(app, role="coordinator")
    data = {"email": user["email"], "password": user["password"], "code": totp_code(app, user["totp_secret"])}
    data[wrong] = {"password": "niet-het-wachtwoord", "code": "000000", "email": "iemand@anders.example"}[wrong]
    if wrong == "code" and data["code"] == totp_code(app, user["totp_secret"]):
        data["code"] = "111111"
    response = post_form(client, "/partners/inloggen", data)
    assert response.status_code == 422
    assert "klopt niet" in response.get_data(as_text=True)
    assert client.get("/partners/").status_code == 302  # still not signed in


def test_a_code_works_only_once(app, client):
    user = create_user(app, role="coordinator")
    assert sign_in_user(client, app, user).status_code == 303
    other = app.test_client()
    assert sign_in_user(other, app, user).status_code == 422  # the same 30-second code, replayed


def test_code_from_the_previous_step_is_still_accepted_for_clock_drift(app, client):
    user = create_user(app, role="coordinator")
    code = totp_code(app, user["totp_secret"], offset=-1)
    response = post_form(client, "/partners/inloggen", {"email": user["email"], "password": user["password"], "code": code})
    assert response.status_code == 303


def test_sign_in_rotates_the_session(app, client, db):
    user = create_user(app, role="coordinator")
    client.get("/partners/inloggen")
    with client.session_transaction() as session:
        session["marker"] = "from before sign-in"  # anything a visitor's session held before
    before = client.get_cookie("zs_session").value
    assert sign_in_user(client, app, user).status_code == 303
    after = client.get_cookie("zs_session").value
    assert before != after
    with client.session_transaction() as session:
        assert "marker" not in session  # nothing from before sign-in carries over
    first_session = db.execute("SELECT id FROM user_sessions WHERE ended_at IS NULL").fetchall()
    clock_client = app.test_client()
    user2 = create_user(app, role="coordinator")
    sign_in_user(clock_client, app, user2)
    # Signing in again in the same browser ends the earlier session server-side.
    app.config["CLOCK"].advance(seconds=31)
    sign_in_user(client, app, user)
    live = db.execute("SELECT count(*) FROM user_sessions WHERE user_id = ? AND ended_at IS NULL", [user["id"]]).fetchone()[0]
    assert len(first_session) == 1 and live == 1


def test_session_expires_after_30_minutes_idle(app, client, clock):
    sign_in(client, app)
    clock.advance(minutes=29)
    assert client.get("/partners/").status_code == 200
    clock.advance(minutes=29)  # active 29 minutes ago: still fine
    assert client.get("/partners/").status_code == 200
    clock.advance(minutes=30)
    response = client.get("/partners/")
    assert response.status_code == 302 and "verlopen=1" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Je was een tijd niet actief" in page


def test_session_ends_after_8_hours_even_when_active(app, client, clock):
    sign_in(client, app)
    for _ in range(16):
        clock.advance(minutes=29)
        assert client.get("/partners/").status_code == 200
    # 7 h 44 min after sign-in, last active just now. Only 20 more minutes pass, well within the
    # 30-minute idle limit: only the 8-hour absolute limit can end the session here.
    clock.advance(minutes=20)  # 8 h 4 min after sign-in
    response = client.get("/partners/")
    assert response.status_code == 302 and "verlopen=1" in response.headers["Location"]


def test_sign_out_ends_the_session_even_for_a_copied_cookie(app, client):
    sign_in(client, app)
    copied = client.get_cookie("zs_session").value
    response = post_form(client, "/partners/uitloggen", {}, page="/partners/")
    assert response.status_code == 303
    thief = app.test_client()
    thief.set_cookie("zs_session", copied)
    assert thief.get("/partners/").status_code == 302


def test_member_sees_only_own_organisation_and_other_cases_look_missing(app, client, db):
    own = insert_case(app, "edpb_preventa")
    other = insert_case(app, "edpb_werkwel")
    sign_in(client, app, role="member", org_id="edpb_preventa")
    listing = client.get("/partners/").get_data(as_text=True)
    assert own["reference"] in listing and other["reference"] not in listing
    assert client.get(f"/partners/dossier/{own['link_token']}").status_code == 200
    foreign = client.get(f"/partners/dossier/{other['link_token']}")
    fake_token = "x" * len(other["link_token"])
    missing = client.get(f"/partners/dossier/{fake_token}")
    assert foreign.status_code == missing.status_code == 404
    # Identical answers (apart from the address itself in the language switch).
    assert foreign.get_data(as_text=True).replace(other["link_token"], fake_token) == missing.get_data(as_text=True)
    assert other["reference"] not in foreign.get_data(as_text=True)
    # Acting on another organisation's case is refused the same way, and changes nothing.
    response = post_form(client, f"/partners/dossier/{other['link_token']}/opnemen", {}, page="/partners/")
    assert response.status_code == 404
    assert db.execute("SELECT status FROM cases WHERE id = ?", [other["id"]]).fetchone()[0] == "new"
    events = db.execute("SELECT kind FROM case_events WHERE case_id = ?", [other["id"]]).fetchall()
    assert [kind for (kind,) in events] == ["created"]


def test_coordinator_pages_are_missing_for_members_and_ask_anonymous_visitors_to_sign_in(app, client):
    case = insert_case(app, "edpb_preventa")
    anonymous = app.test_client()
    assert anonymous.get("/partners/accounts").status_code == 302
    sign_in(client, app, role="member", org_id="edpb_preventa")
    for url in ["/partners/accounts", "/partners/wachtrij", f"/partners/dossier/{case['link_token']}/audit"]:
        assert client.get(url).status_code == 404, url
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    for url in ["/partners/accounts", "/partners/wachtrij", f"/partners/dossier/{case['link_token']}/audit"]:
        assert coordinator.get(url).status_code == 200, url


def test_disabling_an_account_ends_its_sessions_and_blocks_sign_in(app, client):
    member = create_user(app, org_id="edpb_preventa")
    assert sign_in_user(client, app, member).status_code == 303
    assert client.get("/partners/").status_code == 200
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    response = post_form(coordinator, f"/partners/accounts/{member['id']}/uitschakelen", {}, page="/partners/accounts")
    assert response.status_code == 303
    assert "uitgeschakeld" in coordinator.get("/partners/accounts").get_data(as_text=True)
    assert client.get("/partners/").status_code == 302
    app.config["CLOCK"].advance(seconds=31)
    assert sign_in_user(app.test_client(), app, member).status_code == 422


def _invite(app, coordinator, email="nieuw@preventa.example", org="edpb_preventa"):
    response = post_form(coordinator, "/partners/accounts", {"email": email, "role": "member", "org_id": org})
    assert response.status_code == 303, response.get_data(as_text=True)[:800]


def _invitation_link(db):
    row = db.execute("SELECT body_text FROM outbox WHERE kind = 'invitation' ORDER BY id DESC").fetchone()
    return re.search(r"http://127\.0\.0\.1(/partners/uitnodiging/\S+)", row[0]).group(1)


def _secret(client, link):
    page = client.get(link).get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page  # the QR code
    return re.search(r'class="partners-secret">([A-Z2-7]+)<', page).group(1)


def test_invitation_sets_password_and_second_factor_once(app, client, db):
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    _invite(app, coordinator)
    link = _invitation_link(db)
    mail = db.execute("SELECT to_addr, subject FROM outbox WHERE kind = 'invitation'").fetchone()
    assert mail[0] == "nieuw@preventa.example"
    secret = _secret(client, link)
    import pyotp

    code = pyotp.TOTP(secret).at(app.config["CLOCK"]())
    response = post_form(client, link, {"password": "lente-in-gent-2026", "password_again": "lente-in-gent-2026", "code": code})
    assert response.status_code == 303 and response.headers["Location"] == "/partners/inloggen"
    # The link is single-use.
    again = client.get(link)
    assert again.status_code == 410 and "al gebruikt" in again.get_data(as_text=True)
    # The new account signs in with its password and a fresh code.
    app.config["CLOCK"].advance(seconds=31)
    user = {"email": "nieuw@preventa.example", "password": "lente-in-gent-2026", "totp_secret": secret}
    assert sign_in_user(app.test_client(), app, user).status_code == 303
    stored = db.execute("SELECT totp_secret_encrypted FROM users WHERE email = 'nieuw@preventa.example'").fetchone()[0]
    assert secret not in stored  # encrypted at rest


def test_invitation_with_wrong_code_or_weak_password_keeps_the_link_usable(app, client, db):
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    _invite(app, coordinator)
    link = _invitation_link(db)
    _secret(client, link)
    response = post_form(client, link, {"password": "kort", "password_again": "kort", "code": "123456"})
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "minstens 12 tekens" in text and "Deze code klopt niet" in text
    response = post_form(client, link, {"password": "lente-in-gent-2026", "password_again": "zomer-in-gent-2026", "code": "123456"})
    assert "niet gelijk" in response.get_data(as_text=True)
    assert client.get(link).status_code == 200


def test_expired_and_replaced_invitations_do_not_work(app, client, db, clock):
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    _invite(app, coordinator)
    first = _invitation_link(db)
    assert client.get(first).status_code == 200
    user_id = db.execute("SELECT id FROM users WHERE email = 'nieuw@preventa.example'").fetchone()[0]
    # Replaced: a new invitation, long before the first one expires, stops the first link at once.
    clock.advance(minutes=5)
    assert post_form(coordinator, f"/partners/accounts/{user_id}/uitnodigen", {}, page="/partners/accounts").status_code == 303
    second = _invitation_link(db)
    assert second != first
    replaced = client.get(first)
    assert replaced.status_code == 410 and "nieuwe link" in replaced.get_data(as_text=True)
    assert client.get(second).status_code == 200
    # Expired: the second link, left unused for 49 hours.
    clock.advance(hours=49)
    expired = client.get(second)
    assert expired.status_code == 410 and "verlopen" in expired.get_data(as_text=True)
    coordinator = app.test_client()  # the coordinator's own session expired meanwhile
    sign_in(coordinator, app, role="coordinator")
    assert post_form(coordinator, f"/partners/accounts/{user_id}/uitnodigen", {}, page="/partners/accounts").status_code == 303
    third = _invitation_link(db)
    assert third not in (first, second) and client.get(third).status_code == 200
    assert client.get("/partners/uitnodiging/verzonnen-token").status_code == 404


def test_inviting_an_existing_address_or_a_member_without_a_real_organisation_is_refused(app, client):
    sign_in(client, app, role="coordinator")
    _invite(app, client, email="dubbel@preventa.example")
    response = post_form(client, "/partners/accounts", {"email": "Dubbel@preventa.example", "role": "member", "org_id": "edpb_preventa"})
    assert response.status_code == 409 and "bestaat al" in response.get_data(as_text=True)
    response = post_form(client, "/partners/accounts", {"email": "los@preventa.example", "role": "member", "org_id": ""})
    assert response.status_code == 422 and "Kies de organisatie" in response.get_data(as_text=True)
    response = post_form(client, "/partners/accounts", {"email": "los@preventa.example", "role": "member", "org_id": "verzonnen"})
    assert response.status_code == 422 and "Kies de organisatie" in response.get_data(as_text=True)
    assert "los@preventa.example" not in client.get("/partners/accounts").get_data(as_text=True)
    response = post_form(client, "/partners/accounts", {"email": "geen-adres", "role": "member", "org_id": "edpb_preventa"})
    assert response.status_code == 422 and "geen e-mailadres" in response.get_data(as_text=True)


def test_users_add_command_prints_a_working_invitation_link(app, runner, client):
    result = runner.invoke(args=["users", "add", "coord@stuurgroep.example", "--role", "coordinator"])
    assert result.exit_code == 0, result.output
    link = re.search(r"(/partners/uitnodiging/\S+)", result.output).group(1)
    assert client.get(link).status_code == 200
    result = runner.invoke(args=["users", "add", "x@y.example", "--role", "member", "--org", "bestaat_niet"])
    assert result.exit_code != 0


def test_sign_in_is_rate_limited_per_account(tmp_path, clock):
    app = create_app(make_config(tmp_path, CLOCK=clock, RATELIMIT_ENABLED=True))
    user = create_user(app, role="coordinator")
    for number in range(5):
        client = app.test_client()  # a fresh client each time: the limit follows the account
        response = post_form(client, "/partners/inloggen", {"email": user["email"], "password": "fout", "code": "000000"})
        assert response.status_code == 422, number
    blocked = post_form(app.test_client(), "/partners/inloggen",
                        {"email": user["email"], "password": user["password"], "code": totp_code(app, user["totp_secret"])})
    assert blocked.status_code == 429 and "Even rustig aan" in blocked.get_data(as_text=True)


def test_second_factor_can_be_switched_off_only_by_configuration(tmp_path, clock):
    app = create_app(make_config(tmp_path, CLOCK=clock, REQUIRE_TOTP=False, DEMO_MODE=True))
    client = app.test_client()
    page = client.get("/partners/inloggen").get_data(as_text=True)
    assert 'name="code"' not in page and "Demo: geen echte gegevens" in page
    user = create_user(app, role="coordinator")
    response = post_form(client, "/partners/inloggen", {"email": user["email"], "password": user["password"]})
    assert response.status_code == 303


def test_the_code_field_is_required_by_default(app, client):
    user = create_user(app, role="coordinator")
    assert 'name="code"' in client.get("/partners/inloggen").get_data(as_text=True)
    response = post_form(client, "/partners/inloggen", {"email": user["email"], "password": user["password"]})
    assert response.status_code == 422


def test_an_action_after_the_session_expired_leads_back_to_the_case_after_sign_in(app, client, clock):
    case = insert_case(app, "edpb_preventa")
    user = sign_in(client, app, role="member", org_id="edpb_preventa")
    link = f"/partners/dossier/{case['link_token']}"
    page = client.get(link).get_data(as_text=True)
    clock.advance(minutes=31)
    from helpers import csrf_token

    response = client.post(f"{link}/opnemen", data={"csrf_token": csrf_token(page)},
                           headers={"Referer": "http://localhost" + link})
    assert response.status_code == 302 and "verlopen=1" in response.headers["Location"]
    from urllib.parse import parse_qs, urlsplit

    back_to = parse_qs(urlsplit(response.headers["Location"]).query)["next"][0]
    assert back_to == link
    assert sign_in_user(client, app, user, next_url=back_to).headers["Location"] == link


def test_key_rotation_reencrypts_second_factor_secrets(app, runner, client, db, clock):
    user = create_user(app, role="coordinator")
    opens_with_the_new_key_only = rotate_keys(app, runner)
    after = db.execute("SELECT totp_secret_encrypted FROM users WHERE id = ?", [user["id"]]).fetchone()[0]
    opens_with_the_new_key_only(after, user["totp_secret"])
    assert sign_in_user(client, app, user).status_code == 303  # the secret still opens with the new key


def test_a_member_sees_the_name_of_their_organisation_not_its_code(app, client):
    sign_in(client, app, role="member", org_id="edpb_preventa")
    listing = client.get("/partners/").get_data(as_text=True)
    who = listing.split('class="partners-nav__who"', 1)[1].split("</form>", 1)[0]
    assert "Preventa" in who and "edpb_preventa" not in who


def test_a_forgotten_password_is_reset_through_a_new_invitation(app, client, db, clock):
    member = create_user(app, email="vergeten@preventa.example", org_id="edpb_preventa")
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    accounts = coordinator.get("/partners/accounts").get_data(as_text=True)
    assert f'/partners/accounts/{member["id"]}/uitnodigen' in accounts  # offered for an active account too
    assert "Nieuwe link: wachtwoord vergeten" in accounts
    assert post_form(coordinator, f"/partners/accounts/{member['id']}/uitnodigen", {},
                     page="/partners/accounts").status_code == 303
    link = _invitation_link(db)
    secret = _secret(client, link)
    code = totp_code(app, secret)
    response = post_form(client, link, {"password": "nieuw-wachtwoord-2026", "password_again": "nieuw-wachtwoord-2026",
                                        "code": code})
    assert response.status_code == 303
    clock.advance(seconds=31)
    renewed = {**member, "password": "nieuw-wachtwoord-2026", "totp_secret": secret}
    assert sign_in_user(app.test_client(), app, renewed).status_code == 303
    clock.advance(seconds=31)
    assert sign_in_user(app.test_client(), app, member).status_code != 303  # the old password no longer works
