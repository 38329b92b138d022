"""Scoring, banding and the step rules of the screener: pure functions, tested at every boundary."""
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from screener.screening import flow, scoring

CONTENT = yaml.safe_load((Path(__file__).resolve().parent.parent / "screener/content/screener.yml").read_text())
RULES = CONTENT["scoring"]
ITEMS = CONTENT["items"]


def answers(anxiety=(0, 0), depression=(0, 0), wellbeing=(5, 5, 5, 5, 5), safety=0, sleep=0, support=3):
    """Answers by item id, filled in per scored domain in the content's item order."""
    per_score = {"anxiety": list(anxiety), "depression": list(depression), "wellbeing": list(wellbeing),
                 "safety": [safety], "sleep": [sleep], "support": [support]}
    return {item["id"]: per_score[item["score"]].pop(0) for item in ITEMS}


@pytest.mark.parametrize("phq4, who5, band", [
    (0, 100, "green"), (2, 52, "green"),
    (3, 52, "orange"), (5, 100, "orange"), (2, 50, "orange"), (0, 29, "orange"),
    (6, 100, "red"), (12, 100, "red"), (0, 28, "red"), (0, 0, "red"),
    (5, 28, "red"), (6, 50, "red"), (3, 50, "orange"),
])
def test_band_takes_the_worst_rule_that_applies(phq4, who5, band):
    assert scoring.band_for(phq4, who5, RULES["bands"]) == band


@pytest.mark.parametrize("total, level", [
    (0, "normal"), (2, "normal"), (3, "mild"), (5, "mild"), (6, "moderate"), (8, "moderate"), (9, "severe"), (12, "severe"),
])
def test_phq4_levels_at_their_boundaries(total, level):
    assert scoring.phq4_level(total, RULES["phq4_levels"]) == level


def test_scores_add_up_per_subscale_and_who5_is_times_four():
    result = scoring.score(answers(anxiety=(1, 2), depression=(0, 3), wellbeing=(5, 4, 3, 2, 1)), CONTENT)
    assert (result["phq_anxiety"], result["phq_depression"], result["phq4"]) == (3, 3, 6)
    assert result["who5"] == 60
    assert result["band"] == "red"
    assert result["phq4_level"] == "moderate"


@pytest.mark.parametrize("pair, positive", [((1, 1), False), ((2, 0), False), ((1, 2), True), ((3, 3), True)])
def test_a_subscale_of_three_or_more_is_positive(pair, positive):
    result = scoring.score(answers(anxiety=pair, depression=pair), CONTENT)
    assert result["concerns"]["anxiety"] is positive
    assert result["concerns"]["mood"] is positive


@pytest.mark.parametrize("wellbeing, who5, level, concern", [
    ((5, 5, 5, 5, 5), 100, "ok", False),
    ((3, 3, 3, 2, 2), 52, "ok", False),
    ((3, 3, 2, 2, 2), 48, "low", True),
    ((2, 2, 2, 1, 1), 32, "low", True),
    ((2, 2, 1, 1, 1), 28, "very_low", True),
    ((0, 0, 0, 0, 0), 0, "very_low", True),
])
def test_who5_levels(wellbeing, who5, level, concern):
    result = scoring.score(answers(wellbeing=wellbeing), CONTENT)
    assert result["who5"] == who5
    assert result["who5_level"] == level
    assert result["concerns"]["wellbeing"] is concern


def test_low_distress_is_green_without_concerns():
    result = scoring.score(answers(), CONTENT)
    assert result["band"] == "green" and result["crisis"] is False
    assert not any(result["concerns"].values())


@pytest.mark.parametrize("safety, crisis", [(0, False), (1, True), (2, True), (3, True)])
def test_any_safety_answer_above_zero_is_a_crisis(safety, crisis):
    assert scoring.score(answers(safety=safety), CONTENT)["crisis"] is crisis
    assert scoring.is_crisis(safety, RULES) is crisis


def test_crisis_does_not_change_the_band():
    # The crisis box leads the results whatever the band; the band follows PHQ-4 and WHO-5 only.
    assert scoring.score(answers(safety=3), CONTENT)["band"] == "green"


@pytest.mark.parametrize("sleep, concern", [(0, False), (1, False), (2, True), (3, True)])
def test_sleep_concern(sleep, concern):
    assert scoring.score(answers(sleep=sleep), CONTENT)["concerns"]["sleep"] is concern


@pytest.mark.parametrize("support, concern", [(3, False), (2, False), (1, True), (0, True)])
def test_support_concern(support, concern):
    assert scoring.score(answers(support=support), CONTENT)["concerns"]["support"] is concern


def test_parse_choice_accepts_only_the_scale_values():
    scale = CONTENT["scales"]["frequency"]
    assert flow.parse_choice("3", scale) == 3
    assert flow.parse_choice(" 0 ", scale) == 0
    for raw, reason in [(None, "missing"), ("", "missing"), ("4", "unknown"), ("-1", "unknown"), ("veel", "unknown"), ("1.5", "unknown")]:
        with pytest.raises(flow.InvalidAnswer) as caught:
            flow.parse_choice(raw, scale)
        assert caught.value.reason == reason


def test_parse_profile_allows_not_saying_and_rejects_unknown_keys():
    values, errors = flow.parse_profile({"gender": "vrouw", "sector": "", "province": "limburg"}, CONTENT["profile"])
    assert values == {"gender": "vrouw", "sector": None, "province": "limburg"} and errors == {}
    values, errors = flow.parse_profile({"sector": "bakery"}, CONTENT["profile"])
    assert errors == {"sector": "unknown"} and values["gender"] is None


def test_questions_can_only_be_shown_in_order():
    given = {ITEMS[0]["id"]: 1, ITEMS[1]["id"]: 0}
    assert flow.first_unanswered(ITEMS, given) == 3
    assert flow.may_show(1, ITEMS, given) and flow.may_show(3, ITEMS, given)
    assert not flow.may_show(4, ITEMS, given)
    assert not flow.may_show(0, ITEMS, given) and not flow.may_show(len(ITEMS) + 1, ITEMS, given)
    assert flow.first_unanswered(ITEMS, answers()) is None


def test_abandon_cutoff_is_sixty_minutes_back():
    now = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
    assert flow.abandon_cutoff(now) == datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def test_level_ranges_start_one_above_the_previous_maximum():
    levels = [{"key": "normal", "max": 2}, {"key": "mild", "max": 5}, {"key": "severe", "max": 12}]
    assert [(low, high, level["key"]) for low, high, level in scoring.level_ranges(levels)] == [
        (0, 2, "normal"), (3, 5, "mild"), (6, 12, "severe")]
