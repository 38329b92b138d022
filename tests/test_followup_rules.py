"""Outcome rules of the follow-up: caseness, reliable change, recovery and a group's WHO-5 change,
at every boundary; the rules file is content, versioned and cited, and a broken file stops start-up."""
import copy
from pathlib import Path

import pytest
import yaml

from screener import create_app
from screener.content import ContentErrors
from screener.followup import content as outcome_content
from screener.followup.rules import (DETERIORATION, IMPROVEMENT, NO_CHANGE, change, group_who5_change,
                                     is_case, outcome, recovered, reliably_recovered)
from helpers import make_config

SHIPPED = Path(__file__).resolve().parent.parent / "screener/content/outcomes.yml"
RULES = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def scores(anxiety=0, depression=0, who5=60, phq4=None):
    """Screening scores as screening.scoring gives them (PHQ-4 = both subscales unless given)."""
    return {"phq_anxiety": anxiety, "phq_depression": depression,
            "phq4": anxiety + depression if phq4 is None else phq4, "who5": who5}


# --- caseness -----------------------------------------------------------------------------------

@pytest.mark.parametrize("anxiety, depression, case", [
    (2, 2, False), (3, 0, True), (0, 3, True), (2, 0, False), (0, 2, False), (6, 6, True)])
def test_a_case_has_an_anxiety_or_depression_subscale_of_at_least_3(anxiety, depression, case):
    assert is_case(scores(anxiety, depression), RULES) is case


# --- reliable change ----------------------------------------------------------------------------

@pytest.mark.parametrize("before, after, expected", [
    (scores(3, 3), scores(2, 2), NO_CHANGE),  # PHQ-4 down by 2
    (scores(3, 3), scores(2, 1), IMPROVEMENT),  # PHQ-4 down by 3
    (scores(2, 2), scores(3, 3), NO_CHANGE),  # PHQ-4 up by 2
    (scores(1, 1), scores(3, 2), DETERIORATION),  # PHQ-4 up by 3
    (scores(who5=40), scores(who5=63), NO_CHANGE),  # WHO-5 up by 23
    (scores(who5=40), scores(who5=64), IMPROVEMENT),  # WHO-5 up by 24
    (scores(who5=64), scores(who5=41), NO_CHANGE),  # WHO-5 down by 23
    (scores(who5=64), scores(who5=40), DETERIORATION),  # WHO-5 down by 24
])
def test_a_reliable_change_starts_at_3_phq4_points_or_24_who5_points(before, after, expected):
    assert change(before, after, RULES) == expected


def test_an_improvement_on_both_measures_is_one_reliable_improvement():
    assert change(scores(3, 3, who5=20), scores(1, 1, who5=80), RULES) == IMPROVEMENT
    assert change(scores(1, 1, who5=80), scores(3, 3, who5=20), RULES) == DETERIORATION


def test_a_small_worsening_on_the_other_measure_keeps_the_reliable_change():
    # PHQ-4 down by 3 while WHO-5 falls by 23: not a reliable worsening, so still improvement.
    assert change(scores(3, 3, who5=64), scores(2, 1, who5=41), RULES) == IMPROVEMENT
    # WHO-5 down by 24 while PHQ-4 falls by 2: still deterioration.
    assert change(scores(3, 3, who5=64), scores(2, 2, who5=40), RULES) == DETERIORATION


def test_measures_that_reliably_disagree_give_no_reliable_change():
    # PHQ-4 down by 3, WHO-5 down by 24.
    assert change(scores(3, 3, who5=64), scores(2, 1, who5=40), RULES) == NO_CHANGE
    # PHQ-4 up by 3, WHO-5 up by 24.
    assert change(scores(1, 1, who5=40), scores(3, 2, who5=64), RULES) == NO_CHANGE


# --- recovery -----------------------------------------------------------------------------------

def test_a_case_that_is_no_longer_a_case_has_recovered():
    assert recovered(scores(3, 0), scores(2, 2), RULES)
    assert not recovered(scores(3, 0), scores(0, 3), RULES)  # still a case on the other subscale


def test_someone_who_was_not_a_case_never_recovers():
    assert not recovered(scores(2, 2), scores(0, 0), RULES)
    assert not reliably_recovered(scores(2, 2, who5=20), scores(0, 0, who5=100), RULES)


def test_reliable_recovery_needs_recovery_and_a_reliable_improvement():
    assert not reliably_recovered(scores(3, 0), scores(2, 0), RULES)  # recovered, PHQ-4 down by 1
    assert reliably_recovered(scores(3, 0), scores(0, 0), RULES)  # recovered, PHQ-4 down by 3
    assert reliably_recovered(scores(3, 0, who5=40), scores(2, 0, who5=64), RULES)  # WHO-5 up by 24
    assert not reliably_recovered(scores(3, 3), scores(3, 0), RULES)  # improved, still a case


