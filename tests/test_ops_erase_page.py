"""The coordinators' erase page: only coordinators, clear Dutch problems, an audit entry with who did it."""
import json
import re

from helpers import CONTACT, axe_violations, csrf_token, insert_case, page_token, screenshot, stored_contact
from partners_helpers import sign_in

URL = "/partners/gegevens-wissen"


def post(client, **data):
    return client.post(URL, data={"csrf_token": page_token(client, URL), **data})


def test_coordinator_erases_by_reference_with_an_audit_entry(app, client, db):
    first = insert_case(app)
    second = insert_case(app, parent_case_id=first["id"])
    coordinator = sign_in(client, app, role="coordinator")
    response = post(client, reference=f" {first['reference'].lower()} ", checked="1")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"Gewist: 2 dossiers van {first['reference']}." in text
    assert response.headers["Cache-Control"] == "no-store"
    for case in (first, second):
        assert stored_contact(app, case["id"]) is None
    [entry] = db["audit_log"].rows_where("action = 'erased_on_request'")
    assert entry["user_id"] == coordinator["id"] and entry["case_id"] == first["id"]
    assert json.loads(entry["detail"]) == {"source": "coordinator", "cases": [first["id"], second["id"]]}


def test_problems_are_named_and_the_input_is_kept(app, client, db):
    case = insert_case(app)
    sign_in(client, app, role="coordinator")
    response = post(client, reference=case["reference"])
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "Kijk eerst na dat de vraag van de werker zelf komt" in text
    assert f'value="{case["reference"]}"' in text
    response = post(client, reference="<script>alert(1)</script>", checked="1")
    assert response.status_code == 422 and "ziet eruit als ZS-7KQ4M2" in response.get_data(as_text=True)
    assert "<script>alert" not in response.get_data(as_text=True)
    response = post(client, reference="ZS-ZZZ999", checked="1")
    assert response.status_code == 422 and "geen aanmelding met deze referentiecode" in response.get_data(as_text=True)
    assert stored_contact(app, case["id"]) == CONTACT


def test_members_get_404_and_anonymous_visitors_sign_in(app, client, db):
    case = insert_case(app)
    assert client.get(URL).status_code == 302
    assert "/partners/inloggen" in client.get(URL).headers["Location"]
    # With a valid form token (from the sign-in page), a visitor who is not signed in is sent to sign in.
    token = page_token(client, "/partners/inloggen")
    response = client.post(URL, data={"csrf_token": token, "reference": case["reference"], "checked": "1"})
    assert response.status_code == 302 and "/partners/inloggen" in response.headers["Location"]
    sign_in(client, app, role="member")
    assert client.get(URL).status_code == 404
    page = client.get("/partners/").get_data(as_text=True)
    response = client.post(URL, data={"csrf_token": csrf_token(page), "reference": case["reference"], "checked": "1"})
    assert response.status_code == 404
    assert stored_contact(app, case["id"]) == CONTACT


def test_erase_page_on_a_phone(app, live_server, phone, db):
    from partners_helpers import create_user, sign_in_browser

    reference = insert_case(app)["reference"]
    sign_in_browser(phone, live_server.url, app, create_user(app, role="coordinator"), next_url=URL)
    phone.wait_for_url(re.compile(r".*/partners/gegevens-wissen$"))
    phone.get_by_label("Referentiecode").fill(reference.lower())
    phone.get_by_label("De vraag komt van de werker zelf (nagekeken).").check()
    phone.get_by_role("button", name="Contactgegevens wissen").click()
    phone.locator("#main").get_by_text(f"Gewist: 1 dossier van {reference}.").wait_for()  # not the announcer copy
    screenshot(phone, "ops-erase")
    assert axe_violations(phone) == ""
    phone.watch.assert_clean()


def test_coordinators_reach_the_erase_page_from_their_navigation_and_can_leave_it(app, client, db):
    sign_in(client, app, role="coordinator")
    case_list = client.get("/partners/").get_data(as_text=True)
    assert f'href="{URL}"' in case_list
    page = client.get(URL).get_data(as_text=True)
    assert re.search(r'<a href="/partners/gegevens-wissen" aria-current="page"', page)
    assert 'href="/partners/?status=open"' in page  # a way back to the cases
    assert 'class="site-nav"' not in page  # the staff navigation, not the public menu
    reports = client.get("/rapporten/").get_data(as_text=True)
    assert re.search(r'<a href="/rapporten/" aria-current="page"', reports)


def test_members_do_not_see_the_erase_link(app, client, db):
    sign_in(client, app, role="member", org_id="edpb_preventa")
    assert URL not in client.get("/partners/").get_data(as_text=True)


def test_each_wrong_field_gets_one_dutch_message_and_the_input_stays(app, client, db):
    case = insert_case(app)
    sign_in(client, app, role="coordinator")
    response = post(client, reference="zs-stu23", checked="0")
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and stored_contact(app, case["id"]) == CONTACT
    messages = re.findall(r'class="field-error" id="(\w+)-error">([^<]*)<', text)
    assert messages == [("reference", "Een referentiecode ziet eruit als ZS-7KQ4M2."),
                        ("checked", "Kijk eerst na dat de vraag van de werker zelf komt, en vink dit dan aan.")]
    assert 'value="ZS-STU23"' in text and 'name="checked" value="1" checked' not in text
