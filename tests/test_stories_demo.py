"""The demo stories: published ones on the site, a flagged one first in the queue, reads in the report."""
from partners_helpers import sign_in
from screener.db import get_db
from screener.stories import demo


def test_demo_stories_fill_the_site_the_queue_and_the_report(app, client):
    with app.app_context():
        demo.seed(app, get_db())
        demo.seed(app, get_db())  # a second run adds nothing
        assert demo.has_stories(get_db())
        assert get_db().execute("SELECT COUNT(*) FROM stories").fetchone()[0] == len(demo.STORIES)
    page = client.get("/verhalen/").get_data(as_text=True)
    assert "Wandelen na de late dienst" in page and "Slapen na een nachtdienst" not in page
    sign_in(client, app)
    queue = client.get("/partners/verhalen/").get_data(as_text=True)
    assert queue.index("Toen het niet meer ging") < queue.index("Slapen na een nachtdienst")
    report = client.get("/rapporten/csv/verhalen-gelezen.csv?periode=jaar").get_data(as_text=True)
    assert "Wandelen na de late dienst" in report
