"""The first-helper tree: validation of broken trees (each problem names its node), and breadcrumb walks."""
import copy
from pathlib import Path

import pytest
import yaml

from screener.firsthelper import tree

MEDIA = {"v.webm", "v.jpg", "v.nl.vtt", "v.en.vtt"}


def t(nl, en=None):
    return {"nl": nl, "en": en or f"{nl} (en)"}


def leaf(**changes):
    node = {
        "title": t("Luisteren"),
        "video": "v.webm",
        "poster": "v.jpg",
        "captions": {"nl": "v.nl.vtt", "en": "v.en.vtt"},
        "transcript": [t("Luister eerst.")],
        "tips": [t("Tip een"), t("Tip twee"), t("Tip drie")],
    }
    node.update(changes)
    return node


def question(*targets):
    return {"question": t("Wat merk je?"), "choices": [{"to": x, "label": t(f"Naar {x}")} for x in targets]}


@pytest.fixture
def sound():
    return {
        "start": "start",
        "nodes": {
            "start": question("gesprek", "luisteren"),
            "gesprek": question("luisteren", "zelfzorg"),
            "luisteren": leaf(),
            "zelfzorg": leaf(),
        },
    }


def problems_of(data, media=MEDIA):
    return tree.validate(data, media)


def test_a_sound_tree_and_the_shipped_tree_have_no_problems(sound):
    assert problems_of(sound) == []
    root = Path(__file__).resolve().parent.parent
    shipped = yaml.safe_load((root / "screener/content/firsthelper.yml").read_text())
    media = {p.name for p in (root / "static/video").iterdir()}
    assert tree.validate(shipped, media) == []
    leaves = [n for n in shipped["nodes"].values() if tree.is_leaf(n)]
    assert len(leaves) == 6 and len(shipped["nodes"]) - len(leaves) >= 12


def test_unknown_target_names_the_node_and_the_target(sound):
    sound["nodes"]["gesprek"]["choices"][1]["to"] = "bestaat-niet"
    problems = problems_of(sound)
    assert ("gesprek", "keuze 2 verwijst naar onbekende knoop 'bestaat-niet'") in problems


def test_a_cycle_is_reported_at_the_node_that_closes_it(sound):
    sound["nodes"]["gesprek"]["choices"][0]["to"] = "start"
    assert ("gesprek", "maakt een kring: keuze terug naar 'start'") in problems_of(sound)


def test_a_dead_end_is_named(sound):
    sound["nodes"]["gesprek"] = {"question": t("En nu?")}
    assert ("gesprek", "doodlopend: geen keuzes en geen video") in problems_of(sound)


def test_an_unreachable_node_is_named(sound):
    sound["nodes"]["vergeten"] = leaf()
    assert problems_of(sound) == [("vergeten", "onbereikbaar vanaf de start")]


def test_missing_video_poster_and_caption_files_are_named(sound):
    problems = problems_of(sound, media={"v.jpg", "v.nl.vtt"})
    for node_id in ("luisteren", "zelfzorg"):
        assert (node_id, "bestand 'v.webm' ontbreekt in de mediamap") in problems
        assert (node_id, "ondertitelbestand 'v.en.vtt' ontbreekt in de mediamap") in problems
    sound["nodes"]["zelfzorg"]["captions"] = {"nl": "v.nl.vtt"}
    assert ("zelfzorg", "ondertitels in 'en' ontbreken") in problems_of(sound)


def test_missing_translations_are_named_with_the_field(sound):
    sound["nodes"]["gesprek"]["question"] = {"nl": "Wat merk je?"}
    sound["nodes"]["gesprek"]["choices"][0]["label"]["en"] = " "
    sound["nodes"]["zelfzorg"]["tips"][2] = {"en": "Third tip"}
    problems = problems_of(sound)
    assert ("gesprek", "'question': vertaling 'en' ontbreekt") in problems
    assert ("gesprek", "keuze 1: 'label': vertaling 'en' ontbreekt") in problems
    assert ("zelfzorg", "tip 3: vertaling 'nl' ontbreekt") in problems


def test_counts_of_choices_and_tips_are_bounded(sound):
    sound["nodes"]["gesprek"]["choices"] = sound["nodes"]["gesprek"]["choices"][:1]
    sound["nodes"]["zelfzorg"]["tips"] = sound["nodes"]["zelfzorg"]["tips"][:2]
    problems = problems_of(sound)
    assert ("gesprek", "heeft 1 keuzes, verwacht 2 tot 5") in problems
    assert ("zelfzorg", "heeft 2 tips, verwacht 3 tot 5") in problems


def test_an_external_host_must_be_https_and_named(sound):
    sound["nodes"]["zelfzorg"] = leaf(external_url="http://video.example/x")
    del sound["nodes"]["zelfzorg"]["video"]
    problems = problems_of(sound)
    assert ("zelfzorg", "'external_url' moet met https:// beginnen") in problems
    assert ("zelfzorg", "'external_host' (de naam van de videodienst) ontbreekt") in problems


def test_a_missing_start_and_bad_node_names_are_reported(sound):
    sound["start"] = "begin"
    sound["nodes"]["Met Spatie"] = leaf()
    problems = problems_of(sound)
    assert ("(boom)", "startknoop 'begin' bestaat niet") in problems
    assert ("Met Spatie", "ongeldige naam: gebruik kleine letters, cijfers en koppeltekens") in problems


def test_a_real_walk_is_kept_as_breadcrumb(sound):
    steps = tree.parse_path("start.0,gesprek.0", 10)
    assert steps == [("start", 0), ("gesprek", 0)]
    assert tree.checked_path(sound, steps, "luisteren") == steps
    assert tree.format_path(steps) == "start.0,gesprek.0"


@pytest.mark.parametrize("raw", ["start.0,gesprek.1", "gesprek.0", "start.9", "start.0,bestaat-niet.0",
                                 "<script>", "start.x", "start.0," * 50, ""])
def test_a_forged_or_stale_walk_falls_back_to_the_shortest_one(sound, raw):
    steps = tree.checked_path(sound, tree.parse_path(raw, 10), "luisteren")
    assert steps == [("start", 1)]


def test_the_start_has_an_empty_breadcrumb(sound):
    assert tree.shortest_path(sound, "start") == []
    assert tree.checked_path(sound, tree.parse_path("start.0", 10), "start") == []


def test_content_check_names_the_broken_node(app, runner, tmp_path):
    broken = yaml.safe_load(Path(app.config["FIRSTHELPER_TREE_FILE"]).read_text())
    broken = copy.deepcopy(broken)
    broken["nodes"]["hoe-lang"]["choices"][0]["to"] = "nergens"
    del broken["nodes"]["luisteren"]["title"]["en"]
    path = tmp_path / "firsthelper.yml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True))
    app.config["FIRSTHELPER_TREE_FILE"] = str(path)
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert "FOUT firsthelper.yml: hoe-lang: keuze 1 verwijst naar onbekende knoop 'nergens'" in result.output
    assert "FOUT firsthelper.yml: luisteren: 'title': vertaling 'en' ontbreekt" in result.output


def test_content_check_reports_missing_media_in_the_configured_folder(app, runner, tmp_path):
    empty = tmp_path / "media"
    empty.mkdir()
    app.config["FIRSTHELPER_MEDIA_DIR"] = str(empty)
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert "FOUT firsthelper.yml: doorverwijzen: bestand 'doorverwijzen.webm' ontbreekt in de mediamap" in result.output


def test_the_loader_accepts_the_shipped_tree(app):
    from screener.firsthelper.content import load

    assert load(app)["start"] == "start"
