"""Self-care stories, through the routes: sharing, double opt-in, moderation, withdrawal, helped and expiry."""
import email
import html
import email.policy
import re

import pytest

from helpers import csrf_token, post_form, rotate_keys, smtp_config
from partners_helpers import sign_in
from stories_helpers import STORY, decide, share, share_story

CONFIRM_LINK = re.compile(r"http://127\.0\.0\.1(/verhalen/bevestig/[\w-]+)")


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


@pytest.fixture
def staff(app):
    """A second browser: a signed-in coordinator."""
    client = app.test_client()
    sign_in(client, app)
    return client


def page_text(client, url):
    return html.unescape(client.get(url).get_data(as_text=True))


def published_story(client, staff, db, **fields):
    story_id, withdraw = share_story(client, db, **fields)
    assert decide(staff, story_id, "publiceren").status_code == 303
    return story_id, withdraw


# --- sharing ---------------------------------------------------------------------------------------

def test_a_shared_story_waits_for_moderation_and_is_not_shown(client, db):
    story_id, _ = share_story(client, db, name="Lien", sector="hospital")
    assert "Wandelen na de late dienst" not in client.get("/verhalen/").get_data(as_text=True)
    assert client.get(f"/verhalen/{story_id}").status_code == 404
    row = db["stories"].get(story_id)
    assert row["status"] == "pending" and row["author_name"] == "Lien" and row["sector"] == "hospital"


def test_a_story_over_1000_words_is_refused_with_the_count_and_kept(client, db):
    long_text = " ".join(["woord"] * 1001)
    response = share(client, body=long_text)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Je verhaal telt 1001 woorden" in page and long_text in page
    assert db["stories"].count == 0
    assert share(client, body=" ".join(["woord"] * 1000)).status_code == 303


def test_consent_is_required(client, db):
    response = share(client, consent="0")
    assert response.status_code == 422 and "Vink aan dat je akkoord gaat" in response.get_data(as_text=True)
    assert db["stories"].count == 0


def test_the_consent_names_the_purpose_and_two_years(client):
    page = client.get("/verhalen/delen").get_data(as_text=True)
    assert "om andere zorgverleners te helpen" in page and "twee jaar" in page


def test_a_wrong_address_is_named_and_an_unknown_sector_ignored(client, db):
    response = share(client, email="niet-een-adres")
    assert response.status_code == 422 and "Dit e-mailadres klopt niet" in response.get_data(as_text=True)
    story_id, _ = share_story(client, db, sector="planet-mars")
    assert db["stories"].get(story_id)["sector"] is None


def test_an_empty_name_is_anonymous(client, staff, db):
    story_id, _ = published_story(client, staff, db, name="")
    assert "Anoniem" in client.get(f"/verhalen/{story_id}").get_data(as_text=True)


# --- double opt-in -------------------------------------------------------------------------------------

