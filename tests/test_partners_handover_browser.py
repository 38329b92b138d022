"""A red case in a browser, at phone size and at 1280 px: from the team's e-mail to the first contact in one
tap, referred with the worker's agreement to a mental-health centre in their province, arriving there with
the note and the attempts."""
import re
from email import message_from_bytes

import pytest
from playwright.sync_api import expect

from helpers import axe_violations, insert_case, make_config, screenshot, smtp_config
from partners_helpers import create_user, sign_in_browser
from screener.worker import run_due_jobs

SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
NOTE = "Werkt nachten; liefst na 14 uur bellen. Eerste gesprek ging goed."


@pytest.fixture
def app_config(tmp_path, smtp_server):
    return make_config(tmp_path, **smtp_config(smtp_server))


def delivered(app, smtp_server, address):
    """The first message to `address`, sent by the worker process to the real SMTP server."""
    for _ in range(20):
        found = [m for m in smtp_server.messages if address in m.rcpt_tos]
        if found:
            return message_from_bytes(found[0].content)
        run_due_jobs(app, {})
        smtp_server.wait_for(1, timeout=0.5)
    raise AssertionError(f"no message to {address}")


def body_of(message):
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_a_red_case_from_the_email_to_the_mental_health_centre(app, live_server, browser, smtp_server, db, size):
    from screener import clock
    from screener.cases.create import notify_new_case
    from screener.db import get_db, immediate

    case = insert_case(app, "elp_limburg", urgent=True, safety_concern=True, province="limburg")
    with app.app_context():
        with immediate(get_db()):
            notify_new_case(get_db(), case, clock.now())
    mail = delivered(app, smtp_server, "aanmelden@elp-limburg.example")
    assert mail["Subject"].startswith("Dringend: ")  # urgent in the subject, the risk itself only behind sign-in
    body = body_of(mail)
    assert "dood" not in body and "Sam" not in body
    link = re.search(re.escape(live_server.url) + r"/partners/dossier/[A-Za-z0-9_-]{43}", body).group(0)

    psychologist = create_user(app, email=f"psy-{size}@elp-limburg.example", org_id="elp_limburg")
    context = browser.new_context(viewport=SIZES[size], locale="nl-BE")
    team = context.new_page()
    team.goto(link)
    sign_in_browser(team, live_server.url, app, psychologist, next_url=link.replace(live_server.url, ""))
    team.wait_for_url(link)

    # The risk comes first, above the worker's wishes and every action, in strong contrast.
    risk = team.locator("[data-testid=safety-concern]")
    expect(risk).to_contain_text("aan de dood of aan zichzelf pijn doen")
    assert risk.bounding_box()["y"] < team.locator("[data-testid=wishes]").bounding_box()["y"]
    assert risk.bounding_box()["y"] < team.locator("#actions-title").bounding_box()["y"]
    assert risk.bounding_box()["y"] + risk.bounding_box()["height"] <= SIZES[size]["height"]  # on the first screen
    assert axe_violations(team) == ""
    screenshot(team, f"partners-red-case-{size}")

    # Claim, then one tap: the reached attempt is the first contact, the clock stops.
    team.get_by_role("button", name="Opnemen: ik volg dit op").click()
    team.locator(".partners-flash").get_by_text("Je hebt dit dossier opgenomen.").wait_for()
    team.get_by_role("button", name="Bereikt", exact=True).click()
    team.locator(".partners-flash").get_by_text("Het eerste contact is genoteerd").wait_for()
    expect(team.locator("[data-testid=waiting-time]")).to_be_visible()

    # Refer with the worker's agreement: the centres of Limburg come first; a confirmation names the deadline.
    team.get_by_text("Doorverwijzen naar een andere organisatie").click()
    here = team.locator("[data-testid=refer-here] option")
    assert "CGG Noord (Antwerpen en Limburg) · CGG (trap 3)" in here.all_inner_texts()
    team.locator("#refer-provider").select_option("cgg_noord")
    team.get_by_label("De persoon gaat akkoord dat deze organisatie contact opneemt.").check()
    team.get_by_label("telefonisch").check()
    team.locator("#refer-note").fill(NOTE)
    team.get_by_role("button", name="Verder").click()
    confirm = team.locator("[data-testid=refer-confirm]")
    expect(confirm).to_contain_text("Doorverwijzen naar CGG Noord (Antwerpen en Limburg)?")
    expect(confirm).to_contain_text("Zij nemen contact op uiterlijk")
    assert axe_violations(team) == ""
    screenshot(team, f"partners-refer-confirm-{size}")
    confirm.get_by_role("button", name="Bevestig doorverwijzing").click()
    expect(team.locator(".case__badges")).to_contain_text("Doorverwezen")
    context.close()

    # The centre's team gets its own e-mail and reads the story on the new case.
    [child] = [c for c in db["cases"].rows if c["parent_case_id"] == case["id"]]
    assert (child["provider_id"], child["step"], child["safety_concern"]) == ("cgg_noord", 3, 1)
    centre_mail = delivered(app, smtp_server, "onthaal@cgg-noord.example")
    assert NOTE not in body_of(centre_mail) and centre_mail["Subject"].startswith("Dringend: ")
    centre = create_user(app, email=f"cgg-{size}@cgg-noord.example", org_id="cgg_noord")
    context = browser.new_context(viewport=SIZES[size], locale="nl-BE")
    receiving = context.new_page()
    sign_in_browser(receiving, live_server.url, app, centre, next_url=f"/partners/dossier/{child['reference']}")
    receiving.wait_for_url(re.compile(child["reference"]))
    expect(receiving.locator("[data-testid=safety-concern]")).to_be_visible()
    story = receiving.get_by_text("Overgedragen door Netwerk Eerstelijnspsychologen Limburg")
    expect(story).to_be_visible()
    expect(receiving.locator("main")).to_contain_text(NOTE)
    expect(receiving.locator("main")).to_contain_text("telefonisch")
    assert axe_violations(receiving) == ""
    screenshot(receiving, f"partners-handed-over-{size}")
    context.close()
