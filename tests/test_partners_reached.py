"""A reached attempt is the first contact (one tap, its real moment, undo for a few minutes); closing names
a structured outcome and the number of conversations."""
import json
from datetime import timedelta

import pytest

from helpers import MONDAY_10H, act_on_case, insert_case, post_form
from partners_helpers import act_on_page, event_kinds, sign_in, stay_active
from screener.cases import clockjob, transitions


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


@pytest.fixture
def member(app, client):
    return sign_in(client, app, role="member", org_id="edpb_preventa")


def url_of(case):
    return f"/partners/dossier/{case['link_token']}"




def row(db, case):
    return db["cases"].get(case["id"])



def audited(db, case, action):
    return [json.loads(r[0] or "{}") for r in db.execute(
        "SELECT detail FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id", [case["id"], action])]


def claimed_case(app, client, **fields):
    case = insert_case(app, "edpb_preventa", **fields)  # Monday 10:00 Brussels, due Thursday 10:00
    assert act_on_page(client, case, "opnemen").status_code == 303
    return case


def run_clock(app):
    with app.app_context():
        return clockjob.run(app)


# --- 1. "Ja, bereikt" is the first contact -------------------------------------------------------

def test_a_reached_attempt_records_the_first_contact_at_its_moment_and_stops_the_clock(app, client, member, db,
                                                                                      clock):
    case = claimed_case(app, client)
    stay_active(client, clock, 90)  # now 11:30 Brussels; the call was at 11:10
    response = act_on_page(client, case, "poging", channel="phone", reached="yes", note="Afspraak donderdag",
                   moment="2026-11-23T11:10")
    assert response.status_code == 303
    stored = row(db, case)
    assert stored["status"] == "contacted" and stored["first_contact_at"] == "2026-11-23T10:10:00+00:00"
    assert event_kinds(db, case) == ["created", "claimed", "attempt", "first_contact"]
    assert audited(db, case, "first_contact") == [{"contact_at": "2026-11-23T10:10:00+00:00", "via": "attempt"}]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Het eerste contact is genoteerd. De wachttijd stopt hier." in page
    assert "Contact gehad" in page and "Wachttijd tot eerste contact" in page and "1 u 10 min" in page
    assert "Afspraak donderdag" in page
    # Past the deadline nothing is late and the coordinators get no escalation.
    clock.advance(days=4)
    assert run_clock(app) == (0, 0)
    assert row(db, case)["escalated_at"] is None and "escalation" not in event_kinds(db, case)
    sign_in(client, app, role="member", org_id="edpb_preventa")
    assert case["reference"] not in client.get("/partners/?status=overdue").get_data(as_text=True)
    page = client.get(url_of(case)).get_data(as_text=True)
    assert "badge--overdue" not in page and ">Te laat <span class=\"count\">0</span>" in page


def test_one_tap_on_bereikt_is_enough(app, client, member, db, clock):
    case = claimed_case(app, client, preferred_channel="email")
    stay_active(client, clock, 20)
    page = client.get(url_of(case)).get_data(as_text=True)
    form = page[page.index('data-testid="reached-form"'):]
    form = form[:form.index("</form>")]
    assert ">Bereikt</button>" in form
    assert 'name="reached" value="yes"' in form and 'value="email" checked' in form  # the worker's channel
    # Exactly what the page sends when nothing else is touched: the token, the hidden fields, an empty moment.
    response = act_on_page(client, case, "bereikt", reached="yes", channel="email", moment="")
    assert response.status_code == 303
    stored = row(db, case)
    assert stored["status"] == "contacted" and stored["first_contact_at"] == "2026-11-23T09:20:00+00:00"
    detail = json.loads(db.execute("SELECT detail FROM case_events WHERE case_id = ? AND kind = 'attempt'",
                                   [case["id"]]).fetchone()[0])
    assert detail["channel"] == "email" and detail["reached"] == 1


def test_one_tap_with_a_moment_that_cannot_be_refuses_in_dutch_and_changes_nothing(app, client, member, db, clock):
    case = claimed_case(app, client)
    stay_active(client, clock, 30)
    response = act_on_page(client, case, "bereikt", reached="yes", channel="phone", moment="2026-11-23T13:00")
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "in de toekomst" in text and 'value="2026-11-23T13:00"' in text
    response = act_on_page(client, case, "poging", reached="yes", channel="phone", moment="gisteren")
    assert response.status_code == 422 and "konden we niet lezen" in response.get_data(as_text=True)
    assert row(db, case)["status"] == "claimed" and row(db, case)["first_contact_at"] is None
    assert event_kinds(db, case) == ["created", "claimed"]


def test_unreached_attempts_and_attempts_after_the_first_contact_leave_the_clock_alone(app, client, member, db, clock):
    case = claimed_case(app, client)
    assert act_on_page(client, case, "poging", channel="phone", reached="no").status_code == 303
    assert row(db, case)["status"] == "claimed" and row(db, case)["first_contact_at"] is None
    stay_active(client, clock, 40)
    act_on_page(client, case, "poging", channel="phone", reached="yes")
    first = row(db, case)["first_contact_at"]
    stay_active(client, clock, 40)
    assert act_on_page(client, case, "poging", channel="sms", reached="yes").status_code == 303
    assert row(db, case)["first_contact_at"] == first and row(db, case)["status"] == "contacted"
    assert event_kinds(db, case).count("first_contact") == 1


