"""The whole loop in a browser: a worker asks to be called, the team gets the e-mail, signs in, follows up."""
import re
from email import message_from_bytes

import pytest
from playwright.sync_api import expect

from helpers import axe_violations, insert_case, make_config, screenshot, smtp_config
from partners_helpers import create_user, sign_in_browser
from screener.worker import run_due_jobs


@pytest.fixture
def app_config(tmp_path, smtp_server):
    return make_config(tmp_path, **smtp_config(smtp_server))


def text_of(envelope):
    message = message_from_bytes(envelope.content)
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def test_request_to_closed_case_on_a_phone(app, live_server, phone, browser, smtp_server):
    member = create_user(app, email="psy@elp-limburg.example", org_id="elp_limburg")

    # 1. A worker asks to be called, on a phone.
    phone.goto(live_server.url + "/aanmelden")
    phone.get_by_label("Je voornaam of een bijnaam").fill("Sofie")
    phone.get_by_label("Telefoonnummer").fill("0470 12 34 56")
    phone.get_by_text("Bel me").click()
    phone.get_by_text("Een psycholoog in mijn regio, los van mijn werk").click()
    phone.get_by_label("De provincie waar je werkt").select_option("limburg")
    phone.get_by_role("button", name="Verder: kijk na wie contact opneemt").click()
    phone.locator("input[name=consent]").check()
    phone.get_by_role("button", name="Verstuur mijn aanvraag").click()
    phone.wait_for_selector("text=Bedankt", timeout=10000)
    phone.watch.assert_clean()

    # 2. The worker process sends the team's e-mail to a real SMTP server on 127.0.0.1.
    deadline_runs = 0
    while not any("aanmelden@elp-limburg.example" in m.rcpt_tos for m in smtp_server.messages) and deadline_runs < 20:
        run_due_jobs(app, {})
        smtp_server.wait_for(1, timeout=0.5)
        deadline_runs += 1
    mail = next(m for m in smtp_server.messages if "aanmelden@elp-limburg.example" in m.rcpt_tos)
    body = text_of(mail)
    assert "Sofie" not in body and "0470" not in body  # no personal data in the e-mail
    link = re.search(re.escape(live_server.url) + r"/partners/dossier/[A-Za-z0-9_-]{43}", body).group(0)

    # 3. The link opens the case after sign-in with the second factor.
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-BE")
    team = context.new_page()
    team.goto(link)
    assert "/partners/inloggen" in team.url
    assert axe_violations(team) == ""
    screenshot(team, "partners-sign-in")
    sign_in_browser(team, live_server.url, app, member, next_url=link.replace(live_server.url, ""))
    team.wait_for_url(link)
    heading = team.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Dossier ZS-")
    assert team.get_by_text("Sofie").is_visible() and team.locator("a[href^='tel:']").first.is_visible()
    assert axe_violations(team) == ""
    screenshot(team, "partners-case-new")

    # 4. Claim, first contact, close; the waiting time is shown.
    team.get_by_role("button", name="Opnemen: ik volg dit op").click()
    team.locator(".partners-flash").get_by_text("Je hebt dit dossier opgenomen.").wait_for()
    team.get_by_role("button", name="Bereikt", exact=True).click()  # one tap: the reached attempt is the first contact
    team.locator(".partners-flash").get_by_text("Het eerste contact is genoteerd").wait_for()
    expect(team.locator("#announcer")).to_contain_text("Het eerste contact is genoteerd")  # told to screen readers
    assert team.get_by_text("Wachttijd tot eerste contact").is_visible()
    assert re.search(r"\d+ (min|u)", team.locator("[data-testid=waiting-time]").inner_text())
    team.get_by_text("Afsluiten", exact=True).click()
    team.get_by_label("Geholpen in 1 of 2 gesprekken", exact=True).check()
    team.get_by_role("button", name="Dossier afsluiten").click()
    team.locator(".partners-flash").get_by_text("Het dossier is afgesloten.").wait_for()
    assert team.locator(".case__badges").get_by_text("Afgesloten").is_visible()
    assert axe_violations(team) == ""
    screenshot(team, "partners-case-closed")

    team.goto(live_server.url + "/partners/?status=closed")
    assert team.get_by_text(heading.replace("Dossier ", "")).is_visible()
    assert axe_violations(team) == ""
    context.close()


