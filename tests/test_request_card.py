"""The short request card on the result, and "call me today" after a positive safety answer (HTTP level)."""
import re
from datetime import datetime, timezone

import pytest

from screener import crypto

import screening_helpers
from helpers import make_config, page_token

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)  # Monday 11:00 in Brussels
HX = {"HX-Request": "true"}
PROFILE = {"sector": "hospital", "gender": "vrouw", "province": "antwerpen"}


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, CLOCK=lambda: NOW)


def hold(db, client, band="red", crisis=0, status="completed", profile=PROFILE):
    """This test browser holds a screening (completed by default) with the screener's optional profile."""
    row = screening_helpers.add_screening(db, "scr-card-1", "2026-11-23", status=status, band=band, crisis=crisis)
    screening_helpers.keep_in_session(client, row["id"], profile)
    return row


def send_card(client, headers=None, page="/screener/resultaat", **data):
    data.setdefault("csrf_token", page_token(client, page))
    return client.post("/aanmelden/kaart", data=data, headers=headers or {})


def errors(response):
    return re.findall(r'class="(?:field|form)-error"[^>]*>([^<]*)<', response.get_data(as_text=True))


def only_case(app, db):
    [case] = db["cases"].rows
    with app.app_context():
        return case, crypto.decrypt(case["contact_encrypted"])


def test_the_red_result_shows_the_card_with_who_and_by_when(client, db):
    screening_helpers.complete_screening(client, screening_helpers.RED, PROFILE)
    html = client.get("/screener/resultaat").get_data(as_text=True)
    card = html[html.index('id="card"'):]
    # Choose for me on a red result: the quickest route, the psychologists of the province from "about you".
    assert "Netwerk Eerstelijnspsychologen Antwerpen" in card and "Binnen 1 werkdag" in card
    assert 'name="province" value="antwerpen"' in card and "Waar werk je?" not in card
    assert card.index('name="name"') < card.index('name="reach"') < card.index('name="choice"') < card.index('name="consent"')


def test_with_javascript_the_card_sends_at_once(app, client, db):
    hold(db, client)
    response = send_card(client, HX, name="Sofie", reach="0470 12 34 56", choice="auto", province="antwerpen",
                         language="nl", consent="1", action="preview")
    assert response.status_code == 200 and response.headers["HX-Redirect"] == "/aanmelden/klaar"
    case, contact = only_case(app, db)
    assert contact == {"name": "Sofie", "phone": "+32470123456"}
    assert (case["provider_id"], case["step"], case["urgent"], case["preferred_channel"]) == ("elp_antwerpen", 2, 1, "phone")
    assert case["province"] == "antwerpen" and case["screening_id"] is None and case["safety_concern"] == 0
    assert "Netwerk Eerstelijnspsychologen Antwerpen" in client.get("/aanmelden/klaar").get_data(as_text=True)


def test_without_javascript_one_check_screen_follows_then_it_is_sent(app, client, db):
    hold(db, client, band="orange")
    response = send_card(client, name="Jan", reach="jan@example.be", choice="employer", employer="edpb_werkwel",
                         province="antwerpen", language="nl", consent="1", action="preview")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and db["cases"].count == 0
    assert "Kijk na en verstuur" in text and "WerkWel Preventiedienst" in text and "jan@example.be" in text
    assert 'action="/aanmelden/kaart"' in text
    # The check page carries everything; pressing send stores it.
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', text))
    fields.update(consent="1", action="send", csrf_token=page_token(client, "/screener/resultaat"))
    response = client.post("/aanmelden/kaart", data=fields)
    assert response.status_code == 303 and response.headers["Location"] == "/aanmelden/klaar"
    case, contact = only_case(app, db)
    assert contact == {"name": "Jan", "email": "jan@example.be"} and case["preferred_channel"] == "email"
    assert (case["provider_id"], case["step"], case["urgent"]) == ("edpb_werkwel", 1, 0)


def test_a_card_with_problems_names_them_in_dutch_and_keeps_what_was_typed(client, db):
    hold(db, client)
    response = send_card(client, HX, name="Sofie", reach="0470 12", choice="auto", province="antwerpen")
    assert response.status_code == 422 and db["cases"].count == 0
    found = " ".join(errors(response))
    assert "Dit telefoonnummer lijkt niet te kloppen" in found and "Vink aan dat je akkoord gaat" in found
    html = response.get_data(as_text=True)
    assert 'value="Sofie"' in html and 'value="0470 12"' in html and 'id="card"' in html
    response = send_card(client, HX, name="", reach="", consent="1")
    found = " ".join(errors(response))
    assert "Vul een voornaam" in found and "Vul je gsm-nummer of je e-mailadres in" in found
    assert "Geef een telefoonnummer" not in found  # one message for the one field


