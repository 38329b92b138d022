"""The request form through HTTP: validation, the check before sending, consent, confirmation, withdrawal."""
import re
from datetime import datetime, timezone

import pytest

from screener import create_app, crypto

import screening_helpers
from helpers import MovableClock, csrf_token, make_config, page_token

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)  # Monday 11:00 in Brussels
VALID = {"name": "Sofie", "phone": "0470 12 34 56", "choice": "region", "province": "limburg", "channel": "phone"}


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, CLOCK=lambda: NOW)


def post(client, headers=None, **data):
    data.setdefault("csrf_token", page_token(client, "/aanmelden"))
    return client.post("/aanmelden", data=data, headers=headers or {})


def errors(response):
    return re.findall(r'class="(?:field|form)-error"[^>]*>([^<]*)<', response.get_data(as_text=True))


def add_screening(db, client, band="red", crisis=0, **fields):
    row = screening_helpers.add_screening(db, "scr-test-1", "2026-11-23", band=band, crisis=crisis, **fields)
    screening_helpers.keep_in_session(client, row["id"], {"sector": "hospital", "gender": "woman", "province": "antwerpen"})
    return row


def contact(app, case):
    with app.app_context():
        return crypto.decrypt(case["contact_encrypted"])


def test_form_shows_every_choice_and_no_data_is_asked_twice(client):
    response = client.get("/aanmelden")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    for label in ("Je voornaam of een bijnaam", "Telefoonnummer", "E-mailadres", "Wanneer past het?",
                  "De preventiedienst van mijn werkgever", "Een psycholoog in mijn regio", "Kies maar voor mij",
                  "Preventa Externe Dienst", "De provincie waar je werkt", "Of je postcode"):
        assert label in text, label
    assert 'name="consent"' not in text  # consent comes with the summary, once it is clear who gets the data


def test_errors_come_back_inline_with_every_value_kept(client, db):
    response = post(client, name="", phone="0470 12", email="sofie@", choice="", postcode="12",
                    moments=["evening"], action="preview")
    assert response.status_code == 422
    found = " ".join(errors(response))
    assert "Vul een voornaam of bijnaam in" in found
    assert "Dit telefoonnummer lijkt niet te kloppen" in found
    assert "Dit e-mailadres lijkt niet te kloppen" in found
    assert "Kies wie je mag contacteren" in found
    assert "Deze postcode kennen we niet" in found
    text = response.get_data(as_text=True)
    assert 'value="0470 12"' in text and 'value="sofie@"' in text and 'value="12"' in text
    assert re.search(r'value="evening" checked', text)
    assert 'aria-invalid="true"' in text and 'aria-describedby="hint-phone phone-error"' in text
    assert db["cases"].count == 0


def test_htmx_gets_the_form_fragment_with_status_422(client):
    response = post(client, headers={"HX-Request": "true"}, name="Sofie", action="preview")
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "<html" not in text and text.lstrip().startswith('<section id="request"')
    assert "Geef een telefoonnummer of een e-mailadres" in text


def test_the_summary_says_who_will_call_and_by_when(client):
    response = post(client, **VALID, action="preview")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Netwerk Eerstelijnspsychologen Limburg" in text and "Een eerstelijnspsycholoog in je regio" in text
    assert "Binnen 3 werkdagen" in text and "donderdag 26 november 2026 11:00" in text
    assert 'name="consent"' in text and "checked" not in re.search(r'<input type="checkbox" name="consent"[^>]*>', text).group(0)
    assert "Je werkgever ziet niets" in text
    employer = post(client, **{**VALID, "choice": "employer", "employer": "edpb_werkwel"}, action="preview")
    assert "WerkWel Preventiedienst" in employer.get_data(as_text=True) and "Binnen 2 werkdagen" in employer.get_data(as_text=True)


