"""The check-in behind the e-mailed link: the screener's questions, three about the help, an optional remark;
answered once, stored with the outcome against the shared screening; used or expired links get a clear 410."""
import re

import pytest

from helpers import act_on_case, insert_case, post_form
from screening_helpers import add_screening
from screener import crypto

LINK = re.compile(r"/opvolging/([A-Za-z0-9_-]+)\n")
# Calm answers: PHQ-4 items 0, safety 0, WHO-5 items 4 (WHO-5 = 80).
CALM = {"nervous": "0", "worry": "0", "interest": "0", "down": "0", "safety": "0",
        "cheerful": "4", "calm": "4", "active": "4", "rested": "4", "interesting": "4"}
ABOUT_THE_HELP = {"overall": "4", "help": "partly", "recommend": "yes"}


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def checkin_url(app, db, clock, **fields):
    """The link of the 4-week check-in of a case contacted today, as the e-mail gives it."""
    from screener.followup import sending

    case = insert_case(app, followup_consent=True, **fields)
    act_on_case(app, case["id"], "claim", clock.now)
    act_on_case(app, case["id"], "first_contact", clock.now)
    clock.advance(days=28)
    with app.app_context():
        sending.run()
    [mail] = db["outbox"].rows_where("kind = 'followup'")
    return f"/opvolging/{LINK.search(mail['body_text']).group(1)}"


def stored(db):
    return db["followup_checkins"].get(1)


def test_the_page_asks_the_screeners_questions_and_three_about_the_help(app, db, clock, client):
    page = client.get(checkin_url(app, db, clock))
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    for question in ("Hoe vaak voelde je je zenuwachtig, angstig of gespannen?", "beter dood zou zijn",
                     "Hoe was je ervaring met de hulp, alles samen?", "Kreeg je de hulp die je nodig had?",
                     "Zou je het een collega aanraden?", "Wil je nog iets kwijt?"):
        assert question in text
    assert 'id="crisis-now" class="screener-crisis" hidden' in text  # only after a positive safety answer
    assert "sliep je slecht" not in text and "gesteund door je team" not in text  # not part of a check-in


def test_an_answer_is_stored_once_with_the_outcome_against_the_shared_screening(app, db, clock, client):
    add_screening(db, "s-before", "2026-11-20", phq_anxiety=4, phq_depression=3, phq4=7, who5=32, band="red")
    db.conn.commit()
    url = checkin_url(app, db, clock, screening_id="s-before", share_results=True)
    done = post_form(client, url, {**CALM, **ABOUT_THE_HELP, "remark": "  Het gesprek deed deugd.  "})
    assert done.status_code == 200 and "Dank je wel" in done.get_data(as_text=True)
    row = stored(db)
    assert (row["phq_anxiety"], row["phq_depression"], row["phq4"], row["who5"], row["safety"]) == (0, 0, 0, 80, 0)
    assert (row["satisfaction_overall"], row["satisfaction_help"], row["satisfaction_recommend"]) == (4, "partly", "yes")
    assert row["answered_at"] == "2026-12-21T09:00:00+00:00" and row["rules_version"] == "2026-11"
    assert (row["baseline_screening_id"], row["outcome_change"], row["recovered"], row["reliably_recovered"]) == \
        ("s-before", "reliable_improvement", 1, 1)
    assert "deugd" not in str(row)  # the remark is encrypted at rest
    with app.app_context():
        assert crypto.decrypt(row["remark_encrypted"]) == "Het gesprek deed deugd."
    again = client.get(url)
    assert again.status_code == 410 and "al beantwoord" in again.get_data(as_text=True)
    assert "1813" in again.get_data(as_text=True)
    assert client.post(url, data={**CALM, **ABOUT_THE_HELP}).status_code in (400, 410)
    assert stored(db)["remark_encrypted"] == row["remark_encrypted"]


def test_without_a_shared_screening_the_baseline_stays_empty(app, db, clock, client):
    url = checkin_url(app, db, clock)
    assert post_form(client, url, {**CALM, **ABOUT_THE_HELP}).status_code == 200
    row = stored(db)
    assert row["who5"] == 80 and row["rules_version"] == "2026-11"
    assert (row["baseline_screening_id"], row["outcome_change"], row["recovered"]) == (None, None, None)
    assert row["remark_encrypted"] is None


def test_an_expired_link_gets_a_clear_410_with_the_crisis_numbers(app, db, clock, client):
    url = checkin_url(app, db, clock)
    clock.advance(days=21)
    page = client.get(url)
    text = page.get_data(as_text=True)
    assert page.status_code == 410 and "Deze link is verlopen." in text and "1813" in text


def test_an_unknown_link_is_a_404_in_dutch(client):
    page = client.get("/opvolging/" + "x" * 22)
    assert page.status_code == 404 and "Deze link klopt niet." in page.get_data(as_text=True)