# --- undo -------------------------------------------------------------------------------------------

def test_undo_within_ten_minutes_restores_the_case_and_is_audited(app, client, member, db, clock):
    case = claimed_case(app, client)
    act_on_page(client, case, "bereikt", reached="yes", channel="phone")
    page = client.get(url_of(case)).get_data(as_text=True)
    assert ">Ongedaan maken</button>" in page and "ongedaan maken tot ma 23 nov 10:10" in page
    stay_active(client, clock, 9)
    response = act_on_page(client, case, "ongedaan-maken")
    assert response.status_code == 303
    stored = row(db, case)
    assert stored["status"] == "claimed" and stored["first_contact_at"] is None
    assert event_kinds(db, case)[-1] == "contact_undone"
    assert audited(db, case, "contact_undone") == [{"first_contact_at": "2026-11-23T09:00:00+00:00"}]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Het eerste contact is ongedaan gemaakt. De wachttijd loopt weer." in page
    assert "Eerste contact ongedaan gemaakt" in page and ">Ongedaan maken</button>" not in page
    assert ">Bereikt</button>" in page
    # The clock runs again: past the deadline the case is escalated.
    clock.advance(days=4)
    assert run_clock(app) == (0, 1)


def test_undo_after_ten_minutes_is_refused_in_dutch(app, client, member, db, clock):
    case = claimed_case(app, client)
    act_on_page(client, case, "bereikt", reached="yes", channel="phone")
    stay_active(client, clock, 11)
    assert ">Ongedaan maken</button>" not in client.get(url_of(case)).get_data(as_text=True)
    response = post_form(client, f"{url_of(case)}/ongedaan-maken", {}, page=url_of(case))
    assert response.status_code == 409
    assert "Ongedaan maken kan maar 10 minuten na het noteren" in response.get_data(as_text=True)
    assert row(db, case)["status"] == "contacted" and row(db, case)["first_contact_at"] == "2026-11-23T09:00:00+00:00"
    assert "contact_undone" not in event_kinds(db, case)


def test_undo_without_a_first_contact_is_refused(app, client, member, db):
    case = claimed_case(app, client)
    response = act_on_page(client, case, "ongedaan-maken")
    assert response.status_code == 409 and "geen eerste contact om ongedaan te maken" in response.get_data(as_text=True)
    assert row(db, case)["status"] == "claimed"


# --- the waiting time in the reports ------------------------------------------------------------------

def test_the_reports_waiting_time_runs_to_the_reached_attempt(app, client, clock):
    from test_reports_figures import dashboard_tables, figures

    cases = [insert_case(app, "edpb_preventa") for _ in range(5)]
    for hours, case in enumerate(cases, start=1):
        act_on_case(app, case["id"], "claim", MONDAY_10H)
        act_on_case(app, case["id"], "attempt", MONDAY_10H + timedelta(hours=6),
                    detail={"channel": "phone", "reached": 1, "note": None},
                    contact_at=MONDAY_10H + timedelta(hours=hours))
    clock.advance(hours=6)
    sign_in(client, app)
    tables = dashboard_tables(client, "?van=2026-11-23&tot=2026-11-23")
    rows = {r[0]: figures([r])[0] for r in tables["wachttijd-hulpverlener"]}
    # count, mean, median, 90 % within, in time (%)
    assert rows["Preventa Externe Dienst"][1:6] == [5, 3.0, 3.0, 5, 100]


# --- 5. closing: a structured outcome and the number of conversations ------------------------------

@pytest.mark.parametrize("outcome, label", [
    ("supported", "Geholpen in 1 of 2 gesprekken"),
    ("ongoing", "Verdere begeleiding door deze organisatie"),
    ("referred_outside", "Doorverwezen buiten het platform"),
    ("declined", "Wil geen hulp"),
])
def test_closing_after_contact_with_an_outcome_and_the_number_of_conversations(app, client, member, db, outcome,
                                                                               label):
    case = claimed_case(app, client)
    act_on_page(client, case, "bereikt", reached="yes", channel="phone")
    page = client.get(url_of(case)).get_data(as_text=True)
    assert label in page and 'name="conversations"' in page  # the close form offers both
    response = act_on_page(client, case, "afsluiten", outcome=outcome, conversations=" 2 ")
    assert response.status_code == 303
    stored = row(db, case)
    assert (stored["status"], stored["outcome"], stored["conversations"]) == ("closed", outcome, 2)
    assert audited(db, case, "closed") == [{"outcome": outcome, "conversations": 2}]
    page = client.get(url_of(case)).get_data(as_text=True)
    assert page.count(label) >= 2 and "2 gesprekken" in page  # the badge and the history


