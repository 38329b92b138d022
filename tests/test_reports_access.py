"""Only coordinators reach the reports; annotations are checked, kept and removable."""
import html
import re
from datetime import datetime, timezone

import pytest

from helpers import MovableClock, csrf_token, make_config
from partners_helpers import sign_in

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
PAGES = ["/rapporten/", "/rapporten/?periode=jaar", "/rapporten/verslag", "/rapporten/csv/trechter.csv"]


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, CLOCK=MovableClock(NOW))


def test_anonymous_visitors_are_sent_to_sign_in(app, client, db):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/partners/inloggen")
    token = csrf_token(client.get("/partners/inloggen").get_data(as_text=True))
    response = client.post("/rapporten/annotaties", data={"csrf_token": token, "dag": "2026-03-02", "label": "x"})
    assert response.status_code == 302 and db["annotations"].count == 0


def test_provider_team_members_get_not_found(app, client, db):
    sign_in(client, app, role="member")
    for url in PAGES:
        assert client.get(url).status_code == 404
    token = csrf_token(client.get("/partners/").get_data(as_text=True))
    assert client.post("/rapporten/annotaties", data={"csrf_token": token, "dag": "2026-03-02", "label": "x"}).status_code == 404
    assert db["annotations"].count == 0


def test_coordinators_see_every_report_never_cached(app, client):
    sign_in(client, app)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    csv = client.get("/rapporten/csv/trechter.csv")
    assert csv.headers["Content-Disposition"].startswith('attachment; filename="zorgsamen-trechter-2026-02-19-2026-03-20.csv"')
    printable = client.get("/rapporten/verslag?periode=7").get_data(as_text=True)
    assert "Verslag ZorgSamen" in printable and "<details" not in printable and "data-print" in printable


def test_a_bad_choice_gets_a_dutch_message_not_an_error(app, client):
    sign_in(client, app)
    response = client.get("/rapporten/?van=2026-03-10&tot=2026-03-01")
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "De einddatum ligt voor de begindatum." in text
    assert "Je ziet nu de laatste 30 dagen." in text and 'data-table="trechter"' in text  # the form is right there
    assert 'name="van" value="2026-03-10"' in text and 'name="tot" value="2026-03-01"' in text  # as typed
    response = client.get("/rapporten/csv/trechter.csv?van=2026-03-10&tot=2026-03-01")
    assert response.status_code == 400 and "De einddatum ligt voor de begindatum." in response.get_data(as_text=True)
    response = client.get("/rapporten/?per=uur")
    assert response.status_code == 400 and "Kies per dag, per week of per maand." in response.get_data(as_text=True)
    response = client.get("/rapporten/csv/bestaat-niet.csv")
    assert response.status_code == 404 and "Deze tabel bestaat niet." in response.get_data(as_text=True)


def test_annotations_are_added_shown_on_series_and_removed(app, client, db):
    user = sign_in(client, app)
    page = client.get("/rapporten/?periode=30").get_data(as_text=True)
    token = csrf_token(page)
    response = client.post("/rapporten/annotaties?periode=30", data={"csrf_token": token, "dag": "2026-03-02",
                                                                     "label": "Nieuwsbrief verstuurd"})
    assert response.status_code == 303 and response.headers["Location"] == "/rapporten/?periode=30#annotaties"
    rows = db.execute("SELECT id, day, label, created_by FROM annotations").fetchall()
    assert [r[1:] for r in rows] == [("2026-03-02", "Nieuwsbrief verstuurd", user["id"])]
    page = client.get("/rapporten/?periode=30").get_data(as_text=True)
    assert page.count("Nieuwsbrief verstuurd") >= 3  # the list, and the campaign column of both time series
    response = client.post(f"/rapporten/annotaties/{rows[0][0]}/verwijderen?periode=30", data={"csrf_token": token})
    assert response.status_code == 303 and db["annotations"].count == 0
    response = client.post(f"/rapporten/annotaties/{rows[0][0]}/verwijderen", data={"csrf_token": token})
    assert response.status_code == 404 and "Deze notitie bestaat niet (meer)." in response.get_data(as_text=True)


def test_a_wrong_annotation_comes_back_with_what_was_typed(app, client, db):
    sign_in(client, app)
    token = csrf_token(client.get("/rapporten/").get_data(as_text=True))
    response = client.post("/rapporten/annotaties", data={"csrf_token": token, "dag": "2 maart", "label": "Webinar"})
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "Kies een geldige datum, zoals 2026-03-01." in text
    assert 'value="Webinar"' in text and 'value="2 maart"' in text and db["annotations"].count == 0


def test_a_preset_after_choosing_per_day_shows_that_preset(app, client, db):
    sign_in(client, app)
    db["screenings"].insert({"id": "old", "day": "2024-06-01", "status": "abandoned"})
    db.conn.commit()
    page = client.get("/rapporten/?van=2026-03-01&tot=2026-03-20&per=dag").get_data(as_text=True)
    everything = re.search(r'<a class="button[^"]*" href="([^"]+)"[^>]*>Alles</a>', page).group(1)
    response = client.get(html.unescape(everything))
    text = response.get_data(as_text=True)
    # Almost two years cannot be shown per day: the server picks the granularity, the range stays.
    assert response.status_code == 200 and "Van 01-06-2024 tot 20-03-2026, per maand." in text


def test_each_wrong_annotation_field_gets_one_dutch_message(app, client, db):
    sign_in(client, app)
    token = csrf_token(client.get("/rapporten/").get_data(as_text=True))
    label = "Webinar over zelfzorg " * 4
    response = client.post("/rapporten/annotaties", data={"csrf_token": token, "dag": "2019-12-31", "label": label})
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and db["annotations"].count == 0
    messages = re.findall(r'class="field-error" id="(\w+)-error">([^<]*)<', text)
    assert messages == [("dag", "Kies een datum vanaf 2020."), ("label", "Houd het kort: hoogstens 80 tekens.")]
    assert 'value="2019-12-31"' in text and f'value="{label}"' in text
