"""Demo accounts: `flask demo` creates them, prints the credentials, and the documented ones work."""
from pathlib import Path

import pyotp

from helpers import post_form
from screener import clock
from screener.staff.demo import COORDINATOR_EMAIL, DEMO_PASSWORD, DEMO_TOTP_SECRET

DOCS = Path(__file__).resolve().parent.parent / "docs" / "partners.md"


def test_demo_prints_accounts_that_sign_in(app, runner, client):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output and COORDINATOR_EMAIL in result.output
    assert "elp-limburg@demo.zorgsamen.example" in result.output
    again = runner.invoke(args=["demo"])  # a second run adds no duplicate accounts
    assert again.exit_code == 0, again.output
    with app.app_context():
        code = pyotp.TOTP(DEMO_TOTP_SECRET).at(clock.now())
    response = post_form(client, "/partners/inloggen",
                         {"email": "elp-limburg@demo.zorgsamen.example", "password": DEMO_PASSWORD, "code": code})
    assert response.status_code == 303
    assert "Netwerk Eerstelijnspsychologen Limburg" in client.get("/partners/").get_data(as_text=True)


def test_the_documented_demo_credentials_are_the_real_ones():
    text = DOCS.read_text()
    for value in (DEMO_PASSWORD, DEMO_TOTP_SECRET, COORDINATOR_EMAIL, "elp-limburg@demo.zorgsamen.example"):
        assert value in text, value