def test_closing_without_contact_withdrawn_or_unreachable_keeps_an_optional_count(app, client, member, db):
    withdrawn = claimed_case(app, client)
    assert act_on_page(client, withdrawn, "afsluiten", outcome="withdrawn", conversations="0").status_code == 303
    assert (row(db, withdrawn)["outcome"], row(db, withdrawn)["conversations"]) == ("withdrawn", 0)
    unreachable = claimed_case(app, client)
    for _ in range(3):
        act_on_page(client, unreachable, "poging", channel="phone", reached="no")
    assert act_on_page(client, unreachable, "afsluiten", outcome="unreachable", conversations="").status_code == 303
    assert (row(db, unreachable)["outcome"], row(db, unreachable)["conversations"]) == ("unreachable", None)


@pytest.mark.parametrize("outcome", ["ongoing", "referred_outside"])
def test_outcomes_about_a_conversation_need_the_first_contact(app, client, member, db, outcome):
    case = claimed_case(app, client)
    response = act_on_page(client, case, "afsluiten", outcome=outcome, conversations="3")
    assert response.status_code == 409 and "Noteer eerst het eerste contact" in response.get_data(as_text=True)
    assert row(db, case)["status"] == "claimed"


@pytest.mark.parametrize("typed", ["51", "-1", "2,5", "twee", "٣"])
def test_a_bad_number_of_conversations_is_refused_in_dutch_and_changes_nothing(app, client, member, db, typed):
    case = claimed_case(app, client)
    act_on_page(client, case, "bereikt", reached="yes", channel="phone")
    before = event_kinds(db, case)
    response = act_on_page(client, case, "afsluiten", outcome="ongoing", conversations=typed)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Geef het aantal gesprekken als getal van 0 tot 50, of laat het leeg." in text
    assert f'value="{typed}"' in text  # what was typed is shown again
    assert row(db, case)["status"] == "contacted" and row(db, case)["outcome"] is None
    assert event_kinds(db, case) == before


def test_the_reports_outcome_table_names_the_new_outcomes(app, client, member, db):
    from test_reports_figures import dashboard_tables

    for outcome in ("ongoing", "referred_outside"):
        case = claimed_case(app, client)
        act_on_page(client, case, "bereikt", reached="yes", channel="phone")
        act_on_page(client, case, "afsluiten", outcome=outcome, conversations="4")
    coordinator = app.test_client()
    sign_in(coordinator, app)
    rows = {r[0] for r in dashboard_tables(coordinator, "?van=2026-11-23&tot=2026-11-23")["uitkomst"]}
    assert {"Geholpen in 1 of 2 gesprekken", "Verdere begeleiding door deze organisatie",
            "Doorverwezen buiten het platform", "Geen contact mogelijk", "Ingetrokken"} <= rows


# --- the pure rules ------------------------------------------------------------------------------------

def test_the_rules_of_reaching_and_undoing():
    claimed, contacted = {"status": "claimed"}, {"status": "contacted"}
    assert transitions.records_first_contact("attempt", claimed, reached=1)
    assert not transitions.records_first_contact("attempt", claimed, reached=0)
    assert not transitions.records_first_contact("attempt", contacted, reached=1)
    assert transitions.changes("attempt", claimed, now_iso="n", user_id=1, reached=1, contact_iso="c") == {
        "status": "contacted", "first_contact_at": "c"}
    assert transitions.changes("attempt", claimed, now_iso="n", user_id=1, reached=0) == {}
    noted = MONDAY_10H
    window = timedelta(minutes=transitions.UNDO_MINUTES)
    assert transitions.refusal("undo_contact", contacted, contact_noted_at=noted, now=noted + window) is None
    assert transitions.refusal("undo_contact", contacted, contact_noted_at=noted,
                               now=noted + window + timedelta(seconds=1)) == "undo_expired"
    assert transitions.refusal("undo_contact", claimed, contact_noted_at=noted, now=noted) == "nothing_to_undo"
    assert transitions.refusal("undo_contact", {"status": "closed"}, contact_noted_at=noted, now=noted) == "closed"
    assert transitions.changes("undo_contact", contacted, now_iso="n", user_id=1) == {
        "status": "claimed", "first_contact_at": None}


@pytest.mark.parametrize("text, expected", [
    ("", (None, None)), (" 0 ", (0, None)), ("50", (50, None)), ("51", (None, "invalid")),
    ("-1", (None, "invalid")), ("1.5", (None, "invalid")), ("²", (None, "invalid")),
])
def test_the_number_of_conversations_is_a_whole_number_up_to_fifty(text, expected):
    assert transitions.parse_conversations(text) == expected


def test_the_demo_year_closes_cases_with_the_new_outcomes(app, runner, db):
    assert runner.invoke(args=["demo"]).exit_code == 0
    found = {r[0]: r[1:] for r in db.execute(
        "SELECT outcome, min(conversations), max(conversations), count(*) FROM cases WHERE status = 'closed'"
        " GROUP BY outcome")}
    assert {"supported", "ongoing", "referred_outside", "referred", "unreachable"} <= set(found)
    assert found["supported"][:2] == (1, 2) and 3 <= found["ongoing"][0] <= found["ongoing"][1] <= 12
    assert found["referred"][:2] == (None, None)  # a handover counts no conversations
