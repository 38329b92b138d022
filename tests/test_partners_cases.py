"""The case page and its actions: every transition, allowed and refused; referral chains; the queue; the audit log."""
import json
import re

import pytest

from helpers import MONDAY_10H, insert_case, post_form
from partners_helpers import act_on_page, create_user, event_kinds, refer, sign_in, stay_active
from screener.tokens import hash_token


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


@pytest.fixture
def member(app, client):
    return sign_in(client, app, role="member", org_id="edpb_preventa")




def row(db, case):
    return dict(zip([d[0] for d in db.execute("SELECT * FROM cases LIMIT 0").description],
                    db.execute("SELECT * FROM cases WHERE id = ?", [case["id"]]).fetchone()))



def test_case_page_shows_what_the_team_needs(app, client, member, db):
    db.execute("INSERT INTO screenings (id, day, status, phq4, phq_anxiety,"
               " phq_depression, who5, band, crisis) VALUES ('s1', '2026-11-23', 'completed', 7, 4, 3, 36, 'orange', 0)")
    db.conn.commit()
    shared = insert_case(app, "edpb_preventa", screening_id="s1", share_results=True)
    private = insert_case(app, "edpb_preventa", screening_id="s1", share_results=False)
    page = client.get(f"/partners/dossier/{shared['link_token']}").get_data(as_text=True)
    for text in [shared["reference"], "Sam Peeters", 'href="tel:+32470123456"', "sam@example.be", "Telefoon",
                 "voormiddag", "Nederlands", "Tijd over", "7 / 12", "36 / 100", "Oranje"]:
        assert text in page, text
    # Due three working days later, on Thursday 10:00 (shown in Belgian time).
    assert "3 d 0 u" in page and "do 26 nov 10:00" in page and "ma 23 nov 10:00" in page
    page = client.get(f"/partners/dossier/{private['link_token']}").get_data(as_text=True)
    assert "deelde de resultaten van de screener niet" in page and "36 / 100" not in page
    assert client.get(f"/partners/dossier/{shared['link_token']}").headers["Cache-Control"] == "no-store"


def test_case_page_tells_whether_the_worker_may_be_asked_later_how_they_are(app, client, member):
    agreed = insert_case(app, "edpb_preventa", followup_consent=True)
    not_agreed = insert_case(app, "edpb_preventa")
    page = client.get(f"/partners/dossier/{agreed['link_token']}").get_data(as_text=True)
    assert "Later opvolgen" in page and '<dd data-testid="followup-consent">ja</dd>' in page
    page = client.get(f"/partners/dossier/{not_agreed['link_token']}").get_data(as_text=True)
    assert "Later opvolgen" in page and '<dd data-testid="followup-consent">nee</dd>' in page


def test_claim_first_contact_and_close_as_supported(app, client, member, db, clock):
    case = insert_case(app, "edpb_preventa")
    assert act_on_page(client, case, "opnemen").status_code == 303
    stored = row(db, case)
    assert stored["status"] == "claimed" and stored["assigned_user_id"] == member["id"]
    stay_active(client, clock, 135)
    response = act_on_page(client, case, "eerste-contact")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Wachttijd tot eerste contact" in page and "2 u 15 min" in page
    assert row(db, case)["first_contact_at"] == "2026-11-23T11:15:00+00:00"
    assert act_on_page(client, case, "afsluiten", outcome="supported").status_code == 303
    stored = row(db, case)
    assert stored["status"] == "closed" and stored["outcome"] == "supported"
    assert event_kinds(db, case) == ["created", "claimed", "first_contact", "closed"]


@pytest.mark.parametrize("action, data, message", [
    ("eerste-contact", {}, "Neem het dossier eerst op"),
    ("poging", {"channel": "phone", "reached": "no"}, "Neem het dossier eerst op"),
    ("afsluiten", {"outcome": "supported"}, "Neem het dossier eerst op"),
    ("afsluiten", {"outcome": "declined"}, "Neem het dossier eerst op"),
])
def test_new_case_refuses_steps_before_claiming(app, client, member, db, action, data, message):
    case = insert_case(app, "edpb_preventa")
    response = act_on_page(client, case, action, **data)
    assert response.status_code == 409 and message in response.get_data(as_text=True)
    assert row(db, case)["status"] == "new" and event_kinds(db, case) == ["created"]