def test_not_knowing_the_employers_service_is_a_valid_choice(app, client, db):
    hold(db, client, band="orange", profile={"province": "limburg"})
    response = send_card(client, HX, name="Ann", reach="0470 12 34 56", choice="employer", employer="",
                         province="limburg", consent="1")
    assert response.status_code == 200 and response.headers["HX-Redirect"] == "/aanmelden/klaar"
    case, _contact = only_case(app, db)
    assert (case["choice"], case["provider_id"], case["step"]) == ("employer", "elp_limburg", 2)


def test_without_a_province_the_card_still_sends_and_the_coordinators_find_someone(app, client, db):
    screening_helpers.complete_screening(client, screening_helpers.ORANGE)
    html = client.get("/screener/resultaat").get_data(as_text=True)
    assert "Waar werk je? (niet verplicht)" in html and "Het ZorgSamen-team" in html
    response = send_card(client, HX, name="Ann", reach="0470 12 34 56", choice="region", consent="1")
    assert response.status_code == 200
    case, _contact = only_case(app, db)
    assert case["provider_id"] is None and case["province"] is None


def test_the_card_says_who_for_each_choice_as_it_is_made(client, db):
    hold(db, client)
    token = page_token(client, "/screener/resultaat")

    def who(**data):
        response = client.post("/aanmelden/kaart/wie", data=data, headers={**HX, "X-CSRFToken": token})
        assert response.status_code == 200
        return response.get_data(as_text=True)

    assert "Netwerk Eerstelijnspsychologen Antwerpen" in who(choice="auto", province="antwerpen")
    employer = who(choice="employer", employer="edpb_preventa", province="antwerpen")
    assert "Preventa Externe Dienst" in employer and "Binnen 1 werkdag" in employer
    assert "Het ZorgSamen-team" in who(choice="region", province="")
    assert db["cases"].count == 0


def test_call_me_today_after_a_positive_safety_answer(app, client, db):
    # Mid-screener: the run is still going, its safety answer was positive.
    hold(db, client, band=None, crisis=1, status="in_progress", profile={})
    page = client.get("/aanmelden/vandaag")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "We bellen je vandaag nog" in html and 'href="tel:1813"' in html
    assert "Vandaag nog" in html and "maandag 23 november 2026 17:00" in html
    assert "dacht aan de dood of aan jezelf pijn doen" in html  # the consent says the team will know
    response = send_card(client, HX, page="/aanmelden/vandaag", name="Lien", reach="0470 12 34 56", choice="auto",
                         province="limburg", today="1", consent="1")
    assert response.status_code == 200 and response.headers["HX-Redirect"] == "/aanmelden/klaar"
    case, _contact = only_case(app, db)
    assert case["urgent"] == 1 and case["safety_concern"] == 1 and case["screening_id"] is None
    assert case["due_at"] == "2026-11-23T16:00:00+00:00"  # 17:00 in Brussels, the same day
    # The team learns it on the case page after signing in, never from an e-mail.
    [mail] = db["outbox"].rows
    assert "dood" not in mail["body_text"] + (mail["body_html"] or "") + mail["subject"] and case["reference"] in mail["subject"]
    done = client.get("/aanmelden/klaar").get_data(as_text=True)
    assert "Verder met de vragen" in done


def test_today_counts_only_after_a_positive_safety_answer(app, client, db):
    hold(db, client, band="orange", crisis=0)
    page = client.get("/aanmelden/vandaag").get_data(as_text=True)
    assert "<title>Vraag om gebeld te worden" in page and "Vandaag nog" not in page
    response = send_card(client, HX, name="Lien", reach="0470 12 34 56", choice="region", province="limburg",
                         today="1", consent="1")
    assert response.status_code == 200
    case, _contact = only_case(app, db)
    assert case["urgent"] == 0 and case["safety_concern"] == 0 and case["due_at"] > "2026-11-24"


def test_a_completed_crisis_result_tells_the_team_even_without_shared_results(app, client, db, ):
    hold(db, client, band="orange", crisis=1)
    send_card(client, HX, name="Lien", reach="0470 12 34 56", choice="auto", province="limburg", consent="1")
    case, _contact = only_case(app, db)
    assert case["safety_concern"] == 1 and case["share_results"] == 0 and case["urgent"] == 1


def test_the_confirmation_can_be_kept_without_javascript(app, client, db):
    assert client.get("/aanmelden/klaar/bewaren").status_code == 302  # nothing sent from this browser
    hold(db, client)
    send_card(client, HX, name="Sofie", reach="0470 12 34 56", choice="auto", province="antwerpen", consent="1")
    done = client.get("/aanmelden/klaar").get_data(as_text=True)
    assert 'href="/aanmelden/klaar/bewaren"' in done
    response = client.get("/aanmelden/klaar/bewaren")
    text = response.get_data(as_text=True)
    [case] = db["cases"].rows
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="zorgsamen-{case["reference"]}.txt"'
    assert case["reference"] in text and "Netwerk Eerstelijnspsychologen Antwerpen" in text and "1813" in text
    assert re.search(r"https?://\S+/aanmelden/intrekken/[A-Za-z0-9_-]{40,}", text)
    assert "Sofie" not in text and "470" not in text