def test_coordinator_pages_are_accessible_and_overdue_cases_stand_out(app, live_server, phone):
    from datetime import timedelta

    from screener import clock

    with app.app_context():
        long_ago = clock.now() - timedelta(days=10)
    late = insert_case(app, "edpb_preventa", now=long_ago)
    insert_case(app, "edpb_preventa")
    insert_case(app, None, step=1)
    coordinator = create_user(app, role="coordinator")
    sign_in_browser(phone, live_server.url, app, coordinator)
    phone.wait_for_url(live_server.url + "/partners/")
    first = phone.locator(".case-row").first
    assert late["reference"] in first.inner_text() and "Te laat" in first.inner_text()
    assert axe_violations(phone) == ""
    screenshot(phone, "partners-case-list")
    for url, name in [("/partners/wachtrij", "queue"), ("/partners/accounts", "accounts"),
                      (f"/partners/dossier/{late['link_token']}/audit", "audit")]:
        phone.goto(live_server.url + url)
        assert axe_violations(phone) == "", url
        screenshot(phone, f"partners-{name}")
    phone.watch.assert_clean()


def test_accounts_with_long_addresses_fit_a_phone(app, live_server, phone):
    coordinator = create_user(app, role="coordinator", email="stuurgroep-coordinatie@demo.zorgsamen.example")
    create_user(app, email="elp-oost-vlaanderen-team@demo.zorgsamen.example", org_id="elp_limburg")
    sign_in_browser(phone, live_server.url, app, coordinator)
    phone.wait_for_url(live_server.url + "/partners/")
    phone.goto(live_server.url + "/partners/accounts")
    expect(phone.locator("strong", has_text="elp-oost-vlaanderen-team@demo.zorgsamen.example")).to_be_visible()
    # Nothing sticks out sideways: the page does not scroll horizontally at 390 px.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.watch.assert_clean()


def test_case_actions_work_without_javascript(app, live_server, phone_nojs):
    case = insert_case(app, "edpb_preventa")
    member = create_user(app, org_id="edpb_preventa")
    link = f"/partners/dossier/{case['link_token']}"
    sign_in_browser(phone_nojs, live_server.url, app, member, next_url=link)
    phone_nojs.get_by_role("button", name="Opnemen: ik volg dit op").click()
    phone_nojs.locator(".partners-flash").get_by_text("Je hebt dit dossier opgenomen.").wait_for()
    phone_nojs.get_by_text("Contactpoging noteren").click()
    phone_nojs.get_by_role("button", name="Poging bewaren").click()  # nothing chosen: told what to fix
    assert phone_nojs.get_by_text("Kies hoe je contact zocht.").is_visible()
    phone_nojs.locator("details input[name=channel][value=phone]").check()  # the attempt form, not "Bereikt"
    phone_nojs.locator("input[name=reached][value=no]").check()
    phone_nojs.get_by_role("button", name="Poging bewaren").click()
    phone_nojs.locator(".partners-flash").get_by_text("De contactpoging is genoteerd.").wait_for()
    assert phone_nojs.get_by_text("1 keer niet bereikt").is_visible()


def test_invitation_enrolment_in_a_browser(app, live_server, phone, runner):
    import pyotp

    result = runner.invoke(args=["users", "add", "nieuw@cgg-west.example", "--org", "cgg_west"])
    path = re.search(r"(/partners/uitnodiging/\S+)", result.output).group(1)
    phone.goto(live_server.url + path)
    qr = phone.get_by_role("img", name="QR-code om je account toe te voegen aan je app")
    assert qr.is_visible() and qr.evaluate("img => img.naturalWidth") > 100  # the QR code really renders
    assert axe_violations(phone) == ""
    screenshot(phone, "partners-invitation")
    phone.reload()  # a full-page screenshot leaves empty style attributes that a later swap would trip over
    secret = phone.locator(".partners-secret").inner_text()
    phone.get_by_label("Nieuw wachtwoord").fill("lente-in-gent-2026")
    phone.get_by_label("Nog eens hetzelfde wachtwoord").fill("lente-in-gent-2026")
    phone.get_by_label("Code uit je app").fill(pyotp.TOTP(secret).now())
    phone.get_by_role("button", name="Account bewaren").click()
    phone.locator(".partners-flash").get_by_text("Je account is klaar. Meld je nu aan.").wait_for()
    assert phone.url.endswith("/partners/inloggen")
    phone.watch.assert_clean()