def test_the_address_is_confirmed_through_a_single_use_link_then_told_and_deleted(app, client, staff, db, runner,
                                                                                  smtp_server):
    app.config.update(smtp_config(smtp_server))
    story_id, _ = share_story(client, db, email="lien@example.be")
    stored = db["stories"].get(story_id)
    assert "lien@example.be" not in stored["email_encrypted"] and not stored["email_confirmed"]
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    [envelope] = smtp_server.wait_for(1)
    assert envelope.rcpt_tos == ["lien@example.be"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    text = message.get_body(("plain",)).get_content()
    assert STORY["body"][:20] not in text  # the story itself is never in an e-mail
    link = CONFIRM_LINK.search(text).group(1)

    page = client.get(link)  # opening the link (or a mail scanner) confirms nothing
    assert page.status_code == 200 and not db["stories"].get(story_id)["email_confirmed"]
    token = csrf_token(page.get_data(as_text=True))
    assert client.post(link, data={"csrf_token": token}).status_code == 200
    assert db["stories"].get(story_id)["email_confirmed"] == 1
    second = client.post(link, data={"csrf_token": token})
    assert second.status_code == 404 and "werkt niet (meer)" in second.get_data(as_text=True)

    assert decide(staff, story_id, "publiceren").status_code == 303
    assert db["stories"].get(story_id)["email_encrypted"] is None
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    told = email.message_from_bytes(smtp_server.wait_for(2)[1].content, policy=email.policy.default)
    assert str(told["Subject"]) == "Je verhaal staat online" and f"/verhalen/{story_id}" in told.get_body(
        ("plain",)).get_content()


def test_an_unconfirmed_address_is_never_used_and_deleted_at_the_decision(client, staff, db):
    story_id, _ = share_story(client, db, email="lien@example.be")
    assert decide(staff, story_id, "publiceren").status_code == 303
    assert db["stories"].get(story_id)["email_encrypted"] is None
    assert [r["kind"] for r in db["outbox"].rows] == ["story"]  # only the confirmation request


def test_a_rejection_deletes_a_confirmed_address_without_a_mail(client, staff, db):
    story_id, _ = share_story(client, db, email="lien@example.be")
    link = CONFIRM_LINK.search(db.execute("SELECT body_text FROM outbox").fetchone()[0]).group(1)
    post_form(client, link, {})
    assert db["stories"].get(story_id)["email_confirmed"] == 1
    assert decide(staff, story_id, "afwijzen", reason="Te herkenbaar").status_code == 303
    assert db["stories"].get(story_id)["email_encrypted"] is None
    assert db["outbox"].count == 1


# --- moderation -------------------------------------------------------------------------------------------

def test_only_coordinators_moderate(app, client, db):
    story_id, _ = share_story(client, db)
    assert client.get("/partners/verhalen/").status_code == 302  # to sign-in
    member = app.test_client()
    sign_in(member, app, role="member")
    assert member.get("/partners/verhalen/").status_code == 404
    assert member.get(f"/partners/verhalen/{story_id}").status_code == 404
    token = csrf_token(member.get("/partners/").get_data(as_text=True))
    assert member.post(f"/partners/verhalen/{story_id}/publiceren", data={"csrf_token": token}).status_code == 404
    assert db["stories"].get(story_id)["status"] == "pending"


def test_approve_publishes_and_is_audited(client, staff, db):
    story_id, _ = share_story(client, db)
    assert "Wandelen na de late dienst" in staff.get("/partners/verhalen/").get_data(as_text=True)
    assert decide(staff, story_id, "publiceren").status_code == 303
    assert "Wandelen na de late dienst" in client.get("/verhalen/").get_data(as_text=True)
    assert client.get(f"/verhalen/{story_id}").status_code == 200
    assert [r["action"] for r in db["audit_log"].rows_where("action LIKE 'story_%'")] == ["story_published"]


def test_an_edit_for_anonymity_keeps_only_the_edited_version(client, staff, db):
    story_id, _ = share_story(client, db, body="Mijn leidinggevende Jan in AZ Sint-Jan hielp me.")
    response = decide(staff, story_id, "bewerken", title="Steun van mijn leidinggevende",
                      body="Mijn leidinggevende hielp me.")
    assert response.status_code == 303
    assert decide(staff, story_id, "publiceren").status_code == 303
    page = client.get(f"/verhalen/{story_id}").get_data(as_text=True)
    assert "Mijn leidinggevende hielp me." in page and "Sint-Jan" not in page
    assert "Sint-Jan" not in str(list(db.execute("SELECT * FROM stories")))
    assert {r["action"] for r in db["audit_log"].rows_where("action LIKE 'story_%'")} == {"story_edited",
                                                                                           "story_published"}


def test_reject_needs_a_reason_and_keeps_the_story_off_the_site(client, staff, db):
    story_id, _ = share_story(client, db)
    response = decide(staff, story_id, "afwijzen", reason="")
    assert response.status_code == 422 and "Geef een reden" in response.get_data(as_text=True)
    assert decide(staff, story_id, "afwijzen", reason="Noemt een afdeling").status_code == 303
    row = db["stories"].get(story_id)
    assert row["status"] == "rejected" and row["reject_reason"] == "Noemt een afdeling"
    assert client.get(f"/verhalen/{story_id}").status_code == 404
    assert decide(staff, story_id, "publiceren").status_code == 303  # already decided: nothing changes
    assert db["stories"].get(story_id)["status"] == "rejected"


def test_a_story_about_suicide_is_flagged_first_and_needs_the_check(client, staff, db):
    plain_id, _ = share_story(client, db)
    flagged_id, _ = share_story(client, db, title="Toen ik niet meer wou", body="Ik dacht aan zelfmoord. Praten hielp.")
    queue = staff.get("/partners/verhalen/").get_data(as_text=True)
    assert queue.index("Toen ik niet meer wou") < queue.index("Wandelen na de late dienst")
    assert "eerst nakijken" in queue
    response = decide(staff, flagged_id, "publiceren")
    assert response.status_code == 422 and "Vink eerst aan" in response.get_data(as_text=True)
    assert db["stories"].get(flagged_id)["status"] == "pending"
    assert decide(staff, flagged_id, "publiceren", checked="1").status_code == 303
    page = client.get(f"/verhalen/{flagged_id}").get_data(as_text=True)
    assert "tel:1813" in page.split("<footer")[0]  # the helplines under the story itself


# --- withdraw ---------------------------------------------------------------------------------------------

def test_the_author_withdraws_a_published_story_at_once(client, staff, db):
    story_id, withdraw = published_story(client, staff, db)
    assert "Trek mijn verhaal in" in client.get(withdraw).get_data(as_text=True)
    assert post_form(client, withdraw, {}).status_code == 200
    assert client.get(f"/verhalen/{story_id}").status_code == 404
    assert "Wandelen" not in client.get("/verhalen/").get_data(as_text=True)
    row = db["stories"].get(story_id)
    assert row["status"] == "withdrawn" and row["body"] == "" and row["title"] == ""
    assert db["stories"].get(story_id)["withdraw_hash"] not in withdraw  # only the hash is stored
    assert client.get("/verhalen/intrekken/onbekend").status_code == 404


# --- dit hielp mij ook, reads, expiry --------------------------------------------------------------------

def test_dit_hielp_mij_ook_counts_once_per_browser_per_day(app, client, staff, db, clock):
    story_id, _ = published_story(client, staff, db)
    url = f"/verhalen/{story_id}/hielp"
    first = post_form(client, url, {}, page=f"/verhalen/{story_id}")
    assert first.status_code == 302 and first.headers["Location"].endswith("#hielp")
    assert "1 collega vond dit helpend." in client.get(first.headers["Location"]).get_data(as_text=True)
    again = post_form(client, url, {}, page=f"/verhalen/{story_id}", headers={"HX-Request": "true"})
    assert "1 collega vond dit helpend." in again.get_data(as_text=True)  # the htmx swap, still one
    other = post_form(client, url, {}, page=f"/verhalen/{story_id}", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 302
    assert "2 collega's vonden dit helpend." in page_text(client, f"/verhalen/{story_id}")
    fresh = app.test_client()  # the same browser without any cookie: still counted once (no cookie decides)
    post_form(fresh, url, {}, page=f"/verhalen/{story_id}")
    assert "2 collega's vonden dit helpend." in page_text(client, f"/verhalen/{story_id}")
    clock.advance(days=1)
    post_form(client, url, {}, page=f"/verhalen/{story_id}")
    assert "3 collega's vonden dit helpend." in page_text(client, f"/verhalen/{story_id}")


def test_reads_are_counted_per_story_per_day(client, staff, db, clock):
    story_id, _ = published_story(client, staff, db)
    client.get(f"/verhalen/{story_id}")
    client.get(f"/verhalen/{story_id}")
    clock.advance(days=1)
    client.get(f"/verhalen/{story_id}")
    assert [(r["day"], r["count"]) for r in db["story_reads"].rows_where(order_by="day")] == [
        ("2026-11-23", 2), ("2026-11-24", 1)]


def test_a_story_expires_two_years_after_publication(client, staff, db, clock):
    story_id, _ = published_story(client, staff, db)
    clock.advance(days=729)
    assert client.get(f"/verhalen/{story_id}").status_code == 200
    clock.advance(days=2)
    response = client.get(f"/verhalen/{story_id}")
    assert response.status_code == 410 and "Deze twee jaar zijn voorbij" in response.get_data(as_text=True)
    assert "Wandelen na de late dienst" not in client.get("/verhalen/").get_data(as_text=True)


def test_the_list_filters_by_sector(client, staff, db):
    published_story(client, staff, db, title="Over de ziekenhuisdienst", sector="hospital")
    published_story(client, staff, db, title="Over het woonzorgcentrum", sector="elderly_care")
    page = client.get("/verhalen/?sector=hospital").get_data(as_text=True)
    assert "Over de ziekenhuisdienst" in page and "Over het woonzorgcentrum" not in page
    assert "Over het woonzorgcentrum" in client.get("/verhalen/?sector=bestaat-niet").get_data(as_text=True)


def test_the_report_counts_stories_per_month_and_reads(client, staff, db, clock):
    story_id, _ = published_story(client, staff, db)
    rejected, _ = share_story(client, db)
    decide(staff, rejected, "afwijzen", reason="Herkenbaar")
    client.get(f"/verhalen/{story_id}")
    page = staff.get("/rapporten/?periode=30").get_data(as_text=True)
    assert "Verhalen per maand" in page and "Meest gelezen verhalen" in page
    csv = staff.get("/rapporten/csv/verhalen.csv").get_data(as_text=True)
    assert "2026-11,2,1,1,1" in csv.replace(";", ",")


def test_the_stored_address_is_re_encrypted_by_key_rotation(app, client, db, runner):
    story_id, _ = share_story(client, db, email="lien@example.be")
    opens_with_the_new_key_only = rotate_keys(app, runner)
    opens_with_the_new_key_only(db["stories"].get(story_id)["email_encrypted"], "lien@example.be")


def test_an_expired_form_keeps_the_story(client, db, clock):
    token = csrf_token(client.get("/verhalen/delen").get_data(as_text=True))
    clock.advance(hours=5)  # past WTF_CSRF_TIME_LIMIT: a long story took a long evening
    response = client.post("/verhalen/delen", data={"csrf_token": token, **STORY})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and "Je formulier was verlopen" in page
    assert "Na een zware dienst wandel ik twintig minuten." in page and db["stories"].count == 0
    assert post_form(client, "/verhalen/delen", STORY).status_code == 303  # the fresh token of that page


def test_too_many_shares_from_one_place_are_refused_with_the_story_kept(tmp_path, clock):
    from screener import create_app

    from helpers import make_config

    app = create_app(make_config(tmp_path, CLOCK=clock, RATELIMIT_ENABLED=True, STORIES_SUBMIT_LIMIT="2 per hour"))
    client = app.test_client()
    assert [share(client).status_code for _ in range(2)] == [303, 303]
    response = share(client, title="De derde")
    assert response.status_code == 429 and "De derde" in response.get_data(as_text=True)


def test_an_edit_is_looked_at_again_for_self_harm(client, staff, db):
    story_id, _ = share_story(client, db, body="Ik dacht aan zelfdoding.")
    assert db["stories"].get(story_id)["flagged"] == 1
    decide(staff, story_id, "bewerken", title="Wat hielp", body="Praten met een collega hielp.")
    assert db["stories"].get(story_id)["flagged"] == 0
    decide(staff, story_id, "bewerken", title="Wat hielp", body="I wanted to kill myself.")
    assert db["stories"].get(story_id)["flagged"] == 1


def test_reloading_the_thanks_shows_the_link_again_and_stores_the_story_once(client, db):
    response = share(client)
    assert response.status_code == 303 and response.headers["Location"] == "/verhalen/bedankt"
    first = client.get("/verhalen/bedankt").get_data(as_text=True)
    again = client.get("/verhalen/bedankt").get_data(as_text=True)
    assert "/verhalen/intrekken/" in first and first == again
    assert db["stories"].count == 1
    # Another browser has no thanks to show, and no link of someone else's.
    other = client.application.test_client()  # a fresh cookie jar
    assert other.get("/verhalen/bedankt").headers["Location"] == "/verhalen/delen"


def test_retention_erases_the_words_of_stories_past_their_time_and_keeps_the_counts(app, client, staff, db, clock, runner):
    shown_id, _ = published_story(client, staff, db)
    rejected_id, _ = share_story(client, db, title="Niet voor de site")
    decide(staff, rejected_id, "afwijzen", reason="Er staat een naam van een collega in.")
    clock.advance(days=29)
    assert "story_texts_erased 0" in runner.invoke(args=["retention", "run"]).output
    clock.advance(days=2)  # a month after the rejection: its words go, the published story stays
    assert "story_texts_erased 1" in runner.invoke(args=["retention", "run"]).output
    rejected = db["stories"].get(rejected_id)
    assert (rejected["title"], rejected["body"], rejected["reject_reason"]) == ("", "", None)
    assert db["stories"].get(shown_id)["body"].startswith("Na een zware dienst")
    clock.advance(days=700)  # past the two years the author agreed to
    assert "story_texts_erased 1" in runner.invoke(args=["retention", "run"]).output
    shown = db["stories"].get(shown_id)
    assert (shown["title"], shown["body"], shown["status"]) == ("", "", "published")
    assert client.get(f"/verhalen/{shown_id}").status_code == 410
