"""Which campaign brought whom: arrivals through /c/<code> or ?bron=, counted per day without cookies."""
import logging

import pytest

from helpers import page_token
from partners_helpers import sign_in
from screening_helpers import RED, complete_screening
from screener.campaigns import queries
from screener.campaigns.codes import ensure_code


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


@pytest.fixture
def poster(app, clock):
    with app.app_context():
        from screener.db import get_db

        return ensure_code(get_db(), code="poster-uz-gent", kind="poster", label="Poster UZ Gent", now=clock())


def tallies(db, code="poster-uz-gent"):
    return queries.tallies(db, "2000-01-01", "2100-01-01").get(code, {})


def browser(app, number):
    """A test client that looks like a different phone (the day's pseudonym uses the agent)."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = f"Mozilla/5.0 (Linux; Android 14; Phone {number}) Mobile"
    return client


def test_the_short_link_leads_to_the_screener_without_the_code_and_counts_the_visit(app, client, db, poster, caplog):
    with caplog.at_level(logging.INFO, logger="screener.request"):
        response = client.get("/c/poster-uz-gent")
    assert response.status_code == 302
    assert response.headers["Location"] == "/screener"
    assert "Set-Cookie" not in response.headers
    client.get("/c/POSTER-UZ-GENT")  # typed from a poster in capitals: the same visitor, counted once
    assert tallies(db) == {"visit": 1}
    logged = [r.route for r in caplog.records if hasattr(r, "route")]
    assert "/c/<code>" in logged and not any("uz-gent" in str(r.__dict__) for r in caplog.records)


def test_bron_on_any_page_is_recorded_and_leaves_the_address(client, db, poster):
    response = client.get("/privacy?bron=Poster-UZ-Gent&taal=nl")
    assert response.status_code == 302
    assert response.headers["Location"] == "/privacy?taal=nl"
    assert "Set-Cookie" not in response.headers
    assert tallies(db) == {"visit": 1}
    assert client.get("/privacy").status_code == 200


@pytest.mark.parametrize("url", ["/c/bestaat-niet", "/c/NIET GELDIG!", "/screener?bron=bestaat-niet", "/?bron=%00"])
def test_an_unknown_or_invalid_code_is_ignored_silently(client, db, poster, url):
    response = client.get(url)
    assert response.status_code == 302 and "bron" not in response.headers["Location"]
    assert queries.tallies(db, "2000-01-01", "2100-01-01") == {}
    assert db.execute("SELECT COUNT(*) FROM campaign_arrivals").fetchone()[0] == 0


def test_a_screening_and_a_request_are_counted_for_the_campaign_of_the_day(app, client, db, poster):
    client.get("/c/poster-uz-gent")
    complete_screening(client, RED, {"eerder_ingevuld": "nee"})
    data = {"name": "Sofie", "phone": "0470 12 34 56", "choice": "region", "province": "limburg",
            "csrf_token": page_token(client, "/aanmelden"), "consent": "1", "action": "send"}
    assert client.post("/aanmelden", data=data).status_code == 303
    assert tallies(db) == {"visit": 1, "screening_started": 1, "screening_completed": 1, "request": 1}
    # Nothing about the campaign is kept with the screening or the case.
    assert "poster-uz-gent" not in str(list(db["screenings"].rows)) + str(list(db["cases"].rows))


def test_a_visitor_without_a_campaign_counts_for_none(client, db, poster):
    complete_screening(client, RED)
    assert queries.tallies(db, "2000-01-01", "2100-01-01") == {}


def test_the_next_day_the_visitor_is_no_longer_attributed(app, client, db, clock, poster):
    client.get("/c/poster-uz-gent")
    clock.advance(days=1)
    complete_screening(client, RED)
    assert tallies(db) == {"visit": 1}
    assert db.execute("SELECT COUNT(*) FROM campaign_arrivals").fetchone()[0] == 0  # yesterday's arrival is gone


def test_the_worker_forgets_yesterdays_arrivals(app, client, db, clock, poster):
    from screener.campaigns.tracking import forget_old_arrivals_job

    client.get("/c/poster-uz-gent")
    clock.advance(days=1)
    with app.app_context():
        forget_old_arrivals_job(app)
    assert db.execute("SELECT COUNT(*) FROM campaign_arrivals").fetchone()[0] == 0


def test_the_returning_question_is_only_counted_per_day(app, db, clock):
    for number, answer in enumerate(["ja", "ja", "nee", "liever_niet", "", "onzin"]):
        complete_screening(browser(app, number), RED, {"eerder_ingevuld": answer})
    assert queries.returning_answers(db, "2000-01-01", "2100-01-01") == {"ja": 2, "nee": 1, "liever_niet": 1}
    assert db.execute("SELECT COUNT(*) FROM screenings WHERE status = 'completed'").fetchone()[0] == 6


def test_the_profile_screen_asks_whether_you_filled_it_in_before(client):
    complete_screening(client, RED[:-1] + [RED[-1]])  # completes; now start again and stop on the profile
    token = page_token(client, "/screener")
    client.post("/screener/start", data={"csrf_token": token})
    for number, value in enumerate(RED, 1):
        client.post(f"/screener/vraag/{number}", data={"csrf_token": token, "answer": str(value)})
    page = client.get("/screener/over-jou").get_data(as_text=True)
    assert "Heb je deze screener al eens ingevuld?" in page and 'value="liever_niet"' in page


def test_a_bot_following_the_short_link_is_not_counted(client, db, poster):
    client.environ_base["HTTP_USER_AGENT"] = "curl/8.5.0"
    assert client.get("/c/poster-uz-gent").headers["Location"] == "/screener"
    assert tallies(db) == {}
