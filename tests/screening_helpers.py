"""Screenings as the screener stores them: the day only, no profile; the profile in the browser's session."""
from screener import crypto
from screener.screening.queries import add_to_tally


def add_screening(db, screening_id, day, status="completed", **fields):
    """Insert one screening row (day, status, scores ...) as the screener would leave it."""
    row = {"id": screening_id, "day": day, "status": status,
           "current_item": "result" if status == "completed" else None, **fields}
    db["screenings"].insert(row)
    return row


def count_profile(db, day, profile, count=1):
    """Count a completed screening's optional profile (and language) for `day`, as the screener does."""
    add_to_tally(db, day, profile, count)
    db.conn.commit()


def keep_in_session(client, screening_id, profile=None):
    """Let this test browser hold the screening (and its profile) in its session, encrypted as the app does."""
    with client.application.app_context():
        value = crypto.encrypt({"id": screening_id, "profile": profile or {}})
    with client.session_transaction() as session:
        session["screening"] = value


RED = [3, 2, 3, 3, 0, 1, 0, 1, 0, 1, 3, 0]  # anxious and low, no safety answer: red
ORANGE = [1, 1, 1, 1, 0, 3, 3, 3, 2, 2, 1, 2]  # some tension, middling wellbeing: orange


def complete_screening(client, answers, profile=None):
    """Run the screener through HTTP as a browser without JavaScript: start, every answer, the profile."""
    from helpers import page_token

    token = page_token(client, "/screener")
    client.post("/screener/start", data={"csrf_token": token})
    for number, value in enumerate(answers, 1):
        client.post(f"/screener/vraag/{number}", data={"csrf_token": token, "answer": str(value)})
    return client.post("/screener/over-jou", data={"csrf_token": token, **(profile or {})})
