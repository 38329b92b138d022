"""The stories' pure rules: the self-harm flag (Dutch and English), word count, two years shown."""
from datetime import datetime, timezone

import pytest

from screener.stories import rules


@pytest.mark.parametrize("text", [
    "Na de zelfmoord van een bewoner kon ik niet slapen.",
    "Ik had zelfmoordgedachten.",
    "Ik deed aan zelfbeschadiging.",
    "Ik wilde er een einde aan maken.",
    "Suïcide was lang een taboe.",
    "I thought about suicide.",
    "I started cutting myself after the night shifts.",
    "There were days I wanted to die.",
    "SELF-HARM",
])
def test_self_harm_and_suicide_are_flagged(text):
    assert rules.mentions_self_harm("Titel", text)


@pytest.mark.parametrize("text", [
    "Ik wandel na elke late dienst.",
    "Mijn collega belde me op, dat hielp.",
    "I take a walk after a night shift.",
])
def test_ordinary_stories_are_not_flagged(text):
    assert not rules.mentions_self_harm("Wat helpt", text)


def test_the_title_is_looked_at_too():
    assert rules.mentions_self_harm("Over zelfdoding", "Gewone tekst.")


def test_words_are_counted_across_lines():
    assert rules.word_count("een twee\ndrie\n\nvier  vijf") == 5
    assert rules.word_count("") == 0


def test_a_story_is_shown_for_two_years_after_publication():
    published = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
    assert not rules.is_expired(published, datetime(2028, 3, 1, 9, 59, tzinfo=timezone.utc))
    assert rules.is_expired(published, datetime(2028, 3, 1, 10, 0, tzinfo=timezone.utc))
    leap = datetime(2028, 2, 29, 12, 0, tzinfo=timezone.utc)
    assert rules.expires_at(leap) == datetime(2030, 2, 28, 12, 0, tzinfo=timezone.utc)


def test_months_between_spans_a_new_year():
    assert rules.months_between("2026-11-15", "2027-02-01") == ["2026-11", "2026-12", "2027-01", "2027-02"]
