"""Every e-mail shares one HTML frame, in the reader's language."""
import pytest

from screener.mail.render import render_email

CASE = {"reference": "ZS-7Q4K", "step": 2, "urgent": True}
PROVIDER = {"name": "CGG Noord"}
MAILS = {
    "new_case": dict(case=CASE, provider=PROVIDER, due="dinsdag 24 november, 10:00", link="https://x/p/1"),
    "unmatched_case": dict(case=CASE, provider=None, due="dinsdag 24 november, 10:00", link="https://x/p/1"),
    "case_withdrawn": dict(case=CASE, provider=PROVIDER, due="", link="https://x/p/1"),
    "outbox_stuck": dict(messages=[], count=0),
    "partners_invitation": dict(link="https://x/p/invite", hours=72),
    "partners_reminder": dict(reference="ZS-7Q4K", due_at="2026-11-24T10:00:00+00:00", link="https://x/p/1"),
    "request_confirmation": dict(case=CASE, provider=None, due="dinsdag 24 november", withdraw_link="https://x/intrekken"),
    "partners_escalation": dict(reference="ZS-7Q4K", due_at="2026-11-24T10:00:00+00:00", provider="CGG Noord",
                                link="https://x/p/1"),
}


@pytest.mark.parametrize("name", sorted(MAILS))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_mail_is_a_whole_document_in_the_readers_language(app, name, language):
    with app.test_request_context():
        _, _, html = render_email(name, language=language, **MAILS[name])
    assert html.lstrip().startswith("<!doctype html>")
    assert f'<html lang="{language}">' in html
    assert '<meta charset="utf-8">' in html
    assert html.count("<body>") == 1 and html.rstrip().endswith("</html>")


def test_new_and_unmatched_case_mails_show_the_same_case_facts(app):
    with app.test_request_context():
        new = render_email("new_case", **MAILS["new_case"])[2]
        unmatched = render_email("unmatched_case", **MAILS["unmatched_case"])[2]
    for html in (new, unmatched):
        assert "ZS-7Q4K" in html and "dinsdag 24 november, 10:00" in html
        # Urgent, without saying what the screener showed: that stays behind the sign-in.
        assert "Dringend: neem snel contact op" in html and "rood" not in html
        assert 'href="https://x/p/1"' in html
        assert "geen persoonsgegevens" in html
    assert "nieuwe aanmelding voor CGG Noord" in new
    assert "geen actieve organisatie" in unmatched


@pytest.mark.parametrize("name", ["new_case", "unmatched_case"])
def test_case_mails_in_plain_text_carry_the_facts_and_the_link(app, name):
    with app.test_request_context():
        _, text, _ = render_email(name, **MAILS[name])
    lines = text.splitlines()
    assert "Referentie: ZS-7Q4K" in lines and "Trap: 2" in lines
    assert "Eerste contact uiterlijk: dinsdag 24 november, 10:00" in lines
    assert lines[lines.index("Open het dossier (aanmelden vereist):") + 1] == "https://x/p/1"
    assert "Om privacyredenen staan er geen persoonsgegevens in deze e-mail." in lines


def test_every_team_mail_about_an_urgent_case_says_so_in_its_subject(app):
    with app.test_request_context():
        for name in ("new_case", "unmatched_case"):
            urgent = {**MAILS[name], "case": {**MAILS[name]["case"], "urgent": 1}}
            calm = {**MAILS[name], "case": {**MAILS[name]["case"], "urgent": 0}}
            assert render_email(name, **urgent)[0].startswith("Dringend: ")
            assert not render_email(name, **calm)[0].startswith("Dringend")
        for name in ("partners_reminder", "partners_escalation"):
            context = {"reference": "ZS-7Q4K", "due_at": "2026-11-24T09:00:00+00:00", "link": "https://x/p/1",
                       "provider": "CGG Noord"}
            assert render_email(name, urgent=True, **context)[0].startswith("Dringend: ")
            assert not render_email(name, urgent=False, **context)[0].startswith("Dringend")