def test_refusals_after_claiming(app, client, member, db):
    case = insert_case(app, "edpb_preventa")
    act_on_page(client, case, "opnemen")
    response = act_on_page(client, case, "opnemen")
    assert response.status_code == 409 and "al opgenomen" in response.get_data(as_text=True)
    response = act_on_page(client, case, "afsluiten", outcome="supported")
    assert response.status_code == 409 and "Noteer eerst het eerste contact" in response.get_data(as_text=True)
    act_on_page(client, case, "eerste-contact")
    response = act_on_page(client, case, "eerste-contact")
    assert response.status_code == 409 and "al genoteerd" in response.get_data(as_text=True)
    response = act_on_page(client, case, "afsluiten", outcome="unreachable")
    assert response.status_code == 409 and "al genoteerd" in response.get_data(as_text=True)
    assert row(db, case)["status"] == "contacted"


def test_no_contact_possible_only_after_three_unanswered_attempts(app, client, member, db):
    case = insert_case(app, "edpb_preventa")
    act_on_page(client, case, "opnemen")
    # (A reached attempt records the first contact, after which "no contact possible" is refused: see
    # test_partners_reached.py.)
    for note in ("Voicemail ingesproken", None):
        assert act_on_page(client, case, "poging", channel="phone", reached="no", **({"note": note} if note else {})).status_code == 303
    response = act_on_page(client, case, "afsluiten", outcome="unreachable")
    assert response.status_code == 409 and "minstens 3 keer" in response.get_data(as_text=True)
    act_on_page(client, case, "poging", channel="sms", reached="no")
    assert act_on_page(client, case, "afsluiten", outcome="unreachable").status_code == 303
    assert row(db, case)["outcome"] == "unreachable"
    page = client.get(f"/partners/dossier/{case['link_token']}").get_data(as_text=True)
    assert "Voicemail ingesproken" in page and "niet bereikt" in page and "Geen contact mogelijk" in page


def test_attempt_form_errors_come_back_in_dutch_and_change_nothing(app, client, member, db):
    case = insert_case(app, "edpb_preventa")
    act_on_page(client, case, "opnemen")
    response = act_on_page(client, case, "poging", reached="no", note="x" * 300)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Kies hoe je contact zocht" in text and "maximaal 280 tekens" in text
    assert event_kinds(db, case) == ["created", "claimed"]


def test_withdrawn_and_declined(app, client, member, db):
    new_case = insert_case(app, "edpb_preventa")
    assert act_on_page(client, new_case, "afsluiten", outcome="withdrawn").status_code == 303  # even before claiming
    # The person withdrew: their contact details go at once, as with the worker's own withdrawal link.
    assert row(db, new_case)["contact_encrypted"] is None and row(db, new_case)["contact_erased_at"]
    page = client.get(f"/partners/dossier/{new_case['link_token']}").get_data(as_text=True)
    assert "De contactgegevens zijn gewist." in page and "Sam Peeters" not in page
    claimed = insert_case(app, "edpb_preventa")
    act_on_page(client, claimed, "opnemen")
    assert act_on_page(client, claimed, "afsluiten", outcome="declined").status_code == 303
    assert row(db, claimed)["outcome"] == "declined" and row(db, claimed)["contact_encrypted"] is not None


def test_a_closed_case_refuses_every_action(app, client, member, db):
    case = insert_case(app, "edpb_preventa")
    act_on_page(client, case, "afsluiten", outcome="withdrawn")
    for action, data in [("opnemen", {}), ("eerste-contact", {}), ("poging", {"channel": "phone", "reached": "no"}),
                         ("afsluiten", {"outcome": "declined"}), ("doorverwijzen", {"provider_id": "elp_antwerpen", "agreed": "1", "agreed_via": "phone"})]:
        response = act_on_page(client, case, action, **data)
        assert response.status_code == 409 and "afgesloten" in response.get_data(as_text=True), action
    assert row(db, case)["outcome"] == "withdrawn"
    assert act_on_page(client, case, "verzinsel").status_code == 404
    assert act_on_page(client, case, "afsluiten", outcome="referred").status_code == 422  # only through a referral


