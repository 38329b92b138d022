"""The coordinators' erase page: only coordinators, clear Dutch problems, an audit entry with who did it."""
import json
import re

from partners_helpers import csrf_token, sign_in

from conftest import axe_violations, screenshot

URL = "/partners/gegevens-wissen"


def add_case(db, reference, parent=None):
    return db["cases"].insert({"reference": reference, "link_token_hash": f"link-{reference}", "status": "new",
                               "created_at": "2026-11-01T09:00:00+00:00", "due_at": "2026-11-02T09:00:00+00:00",
                               "step": 1, "parent_case_id": parent, "contact_encrypted": "token"}).last_pk


def post(client, **data):
    token = csrf_token(client.get(URL).get_data(as_text=True))
    return client.post(URL, data={"csrf_token": token, **data})


def test_coordinator_erases_by_reference_with_an_audit_entry(app, client, db):
    first = add_case(db, "ZS-ABC234")
    second = add_case(db, "ZS-DEF567", parent=first)
    coordinator = sign_in(client, app, role="coordinator")
    response = post(client, reference=" zs-abc234 ", checked="1")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Gewist: 2 dossiers van ZS-ABC234." in text
    assert response.headers["Cache-Control"] == "no-store"
    for case_id in (first, second):
        assert db["cases"].get(case_id)["contact_encrypted"] is None
    [entry] = db["audit_log"].rows_where("action = 'erased_on_request'")
    assert entry["user_id"] == coordinator["id"] and entry["case_id"] == first
    assert json.loads(entry["detail"]) == {"source": "coordinator", "cases": [first, second]}


def test_problems_are_named_and_the_input_is_kept(app, client, db):
    case = add_case(db, "ZS-GHJ789")
    sign_in(client, app, role="coordinator")
    response = post(client, reference="ZS-GHJ789")
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "Kijk eerst na dat de vraag van de werker zelf komt" in text
    assert 'value="ZS-GHJ789"' in text
    response = post(client, reference="<script>alert(1)</script>", checked="1")
    assert response.status_code == 422 and "ziet eruit als ZS-7KQ4M2" in response.get_data(as_text=True)
    assert "<script>alert" not in response.get_data(as_text=True)
    response = post(client, reference="ZS-ZZZ999", checked="1")
    assert response.status_code == 422 and "geen aanmelding met deze referentiecode" in response.get_data(as_text=True)
    assert db["cases"].get(case)["contact_encrypted"] == "token"


def test_members_get_404_and_anonymous_visitors_sign_in(app, client, db):
    case = add_case(db, "ZS-KMN234")
    assert client.get(URL).status_code == 302
    assert "/partners/inloggen" in client.get(URL).headers["Location"]
    assert client.post(URL, data={"reference": "ZS-KMN234", "checked": "1"}).status_code in (302, 400)
    sign_in(client, app, role="member")
    assert client.get(URL).status_code == 404
    page = client.get("/partners/").get_data(as_text=True)
    response = client.post(URL, data={"csrf_token": csrf_token(page), "reference": "ZS-KMN234", "checked": "1"})
    assert response.status_code == 404
    assert db["cases"].get(case)["contact_encrypted"] == "token"


def test_erase_page_on_a_phone(app, live_server, phone, db):
    from partners_helpers import create_user, sign_in_browser

    add_case(db, "ZS-PQR234")
    sign_in_browser(phone, live_server.url, app, create_user(app, role="coordinator"), next_url=URL)
    phone.wait_for_url(re.compile(r".*/partners/gegevens-wissen$"))
    phone.get_by_label("Referentiecode").fill("zs-pqr234")
    phone.get_by_label("De vraag komt van de werker zelf (nagekeken).").check()
    phone.get_by_role("button", name="Contactgegevens wissen").click()
    phone.get_by_text("Gewist: 1 dossier van ZS-PQR234.").wait_for()
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
    case = add_case(db, "ZS-STU234")
    sign_in(client, app, role="coordinator")
    response = post(client, reference="zs-stu23", checked="0")
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and db["cases"].get(case)["contact_encrypted"] == "token"
    messages = re.findall(r'class="field-error" id="(\w+)-error">([^<]*)<', text)
    assert messages == [("reference", "Een referentiecode ziet eruit als ZS-7KQ4M2."),
                        ("checked", "Kijk eerst na dat de vraag van de werker zelf komt, en vink dit dan aan.")]
    assert 'value="ZS-STU23"' in text and 'name="checked" value="1" checked' not in text
