"""Shared fixtures: an app on a real SQLite file, a real SMTP server, a live server and a phone browser."""
import pytest

from screener import create_app
from screener.db import connect

from helpers import MONDAY_10H, LiveServer, MovableClock, SMTPSink, make_config, open_page


@pytest.fixture
def app_config(tmp_path):
    """Overridable config for the `app` fixture (a test module may override this fixture)."""
    return make_config(tmp_path)


@pytest.fixture
def app(app_config):
    return create_app(app_config)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """A separate connection to the app's database file, to check what was stored."""
    database = connect(app.config["DATABASE"])
    yield database
    database.close()


@pytest.fixture
def smtp_server():
    server = SMTPSink().start()
    yield server
    server.stop()


# --- a live server and a phone-sized browser ------------------------------------------------

@pytest.fixture
def live_server(app):
    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A phone-sized page with JavaScript on; page.watch.assert_clean() checks requests and console."""
    context, page = open_page(browser)
    yield page
    context.close()


@pytest.fixture
def phone_nojs(browser):
    """A phone-sized page with JavaScript off."""
    context, page = open_page(browser, javascript=False)
    yield page
    context.close()


# --- a clock the test moves ---------------------------------------------------------------------

@pytest.fixture
def clock():
    """A clock the test moves, starting on a Monday at 10:00 in Brussels."""
    return MovableClock(MONDAY_10H)


@pytest.fixture
def clocked_config(tmp_path, clock):
    """The test config with that clock; a module uses it as its `app_config`."""
    return make_config(tmp_path, CLOCK=clock)
