"""The coordinators' campaign page: roles, making a code, and the figures with the small-number rules."""
import html
import re

import pytest

from helpers import csrf_token, page_token, post_form
from partners_helpers import sign_in
from screening_helpers import RED, complete_screening
from screener.campaigns import queries
from screener.campaigns.codes import is_valid_code

from test_campaigns_tracking import app_config, poster  # noqa: F401 - the same clock and poster code

PAGE = "/rapporten/campagnes/"




def figures(page, code):
    """The four figures of a campaign's row on the page, as shown."""
    row = re.search(rf'<tr data-code="{code}">(.*?)</tr>', page, re.S).group(1)
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r'<td class="num">(.*?)</td>', row)]


def arrive_screen_and_ask(app, number, code="poster-uz-gent"):
    """One phone scans the QR code, completes the screener and asks for help."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = f"Mozilla/5.0 (Linux; Android 14; Phone {number}) Mobile"
    client.get(f"/c/{code}")
    complete_screening(client, RED)
    data = {"name": "Sofie", "phone": "0470 12 34 56", "choice": "region", "province": "limburg",
            "csrf_token": page_token(client, "/aanmelden"), "consent": "1", "action": "send"}
    assert client.post("/aanmelden", data=data).status_code == 303


def test_anonymous_visitors_are_sent_to_sign_in(client, db, poster):
    for url in (PAGE, f"{PAGE}poster-uz-gent.svg"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/partners/inloggen")
    token = page_token(client, "/partners/inloggen")
    response = client.post(PAGE, data={"csrf_token": token, "label": "x", "kind": "poster", "code": "nieuw-x"})
    assert response.status_code == 302 and not queries.code_exists(db, "nieuw-x")


def test_provider_team_members_get_not_found(app, client, db, poster):
    sign_in(client, app, role="member")
    assert client.get(PAGE).status_code == 404
    assert client.get(f"{PAGE}poster-uz-gent.svg").status_code == 404
    token = csrf_token(client.get("/partners/").get_data(as_text=True))
    response = client.post(PAGE, data={"csrf_token": token, "label": "x", "kind": "poster", "code": "nieuw-x"})
    assert response.status_code == 404 and not queries.code_exists(db, "nieuw-x")


def test_a_coordinator_makes_a_code_from_the_suggestion(app, client, db):
    sign_in(client, app)
    page = client.get(PAGE)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    suggested = re.search(r'id="code" name="code" maxlength="32" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    assert is_valid_code(suggested)
    response = post_form(client, PAGE, {"label": "Nieuwsbrief maart", "kind": "newsletter", "code": suggested})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#campagne-{suggested}")
    shown = client.get(PAGE).get_data(as_text=True)
    assert f"http://127.0.0.1/c/{suggested}" in shown and "Nieuwsbrief maart" in shown and "<svg" in shown
    svg = client.get(f"{PAGE}{suggested}.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data


@pytest.mark.parametrize("fields, message", [
    ({"label": "Poster", "kind": "poster", "code": "Met Spaties!"}, "3 tot 32 tekens"),
    ({"label": "", "kind": "poster", "code": "goede-code"}, "Geef de campagne een naam"),
    ({"label": "Poster", "kind": "billboard", "code": "goede-code"}, "Kies een soort uit de lijst"),
    ({"label": "Dubbel", "kind": "poster", "code": "poster-uz-gent"}, "Deze code bestaat al"),
])
def test_a_wrong_code_gets_a_dutch_message_and_keeps_what_was_typed(app, client, db, poster, fields, message):
    sign_in(client, app)
    response = post_form(client, PAGE, fields)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and message in page and f'value="{fields["code"]}"' in page
    assert [c["label"] for c in queries.all_codes(db)] == ["Poster UZ Gent"]


def test_from_the_qr_link_through_a_screening_and_a_request_to_the_figures(app, client, db, poster):
    arrive_screen_and_ask(app, 1)
    sign_in(client, app)
    assert figures(client.get(PAGE).get_data(as_text=True), "poster-uz-gent") == ["<5", "<5", "<5", "<5"]
    for number in range(2, 6):
        arrive_screen_and_ask(app, number)
    assert figures(client.get(PAGE).get_data(as_text=True), "poster-uz-gent") == ["5", "5", "5", "5"]
    dashboard = html.unescape(client.get("/rapporten/").get_data(as_text=True))
    assert "Campagnes: wie bracht wie" in dashboard and "Poster UZ Gent (poster-uz-gent)" in dashboard
    assert "Terugkerende invullers" in dashboard
    assert "poster-uz-gent" in client.get("/rapporten/csv/campagnes.csv").get_data(as_text=True)


def test_the_annotations_of_the_campaign_days_are_shown(app, client, db, poster):
    sign_in(client, app)
    client.get("/c/poster-uz-gent")
    day = db.execute("SELECT day FROM campaign_tallies").fetchone()[0]
    post_form(client, "/rapporten/annotaties", {"dag": day, "label": "Posters opgehangen"}, page="/rapporten/")
    post_form(client, "/rapporten/annotaties", {"dag": "2026-01-05", "label": "Andere dag"}, page="/rapporten/")
    page = client.get(PAGE).get_data(as_text=True)
    assert f"{day}: Posters opgehangen" in page and "Andere dag" not in page


def test_the_returning_answers_show_on_the_dashboard_with_small_numbers_hidden(app, client, db):
    for number, answer in enumerate(["ja"] * 5 + ["nee"]):
        visitor = app.test_client()
        visitor.environ_base["HTTP_USER_AGENT"] = f"Mozilla/5.0 (Phone {number}) Mobile"
        complete_screening(visitor, RED, {"eerder_ingevuld": answer})
    sign_in(client, app)
    page = html.unescape(client.get("/rapporten/").get_data(as_text=True))
    block = page[page.index('id="blok-terugkerend"'):]
    block = block[:block.index("</section>")]
    assert re.search(r"Ja, al eens ingevuld</th><td[^>]*>5<", block)
    assert re.search(r"Nee, de eerste keer</th><td[^>]*><5<", block)
