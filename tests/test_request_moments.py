"""A request that fits a shift worker: moments after a night shift, "not before", a text first, a short note.

The note is the worker's own words: stored encrypted with the contact details, shown to the team on the
case page, erased on withdrawal, never in an e-mail.
"""
import html
import json
import re
from pathlib import Path

import pytest

from helpers import act_on_case, csrf_token, insert_case, make_config, page_token, post_form, stored_contact
from partners_helpers import refer, sign_in
from screener import create_app
from screener.cases import schema as cases_schema
from screener.db import connect
from screener.screening import schema as screening_schema

NOTE = "Ik werk deze week nachten. Bel liefst na de middag, mijn partner weet van niets."
WISHES = {"name": "Sofie", "phone": "0470 12 34 56", "email": "sofie@voorbeeld.be", "channel": "phone",
          "choice": "region", "province": "limburg", "language": "nl",
          "moments": ["after_night_shift", "evening"], "not_before": "14:00", "text_first": "1", "note": NOTE}


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def post(client, **data):
    data.setdefault("csrf_token", page_token(client, "/aanmelden"))
    return client.post("/aanmelden", data=data)


def errors(response):
    return [html.unescape(found) for found in
            re.findall(r'class="(?:field|form)-error"[^>]*>([^<]*)<', response.get_data(as_text=True))]


def send(client, **data):
    """Fill in the form, look at the check page, tick consent and send; returns the sending response."""
    assert post(client, **data, action="preview").status_code == 200
    return post(client, **data, consent="1", confirm_email="1", action="send")


def only_case(db):
    [case] = db["cases"].rows
    return case


def test_the_form_offers_shift_moments_not_before_a_text_first_and_a_note(client):
    text = client.get("/aanmelden").get_data(as_text=True)
    for label in ("Wanneer past het?", "Na een nachtdienst (vanaf 14:00)", "Voormiddag", "Namiddag", "Avond",
                  "Weekend", "Niet vóór", "Maakt niet uit", "Stuur me eerst een sms voor je belt",
                  "Wil je nog iets kwijt? (niet verplicht)", "Hoogstens 200 tekens"):
        assert label in text, label
    assert '<option value="08:00">08:00</option>' in text and '<option value="20:00">20:00</option>' in text
    assert re.search(r'<textarea id="f-note" name="note"[^>]*maxlength="200"', text)
    assert "weekdag" not in text


def test_the_check_page_shows_every_wish_and_carries_it(client):
    response = post(client, **WISHES, action="preview")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "bellen, na een nachtdienst (vanaf 14:00), avond, niet vóór 14:00, eerst een sms" in text
    assert "Je bericht" in text and NOTE in text
    for hidden in ('name="not_before" value="14:00"', f'name="note" value="{NOTE}"', 'name="text_first" value="1"',
                   'name="moments" value="after_night_shift"', 'name="moments" value="evening"'):
        assert f'<input type="hidden" {hidden}>' in text, hidden
    # "Iets aanpassen" brings the form back with every wish still chosen.
    back = post(client, **WISHES, action="edit").get_data(as_text=True)
    assert re.search(r'value="after_night_shift" checked', back) and re.search(r'value="evening" checked', back)
    assert '<option value="14:00" selected>' in back and f">{NOTE}</textarea>" in back
    assert re.search(r'name="text_first" value="1" checked', back)


def test_sending_stores_each_wish_and_the_note_only_encrypted(app, client, db):
    response = send(client, **{**WISHES, "note": "  Ik werk deze week nachten.\r\nBel liefst na de middag,\tmijn "
                                                  "partner weet van niets. "})
    assert response.status_code == 303
    case = only_case(db)
    assert json.loads(case["preferred_moments"]) == ["after_night_shift", "evening"]
    assert case["not_before"] == "14:00" and case["text_first"] == 1
    # Line breaks and tabs become single spaces: the note reads as one line on the case page.
    assert stored_contact(app, case["id"]) == {"name": "Sofie", "phone": "+32470123456",
                                               "email": "sofie@voorbeeld.be", "note": NOTE}
    assert "nachten" not in json.dumps(case)
    database = Path(app.config["DATABASE"])
    stored = b"".join(path.read_bytes() for path in (database, Path(f"{database}-wal")) if path.exists())
    assert b"nachten" not in stored


