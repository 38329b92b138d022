""""Niet nu" on a result without JavaScript and with htmx: the calendar reminder, the private link back,
"Wat houdt je tegen?" counted once per result, and the result as a PDF."""
import io
import json
import re
import zlib
from datetime import datetime

import pytest
import yaml
from icalendar import Calendar

from helpers import make_config, page_token
from screener import create_app
from screener.clock import BRUSSELS
from screener.content import ContentErrors
from screener.ops import logs
from screener.screening.content import DEFAULT_FILE

HX = {"HX-Request": "true"}
GREEN = [0, 0, 0, 0, 0, 5, 4, 4, 5, 4, 0, 3]
ORANGE = [1, 1, 1, 1, 0, 3, 3, 3, 3, 3, 0, 3]  # PHQ-4 4, WHO-5 60
RED = [3, 3, 3, 3, 0, 1, 1, 1, 1, 1, 3, 0]  # PHQ-4 12, no safety answer
CRISIS = [3, 2, 3, 3, 1, 1, 0, 1, 0, 1, 3, 0]  # red with a safety answer
TITLES = {"orange": "Je draagt nu best veel", "red": "Het is nu echt zwaar voor je"}


@pytest.fixture
def app_config(clocked_config):
    return clocked_config  # Monday 23 November 2026, 10:00 in Brussels; the test moves it


def finish(client, answers):
    """Run through the screener as a browser without JavaScript; returns the CSRF token of its pages."""
    token = page_token(client, "/screener")
    client.post("/screener/start", data={"csrf_token": token})
    for number, value in enumerate(answers, 1):
        assert client.post(f"/screener/vraag/{number}", data={"csrf_token": token, "answer": str(value)}).status_code == 303
    assert client.post("/screener/over-jou", data={"csrf_token": token}).headers["Location"] == "/screener/resultaat"
    return token


