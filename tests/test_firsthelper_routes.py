"""First-helper routes: pages and fragments, breadcrumb, media, external hosts, anonymous counts."""
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from helpers import make_config, page_token
from screener import create_app
from screener.firsthelper import queries

ROOT = Path(__file__).resolve().parent.parent
LATE_EVENING = datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)  # already 2 March in Brussels


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, CLOCK=lambda: LATE_EVENING)


def test_start_is_a_full_page_or_a_fragment(client):
    page = client.get("/eerste-helper")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "<html" in text
    assert "Waarover maak je je zorgen?" in text
    assert 'href="/eerste-helper/collega-anders?pad=start.0"' in text
    assert 'hx-push-url="true"' in text and 'hx-target="#firsthelper"' in text
    fragment = client.get("/eerste-helper/gesprek?pad=start.1", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and body.lstrip().startswith('<section id="firsthelper"')
    assert "Wat maakt het gesprek moeilijk?" in body
    assert "HX-Request" in fragment.headers["Vary"]
    boosted = client.get("/eerste-helper/gesprek", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.get_data(as_text=True)


def test_a_leaf_has_a_lazy_video_with_dutch_captions_transcript_tips_and_ways_onward(client):
    text = client.get("/eerste-helper/luisteren").get_data(as_text=True)
    video = re.search(r"<video[^>]*>", text).group(0)
    assert 'preload="none"' in video and "controls" in video
    assert 'poster="/eerste-helper/media/luisteren.jpg"' in video
    assert '<source src="/eerste-helper/media/luisteren.webm" type="video/webm">' in text
    assert re.search(r'<track kind="captions" srclang="nl" label="Nederlands" src="/eerste-helper/media/luisteren.nl.vtt" default>', text)
    assert "Luister om te begrijpen, niet om te antwoorden." in text  # transcript
    tips = re.search(r'<ul class="fh-tips">(.*?)</ul>', text, re.S).group(1)
    assert 3 <= tips.count("<li>") <= 5
    assert 'href="/screener"' in text and 'href="/aanmelden' in text and 'href="tel:1813"' in text
    assert "Opnieuw beginnen" in text


def test_the_breadcrumb_shows_the_walk_taken_with_links_back(client):
    text = client.get("/eerste-helper/luisteren?pad=start.3,zelf.2,rol.0").get_data(as_text=True)
    trail = re.search(r'<nav class="fh-trail".*?</nav>', text, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', trail) == ["/eerste-helper", "/eerste-helper/zelf?pad=start.3",
                                                    "/eerste-helper/rol?pad=start.3,zelf.2"]
    assert "Ik maak me zorgen over mezelf als helper" in trail
    assert "Ik ben geen psycholoog. Ben ik wel de juiste persoon?" in trail


def test_a_forged_breadcrumb_is_replaced_by_the_shortest_walk(client):
    text = client.get('/eerste-helper/luisteren?pad=start.0,"><script>x</script>').get_data(as_text=True)
    assert "<script>x" not in text
    trail = re.search(r'<nav class="fh-trail".*?</nav>', text, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', trail) == ["/eerste-helper", "/eerste-helper/na-het-gesprek?pad=start.2",
                                                    "/eerste-helper/tijdens-gesprek?pad=start.2,na-het-gesprek.0"]


def test_an_unknown_node_is_a_dutch_404_with_a_way_back(client):
    response = client.get("/eerste-helper/bestaat-niet")
    text = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Deze stap bestaat niet (meer)" in text and 'href="tel:1813"' in text


def test_every_view_of_a_node_is_counted_on_the_brussels_day(client, db):
    client.get("/eerste-helper")
    client.get("/eerste-helper/gesprek?pad=start.1", headers={"HX-Request": "true"})
    client.get("/eerste-helper/gesprek")
    client.get("/eerste-helper/bestaat-niet")
    client.head("/eerste-helper/gesprek")
    client.get("/eerste-helper/gesprek", headers={"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})
    assert queries.counts(db) == {("2026-03-02", "start", "visit"): 1, ("2026-03-02", "gesprek", "visit"): 2}


def test_a_play_is_counted_with_the_csrf_header(client, db):
    token = page_token(client, "/eerste-helper")
    assert client.post("/eerste-helper/luisteren/afgespeeld", headers={"X-CSRFToken": token}).status_code == 204
    assert client.post("/eerste-helper/luisteren/afgespeeld", headers={"X-CSRFToken": token}).status_code == 204
    assert queries.counts(db)[("2026-03-02", "luisteren", "play")] == 2


def test_plays_of_what_is_no_video_or_without_token_are_refused(client, db):
    token = page_token(client, "/eerste-helper")
    assert client.post("/eerste-helper/gesprek/afgespeeld", headers={"X-CSRFToken": token}).status_code == 404
    assert client.post("/eerste-helper/nergens/afgespeeld", headers={"X-CSRFToken": token}).status_code == 404
    refused = client.post("/eerste-helper/luisteren/afgespeeld")
    assert refused.status_code == 400 and "formulier was verlopen" in refused.get_data(as_text=True)
    assert not [key for key in queries.counts(db) if key[2] == "play"]


def test_media_are_served_with_ranges_and_nothing_outside_the_folder(client):
    whole = client.get("/eerste-helper/media/luisteren.webm")
    assert whole.status_code == 200 and whole.mimetype == "video/webm"
    part = client.get("/eerste-helper/media/luisteren.webm", headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.data) == 100 and part.data[:4] == b"\x1a\x45\xdf\xa3"  # EBML (webm)
    captions = client.get("/eerste-helper/media/luisteren.nl.vtt")
    assert captions.mimetype == "text/vtt" and captions.get_data(as_text=True).startswith("WEBVTT")
    assert client.get("/eerste-helper/media/../../app.py").status_code == 404
    assert client.get("/eerste-helper/media/%2e%2e/%2e%2e/app.py").status_code == 404


def test_a_deployment_replaces_the_videos_through_its_media_folder(tmp_path):
    media = tmp_path / "instance" / "eigen-video"
    shutil.copytree(ROOT / "static" / "video", media)
    (media / "luisteren.webm").write_bytes(b"\x1a\x45\xdf\xa3 eigen opname")
    app = create_app(make_config(tmp_path, FIRSTHELPER_MEDIA_DIR="eigen-video"))  # relative to instance/
    assert app.test_client().get("/eerste-helper/media/luisteren.webm").data.endswith(b"eigen opname")


def test_an_external_host_is_a_link_out_behind_a_click_with_a_privacy_note(tmp_path):
    data = yaml.safe_load((ROOT / "screener/content/firsthelper.yml").read_text())
    data["nodes"]["luisteren"].update(external_url="https://video.example/luisteren", external_host="VideoDienst")
    path = tmp_path / "firsthelper.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    client = create_app(make_config(tmp_path, FIRSTHELPER_TREE_FILE=str(path))).test_client()
    response = client.get("/eerste-helper/luisteren")
    text = response.get_data(as_text=True)
    details = re.search(r'<details class="fh-external">.*?</details>', text, re.S).group(0)
    assert "Bekijk dit filmpje op VideoDienst" in details
    assert "kan VideoDienst zien dat je kijkt" in details
    assert 'href="https://video.example/luisteren" rel="noopener noreferrer"' in details
    assert "<iframe" not in text and "video.example" not in response.headers["Content-Security-Policy"]


def test_english_visitors_get_english_text_and_english_captions_first(client):
    client.get("/taal/en?next=/eerste-helper")
    text = client.get("/eerste-helper/luisteren").get_data(as_text=True)
    assert "Really listening" in text and "Listen to understand, not to answer." in text
    assert re.search(r'srclang="en"[^>]*default>', text) and not re.search(r'srclang="nl"[^>]*default>', text)


def test_where_life_may_be_at_risk_the_crisis_numbers_come_before_the_choices(client):
    text = client.get("/eerste-helper/ernst").get_data(as_text=True)
    main = text[text.index("<main"):text.index("</main>")]
    assert main.index('href="tel:1813"') < main.index("Ja, of ik vermoed het")
    calm = client.get("/eerste-helper/gesprek").get_data(as_text=True)
    assert 'href="tel:1813"' not in calm[calm.index("<main"):calm.index("</main>")]


def test_the_count_day_follows_brussels_time_across_summer_time():
    from screener.firsthelper.counting import count_day

    assert count_day(datetime(2026, 3, 28, 22, 59, tzinfo=timezone.utc)) == "2026-03-28"  # 23:59 winter time
    assert count_day(datetime(2026, 3, 28, 23, 0, tzinfo=timezone.utc)) == "2026-03-29"
    assert count_day(datetime(2026, 7, 1, 21, 59, tzinfo=timezone.utc)) == "2026-07-01"  # 23:59 summer time
    assert count_day(datetime(2026, 7, 1, 22, 0, tzinfo=timezone.utc)) == "2026-07-02"