def test_a_short_request_without_any_wish_still_goes_through(app, client, db):
    data = {"name": "Sofie", "phone": "0470 12 34 56", "choice": "region", "province": "limburg",
            "csrf_token": page_token(client, "/aanmelden")}
    assert client.post("/aanmelden", data={**data, "consent": "1", "action": "send"}).status_code == 303
    case = only_case(db)
    assert case["not_before"] is None and case["text_first"] == 0 and case["preferred_moments"] == "[]"
    assert "note" not in stored_contact(app, case["id"])


def test_a_text_first_needs_a_phone_number(client, db):
    by_email = {**WISHES, "phone": "", "channel": "email"}
    assert "eerst een sms" not in post(client, **by_email, action="preview").get_data(as_text=True)
    assert send(client, **by_email).status_code == 303
    assert only_case(db)["text_first"] == 0


@pytest.mark.parametrize("hour", ["25:00", "07:00", "14u", "'; drop table cases"])
def test_an_hour_not_in_the_list_is_named_in_dutch_and_every_value_is_kept(client, db, hour):
    response = post(client, **{**WISHES, "not_before": hour}, action="preview")
    assert response.status_code == 422
    assert errors(response) == ["Kijk 1 ding na. Je gegevens staan er nog.",
                                "Kies een uur uit de lijst, of 'Maakt niet uit'."]
    text = response.get_data(as_text=True)
    assert 'value="Sofie"' in text and 'value="0470 12 34 56"' in text and f">{NOTE}</textarea>" in text
    assert re.search(r'value="after_night_shift" checked', text) and re.search(r'name="text_first" value="1" checked', text)
    assert 'aria-describedby="hint-not_before not_before-error" aria-invalid="true"' in text
    assert db["cases"].count == 0


def test_a_note_over_200_characters_is_named_with_its_length_and_kept_whole(client, db):
    long_note = "Ik werk in ploegen en slaap overdag. " * 6  # 222 characters, 221 once trimmed
    response = post(client, **{**WISHES, "note": long_note}, action="preview")
    assert response.status_code == 422
    assert "Je bericht is 221 tekens lang. Houd het op 200 tekens of minder." in errors(response)
    text = response.get_data(as_text=True)
    assert f">{long_note.strip()}</textarea>" in text and '<option value="14:00" selected>' in text
    assert 'value="sofie@voorbeeld.be"' in text
    # Sent straight from a changed check page, it is refused just the same.
    assert post(client, **{**WISHES, "note": long_note}, consent="1", action="send").status_code == 422
    assert db["cases"].count == 0
    assert post(client, **{**WISHES, "note": "x" * 200}, action="preview").status_code == 200


def test_the_team_reads_the_wishes_on_the_case_page_but_no_e_mail_holds_the_note(app, client, db):
    assert send(client, **WISHES).status_code == 303
    case = only_case(db)
    mails = db.execute("SELECT kind, subject, body_text, body_html FROM outbox").fetchall()
    assert {kind for kind, *_ in mails} == {"new_case", "confirmation"}
    assert all("nachten" not in (part or "") for mail in mails for part in mail)
    team = app.test_client()
    sign_in(team, app, role="member", org_id="elp_limburg")
    page = team.get(f"/partners/dossier/{case['reference']}").get_data(as_text=True)
    # The wishes lead the case page, above the contact block and the actions.
    assert page.index('data-testid="wishes"') < page.index('id="contact-title"') < page.index('id="actions-title"')
    contact = page[page.index('data-testid="wishes"'):page.index('id="contact-title"')]
    assert ('<dd data-testid="wishes-moments">na een nachtdienst (vanaf 14:00), avond · <strong>niet vóór 14:00</strong></dd>'
            in contact)
    assert '<dd data-testid="wishes-channel">Telefoon · <strong>eerst een sms</strong></dd>' in contact
    assert f'Bericht van de persoon</dt><dd data-testid="wishes-note">{NOTE}</dd>' in contact


