"""English as the second language: the pages a visitor sees, and a catalogue that is complete and compiled."""
import gettext
import html
import io
import re
import shlex
from pathlib import Path

import pytest
import yaml
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import partners_helpers
from helpers import axe_violations, page_token, screenshot

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
MO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo"
POT = TRANSLATIONS / "messages.pot"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
LOW = [0, 0, 0, 0, 0, 5, 4, 4, 5, 4, 0, 3]  # a calm fortnight: every answer of the screener, in order


def read_catalogue(path):
    with open(path, "rb") as f:
        return read_po(f)


def is_translated(message):
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)


# --- what a visitor sees -------------------------------------------------------------------

def dutch_texts():
    """Dutch sentences that must not be left on an English page: catalogue msgids and content texts."""
    texts = set()
    for message in read_catalogue(PO):
        if isinstance(message.id, str) and message.id and message.string != message.id:
            texts.add(message.id)

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("nl"), str) and isinstance(node.get("en"), str) and node["nl"] != node["en"]:
                texts.add(node["nl"].strip())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in (ROOT / "screener" / "content").glob("*.yml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    # Short words ("Man", "Sector") may be the same in both, single words may be names ("Oost-Vlaanderen"
    # in an organisation's name); placeholders are filled in on the page.
    return {t for t in texts if len(t) >= 15 and " " in t and not PLACEHOLDER.search(t)}


DUTCH = dutch_texts()


def dutch_left(text):
    """Our Dutch sentences found in `text`."""
    text = html.unescape(text)
    return sorted(t for t in DUTCH if t in text)


def english_page(response):
    """The page text, after checking it is marked English and carries no Dutch sentence of ours."""
    text = html.unescape(response.get_data(as_text=True))
    assert '<html lang="en">' in text
    assert dutch_left(text) == [], f"Dutch left on an English page {response.request.path}"
    return text


def h1(text):
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)).strip()


@pytest.fixture
def english(client):
    """A visitor who chose English in the header."""
    response = client.get("/taal/en?next=/")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    return client


def test_home_page_in_english(english):
    text = english_page(english.get("/"))
    assert h1(text) == "How are you really doing?"
    assert "Start the screener" in text and "Worried about a colleague?" in text
    assert "Suicide Line (Zelfmoordlijn), day and night" in text  # the crisis numbers in the footer
    assert re.search(r'<span aria-current="true" lang="en">EN</span>', text)


def test_dutch_is_the_default_and_switching_back_works(client):
    assert h1(client.get("/").get_data(as_text=True)) == "Hoe gaat het echt met je?"
    client.get("/taal/en?next=/")
    assert h1(client.get("/").get_data(as_text=True)) == "How are you really doing?"
    client.get("/taal/nl?next=/")
    dutch = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in dutch and h1(dutch) == "Hoe gaat het echt met je?"


def test_screener_intro_question_profile_and_result_in_english(english, app):
    intro = english_page(english.get("/screener"))
    assert "one per screen" in intro and "This isn't a diagnosis." in intro
    with app.app_context():
        from screener.content import get

        first = get("screener")["items"][0]
    token = page_token(english, "/screener")
    start = english.post("/screener/start", data={"csrf_token": token})
    assert start.status_code == 303
    question = english_page(english.get(start.headers["Location"]))
    assert first["text"]["en"] in question
    assert f"Question 1 of {len(LOW)}" in question and "Next" in question
    for number, value in enumerate(LOW, 1):
        answered = english.post(f"/screener/vraag/{number}", data={"csrf_token": token, "answer": str(value)})
        assert answered.status_code == 303
    profile = english_page(english.get("/screener/over-jou"))
    assert "I'd rather not say" in profile and "Show my result" in profile
    done = english.post("/screener/over-jou", data={"csrf_token": token})
    assert done.status_code == 303
    result = english_page(english.get("/screener/resultaat"))
    assert "What else can you do?" in result and "Show my scores" in result


def test_a_wrong_screener_answer_is_explained_in_english(english):
    token = page_token(english, "/screener")
    english.post("/screener/start", data={"csrf_token": token})
    response = english.post("/screener/vraag/1", data={"csrf_token": token})
    assert response.status_code == 422
    assert "Choose an answer to go on." in english_page(response)


def test_first_helper_start_page_in_english(english, app):
    with app.app_context():
        from screener.content import get

        tree = get("firsthelper")
    start = tree["nodes"][tree["start"]]
    text = english_page(english.get("/eerste-helper"))
    assert h1(text) == start["question"]["en"]
    for choice in start["choices"]:
        assert choice["label"]["en"] in text
    assert "Anonymous: we only count how often a step is viewed" in text