def test_referral_chain_1_2_3_keeps_history(app, client, member, db):
    first = insert_case(app, "edpb_preventa", province="antwerpen")
    act_on_page(client, first, "opnemen")
    act_on_page(client, first, "eerste-contact")
    assert refer(client, first["reference"], "elp_antwerpen", note="Langer traject nodig").status_code == 303
    parent = row(db, first)
    assert parent["status"] == "closed" and parent["outcome"] == "referred"
    second = dict(zip(["id", "link_token_hash", "step", "provider_id", "status", "parent_case_id"], db.execute(
        "SELECT id, link_token_hash, step, provider_id, status, parent_case_id FROM cases WHERE parent_case_id = ?",
        [first["id"]]).fetchone()))
    assert second["step"] == 2 and second["provider_id"] == "elp_antwerpen" and second["status"] == "new"
    mail = db.execute("SELECT to_addr, body_text FROM outbox WHERE case_id = ? AND kind = 'new_case'", [second["id"]]).fetchone()
    second["link_token"] = re.search(r"/partners/dossier/([A-Za-z0-9_-]{40,})", mail[1]).group(1)
    assert mail[0] == "aanmelden@elp-antwerpen.example" and "Sam" not in mail[1]
    assert hash_token(second["link_token"]) == second["link_token_hash"]
    # The first team cannot open the next step's case; the psychologists can, with the same contact details.
    assert client.get(f"/partners/dossier/{second['link_token']}").status_code == 404
    psy = app.test_client()
    sign_in(psy, app, role="member", org_id="elp_antwerpen")
    page = psy.get(f"/partners/dossier/{second['link_token']}").get_data(as_text=True)
    assert "Sam Peeters" in page and f"vanuit {first['reference']}" in page
    act_on_page(psy, second, "opnemen")
    assert refer(psy, second["link_token"], "cgg_noord").status_code == 303
    third = db.execute("SELECT id, step, provider_id, parent_case_id FROM cases WHERE parent_case_id = ?", [second["id"]]).fetchone()
    assert third[1:] == (3, "cgg_noord", second["id"])
    # The coordinators see the whole chain from any link, and each step's history stays.
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    page = coordinator.get(f"/partners/dossier/{first['link_token']}").get_data(as_text=True)
    references = [r[0] for r in db.execute("SELECT reference FROM cases ORDER BY id")]
    assert all(ref in page for ref in references)
    assert event_kinds(db, first) == ["created", "claimed", "first_contact", "referred"]
    detail = json.loads(db.execute("SELECT detail FROM case_events WHERE case_id = ? AND kind = 'referred'", [first["id"]]).fetchone()[0])
    # The note travels encrypted to the next team only: not in the history, nor in the audit log.
    assert detail["to_step"] == 2 and detail["agreed_via"] == "phone" and "note" not in detail
    assert "Langer traject nodig" not in json.dumps([list(r) for r in db.execute("SELECT * FROM audit_log")])


def test_referral_to_the_same_or_an_unknown_provider_is_refused(app, client, member, db):
    case = insert_case(app, "edpb_preventa")
    response = refer(client, case["reference"], "edpb_preventa")
    assert response.status_code == 409 and "andere organisatie" in response.get_data(as_text=True)
    response = refer(client, case["reference"], "bestaat_niet")
    assert response.status_code == 422 and "Kies een organisatie uit de lijst" in response.get_data(as_text=True)
    assert row(db, case)["status"] == "new"


