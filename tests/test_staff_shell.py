"""The staff shell: one layout and navigation around every staff page, chosen by the staff feature itself."""
import re
from pathlib import Path

from partners_helpers import sign_in

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_only_the_shell_includes_the_staff_navigation():
    including = sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")
                       if "staff/_nav.html" in p.read_text())
    assert including == ["staff/_shell.html"]


def test_the_base_layout_names_no_feature():
    base = (TEMPLATES / "base.html").read_text()
    assert not re.search(r"request\.(blueprint|endpoint)", base)


def test_every_staff_page_has_the_staff_navigation_and_no_public_menu(app, client):
    sign_in(client, app, role="coordinator")
    for url in ("/partners/", "/partners/wachtrij", "/partners/accounts", "/rapporten/", "/partners/gegevens-wissen"):
        page = client.get(url).get_data(as_text=True)
        assert 'class="partners-nav no-print"' in page and 'class="site-nav"' not in page, url
    # An error on a staff page keeps the staff layout; a public error page keeps the public menu.
    missing = client.get("/partners/dossier/bestaat-niet")
    assert missing.status_code == 404 and 'class="site-nav"' not in missing.get_data(as_text=True)
    assert 'class="site-nav"' in client.get("/bestaat-niet").get_data(as_text=True)


def test_an_htmx_swap_of_a_staff_page_brings_the_navigation_along(app, client):
    sign_in(client, app, role="coordinator")
    fragment = client.get("/partners/accounts", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<nav class="partners-nav no-print"') and "<html" not in fragment
    assert 'href="/partners/accounts" aria-current="page"' in fragment
