"""Thank-you cards over HTTP: the form and its preview, every rule (message, limits, honeypot, blocklist),
the card page and its image, the counter, retention after 90 days."""
import html
import re

import pytest

from helpers import csrf_token, make_config, post_form
from partners_helpers import sign_in
from screener import create_app
from screener.db import connect
from screener.ops.privacy import run_retention

FORM = "/bedankkaartje/sturen"
CARD = {"design": "hart", "message": "Dankjewel dat je gisteren mijn late dienst overnam. Je bent een topper!",
        "sender_name": "An", "recipient_name": "Bram", "recipient_email": "bram@example.be"}
LINK = re.compile(r"http://127\.0\.0\.1/bedankkaartje/([A-Za-z0-9_-]{40,})")
BLOCK = re.compile(r"http://127\.0\.0\.1(/bedankkaartje/blokkeren/\S+)")


@pytest.fixture
def app_config(tmp_path, clock):
    return make_config(tmp_path, CLOCK=clock, CARDS_RECIPIENT_PER_DAY=2, CARDS_RECIPIENT_PER_WEEK=3,
                       CARDS_DAILY_CAP=4)


def send(client, source="198.51.100.7", **changes):
    """The preview's "send" button with this card (what the preview posts)."""
    return post_form(client, FORM, {**CARD, **changes, "action": "send"}, environ_base={"REMOTE_ADDR": source})


def preview(client, **changes):
    return post_form(client, FORM, {**CARD, **changes, "action": "preview"})


def text(response):
    return html.unescape(response.get_data(as_text=True))


def card_mails(db):
    return db.execute("SELECT subject, body_text, body_html, to_addr, to_encrypted FROM outbox WHERE kind = 'card'"
                      " ORDER BY id").fetchall()


def counts(db):
    return db["cards"].count, len(card_mails(db))