def test_case_list_filters_and_puts_overdue_cases_on_top(app, client, member, clock):
    late = insert_case(app, "edpb_preventa", now=MONDAY_10H.replace(day=16))  # a week ago: overdue
    fresh = insert_case(app, "edpb_preventa")
    closed = insert_case(app, "edpb_preventa")
    act_on_page(client, closed, "afsluiten", outcome="withdrawn")
    page = client.get("/partners/").get_data(as_text=True)
    assert page.index(late["reference"]) < page.index(fresh["reference"])
    assert closed["reference"] not in page and "over tijd" in page
    overdue = client.get("/partners/?status=overdue").get_data(as_text=True)
    assert late["reference"] in overdue and fresh["reference"] not in overdue
    assert closed["reference"] in client.get("/partners/?status=closed").get_data(as_text=True)
    assert client.get("/partners/?status=weg").status_code == 404
    # The navigation counts: two open, one overdue, one closed.
    assert 'status=overdue" aria-current="page"' not in page
    assert ">Te laat <span class=\"count\">1</span>" in page and ">Afgesloten <span class=\"count\">1</span>" in page


def test_coordinators_route_unmatched_requests(app, client, db):
    unrouted = insert_case(app, None, step=1)
    sign_in(client, app, role="coordinator")
    queue = client.get("/partners/wachtrij").get_data(as_text=True)
    assert unrouted["reference"] in queue
    url = f"/partners/dossier/{unrouted['link_token']}"
    response = post_form(client, f"{url}/toewijzen", {"provider_id": "elp_limburg"}, page=url)
    assert response.status_code == 303
    assert row(db, unrouted)["provider_id"] == "elp_limburg" and row(db, unrouted)["step"] == 2
    assert db.execute("SELECT to_addr FROM outbox WHERE case_id = ? AND kind = 'new_case'", [unrouted["id"]]).fetchone()[0] == "aanmelden@elp-limburg.example"
    assert unrouted["reference"] not in client.get("/partners/wachtrij").get_data(as_text=True)
    response = post_form(client, f"{url}/toewijzen", {"provider_id": "cgg_noord"}, page=url)
    assert response.status_code == 409 and row(db, unrouted)["provider_id"] == "elp_limburg"


def test_every_view_and_action_is_audited_and_coordinators_read_it(app, client, member, db):
    case = insert_case(app, "edpb_preventa")
    client.get(f"/partners/dossier/{case['link_token']}")
    act_on_page(client, case, "opnemen")
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE case_id = ? AND user_id = ? ORDER BY id",
                                        [case["id"], member["id"]])]
    assert actions.count("case_viewed") >= 2 and "claimed" in actions
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    page = coordinator.get(f"/partners/dossier/{case['link_token']}/audit").get_data(as_text=True)
    assert member["email"] in page and "Dossier bekeken" in page and "Opgenomen" in page
    assert "Sam Peeters" not in json.dumps([list(r) for r in db.execute("SELECT * FROM audit_log")])


def test_first_contact_can_be_recorded_afterwards_with_its_real_moment(app, client, member, db, clock):
    case = insert_case(app, "edpb_preventa")  # Monday 10:00 Brussels
    act_on_page(client, case, "opnemen")
    stay_active(client, clock, 90)  # now 11:30
    for moment, message in [("2026-11-23T12:30", "in de toekomst"), ("2026-11-23T09:00", "voor de aanmelding"),
                            ("gisteren", "konden we niet lezen")]:
        response = act_on_page(client, case, "eerste-contact", moment=moment)
        assert response.status_code == 422 and message in response.get_data(as_text=True), moment
        assert f'value="{moment}"' in response.get_data(as_text=True)  # what was typed is kept
        assert row(db, case)["status"] == "claimed"
    response = act_on_page(client, case, "eerste-contact", moment="2026-11-23T10:45")  # Brussels time
    assert response.status_code == 303
    assert row(db, case)["first_contact_at"] == "2026-11-23T09:45:00+00:00"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "45 min" in page  # the waiting time runs to the real moment, not to when it was written down


