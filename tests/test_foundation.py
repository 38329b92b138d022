"""The foundation: config, schema, security headers, fragments, errors, language."""
from screener import create_app
from screener.db import connect
from screener.migrations import migrate

from helpers import axe_violations, make_config


def test_secret_key_and_encryption_key_are_generated_into_instance(tmp_path):
    config = make_config(tmp_path)
    del config["SECRET_KEY"]
    app = create_app(config)
    secret = (tmp_path / "instance" / "secret_key").read_text()
    assert len(secret) >= 64 and app.config["SECRET_KEY"] == secret
    assert (tmp_path / "instance" / "fernet.keys").stat().st_mode & 0o077 == 0
    # A second start keeps the same secret (sessions survive a restart).
    assert create_app(config).config["SECRET_KEY"] == secret


def test_environment_overrides_instance_config(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("SITE_NAME = 'Uit instance'\nBASE_URL = 'https://instance.example'\n")
    monkeypatch.setenv("ZORGSAMEN_BASE_URL", "https://env.example")
    config = make_config(tmp_path)
    del config["BASE_URL"]
    app = create_app(config)
    assert app.config["SITE_NAME"] == "Uit instance"
    assert app.config["BASE_URL"] == "https://env.example"


def test_migrations_are_idempotent_and_use_wal(app, runner):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    db = connect(app.config["DATABASE"])
    migrate(db)  # a second time changes nothing
    assert {"screenings", "cases", "case_events", "outbox"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")]
    assert len(names) == len(set(names))


def test_security_headers_on_every_response(client):
    for url in ["/", "/privacy", "/bestaat-niet", "/static/css/site.css"]:
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert "HX-Request" in response.headers["Vary"]


def test_page_or_fragment(client):
    page = client.get("/")
    assert b"<html" in page.data and b"Hoe gaat het echt met je?" in page.data
    fragment = client.get("/", headers={"HX-Request": "true"})
    assert b"<html" not in fragment.data and b"Hoe gaat het echt met je?" in fragment.data
    boosted = client.get("/", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert b"<html" in boosted.data


def test_unknown_page_gives_dutch_404_with_crisis_numbers(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert "Deze pagina bestaat niet" in text and 'href="tel:1813"' in text


def test_language_switch_only_redirects_locally(client):
    response = client.get("/taal/en?next=https://evil.example/x")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    response = client.get("/taal/en?next=/privacy")
    assert response.headers["Location"] == "/privacy"
    assert 'lang="en"' in client.get("/privacy").get_data(as_text=True)


def test_post_without_csrf_token_is_refused_in_dutch(tmp_path):
    app = create_app(make_config(tmp_path, WTF_CSRF_ENABLED=True))
    response = app.test_client().post("/taal/en", headers={"Referer": "http://localhost/privacy"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "formulier was verlopen" in text
    # Reloading would post the stale form again: the way back is a fresh copy of the page.
    assert '<a class="button button--primary" href="/privacy">' in text


def test_home_in_a_phone_browser(live_server, phone):
    phone.goto(live_server.url + "/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Hoe gaat het echt met je?"
    assert phone.locator("footer a[href='tel:1813']").is_visible()
    assert axe_violations(phone) == ""
    phone.watch.assert_clean()