def test_the_preview_shows_the_card_and_sending_stores_it_and_mails_only_a_link(client, db):
    shown = preview(client)
    assert shown.status_code == 200 and "Zo ziet je kaartje eruit" in text(shown)
    assert CARD["message"] in text(shown) and "Voor Bram" in text(shown) and "Van An" in text(shown)
    assert counts(db) == (0, 0)  # a preview sends nothing

    sent = send(client)
    assert sent.status_code == 303 and sent.headers["Location"] == "/bedankkaartje/verstuurd"
    assert "Je kaartje is onderweg" in text(client.get(sent.headers["Location"]))
    [(subject, body, body_html, to_addr, encrypted)] = card_mails(db)
    assert subject == "An stuurt je een bedankkaartje"
    assert CARD["message"][:20] not in body + body_html  # the message stays on the site
    assert encrypted == 1 and "bram" not in to_addr  # the address waits encrypted in the outbox
    assert "bram@example.be" not in str(list(db["cards"].rows))  # the card keeps only a keyed hash
    assert "Ik wil geen kaartjes meer ontvangen" in body and BLOCK.search(body)

    card = client.get(f"/bedankkaartje/{LINK.search(body).group(1)}")
    assert card.status_code == 200 and CARD["message"] in text(card)
    assert card.headers["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex, nofollow">' in card.get_data(as_text=True)
    assert 'alt="Een rood hart' in text(card) and "Bewaar als afbeelding" in text(card)


def test_without_a_sender_name_the_card_comes_from_a_colleague(client, db):
    assert send(client, sender_name="").status_code == 303
    [(subject, body, *_)] = card_mails(db)
    assert subject == "Een collega stuurt je een bedankkaartje"
    assert "Van een collega" in text(client.get(f"/bedankkaartje/{LINK.search(body).group(1)}"))


@pytest.mark.parametrize("message,problem", [
    ("Kijk eens op https://voorbeeld.test/x", "Een link of webadres mag niet"),
    ("Ga naar www.voorbeeld.com", "Een link of webadres mag niet"),
    ("Meer op gratis-prijs.be, echt waar", "Een link of webadres mag niet"),
    ("Mail me op an.peeters@voorbeeld.be", "Een e-mailadres mag niet"),
    ("Mail me op an (at) voorbeeld.be", "Een e-mailadres mag niet"),
])
def test_a_message_with_a_link_or_an_address_is_refused_and_kept(client, db, message, problem):
    for response in (preview(client, message=message), send(client, message=message)):
        assert response.status_code == 422
        assert problem in text(response) and f">{message}</textarea>" in text(response)
    assert counts(db) == (0, 0)


def test_names_with_a_link_are_refused_too_since_they_go_into_the_email(client, db):
    response = send(client, sender_name="win-geld.com")
    assert response.status_code == 422 and "Een link of webadres mag niet" in text(response)
    assert counts(db) == (0, 0)


def test_a_message_is_at_most_300_characters_and_the_length_is_named(client, db):
    assert preview(client, message="a" * 300).status_code == 200
    response = send(client, message="a" * 301)
    assert response.status_code == 422
    assert "Je bericht is 301 tekens lang. Houd het op 300 tekens of minder." in text(response)
    assert "a" * 301 in text(response) and counts(db) == (0, 0)


def test_missing_and_wrong_fields_get_a_dutch_message_each(client, db):
    response = send(client, design="kat", message="", recipient_name="", recipient_email="bram@")
    page = text(response)
    assert response.status_code == 422
    for problem in ("Kies een ontwerp voor je kaartje.", "Schrijf een kort bericht voor je collega.",
                    "Vul de voornaam van je collega in.", "Dit e-mailadres lijkt niet te kloppen."):
        assert problem in page
    assert counts(db) == (0, 0)


def test_the_honeypot_answers_as_if_sent_but_nothing_is_stored_or_mailed(client, db):
    robot = send(client, website="http://spam.example")
    human = send(client)
    assert robot.status_code == human.status_code == 303
    assert robot.headers["Location"] == human.headers["Location"]
    assert counts(db) == (1, 1)  # the human's card only


def test_the_recipient_blocks_further_cards_with_the_link_in_the_email(client, db):
    send(client)
    [(_, body, *_)] = card_mails(db)
    block_url = BLOCK.search(body).group(1)
    page = client.get(block_url)  # a mail scanner opening the link blocks nothing
    assert page.status_code == 200 and page.headers["X-Robots-Tag"].startswith("noindex")
    assert db["card_blocks"].count == 0
    done = post_form(client, block_url, {})
    assert done.status_code == 200 and "Je krijgt geen kaartjes meer" in text(done)
    [blocked] = db["card_blocks"].rows
    assert "bram" not in str(blocked)  # a keyed hash only

    again = send(client, recipient_email="Bram@Example.be", source="203.0.113.9")
    assert again.status_code == 303 and again.headers["Location"] == "/bedankkaartje/verstuurd"  # looks sent
    assert counts(db) == (1, 1)  # nothing stored, nothing mailed
    assert send(client, recipient_email="cleo@example.be").status_code == 303
    assert counts(db) == (2, 2)  # others still get cards


def test_a_block_link_that_is_not_ours_is_not_found(client, db):
    assert client.get("/bedankkaartje/blokkeren/eyJ4IjoxfQ.vals").status_code == 404
    assert db["card_blocks"].count == 0


def test_one_recipient_gets_at_most_two_a_day_and_three_a_week(client, db, clock):
    assert [send(client).status_code for _ in range(2)] == [303, 303]
    third = send(client, message="Nog eens bedankt!")
    assert third.status_code == 429
    assert "Deze collega kreeg de laatste dagen al veel kaartjes" in text(third)
    assert "Nog eens bedankt!" in text(third) and "Verstuur het kaartje" in text(third)  # nothing lost
    assert send(client, recipient_email="cleo@example.be").status_code == 303  # another colleague: fine
    clock.advance(days=1, minutes=1)
    assert send(client).status_code == 303  # a new day, third this week
    assert send(client).status_code == 429  # the week's limit
    clock.advance(days=6)
    assert send(client).status_code == 303
    assert db["cards"].count == 5


def test_the_daily_cap_counts_the_cards_of_every_worker_in_the_database(app, client, db, clock, tmp_path):
    # A second app on the same database file stands in for a second gunicorn worker.
    other = create_app(make_config(tmp_path, CLOCK=clock, CARDS_DAILY_CAP=4)).test_client()
    statuses = [send(c, recipient_email=f"collega{n}@example.be").status_code
                for n, c in enumerate([client, other, client, other])]
    assert statuses == [303] * 4
    for c in (client, other):
        refused = send(c, recipient_email="nog-iemand@example.be")
        assert refused.status_code == 429
        assert "Vandaag zijn er al heel veel kaartjes verstuurd. Probeer het morgen opnieuw." in text(refused)
    clock.advance(days=1)  # a new Belgian day
    assert send(other, recipient_email="nog-iemand@example.be").status_code == 303


@pytest.fixture
def limited(tmp_path, clock):
    return create_app(make_config(tmp_path, CLOCK=clock, RATELIMIT_ENABLED=True, CARDS_SENDER_LIMIT="2 per hour"))


def test_one_sender_sends_at_most_their_limit_and_keeps_their_card(limited, clock):
    # No `app` fixture here: the limiter is shared by the apps of one process, and that app switches it off.
    client = limited.test_client()
    for n in range(5):  # previews and editing do not count
        assert preview(client, message=f"Versie {n}").status_code == 200
    assert [send(client, recipient_email=f"c{n}@example.be").status_code for n in range(2)] == [303, 303]
    refused = send(client, recipient_email="c3@example.be", message="Merci voor de soep!")
    assert refused.status_code == 429
    assert "Wacht een uurtje" in text(refused) and "Merci voor de soep!" in text(refused)
    assert send(client, recipient_email="c3@example.be", source="203.0.113.50").status_code == 303  # another sender
    clock.advance(hours=1, minutes=1)
    assert send(client, recipient_email="c3@example.be").status_code == 303
    db = connect(limited.config["DATABASE"])
    assert db["cards"].count == 4
    db.close()


def test_an_unknown_card_is_not_found_and_not_indexed(client):
    response = client.get("/bedankkaartje/" + "x" * 43)
    assert response.status_code == 404 and "Dit kaartje vinden we niet" in text(response)
    assert client.get("/bedankkaartje/" + "x" * 43 + "/kaartje.svg").status_code == 404


def test_the_card_is_saved_as_an_svg_image_made_by_the_site(client, db):
    send(client, message="Jij & ik <samen> sterk")
    [(_, body, *_)] = card_mails(db)
    image = client.get(f"/bedankkaartje/{LINK.search(body).group(1)}/kaartje.svg")
    assert image.status_code == 200 and image.mimetype == "image/svg+xml"
    assert image.headers["Content-Disposition"].startswith("attachment")
    assert image.headers["X-Robots-Tag"].startswith("noindex")
    svg = image.get_data(as_text=True)
    assert "Jij &amp; ik &lt;samen&gt; sterk" in svg and "Voor Bram" in svg and "<script" not in svg
    from xml.etree import ElementTree

    ElementTree.fromstring(svg)  # well-formed


def test_the_section_page_counts_the_cards_per_month(client, clock):
    assert "Nog geen kaartjes verstuurd" in text(client.get("/bedankkaartje"))
    send(client)
    send(client, recipient_email="cleo@example.be")
    page = text(client.get("/bedankkaartje"))
    assert "Stuur een kaartje" in page
    assert re.search(r"<th scope=\"row\">november 2026</th><td>2</td>", page)


def test_cards_and_their_addresses_go_after_90_days_and_the_counter_stays(app, client, db, clock):
    send(client)
    clock.advance(days=2)
    send(client, recipient_email="cleo@example.be")
    [(_, old_body, *_), _] = card_mails(db)
    old_link = f"/bedankkaartje/{LINK.search(old_body).group(1)}"
    clock.advance(days=89)  # the first card is 91 days old, the second 89
    with app.app_context():
        assert run_retention()["cards_deleted"] == 1
    assert client.get(old_link).status_code == 404
    assert db["cards"].count == 1
    rows = db.execute("SELECT to_addr, status FROM outbox WHERE kind = 'card' ORDER BY id").fetchall()
    assert rows[0] == ("", "cancelled") and rows[1][0] != ""  # never sent here: cancelled and erased
    assert ">2</td>" in text(client.get("/bedankkaartje"))


def test_the_coordinators_report_shows_cards_per_month(app, client, clock):
    from screener.reports.card_blocks import tables
    from screener.db import get_db
    from screener.reports.suppression import HIDDEN

    def november():
        with app.app_context():
            [table] = tables(get_db(), "2026-01-01", "2026-12-31").values()
        return table.rows

    for n in range(4):  # the daily cap of this module
        send(client, recipient_email=f"c{n}@example.be")
    assert november() == [["2026-11", HIDDEN]]  # 1 to 4 is not shown
    clock.advance(days=1)
    send(client, recipient_email="c9@example.be")
    assert november() == [["2026-11", 5]]
    sign_in(client, app)
    page = text(client.get("/rapporten/?periode=jaar"))
    assert "Bedankkaartjes verstuurd per maand" in page


def test_an_expired_form_comes_back_with_the_card_kept(client, db, clock):
    token = csrf_token(client.get(FORM).get_data(as_text=True))
    clock.advance(hours=5)  # past WTF_CSRF_TIME_LIMIT
    response = client.post(FORM, data={"csrf_token": token, **CARD, "action": "send"})
    assert response.status_code == 400 and "Je formulier was verlopen" in text(response)
    assert CARD["message"] in text(response) and counts(db) == (0, 0)


def test_the_demo_fills_the_counter_of_the_last_twelve_months(app, client, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    page = text(client.get("/bedankkaartje"))
    assert page.count('<th scope="row">') == 12 and "november 2026" in page and "december 2025" in page
