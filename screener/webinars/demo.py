"""Demo webinars for `flask demo`: one past session with a recording and questions, one upcoming."""
from datetime import datetime, time, timedelta

from .. import clock
from ..db import immediate
from . import queries

PAST = {
    "title": "Als een collega niet meer kan: wat zeg je?",
    "speaker": "Lotte Janssens, psycholoog",
    "minutes": 60,
    "description": "Hoe je een gesprek begint met een collega die het moeilijk heeft, en wat je beter niet zegt.",
    "stream_url": "https://live.zorgsamen.example/collega",
    "recording_url": "https://video.zorgsamen.example/collega-opname",
}
UPCOMING = {
    "title": "Slapen na een nachtdienst",
    "speaker": "Dr. Karim El Amrani, slaapexpert",
    "minutes": 45,
    "description": "Praktische tips om beter te slapen als je in ploegen werkt. Stel je vragen live.",
    "stream_url": "https://live.zorgsamen.example/slapen",
    "recording_url": None,
}
QUESTIONS = [
    ("Wat als mijn collega zegt dat alles goed gaat?", None, "approved", 1, 1, 7),
    ("Mag ik de leidinggevende erbij halen?", "An", "approved", 0, 1, 4),
    ("Hoe zorg ik voor mezelf na zo'n gesprek?", None, "approved", 1, 0, 9),
]


def seed(app, db):
    """Add the two demo sessions (once)."""
    with immediate(db):
        if not queries.has_sessions(db):
            _add_sessions(db)


def _add_sessions(db):
    today = clock.local_day(clock.now())
    at = lambda day, hour: datetime.combine(day, time(hour), clock.BRUSSELS)  # noqa: E731
    now = clock.now()
    past_id = queries.add_session(db, {**PAST, "starts_at": clock.iso(at(today - timedelta(days=14), 12))}, now)
    queries.add_session(db, {**UPCOMING, "starts_at": clock.iso(at(today + timedelta(days=10), 20))}, now)
    asked = clock.parse(queries.get_session(db, past_id)["starts_at"]) + timedelta(minutes=20)
    for number, (text, name, status, starred, answered, votes) in enumerate(QUESTIONS):
        question_id = queries.add_question(db, past_id, text, name, False, asked + timedelta(minutes=number))
        queries.change_question(db, question_id, {"status": status, "starred": starred, "answered": answered})
        for voter in range(votes):
            queries.add_vote(db, question_id, f"demo-{question_id}-{voter}")
    for viewer in range(23):
        queries.add_viewer(db, past_id, f"demo-viewer-{viewer}")