def test_request_form_and_its_errors_in_english(english, db):
    form = english_page(english.get("/aanmelden"))
    assert h1(form) == "Ask for a call"
    for label in ("Your first name or a nickname", "Phone number", "Who may contact you?", "Choose for me",
                  "The province where you work"):
        assert label in form, label
    token = page_token(english, "/aanmelden")
    response = english.post("/aanmelden", data={"csrf_token": token, "name": "", "phone": "0470 12",
                                                "choice": "", "action": "preview"})
    assert response.status_code == 422
    text = english_page(response)
    assert "Fill in a first name or nickname." in text
    assert "This phone number doesn't look right." in text
    assert "Choose who may contact you." in text
    assert 'value="0470 12"' in text  # nothing typed is lost in either language
    assert db["cases"].count == 0


DETAILS = {"name": "Sam", "phone": "0470 12 34 56", "email": "sam@example.be", "choice": "region",
           "province": "limburg", "channel": "phone", "language": "en"}


def send_request(client):
    token = page_token(client, "/aanmelden")
    return client.post("/aanmelden", data={"csrf_token": token, **DETAILS, "consent": "1", "confirm_email": "1",
                                           "action": "send"})


def test_english_request_gets_an_english_check_page_thanks_and_confirmation(english, db):
    details = DETAILS
    token = page_token(english, "/aanmelden")
    review = english.post("/aanmelden", data={"csrf_token": token, **details, "action": "preview"})
    assert review.status_code == 200
    text = english_page(review)
    assert "Who will get in touch with you?" in text and "Send my request" in text
    sent = english.post("/aanmelden", data={"csrf_token": token, **details, "consent": "1", "confirm_email": "1",
                                            "action": "send"})
    assert sent.status_code == 303
    done = english_page(english.get(sent.headers["Location"]))
    assert "Thank you. Your request has been sent." in done
    # The deadline as people in Belgium write it: the day before the month, a 24-hour clock.
    assert re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
                     r"December) \d{4} \d{2}:\d{2}\b", done)
    assert not re.search(r"\b(AM|PM)\b", done)
    mails = {row["kind"]: row for row in db["outbox"].rows}
    confirmation = mails["confirmation"]
    assert confirmation["subject"].startswith("Your request at ZorgSamen: reference ")
    assert "Thank you for your request." in confirmation["body_text"]
    assert "Withdraw my request" in confirmation["body_html"]
    assert dutch_left(confirmation["body_text"]) == [] and dutch_left(confirmation["body_html"]) == []
    # The provider's team reads its e-mail in its own language, whatever the worker chose.
    [team_mail] = [row for kind, row in mails.items() if kind != "confirmation"]
    assert team_mail["subject"].startswith("Nieuwe aanmelding")


@pytest.mark.parametrize("path, status, heading", [
    ("/bestaat-niet", 404, "This page doesn't exist"),
    ("/screener/start", 405, "That doesn't work this way"),
    ("/aanmelden/intrekken/geen-geldige-link", 404, None),
])
def test_error_pages_in_english(english, path, status, heading):
    response = english.get(path)
    assert response.status_code == status
    text = english_page(response)
    if heading:
        assert h1(text) == heading
    assert "Go to the home page" in text and "Do you need help right now? You're not alone." in text


def test_expired_form_is_explained_in_english(english):
    response = english.post("/screener/start", data={})
    assert response.status_code == 400
    assert "Your form had expired or was incomplete." in english_page(response)


def test_provider_pages_in_english(english, app, db):
    assert send_request(english).status_code == 303
    [case] = db["cases"].rows
    provider_team = english.application.test_client()
    partners_helpers.sign_in(provider_team, app, role="member", org_id=case["provider_id"])
    provider_team.get("/taal/en?next=/partners/")
    cases = english_page(provider_team.get("/partners/"))
    assert case["reference"] in cases and "Step 2" in cases and "No cases in this list." not in cases
    link = re.search(r'href="(/partners/dossier/[^"/]+)"', cases).group(1)
    page = english_page(provider_team.get(link))
    assert "What do you do now?" in page and "Take on: I'll follow this up" in page and "Sam" in page
    assert "English" in page  # the language the worker asked to be helped in


def test_privacy_and_provider_sign_in_in_english(english):
    privacy = english_page(english.get("/privacy"))
    assert "Your rights" in privacy and "How long we keep things" in privacy
    sign_in = english_page(english.get("/partners/inloggen"))
    assert "Sign in for providers" in sign_in and "Password" in sign_in