def test_htmx_gets_the_updated_case_as_a_fragment(app, client, member, db):
    case = insert_case(app, "edpb_preventa")
    url = f"/partners/dossier/{case['link_token']}"
    response = post_form(client, f"{url}/opnemen", {}, page=url, headers={"HX-Request": "true"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in text
    assert "Je hebt dit dossier opgenomen." in text and ">Bereikt</button>" in text
    assert row(db, case)["status"] == "claimed"
    refused = post_form(client, f"{url}/opnemen", {}, page=url, headers={"HX-Request": "true"})
    assert refused.status_code == 409 and "<html" not in refused.get_data(as_text=True)
    assert "al opgenomen" in refused.get_data(as_text=True)


def test_navigation_counts_are_queried_once_per_request_not_per_e_mail_rendered(app, client, member, db,
                                                                                 monkeypatch):
    from helpers import csrf_token
    from screener.cases import queries

    case = insert_case(app, "edpb_preventa", province="antwerpen")
    act_on_page(client, case, "opnemen")
    url = f"/partners/dossier/{case['link_token']}"
    token = csrf_token(client.get(url).get_data(as_text=True))
    calls = []
    real_count = queries.count_cases
    monkeypatch.setattr(queries, "count_cases", lambda *a, **kw: calls.append(1) or real_count(*a, **kw))
    # A referral renders the new team's e-mail (subject, text, html) inside the request, then the case.
    response = client.post(f"{url}/doorverwijzen", data={"csrf_token": token, "provider_id": "elp_antwerpen",
                                                         "agreed": "1", "agreed_via": "phone", "confirm": "1"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'class="count"' in response.get_data(as_text=True)
    assert db.execute("SELECT count(*) FROM outbox WHERE kind = 'new_case'").fetchone()[0] == 1
    assert len(calls) == 1


def test_two_members_claiming_at_once_one_wins(app, db):
    import threading

    from screener.db import connect
    from screener.cases import actions as casework

    case = insert_case(app, "edpb_preventa")
    users = [create_user(app, org_id="edpb_preventa") for _ in range(4)]
    barrier = threading.Barrier(len(users))
    outcomes = []

    def claim(user):
        with app.test_request_context():  # the refusal message is translated for the person who clicked
            conn = connect(app.config["DATABASE"])  # each member on their own connection, as in separate requests
            barrier.wait()
            try:
                casework.act(conn, case["id"], "claim", user_id=user["id"], now=MONDAY_10H)
                outcomes.append("claimed")
            except casework.CaseRefused:
                outcomes.append("refused")
            finally:
                conn.close()

    threads = [threading.Thread(target=claim, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["claimed", "refused", "refused", "refused"]
    assert event_kinds(db, case).count("claimed") == 1


def test_a_coordinator_assignment_follows_the_configured_deadlines(tmp_path, clock, db):
    from helpers import make_config
    from screener import clock as site_clock, create_app
    from screener.cases.providers import get_provider
    from screener.cases.workingtime import due_at

    days = {"urgent": 1, 1: 3, 2: 5, 3: 3}
    app = create_app(make_config(tmp_path, CLOCK=clock, DEADLINE_WORKING_DAYS=days))
    client = app.test_client()
    unrouted = insert_case(app, None, step=1)
    sign_in(client, app, role="coordinator")
    url = f"/partners/dossier/{unrouted['link_token']}"
    assert post_form(client, f"{url}/toewijzen", {"provider_id": "elp_limburg"}, page=url).status_code == 303
    with app.app_context():
        provider = get_provider("elp_limburg")
        five, three = (due_at(MONDAY_10H, urgent=False, step=2, provider=provider, deadlines={**days, 2: n})
                       for n in (5, 3))
    assert five != three
    assert row(db, unrouted)["due_at"] == site_clock.iso(five)


def test_the_case_page_says_first_when_the_worker_reported_thoughts_of_death_or_self_harm(app, client, member, db):
    told = insert_case(app, "edpb_preventa", urgent=True, safety_concern=True)
    other = insert_case(app, "edpb_preventa", urgent=True)
    page = client.get(f"/partners/dossier/{told['link_token']}").get_data(as_text=True)
    notice = page.index('data-testid="safety-concern"')
    assert "aan de dood of aan zichzelf pijn doen" in page and notice < page.index("Ontvangen")
    assert 'data-testid="safety-concern"' not in client.get(f"/partners/dossier/{other['link_token']}").get_data(as_text=True)
