"""The webinars' pure rules: when a session is live, accepted addresses, question states and order, the self-harm flag."""
from datetime import datetime, timedelta, timezone

import pytest

from screener.clock import BRUSSELS
from screener.webinars import rules

START = datetime(2026, 12, 1, 19, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("offset, expected", [
    (timedelta(minutes=-16), "upcoming"), (timedelta(minutes=-15), "live"), (timedelta(0), "live"),
    (timedelta(minutes=59), "live"), (timedelta(minutes=60), "past"), (timedelta(days=3), "past"),
])
def test_a_session_is_live_from_a_quarter_before_until_its_end(offset, expected):
    assert rules.phase(START, 60, START + offset) == expected


@pytest.mark.parametrize("text, ok", [
    ("https://live.example.be/sessie", True), ("http://live.example.be/sessie", False),
    ("javascript:alert(1)", False), ("https://", False), ("https://user:pw@example.be/x", False),
    ("https://exa mple.be", False), ("ftp://example.be", False), ("", True),
])
def test_only_plain_https_addresses_are_accepted(text, ok):
    url, problem = rules.parse_https_url(text)
    assert (problem is None) == ok
    if problem:
        assert url is None


def test_a_belgian_start_is_stored_in_utc_also_in_summer():
    winter, _ = rules.parse_local_start("2026-12-01", "20:00", BRUSSELS)
    summer, _ = rules.parse_local_start("2026-07-01", "20:00", BRUSSELS)
    assert winter.astimezone(timezone.utc).hour == 19 and summer.astimezone(timezone.utc).hour == 18
    assert rules.parse_local_start("2026-13-01", "20:00", BRUSSELS)[1]


def q(**fields):
    return {"id": 1, "status": "new", "starred": 0, "answered": 0, "flagged": 0, "votes": 0,
            "asked_at": "2026-12-01T19:05:00+00:00", **fields}


def test_question_states():
    assert rules.next_state(q(), "approve") == {"status": "approved"}
    assert rules.next_state(q(), "hide") == {"status": "hidden", "starred": 0}
    assert rules.next_state(q(), "star") is None and rules.next_state(q(), "answered") is None
    approved = q(status="approved")
    assert rules.next_state(approved, "star") == {"starred": 1}
    assert rules.next_state(q(status="approved", starred=1), "star") == {"starred": 0}
    assert rules.next_state(approved, "answered") == {"answered": 1}
    assert rules.next_state(approved, "approve") is None
    assert rules.next_state(q(status="hidden"), "approve") == {"status": "approved"}
    assert rules.next_state(q(status="hidden"), "star") is None


def test_viewers_see_approved_questions_by_votes_with_answered_ones_last():
    questions = [
        q(id=1, status="approved", votes=2), q(id=2, status="approved", votes=9, answered=1),
        q(id=3, status="approved", votes=5), q(id=4, status="new", votes=0), q(id=5, status="hidden", votes=20),
        q(id=6, status="approved", votes=5, asked_at="2026-12-01T19:01:00+00:00"),
    ]
    assert [x["id"] for x in rules.viewer_order(questions)] == [6, 3, 1, 2]


def test_moderators_see_new_flagged_questions_first():
    questions = [q(id=1, status="approved"), q(id=2), q(id=3, flagged=1, asked_at="2026-12-01T19:09:00+00:00")]
    assert [x["id"] for x in rules.moderator_order(questions)] == [3, 2, 1]


@pytest.mark.parametrize("text", [
    "Ik denk soms aan zelfmoord na een nachtdienst", "Wat als een collega aan ZELFDODING denkt?",
    "Ik wil mezelf iets aandoen", "Soms wil ik er een einde aan maken", "Ik wil niet meer leven",
    "Hoe herken je suïcidale gedachten?", "Mijn collega doet aan zelfbeschadiging",
    "Sometimes I want to kill myself", "What about self-harm in nurses?", "I want to die after these shifts",
    "I keep thinking about suicide",
])
def test_questions_about_suicide_or_self_harm_are_flagged(text):
    assert rules.mentions_self_harm(text)


@pytest.mark.parametrize("text", [
    "Hoe slaap ik beter na een nachtdienst?", "Mag ik mijn leidinggevende erbij halen?",
    "Hoe maak ik een einde aan de ruzie in ons team?", "Ik ben doodmoe na mijn shift",
    "How do I end my shift on time?", "Is this recording available later?",
])
def test_ordinary_questions_are_not_flagged(text):
    assert not rules.mentions_self_harm(text)