# --- the catalogue -------------------------------------------------------------------------

def test_every_string_is_translated_and_nothing_is_fuzzy():
    catalogue = read_catalogue(PO)
    messages = [m for m in catalogue if m.id]
    assert len(messages) > 100
    assert [m.id for m in messages if not is_translated(m)] == []
    assert [m.id for m in messages if m.fuzzy] == []
    assert list(catalogue.obsolete) == []


def test_translations_keep_every_placeholder():
    catalogue = read_catalogue(PO)
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalogue.check()]
    assert problems == []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(ids[-1])), (message.id, string)


def test_committed_mo_is_compiled_from_the_po():
    fresh = io.BytesIO()
    write_mo(fresh, read_catalogue(PO))
    fresh.seek(0)
    compiled = gettext.GNUTranslations(fresh)._catalog
    with open(MO, "rb") as f:
        committed = gettext.GNUTranslations(f)._catalog
    compiled.pop("", None), committed.pop("", None)  # headers carry dates
    missing = sorted(str(k) for k in compiled.keys() - committed.keys())
    assert missing == [], "run `make translations`: the .mo lacks " + ", ".join(missing[:5])
    assert compiled == committed, "run `make translations`: the .mo is older than the .po"


def makefile_extract_arguments(output):
    """The `pybabel extract` line of `make translations`, writing to `output` instead."""
    for line in (ROOT / "Makefile").read_text().splitlines():
        if "pybabel extract" in line:
            args = shlex.split(line.strip())
            args = args[args.index("extract"):]
            args[args.index("-o") + 1] = str(output)
            return args
    raise AssertionError("the Makefile has no `pybabel extract` line")


def test_every_marked_string_in_the_code_is_translated(tmp_path, monkeypatch):
    fresh_pot = tmp_path / "fresh.pot"
    monkeypatch.chdir(ROOT)
    CommandLineInterface().run(["pybabel", "--quiet", *makefile_extract_arguments(fresh_pot)])
    extracted = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in read_catalogue(fresh_pot) if m.id}
    assert len(extracted) > 100  # the extraction found the code and the templates
    catalogue = read_catalogue(PO)
    untranslated = []
    for key, message in extracted.items():
        entry = catalogue.get(message.id)
        if entry is None or not is_translated(entry):
            where = ", ".join(f"{path}:{line}" for path, line in message.locations)
            untranslated.append(f"{key!r} ({where})")
    assert untranslated == [], ("new or changed strings without English: run `make translations`, translate them "
                                "in translations/en/LC_MESSAGES/messages.po, run it again:\n" + "\n".join(untranslated))


def test_committed_template_lists_the_catalogue():
    template = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_catalogue(POT) if m.id}
    catalogue = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_catalogue(PO) if m.id}
    assert template == catalogue


# --- in a real browser ---------------------------------------------------------------------

def test_switching_to_english_on_a_phone(live_server, phone):
    phone.goto(live_server.url + "/")
    assert phone.locator("html").get_attribute("lang") == "nl"
    phone.locator("a[hreflang=en]").click()
    phone.wait_for_url(live_server.url + "/")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.locator("h1").inner_text() == "How are you really doing?"
    phone.get_by_role("button", name="Start the screener").click()  # straight to the first question
    phone.wait_for_url(live_server.url + "/screener/vraag/1")
    assert "How often were you feeling nervous" in phone.locator("main").inner_text()
    phone.goto(live_server.url + "/screener")
    assert phone.locator("h1").inner_text() != "" and "one per screen" in phone.locator("main").inner_text()
    assert axe_violations(phone) == ""
    screenshot(phone, "i18n-screener-intro-en")
    phone.goto(live_server.url + "/aanmelden")
    assert phone.locator("h1").inner_text() == "Ask for a call"
    assert axe_violations(phone) == ""
    screenshot(phone, "i18n-request-form-en")
    phone.watch.assert_clean()


def test_templates_follow_a_forced_locale_and_then_the_visitor_language_again(app):
    from flask import render_template_string, session
    from flask_babel import force_locale

    template = '{{ _("Vraag om gebeld te worden") }}'
    with app.test_request_context("/"):
        session["lang"] = "en"
        assert render_template_string(template) == "Ask for a call"
        with force_locale("nl"):  # e.g. the team's e-mail, written while an English visitor waits
            assert render_template_string(template) == "Vraag om gebeld te worden"
        assert render_template_string(template) == "Ask for a call"