def test_bad_input_gets_dutch_messages_and_keeps_the_values(app, db, clock, client):
    url = checkin_url(app, db, clock)
    answers = {**CALM, "worry": "7", "safety": "2", "overall": "", "help": "partly", "recommend": "yes",
               "remark": "Lang verhaal. " * 40}
    page = post_form(client, url, answers)
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Dit antwoord kennen we niet." in text and "Kies een antwoord om verder te gaan." in text
    assert "Hou je opmerking kort: maximaal 500 tekens." in text
    assert 'name="help" value="partly" checked' in text and 'name="cheerful" value="4" checked' in text
    assert "Lang verhaal." in text
    assert 'id="crisis-now" class="screener-crisis">' in text  # the safety answer was positive: the box is open
    assert stored(db)["answered_at"] is None


def test_a_positive_safety_answer_offers_a_call_today_on_the_thanks_page(app, db, clock, client):
    url = checkin_url(app, db, clock)
    done = post_form(client, url, {**CALM, "safety": "1", **ABOUT_THE_HELP})
    text = done.get_data(as_text=True)
    assert done.status_code == 200 and "Bel me vandaag nog" in text and "1813" in text
    assert stored(db)["safety"] == 1


def answer_3_month_check_in(app, db, clock, client, answers):
    """Answer the 4-week check-in, then the 3-month one, with `answers` to the screener's questions."""
    from screener.followup import sending

    url = checkin_url(app, db, clock, screening_id="s-before", share_results=True)
    assert post_form(client, url, {**CALM, **ABOUT_THE_HELP}).status_code == 200
    clock.advance(days=91 - 28)
    with app.app_context():
        sending.run()
    mail = list(db["outbox"].rows_where("kind = 'followup'", order_by="id"))[-1]
    url = f"/opvolging/{LINK.search(mail['body_text']).group(1)}"
    assert post_form(client, url, {**answers, **ABOUT_THE_HELP}).status_code == 200
    clock.advance(days=182 - 91)
    with app.app_context():
        return sending.run()


@pytest.mark.parametrize("answers, six_months", [
    (CALM, True),  # a case at the start, no longer a case at 3 months: ask again at 6 months
    ({**CALM, "nervous": "2", "worry": "1"}, False),  # still a case (anxiety 3): no 6-month check-in
])
def test_a_6_month_check_in_follows_only_a_3_month_answer_that_shows_recovery(app, db, clock, client,
                                                                                answers, six_months):
    add_screening(db, "s-before", "2026-11-20", phq_anxiety=4, phq_depression=3, phq4=7, who5=32, band="red")
    db.conn.commit()
    assert answer_3_month_check_in(app, db, clock, client, answers) == ((1, 0) if six_months else (0, 0))
    kinds = [row["kind"] for row in db["followup_checkins"].rows_where(order_by="id")]
    assert kinds == (["4w", "3m", "6m"] if six_months else ["4w", "3m"])


def test_the_remark_goes_when_the_workers_details_go_and_the_scores_stay(app, db, clock, client, runner):
    from screener.ops.privacy import erase_on_request

    url = checkin_url(app, db, clock)
    assert post_form(client, url, {**CALM, **ABOUT_THE_HELP, "remark": "Mijn leidinggevende Jan weet van niets."}) \
        .status_code == 200
    case_id = stored(db)["case_id"]
    act_on_case(app, case_id, "close", clock.now, outcome="supported")
    clock.advance(days=89)
    assert runner.invoke(args=["retention", "run"]).exit_code == 0
    assert stored(db)["remark_encrypted"] is not None  # the case's details are still kept
    clock.advance(days=2)
    result = runner.invoke(args=["retention", "run"])
    assert "followup_remarks_erased 1" in result.output, result.output
    row = stored(db)
    assert row["remark_encrypted"] is None and (row["who5"], row["satisfaction_overall"]) == (80, 4)
    # Erasure on request takes the remark at once, with the contact details.
    db.execute("DELETE FROM outbox WHERE kind = 'followup'")  # checkin_url reads the one new e-mail
    db.conn.commit()
    second = checkin_url(app, db, clock)
    assert post_form(client, second, {**CALM, **ABOUT_THE_HELP, "remark": "Nog iets."}).status_code == 200
    latest = db.execute("SELECT case_id, remark_encrypted FROM followup_checkins ORDER BY id DESC LIMIT 1").fetchone()
    assert latest[1] is not None
    with app.app_context():
        erase_on_request(db["cases"].get(latest[0])["reference"])
    assert db.execute("SELECT remark_encrypted FROM followup_checkins WHERE case_id = ?", [latest[0]]).fetchone()[0] is None
