"""On a phone: screener result (red band) -> request -> confirmation, with JavaScript on and off; axe clean."""
import re

import pytest

from conftest import axe_violations, screenshot

RED_SCREENING = {"id": "scr-browser-red", "started_at": "2026-11-23T09:50:00+00:00", "updated_at": "2026-11-23T09:55:00+00:00",
                 "completed_at": "2026-11-23T09:55:00+00:00", "status": "completed", "language": "nl", "band": "red",
                 "crisis": 0, "sector": "hospital", "gender": "woman", "province": "limburg"}


def shoot(page, name):
    screenshot(page, name)
    # Playwright's screenshot leaves style="" on inputs; htmx would copy it onto the swapped form
    # (a CSP report that no visitor would ever cause), so the test removes it again.
    if page.context_javascript:
        page.evaluate("document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))")


def check_axe(page):
    # axe-core runs inside the page, so only with JavaScript on; the markup is the same without it.
    if page.context_javascript:
        assert axe_violations(page) == ""


def fill_and_send(page, live_server, name, shots):
    page.goto(f"{live_server.url}/aanmelden")
    check_axe(page)
    if shots:
        shoot(page, f"request-form-{name}")
    page.get_by_role("button", name="Verder: kijk na wie je belt").click()
    page.get_by_text("Vul een voornaam of bijnaam in").wait_for()
    check_axe(page)
    if shots:
        shoot(page, f"request-errors-{name}")
    page.get_by_label("Je voornaam of een bijnaam").fill("Sofie")
    page.get_by_label("Telefoonnummer").fill("0470 12 34 56")
    page.get_by_text("Een psycholoog in mijn regio").click()
    page.get_by_label("De provincie waar je werkt").select_option("limburg")
    page.get_by_role("button", name="Verder: kijk na wie je belt").click()
    page.get_by_role("heading", name="Kijk na en verstuur").wait_for()
    assert "Netwerk Eerstelijnspsychologen Limburg" in page.content() and "Binnen 1 werkdag" in page.content()
    check_axe(page)
    if shots:
        shoot(page, f"request-review-{name}")
    page.get_by_text("Ik geef toestemming").click()
    page.get_by_role("button", name="Verstuur mijn aanvraag").click()
    page.get_by_role("heading", name="Bedankt. Je aanvraag is verstuurd.").wait_for()
    assert page.url.endswith("/aanmelden/klaar")
    check_axe(page)
    if shots:
        shoot(page, f"request-done-{name}")
    return re.search(r"ZS-[A-Z0-9]{6}", page.content()).group(0)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_red_band_request_on_a_phone(request, live_server, db, javascript):
    page = request.getfixturevalue("phone" if javascript else "phone_nojs")
    db["screenings"].insert({**RED_SCREENING, "id": f"scr-{javascript}"})
    # The browser that did the screening: its session cookie carries the screening id.
    with live_server.app.test_client() as client:
        with client.session_transaction() as session:
            session["screening_id"] = f"scr-{javascript}"
        client.get("/aanmelden")
        cookie = client.get_cookie(live_server.app.config["SESSION_COOKIE_NAME"])
    page.context_javascript = javascript
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    reference = fill_and_send(page, live_server, "js" if javascript else "nojs", shots=True)
    [case] = list(db["cases"].rows)
    assert case["reference"] == reference and case["urgent"] == 1 and case["step"] == 2
    assert case["provider_id"] == "elp_limburg" and case["sector"] == "hospital"
    # The browser logs the intended 422 of the first, empty submission; nothing else may appear.
    expected = [e for e in page.watch.console_errors if "status of 422" in e]
    assert len(expected) == 1
    page.watch.console_errors = [e for e in page.watch.console_errors if e not in expected]
    page.watch.assert_clean()
