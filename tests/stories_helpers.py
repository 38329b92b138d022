"""Helpers for the stories' tests: share a story through the real form, decide on it as a coordinator."""
import re

from helpers import csrf_token, post_form

WITHDRAW_LINK = re.compile(r'href="(/verhalen/intrekken/[\w-]+)"')
STORY = {"title": "Wandelen na de late dienst", "body": "Na een zware dienst wandel ik twintig minuten.\n\nDat helpt.",
         "consent": "1"}


def share(client, **fields):
    """Send the share form; returns the response."""
    return post_form(client, "/verhalen/delen", {**STORY, **fields})


def share_story(client, db, **fields):
    """Share a story; returns (its id, the author's withdraw path)."""
    response = share(client, **fields)
    assert response.status_code == 303, response.get_data(as_text=True)[:400]
    thanks = client.get(response.headers["Location"])
    assert thanks.status_code == 200 and thanks.headers["Cache-Control"] == "no-store"
    path = WITHDRAW_LINK.search(thanks.get_data(as_text=True)).group(1)
    story_id = db.execute("SELECT MAX(id) FROM stories").fetchone()[0]
    return story_id, path


def decide(staff, story_id, action, **data):
    """A coordinator's action on a story: 'publiceren', 'afwijzen' or 'bewerken'."""
    page = f"/partners/verhalen/{story_id}"
    token = csrf_token(staff.get(page).get_data(as_text=True))
    return staff.post(f"{page}/{action}", data={"csrf_token": token, **data})