def test_an_outcome_holds_every_judgement_and_the_rules_version():
    result = outcome(scores(3, 2, who5=32), scores(1, 1, who5=56), RULES)
    assert result.case_at_start and not result.case_at_end
    assert result.change == IMPROVEMENT and result.recovered and result.reliably_recovered
    assert (result.phq4_change, result.who5_change) == (-3, 24)
    assert result.rules_version == "2026-11" == RULES["version"]
    other = outcome(scores(1, 1), scores(1, 1), {**RULES, "version": "2027-03"})
    assert other.rules_version == "2027-03" and other.change == NO_CHANGE and not other.recovered
    with pytest.raises(AttributeError):
        result.change = NO_CHANGE  # frozen: a stored judgement is not edited


def test_the_thresholds_come_from_the_rules():
    stricter = copy.deepcopy(RULES)
    stricter["caseness"]["subscale_min"] = 4
    stricter["reliable_change"]["phq4_drop"] = 4
    assert not is_case(scores(3, 0), stricter)
    assert change(scores(3, 3), scores(2, 1), stricter) == NO_CHANGE


# --- groups -------------------------------------------------------------------------------------

def test_a_group_mean_who5_change_of_10_is_meaningful():
    assert group_who5_change([], RULES) is None
    just_below = group_who5_change([(scores(who5=40), scores(who5=48)), (scores(who5=40), scores(who5=51))], RULES)
    assert (just_below.mean, just_below.meaningful, just_below.pairs) == (9.5, False, 2)
    reached = group_who5_change([(scores(who5=40), scores(who5=48)), (scores(who5=40), scores(who5=52))], RULES)
    assert (reached.mean, reached.meaningful) == (10, True)
    fell = group_who5_change([(scores(who5=60), scores(who5=50))], RULES)
    assert (fell.mean, fell.meaningful) == (-10, True)  # meaningful either way; the sign says which


# --- the rules file -------------------------------------------------------------------------------

def test_the_shipped_rules_are_valid_versioned_and_cited():
    assert outcome_content.validate(RULES) == []
    citations = " ".join(source["citation"] for source in RULES["sources"].values())
    assert "Löwe" in citations and "2010" in citations  # caseness
    assert "Health Qual Life Outcomes. 2018" in citations  # WHO-5 minimal detectable change 23.6
    assert "Topp" in citations and "2015" in citations  # 10 points for a group
    assert "23.6" in RULES["sources"]["who5_detectable_change"]["note"]
    assert "about 3 points" in RULES["sources"]["phq4_reliable_change"]["note"]
    assert (RULES["caseness"]["subscale_min"], RULES["reliable_change"]["phq4_drop"],
            RULES["reliable_change"]["who5_rise"], RULES["group"]["who5_meaningful"]) == (3, 3, 24, 10)


def test_the_app_loads_the_rules_and_content_check_passes(app, runner):
    from screener.content import get

    with app.app_context():
        assert get("outcomes")["version"] == RULES["version"]
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0 and "outcomes" in result.output


def start_with(tmp_path, data):
    """Start the app on an outcome rules file; the problems it reported, as text."""
    path = tmp_path / "outcomes.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        create_app(make_config(tmp_path, OUTCOME_RULES_FILE=str(path)))
    return [str(problem) for problem in caught.value.errors]


def broken(change_it):
    data = copy.deepcopy(RULES)
    change_it(data)
    return data


def test_a_missing_threshold_stops_start_up_with_a_dutch_message(tmp_path):
    problems = start_with(tmp_path, broken(lambda d: d["reliable_change"].pop("who5_rise")))
    assert problems == ["outcomes.yml: reliable_change.who5_rise: moet een geheel getal zijn van 1 tot 100"]


@pytest.mark.parametrize("version", [None, 2026, "november", "2026-13", "2026-11-01"])
def test_a_bad_version_stops_start_up_with_a_dutch_message(tmp_path, version):
    problems = start_with(tmp_path, broken(lambda d: d.update(version=version)))
    assert problems == ['outcomes.yml: version: moet jaar en maand zijn tussen aanhalingstekens, bv. "2026-11"']


def test_a_rule_without_its_source_and_an_uncited_source_are_both_named(tmp_path):
    def change_it(d):
        d["caseness"]["source"] = "loewe2099"
        d["sources"]["who5_group_difference"]["citation"] = " "
        d["caseness"]["subscale_min"] = 7
    problems = start_with(tmp_path, broken(change_it))
    assert sorted(problems) == sorted([
        "outcomes.yml: sources.who5_group_difference: heeft een bronvermelding nodig ('citation')",
        "outcomes.yml: caseness.subscale_min: moet een geheel getal zijn van 1 tot 6",
        "outcomes.yml: caseness.source: onbekende bron 'loewe2099'",
    ])


def test_content_check_names_the_broken_rules_file(tmp_path):
    path = tmp_path / "outcomes.yml"
    path.write_text(yaml.safe_dump(broken(lambda d: d.pop("group")), allow_unicode=True), encoding="utf-8")
    app = create_app(make_config(tmp_path))
    app.config["OUTCOME_RULES_FILE"] = str(path)
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert "FOUT outcomes.yml: group: ontbreekt" in result.output