def main_text(response):
    html = response.get_data(as_text=True)
    html = html.split('<main id="main" tabindex="-1">', 1)[-1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def tallies(db):
    return db.execute("SELECT day, band, answer, count FROM barrier_tallies ORDER BY 1, 2, 3").fetchall()


# --- the calendar reminder --------------------------------------------------------------------

def test_the_reminder_is_one_calm_event_at_ten_belgian_time_without_scores(client, db):
    finish(client, RED)
    page = client.get("/screener/resultaat").get_data(as_text=True)
    for when in ("morgen", "over-3-dagen", "over-een-week"):
        assert f'href="/screener/herinnering/{when}.ics"' in page
    before = db.execute("SELECT COUNT(*) FROM screening_tallies").fetchone()[0]

    for when, day in (("morgen", 24), ("over-3-dagen", 26), ("over-een-week", 30)):
        response = client.get(f"/screener/herinnering/{when}.ics")
        assert response.status_code == 200
        assert response.mimetype == "text/calendar"
        assert response.headers["Content-Disposition"].startswith("attachment")
        calendar = Calendar.from_ical(response.data)
        events = calendar.walk("VEVENT")
        assert len(events) == 1
        event = events[0]
        assert event.decoded("dtstart").astimezone(BRUSSELS) == datetime(2026, 11, day, 10, 0, tzinfo=BRUSSELS)
        assert str(event["summary"]) == "Even aan mezelf denken"
        assert "http://127.0.0.1/" in str(event["description"])
        text = response.get_data(as_text=True)
        for score_word in ("PHQ", "WHO", "/ 12", "/ 100", TITLES["red"], "Rood", "ernstige"):
            assert score_word not in text
    assert db.execute("SELECT COUNT(*) FROM screening_tallies").fetchone()[0] == before  # nothing stored


def test_an_unknown_reminder_choice_gets_a_dutch_404(client):
    response = client.get("/screener/herinnering/volgend-jaar.ics")
    assert response.status_code == 404
    assert "Kies morgen, over 3 dagen of over een week" in main_text(response)


# --- the private link back ----------------------------------------------------------------------

def private_link(client):
    response = client.get("/screener/resultaat/link")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    text = main_text(response)
    assert "iedereen met deze link ziet je resultaat" in text
    link = re.search(r'id="keep-link"[^>]*value="([^"]+)"', response.get_data(as_text=True)).group(1)
    assert link.startswith("http://127.0.0.1/screener/terug/")
    return link.removeprefix("http://127.0.0.1")


def test_the_private_link_shows_the_result_in_a_fresh_browser_for_14_days(app, client, clock, db):
    finish(client, RED)
    screening_id = db.execute("SELECT id FROM screenings").fetchone()[0]
    path = private_link(client)
    assert screening_id not in path

    clock.advance(days=14, minutes=-1)
    other = app.test_client()  # another phone: no session, no cookie
    response = other.get(path)
    assert response.status_code == 303 and response.headers["Location"] == "/screener/resultaat"
    result = other.get("/screener/resultaat")
    assert result.status_code == 200 and TITLES["red"] in main_text(result)

    clock.advance(minutes=2)
    late = app.test_client().get(path)
    assert late.status_code == 410
    assert "Deze link is verlopen" in main_text(late) and "Opnieuw beginnen" in main_text(late)
    assert app.test_client().get("/screener/resultaat").headers["Location"] == "/screener"


@pytest.mark.parametrize("token", ["abc", "gAAAAABnot-a-real-token", "x" * 120])
def test_a_garbled_link_gets_a_dutch_404_with_a_way_to_start_over(client, token):
    response = client.get(f"/screener/terug/{token}")
    assert response.status_code == 404
    text = main_text(response)
    assert "We vinden dit resultaat niet terug" in text and "Opnieuw beginnen" in text


def test_the_link_needs_a_result_and_its_token_never_reaches_the_log(app, client):
    assert client.get("/screener/resultaat/link").headers["Location"] == "/screener"
    finish(client, ORANGE)
    path = private_link(client)
    token = path.rsplit("/", 1)[1]
    stream = io.StringIO()
    logs.configure(stream=stream)  # the JSON lines production writes
    try:
        other = app.test_client()
        other.get(path)
        other.get("/screener/resultaat", headers={"Referer": "http://127.0.0.1" + path})
    finally:
        logs.configure(stream=io.StringIO())
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    routes = [line["route"] for line in lines if line["logger"] == "screener.request"]
    assert routes == ["/screener/terug/<token>", "/screener/resultaat"]  # route patterns, not addresses
    assert token not in stream.getvalue()


# --- "Wat houdt je tegen?" ---------------------------------------------------------------------------

def test_a_barrier_answer_is_counted_once_per_result_and_its_reply_shown(app, client, db):
    token = finish(client, ORANGE)
    assert "Wat houdt je tegen?" in main_text(client.get("/screener/resultaat"))

    # Without JavaScript: the whole result page, with the reply and the way to ask for a call.
    response = client.post("/screener/resultaat/drempel", data={"csrf_token": token, "answer": "employer"})
    assert response.status_code == 200
    text = main_text(response)
    # The reply sends the worker to the request card, which stays above on the same page.
    assert TITLES["orange"] in text and "Vraag toch om een gesprek" in text and 'href="#card"' in response.get_data(as_text=True)
    assert 'id="card"' in response.get_data(as_text=True)
    assert "Kies je een psycholoog buiten je werk, dan hoort je werkgever er niets van" in text
    assert 'value="employer" class="button notnow-answer notnow-answer--chosen" aria-pressed="true"' in response.get_data(as_text=True)
    assert tallies(db) == [("2026-11-23", "orange", "employer", 1)]

    # With htmx: only the panel; a second tap shows its own reply and is not counted again.
    response = client.post("/screener/resultaat/drempel", data={"answer": "time"}, headers={**HX, "X-CSRFToken": token})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in fragment
    assert fragment.lstrip().startswith('<form class="notnow-part notnow-barrier" id="drempel"')
    assert "na je nachtdienst" in fragment and "data-focus" in fragment
    assert tallies(db) == [("2026-11-23", "orange", "employer", 1)]

    # Another worker's result, the same day and answer: the same count goes up; nothing names a screening.
    other = app.test_client()
    other_token = finish(other, ORANGE)
    other.post("/screener/resultaat/drempel", data={"csrf_token": other_token, "answer": "employer"})
    assert tallies(db) == [("2026-11-23", "orange", "employer", 2)]
    columns = [c[1] for c in db.execute("PRAGMA table_info(barrier_tallies)").fetchall()]
    assert columns == ["day", "band", "answer", "count"]
    stored = db.execute("SELECT * FROM screenings").fetchall()
    assert not [row for row in stored if "employer" in map(str, row)]


def test_a_crisis_result_is_counted_under_crisis_and_something_else_points_to_1813(client, db):
    token = finish(client, CRISIS)
    response = client.post("/screener/resultaat/drempel", data={"csrf_token": token, "answer": "other"})
    assert response.status_code == 200 and 'href="tel:1813"' in response.get_data(as_text=True)
    assert tallies(db) == [("2026-11-23", "crisis", "other", 1)]


@pytest.mark.parametrize("answer, message", [
    ("boss", "Dit antwoord kennen we niet"), ("", "Kies een van de antwoorden hieronder"),
    ("employer'; DROP TABLE barrier_tallies; --", "Dit antwoord kennen we niet")])
def test_an_unknown_or_missing_answer_gets_422_in_dutch_and_counts_nothing(client, db, answer, message):
    token = finish(client, RED)
    page = client.post("/screener/resultaat/drempel", data={"csrf_token": token, "answer": answer})
    assert page.status_code == 422 and message in main_text(page) and TITLES["red"] in main_text(page)
    fragment = client.post("/screener/resultaat/drempel", data={"answer": answer}, headers={**HX, "X-CSRFToken": token})
    assert fragment.status_code == 422 and message in fragment.get_data(as_text=True)
    assert 'id="drempel-error" tabindex="-1" data-focus' in fragment.get_data(as_text=True)
    assert tallies(db) == []


def test_an_answer_without_a_valid_form_token_is_not_counted(client, db):
    finish(client, RED)
    response = client.post("/screener/resultaat/drempel", data={"answer": "cost"})
    assert response.status_code == 400 and "Kies je antwoord nog eens" in main_text(response)
    assert tallies(db) == []


def test_green_results_are_not_asked_and_answers_need_a_result(app, client, db):
    assert client.post("/screener/resultaat/drempel", data={"answer": "cost"}).status_code == 400  # no token
    assert client.post("/screener/resultaat/drempel", data={"answer": "cost", "csrf_token": page_token(client, "/screener")}
                       ).status_code == 410  # no result in this browser
    token = finish(client, GREEN)
    assert "Wat houdt je tegen?" not in main_text(client.get("/screener/resultaat"))
    response = client.post("/screener/resultaat/drempel", data={"csrf_token": token, "answer": "cost"})
    assert response.status_code == 404 and "hoort niet bij je resultaat" in main_text(response)
    assert tallies(db) == []


def test_the_barrier_section_of_the_content_is_checked_in_dutch(tmp_path):
    data = yaml.safe_load(DEFAULT_FILE.read_text())
    data["barriers"]["answers"][0]["reply"].pop("en")
    data["barriers"]["answers"][1]["link"] = "homepage"
    data["barriers"]["answers"][2]["key"] = "employer"
    path = tmp_path / "screener.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ContentErrors) as caught:
        create_app(make_config(tmp_path, SCREENER_CONTENT_FILE=str(path)))
    assert [str(p) for p in caught.value.errors] == [
        "screener.yml: barriers.employer: 'reply' heeft een tekst nodig in nl en en",
        "screener.yml: barriers.career: 'link' moet een van deze zijn: request, firsthelper, call_1813",
        "screener.yml: barriers.employer: deze sleutel komt twee keer voor",
    ]


# --- the result as a PDF ----------------------------------------------------------------------------

def pdf_text(data):
    """The text drawn in a PDF made with the built-in fonts: its compressed content streams, read back."""
    parts = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(stream.group(1)).decode("cp1252"))
        except zlib.error:
            continue
    return " ".join(re.findall(r"\((.*?)\) Tj", "\n".join(parts)))


def test_the_result_as_pdf_works_without_javascript_and_holds_only_the_result(client, clock):
    assert client.get("/screener/resultaat.pdf").headers["Location"] == "/screener"
    finish(client, ORANGE)
    page = client.get("/screener/resultaat").get_data(as_text=True)
    link = re.search(r'<a class="button" href="/screener/resultaat.pdf"[^>]*>([^<]+)</a>', page)
    assert link and link.group(1) == "Bewaar als pdf"  # a plain link, not hidden without JavaScript
    response = client.get("/screener/resultaat.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"%PDF")
    text = pdf_text(response.data)
    assert TITLES["orange"] in text and "Tips voor jou" in text and "1813" in text
    assert "23 november 2026" in text and "4 / 12" in text
    assert "Dit is geen diagnose" in text


def test_the_pdf_speaks_english_when_chosen(client):
    client.get("/taal/en?next=/screener")
    finish(client, RED)
    text = pdf_text(client.get("/screener/resultaat.pdf").data)
    assert "Things are really hard for you right now" in text