def test_the_case_page_says_no_preference_when_there_is_none(app, client):
    case = insert_case(app, "edpb_preventa", preferred_moments=[])
    sign_in(client, app, role="member", org_id="edpb_preventa")
    page = client.get(f"/partners/dossier/{case['reference']}").get_data(as_text=True)
    assert '<dd data-testid="wishes-moments">geen voorkeur</dd>' in page and 'data-testid="wishes-note"' not in page
    assert '<dd data-testid="wishes-channel">Telefoon</dd>' in page


def test_the_caller_reads_the_wishes_again_in_the_attempt_form(app, client):
    from screener import clock

    case = insert_case(app, "edpb_preventa", preferred_moments=["evening"], not_before="14:00", text_first=True,
                       contact={"name": "Sam", "phone": "+32470123456", "note": "ik werk nachten"})
    with app.app_context():
        act_on_case(app, case["id"], "claim", clock.now())
    sign_in(client, app, role="member", org_id="edpb_preventa")
    page = client.get(f"/partners/dossier/{case['reference']}").get_data(as_text=True)
    form = page[page.index('action="/partners/dossier/' + case["reference"] + '/poging"'):]
    form = form[:form.index("</form>")]
    assert 'data-testid="wishes-attempt"' in form
    assert "avond" in form and "niet vóór 14:00" in form and "eerst een sms" in form and "ik werk nachten" in form


def test_withdrawal_erases_the_note_with_the_contact_details(app, client, db):
    assert send(client, **WISHES).status_code == 303
    link = re.search(r'href="(/aanmelden/intrekken/[^"]+)"', client.get("/aanmelden/klaar").get_data(as_text=True)).group(1)
    token = csrf_token(client.get(link).get_data(as_text=True))
    assert client.post(link, data={"csrf_token": token}).status_code == 200
    case = only_case(db)
    assert case["contact_encrypted"] is None and stored_contact(app, case["id"]) is None
    team = app.test_client()
    sign_in(team, app, role="member", org_id="elp_limburg")
    page = team.get(f"/partners/dossier/{case['reference']}").get_data(as_text=True)
    assert "De contactgegevens zijn gewist." in page and "nachten" not in page


def test_a_referral_keeps_the_wishes_and_the_note(app, client, db):
    first = insert_case(app, "edpb_preventa", province="antwerpen", preferred_moments=["after_night_shift"],
                        not_before="15:00", text_first=True, contact={"name": "Sam", "phone": "+32470123456", "note": NOTE})
    sign_in(client, app, role="member", org_id="edpb_preventa")
    url = f"/partners/dossier/{first['reference']}"
    post_form(client, f"{url}/opnemen", {}, page=url)
    assert refer(client, first["reference"], "elp_antwerpen").status_code == 303
    child = db.execute("SELECT id, preferred_moments, not_before, text_first FROM cases WHERE parent_case_id = ?",
                       [first["id"]]).fetchone()
    assert child[1:] == ('["after_night_shift"]', "15:00", 1)
    assert stored_contact(app, child[0])["note"] == NOTE


def test_the_old_moment_keys_are_renamed_by_the_migration(tmp_path):
    config = make_config(tmp_path)
    old = connect(config["DATABASE"])
    screening_schema.migrations.apply(old)
    cases_schema.migrations.apply(old, stop_before="shift_friendly_contact_moments")
    for number, moments in enumerate(['["weekday_morning", "weekend"]', '["weekday_afternoon", "weekday_evening"]',
                                      "[]", None]):
        old["cases"].insert({"reference": f"ZS-OLD{number}", "link_token_hash": f"hash-{number}", "status": "new",
                             "step": 2, "created_at": "2026-11-23T09:00:00+00:00",
                             "due_at": "2026-11-26T09:00:00+00:00", "preferred_moments": moments})
    old.close()
    create_app(config)  # applies the pending steps at start, as a deployment does
    db = connect(config["DATABASE"])
    rows = db.execute("SELECT preferred_moments, not_before, text_first FROM cases ORDER BY reference").fetchall()
    assert rows == [('["morning", "weekend"]', None, 0), ('["afternoon", "evening"]', None, 0),
                    ("[]", None, 0), (None, None, 0)]


def test_renaming_keeps_the_order_and_drops_doubles():
    assert cases_schema.renamed_moments('["weekend", "weekday_evening", "evening"]') == '["weekend", "evening"]'
    assert cases_schema.renamed_moments(None) is None