def test_consent_only_names_the_details_the_worker_gave(client):
    text = post(client, **{**VALID, "phone": "", "email": "sofie@voorbeeld.be", "channel": "email"}, action="preview").get_data(as_text=True)
    consent = re.search(r'name="consent".*?</label>', text, re.S).group(0)
    assert "telefoonnummer" not in consent and "mijn gegevens hierboven" in consent
    assert "Netwerk Eerstelijnspsychologen Limburg" in consent


def test_postcode_stands_in_for_the_province(client):
    response = post(client, **{**VALID, "province": "", "postcode": "3500"}, action="preview")
    assert response.status_code == 200 and "Netwerk Eerstelijnspsychologen Limburg" in response.get_data(as_text=True)
    wallonia = post(client, **{**VALID, "province": "", "postcode": "4000"}, action="preview")
    assert wallonia.status_code == 422 and "We werken in Vlaanderen en Brussel" in " ".join(errors(wallonia))


def test_sending_without_consent_keeps_everything_and_asks_for_it(client, db):
    response = post(client, **VALID, email="sofie@voorbeeld.be", action="send")
    assert response.status_code == 422
    assert "Vink aan dat je akkoord gaat" in " ".join(errors(response))
    text = response.get_data(as_text=True)
    # after the htmx swap a screen reader hears that something needs a look, not just the heading
    assert re.search(r'role="alert" data-announce>Kijk 1 ding na\.', text)
    assert 'type="hidden" name="phone" value="0470 12 34 56"' in text and 'value="sofie@voorbeeld.be"' in text
    assert db["cases"].count == 0


def test_edit_goes_back_to_the_form_with_values(client):
    response = post(client, **VALID, action="edit")
    assert response.status_code == 200 and 'value="Sofie"' in response.get_data(as_text=True)
    assert 'name="consent"' not in response.get_data(as_text=True)


