"""The screener content file: the shipped file is valid, broken files stop start-up with a clear message."""
import copy
from pathlib import Path

import pytest
import yaml

from screener import create_app
from screener.content import ContentErrors
from screener.screening import content as screener_content
from helpers import make_config

SHIPPED = Path(__file__).resolve().parent.parent / "screener/content/screener.yml"
GOOD = yaml.safe_load(SHIPPED.read_text())


def write(tmp_path, data):
    path = tmp_path / "screener.yml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True))
    return path


def start_with(tmp_path, data):
    """Start the app on a screener file; return the problems it reported as text."""
    path = write(tmp_path, data)
    with pytest.raises(ContentErrors) as caught:
        create_app(make_config(tmp_path, SCREENER_CONTENT_FILE=str(path)))
    return [str(problem) for problem in caught.value.errors]


def broken(change):
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def test_the_shipped_file_is_valid_and_cites_its_instruments():
    assert screener_content.validate(GOOD) == []
    citations = " ".join(s["citation"] if isinstance(s["citation"], str) else s["citation"]["nl"]
                         for s in GOOD["sources"].values())
    assert "PHQ-4" in citations and "WHO-5" in citations and "PHQ-9" in citations
    assert all(item["source"] in GOOD["sources"] for item in GOOD["items"])


def test_a_question_without_english_text_names_the_file_item_and_problem(tmp_path):
    problems = start_with(tmp_path, broken(lambda d: d["items"][1]["text"].pop("en")))
    assert problems == ["screener.yml: item worry: 'text' heeft een tekst nodig in nl en en"]


def test_an_unknown_scale_and_an_unknown_source_are_both_reported(tmp_path):
    def change(d):
        d["items"][0]["scale"] = "sometimes"
        d["items"][5]["source"] = "who9"
    problems = start_with(tmp_path, broken(change))
    assert "screener.yml: item nervous: onbekende schaal 'sometimes'" in problems
    assert "screener.yml: item cheerful: onbekende bron 'who9'" in problems


def test_a_missing_scored_item_is_refused(tmp_path):
    problems = start_with(tmp_path, broken(lambda d: d["items"].pop(1)))
    assert problems == ["screener.yml: items: er moeten precies 2 anxiety-vragen zijn, er zijn er 1"]


def test_a_scale_that_does_not_fit_the_score_is_refused(tmp_path):
    problems = start_with(tmp_path, broken(lambda d: d["scales"]["wellbeing"]["options"].append({"value": 6, "nl": "Altijd", "en": "Always"})))
    assert "screener.yml: item cheerful: een wellbeing-vraag heeft de waarden [0, 1, 2, 3, 4, 5] nodig" in problems


def test_duplicate_ids_and_duplicate_option_values_are_refused(tmp_path):
    def change(d):
        d["items"][3]["id"] = "interest"
        d["scales"]["support"]["options"][1]["value"] = 3
    problems = start_with(tmp_path, broken(change))
    assert "screener.yml: item interest: deze id komt twee keer voor" in problems
    assert "screener.yml: scales.support: de waarden van de opties moeten verschillen" in problems


def test_missing_band_advice_and_thresholds_are_named(tmp_path):
    def change(d):
        del d["bands"]["red"]
        d["advice"]["sleep"].pop("concern")
        d["scoring"]["who5_low"] = "vijftig"
        d["scoring"]["phq4_levels"][-1]["max"] = 11
    problems = start_with(tmp_path, broken(change))
    assert "screener.yml: bands.red: deze kleur ontbreekt" in problems
    assert "screener.yml: advice.sleep: 'concern' heeft een tekst nodig in nl en en" in problems
    assert "screener.yml: scoring.who5_low: moet een geheel getal zijn" in problems
    assert "screener.yml: scoring.phq4_levels: de niveaus hebben stijgende 'max'-waarden nodig, tot 12" in problems


def test_a_source_without_citation_is_refused(tmp_path):
    problems = start_with(tmp_path, broken(lambda d: d["sources"]["who5"].pop("citation")))
    assert problems == ["screener.yml: sources.who5: heeft een verwijzing (citation) nodig"]


def test_invalid_yaml_and_a_missing_file(tmp_path):
    problems = start_with(tmp_path, "items: [unclosed\n")
    assert len(problems) == 1 and problems[0].startswith("screener.yml: regel 2: geen geldige YAML")
    with pytest.raises(ContentErrors) as caught:
        create_app(make_config(tmp_path, SCREENER_CONTENT_FILE=str(tmp_path / "gone.yml")))
    assert [str(p) for p in caught.value.errors] == [f"gone.yml: (bestand): niet gevonden: {tmp_path / 'gone.yml'}"]


def test_content_check_command_lists_problems_and_exits_1(tmp_path):
    app = create_app(make_config(tmp_path))
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["content", "check"])
    assert ok.exit_code == 0 and "screener" in ok.output
    app.config["SCREENER_CONTENT_FILE"] = str(write(tmp_path, broken(lambda d: d["bands"]["green"].pop("title"))))
    failed = runner.invoke(args=["content", "check"])
    assert failed.exit_code == 1
    assert "FOUT screener.yml: bands.green: 'title' heeft een tekst nodig in nl en en" in failed.output


def test_profile_lists_keep_the_agreed_keys_with_labels_in_both_languages(app):
    with app.test_request_context():
        assert [key for key, _ in screener_content.profile_options("sector")] == [
            "hospital", "elderly_care", "home_care", "disability_care", "mental_health",
            "youth_care", "childcare", "primary_care", "welfare", "other"]
        assert [key for key, _ in screener_content.province_options()] == [
            "antwerpen", "limburg", "oost_vlaanderen", "vlaams_brabant", "west_vlaanderen", "brussel"]
        assert [key for key, _ in screener_content.profile_options("gender")] == ["man", "vrouw", "andere"]
        assert dict(screener_content.profile_options("sector"))["home_care"] == "Thuiszorg"
        assert dict(screener_content.profile_options("sector", "en"))["home_care"] == "Home care"
        assert dict(screener_content.province_options("en"))["brussel"] == "Brussels"