def test_sending_writes_case_and_email_then_confirms(app, client, db):
    response = post(client, **VALID, moments=["morning", "weekend"], language="nl", consent="1", action="send")
    assert response.status_code == 303 and response.headers["Location"] == "/aanmelden/klaar"
    [case] = db["cases"].rows
    assert case["status"] == "new" and case["provider_id"] == "elp_limburg" and case["step"] == 2 and case["urgent"] == 0
    assert case["due_at"] == "2026-11-26T10:00:00+00:00"
    assert "Sofie" not in case["contact_encrypted"]
    assert contact(app, case) == {"name": "Sofie", "phone": "+32470123456"}
    assert case["preferred_moments"] == '["morning", "weekend"]' and case["screening_id"] is None
    [mail] = db["outbox"].rows
    assert mail["to_addr"] == "aanmelden@elp-limburg.example" and case["reference"] in mail["subject"]
    page = client.get(response.headers["Location"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert case["reference"] in text and "Netwerk Eerstelijnspsychologen Limburg neemt contact met je op." in text
    assert "op. (" not in text and "Een eerstelijnspsycholoog in je regio." in text
    assert "donderdag 26 november 2026 11:00" in text and 'href="tel:1813"' in text
    assert re.search(r'href="/aanmelden/intrekken/[A-Za-z0-9_-]{40,}"', text)
    assert case["withdraw_token_hash"] and case["withdraw_token_hash"] not in text


def test_htmx_send_redirects_the_whole_page(client, db):
    response = post(client, headers={"HX-Request": "true"}, **VALID, consent="1", action="send")
    assert response.status_code == 200 and response.headers["HX-Redirect"] == "/aanmelden/klaar"
    assert db["cases"].count == 1


def test_red_band_keeps_the_chosen_service_within_one_working_day_and_counts_the_profile(app, client, db):
    screening = add_screening(db, client, band="red")
    form = client.get("/aanmelden").get_data(as_text=True)
    assert "binnen 1 werkdag" in form and '<option value="antwerpen" selected>' in form
    response = post(client, **{**VALID, "choice": "employer", "employer": "edpb_preventa", "province": "antwerpen"},
                    consent="1", action="send")
    assert response.status_code == 303
    [case] = db["cases"].rows
    # The worker chose their employer's service: a red result shortens the deadline, it never changes whom.
    assert (case["provider_id"], case["step"], case["urgent"]) == ("edpb_preventa", 1, 1)
    assert case["due_at"] == "2026-11-24T10:00:00+00:00"
    # The province chosen on the form is kept; sector, gender and the result's band are only counted for the day.
    assert case["province"] == "antwerpen" and not {"sector", "gender", "band"} & set(case)
    assert {(r["day"], r["dimension"], r["value"], r["count"]) for r in db["request_tallies"].rows} == {
        ("2026-11-23", "sector", "hospital", 1), ("2026-11-23", "gender", "woman", 1), ("2026-11-23", "band", "red", 1)}
    assert case["screening_id"] is None and case["share_results"] == 0  # not linked without consent
    assert screening["id"] not in str(list(db["case_events"].rows))


def test_the_urgent_notice_names_the_configured_deadline(tmp_path):
    from screener.db import connect

    app = create_app(make_config(tmp_path, DEADLINE_WORKING_DAYS={"urgent": 2}))
    client = app.test_client()
    add_screening(connect(app.config["DATABASE"]), client, band="red")
    form = " ".join(client.get("/aanmelden").get_data(as_text=True).split())
    assert "We vragen om je binnen 2 werkdagen te contacteren." in form


def test_crisis_answer_is_urgent_and_shared_results_link_the_screening(client, db):
    add_screening(db, client, band="green", crisis=1)
    post(client, **VALID, consent="1", share_results="1", action="send")
    [case] = db["cases"].rows
    assert case["urgent"] == 1 and case["screening_id"] == "scr-test-1" and case["share_results"] == 1


def test_expired_csrf_token_shows_the_form_again_with_the_input(tmp_path):
    clock = MovableClock(NOW)
    app = create_app(make_config(tmp_path, CLOCK=clock, WTF_CSRF_TIME_LIMIT=1))
    client = app.test_client()
    token = page_token(client, "/aanmelden")
    clock.advance(seconds=2)  # the token is now older than its time limit
    response = client.post("/aanmelden", data={**VALID, "csrf_token": token, "action": "send", "consent": "1"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Je formulier was verlopen. Je gegevens staan er nog" in text
    assert 'value="Sofie"' in text and 'value="0470 12 34 56"' in text
    fresh = csrf_token(text)
    assert fresh != token
    again = client.post("/aanmelden", data={**VALID, "csrf_token": fresh, "action": "send", "consent": "1"})
    assert again.status_code == 303  # sent with the fresh token, nothing typed again


def test_a_database_failure_writes_nothing_and_keeps_the_input(client, db):
    # A real failure inside the transaction: the case insert is refused by the database.
    db.execute("CREATE TRIGGER refuse BEFORE INSERT ON cases BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    db.conn.commit()
    response = post(client, **VALID, consent="1", action="send")
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert "We konden je aanvraag nu niet bewaren" in text and 'value="Sofie"' in text and 'href="tel:1813"' in text
    assert db["cases"].count == 0 and db["outbox"].count == 0 and db["case_events"].count == 0
    db.execute("DROP TRIGGER refuse")
    db.conn.commit()
    assert post(client, **VALID, consent="1", action="send").status_code == 303


def test_honeypot_stops_the_request_but_keeps_the_input(client, db):
    response = post(client, **VALID, website="http://spam.example", consent="1", action="send")
    assert response.status_code == 422 and 'value="Sofie"' in response.get_data(as_text=True)
    assert db["cases"].count == 0 and db["outbox"].count == 0


def test_rate_limit_answers_429_with_the_input_kept(tmp_path):
    app = create_app(make_config(tmp_path, CLOCK=lambda: NOW, RATELIMIT_ENABLED=True, REQUEST_RATE_LIMIT="2 per minute"))
    client = app.test_client()
    token = page_token(client, "/aanmelden")
    statuses = [client.post("/aanmelden", data={**VALID, "csrf_token": token, "action": "preview"}).status_code for _ in range(2)]
    third = client.post("/aanmelden", data={**VALID, "csrf_token": token, "action": "preview"})
    assert statuses == [200, 200] and third.status_code == 429
    assert "Wacht een paar minuten" in third.get_data(as_text=True) and 'value="Sofie"' in third.get_data(as_text=True)


def test_no_provider_for_the_region_goes_to_the_coordinators(tmp_path):
    providers = tmp_path / "providers.yml"
    providers.write_text("providers:\n  - {id: only, name: Enige Dienst, kind: edpb, team_emails: [a@only.example]}\n")
    app = create_app(make_config(tmp_path, CLOCK=lambda: NOW, PROVIDERS_FILE=str(providers),
                                 COORDINATOR_EMAILS=["stuurgroep@x.example"]))
    client = app.test_client()
    summary = post(client, **VALID, action="preview").get_data(as_text=True)
    assert "Het ZorgSamen-team" in summary
    assert post(client, **VALID, consent="1", action="send").status_code == 303
    from screener.db import connect

    db = connect(app.config["DATABASE"])
    [case] = db["cases"].rows
    [mail] = db["outbox"].rows
    assert case["provider_id"] is None and mail["to_addr"] == "stuurgroep@x.example" and mail["kind"] == "unmatched_case"


def test_international_number_and_email_only(app, client, db):
    post(client, **{**VALID, "phone": "+31 6 12345678"}, consent="1", action="send")
    post(client, **{**VALID, "phone": "", "email": "sofie@voorbeeld.be", "channel": "email"}, consent="1", action="send")
    first, second = db["cases"].rows
    assert contact(app, first)["phone"] == "+31612345678"
    assert contact(app, second) == {"name": "Sofie", "email": "sofie@voorbeeld.be"} and second["preferred_channel"] == "email"
    mismatch = post(client, **{**VALID, "phone": "", "email": "s@v.be", "channel": "phone"}, action="preview")
    assert mismatch.status_code == 422 and "je gaf geen telefoonnummer" in " ".join(errors(mismatch))


# --- withdrawal -----------------------------------------------------------------------------------

def send_and_get_withdraw_link(client, **extra):
    post(client, **VALID, consent="1", action="send", **extra)
    page = client.get("/aanmelden/klaar").get_data(as_text=True)
    return re.search(r'href="(/aanmelden/intrekken/[^"]+)"', page).group(1)


def test_withdrawal_erases_contact_details_and_tells_the_team(client, db):
    link = send_and_get_withdraw_link(client, email="sofie@voorbeeld.be", confirm_email="1")
    question = client.get(link)
    assert question.status_code == 200 and "Wil je je aanvraag intrekken?" in question.get_data(as_text=True)
    assert db["cases"].rows.__next__()["contact_encrypted"] is not None  # opening the link changes nothing
    done = client.post(link, data={"csrf_token": page_token(client, "/aanmelden")})
    assert done.status_code == 200 and "Je aanvraag is ingetrokken" in done.get_data(as_text=True)
    # Back to the confirmation page (or a reload): it says the request was withdrawn, not who will call.
    again = client.get("/aanmelden/klaar")
    assert again.status_code == 302 and again.headers["Location"] == link
    assert "Je aanvraag is ingetrokken" in client.get(link).get_data(as_text=True)
    [case] = db["cases"].rows
    assert case["status"] == "closed" and case["outcome"] == "withdrawn" and case["contact_encrypted"] is None
    assert [e["kind"] for e in db["case_events"].rows_where(order_by="id")] == ["created", "withdrawn"]
    mails = {m["kind"]: m for m in db["outbox"].rows}
    assert mails["confirmation"]["status"] == "cancelled" and mails["confirmation"]["to_addr"] == ""
    assert mails["case_withdrawn"]["to_addr"] == "aanmelden@elp-limburg.example"
    # A second time changes nothing and sends nothing more.
    again = client.post(link, data={"csrf_token": page_token(client, "/aanmelden")})
    assert again.status_code == 200 and db["outbox"].count == 3 and db["case_events"].count == 2


def test_tampered_withdrawal_link_does_nothing(client, db):
    link = send_and_get_withdraw_link(client)
    tampered = link[:-3] + ("aaa" if not link.endswith("aaa") else "bbb")
    for response in (client.get(tampered), client.post(tampered, data={"csrf_token": page_token(client, "/aanmelden")})):
        assert response.status_code == 404 and "Deze link klopt niet" in response.get_data(as_text=True)
    [case] = db["cases"].rows
    assert case["status"] == "new" and case["contact_encrypted"] is not None and db["outbox"].count == 1


def refer_on(app, parent, closing_sql=None, **fields):
    """A step-3 case referred on from `parent`, written as the partner feature does (one transaction)."""
    from screener.db import get_db, immediate
    from screener.cases.create import create_case

    with app.app_context():
        database = get_db()
        with immediate(database):
            create_case(database, step=3, provider_id="cgg_noord", parent_case_id=parent["id"],
                        contact={"name": "Sofie"}, now=NOW, **fields)
            if closing_sql:
                database.execute(closing_sql, [parent["id"]])


def test_withdrawal_also_closes_cases_referred_on(app, client, db):
    link = send_and_get_withdraw_link(client)
    parent = next(db["cases"].rows)
    refer_on(app, parent, choice="region")
    client.post(link, data={"csrf_token": page_token(client, "/aanmelden")})
    assert {(c["status"], c["outcome"], c["contact_encrypted"]) for c in db["cases"].rows} == {("closed", "withdrawn", None)}


def test_withdrawal_through_a_referred_case_erases_the_whole_chain(app, client, db):
    link = send_and_get_withdraw_link(client)
    parent = next(db["cases"].rows)
    # The provider referred the case on: the first case is closed, the link's hash moved to the new one.
    refer_on(app, parent, choice="referral", withdraw_token_hash=parent["withdraw_token_hash"],
             closing_sql="UPDATE cases SET status = 'closed', outcome = 'referred', withdraw_token_hash = NULL"
                         " WHERE id = ?")
    client.post(link, data={"csrf_token": page_token(client, "/aanmelden")})
    first, referred = db["cases"].rows_where(order_by="id")
    assert (first["outcome"], first["contact_encrypted"]) == ("referred", None) and first["contact_erased_at"]
    assert (referred["status"], referred["outcome"], referred["contact_encrypted"]) == ("closed", "withdrawn", None)
    assert [m["to_addr"] for m in db["outbox"].rows_where("kind = 'case_withdrawn'")] == ["onthaal@cgg-noord.example"]


def test_control_characters_never_reach_the_provider(app, client, db):
    # NUL, ESC and a right-to-left override would disguise what the provider reads.
    data = {**VALID, "name": "So\x00fie\x1b[31m\u202e", "phone": "0470\x0012 34 56"}
    response = post(client, **data, language="nl", consent="1", action="send")
    assert response.status_code == 303
    [case] = db["cases"].rows
    assert contact(app, case) == {"name": "Sofie[31m", "phone": "+32470123456"}


# --- e-mail addresses: checked with email-validator, syntax only --------------------------------------

BAD_ADDRESSES = {
    "line separator": "sofie\u2028bcc@voorbeeld.be",
    "two recipients": "victim,x@evil.example",
    "a mailto query": "x@y.be?cc=evil%40b.c&body=Bel%20me",
}


@pytest.mark.parametrize("address", BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
@pytest.mark.parametrize("action", ["preview", "send"])
def test_a_bad_address_is_named_kept_and_nothing_is_stored(client, db, address, action):
    data = {**VALID, "phone": "", "channel": "email", "email": address, "confirm_email": "1"}
    response = post(client, **data, consent="1", action=action)
    assert response.status_code == 422
    assert "Dit e-mailadres lijkt niet te kloppen. Bijvoorbeeld: naam@voorbeeld.be." in errors(response)
    text = response.get_data(as_text=True)
    assert f'value="{address.replace("&", "&amp;")}"' in text and 'value="Sofie"' in text
    assert db["cases"].count == 0 and db["outbox"].count == 0


def test_the_address_is_stored_and_mailed_as_checked(app, client, db):
    post(client, **{**VALID, "email": "Sofie@Voorbeeld.BE"}, consent="1", confirm_email="1", action="send")
    [case] = db["cases"].rows
    assert contact(app, case)["email"] == "Sofie@voorbeeld.be"
    [confirmation] = db["outbox"].rows_where("kind = 'confirmation'")
    with app.app_context():
        assert crypto.decrypt(confirmation["to_addr"]) == "Sofie@voorbeeld.be"


# --- the form's reading of odd input (Flask-WTF) --------------------------------------------------

def test_a_zero_is_no_consent_and_odd_choices_fall_back_quietly(client, db):
    response = post(client, **{**VALID, "channel": "fax", "language": "xx", "employer": "nope"}, consent="0",
                    moments=["weekend", "nacht"], action="send")
    assert response.status_code == 422 and db["cases"].count == 0
    assert errors(response) == ["Kijk 1 ding na. Je gegevens staan er nog.",
                                "Vink aan dat je akkoord gaat. Zonder je toestemming mogen we je gegevens niet doorgeven."]
    text = response.get_data(as_text=True)
    for name, value in (("channel", "phone"), ("language", "nl"), ("employer", ""), ("moments", "weekend")):
        assert f'type="hidden" name="{name}" value="{value}"' in text, name
    assert 'value="nacht"' not in text


def test_each_field_gets_one_dutch_message_and_keeps_what_was_typed(client):
    long_name = "Sofie" * 13
    response = post(client, **{**VALID, "name": long_name, "phone": "12", "province": "", "postcode": "1300"},
                    action="preview")
    assert response.status_code == 422
    assert errors(response) == ["Kijk 3 dingen na. Je gegevens staan er nog.", "Houd je naam korter dan 60 tekens.",
                                "Dit telefoonnummer lijkt niet te kloppen. Bijvoorbeeld: 0470 12 34 56 of +32 470 12 34 56.",
                                "We werken in Vlaanderen en Brussel. Kies de provincie waar je werkt, of kies de "
                                "preventiedienst van je werkgever."]
    text = response.get_data(as_text=True)
    assert f'value="{long_name}"' in text and 'value="12"' in text and 'value="1300"' in text


def test_a_form_without_its_token_is_shown_again_with_the_input(client, db):
    response = client.post("/aanmelden", data={**VALID, "action": "send", "consent": "1"})
    assert response.status_code == 400 and db["cases"].count == 0
    text = response.get_data(as_text=True)
    assert "Je formulier was verlopen. Je gegevens staan er nog" in text and 'value="Sofie"' in text
    assert errors(response) == ["Je formulier was verlopen. Je gegevens staan er nog: kijk ze na en verstuur opnieuw."]


def test_htmx_may_send_the_token_in_its_header(client, db):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/aanmelden").get_data(as_text=True)).group(1)
    response = client.post("/aanmelden", data={**VALID, "action": "send", "consent": "1"},
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 200 and response.headers["HX-Redirect"] == "/aanmelden/klaar"
    assert db["cases"].count == 1


def test_a_withdrawal_without_its_token_changes_nothing(client, db):
    link = send_and_get_withdraw_link(client)
    response = client.post(link, data={})
    assert response.status_code == 400 and "Je formulier was verlopen. Probeer opnieuw." in response.get_data(as_text=True)
    [case] = db["cases"].rows
    assert case["status"] == "new" and case["contact_encrypted"] is not None
