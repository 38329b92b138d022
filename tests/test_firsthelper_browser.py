"""The first-helper section in a phone browser: walk, play, back, breadcrumb, deep link, weight, no JavaScript."""
import gzip
import re

from helpers import axe_violations, screenshot, wait_until
from screener.firsthelper import queries

WALK = [("Ik maak me zorgen over mezelf als helper", "Hoe gaat het met jou?"),
        ("Ik twijfel of ik dit wel kan of mag", "Waarover twijfel je?"),
        ("Ik ben geen psycholoog. Ben ik wel de juiste persoon?", "Echt luisteren")]


def heading(page):
    return page.get_by_role("heading", level=1).inner_text()


def plays(db):
    return sum(n for (day, node, kind), n in queries.counts(db).items() if kind == "play")


def test_walk_to_a_video_play_it_and_go_back_three_ways(live_server, phone, db):
    video_requests = []
    phone.on("request", lambda r: r.url.endswith(".webm") and video_requests.append(r.url))
    phone.goto(live_server.url + "/eerste-helper")
    assert heading(phone) == "Waarover maak je je zorgen?"
    screenshot(phone, "firsthelper-start")
    assert axe_violations(phone) == ""
    phone.evaluate("window.sameDocument = true")  # survives htmx swaps, not full page loads

    for label, next_heading in WALK:
        phone.get_by_role("link", name=label).click()
        # The new node is swapped in and focus moves to its heading (for screen readers and keyboards).
        wait_until(phone, f"document.activeElement.tagName === 'H1' && document.activeElement.textContent === {next_heading!r}")
    assert phone.url.endswith("/eerste-helper/luisteren?pad=start.3,zelf.2,rol.0")
    assert phone.evaluate("window.sameDocument") is True
    assert phone.title() == "Echt luisteren · ZorgSamen"
    trail = phone.get_by_role("navigation", name="Je weg tot hier")
    assert trail.get_by_role("link").all_inner_texts() == ["Waarover maak je je zorgen?", "Hoe gaat het met jou?", "Waarover twijfel je?"]
    assert video_requests == [], "the video must not load before play"
    screenshot(phone, "firsthelper-leaf")
    assert axe_violations(phone) == ""

    video = phone.locator("video")
    video.scroll_into_view_if_needed()
    box = video.bounding_box()
    video.hover()
    # Click the player's own play button (bottom left of the native controls): a real user gesture.
    phone.mouse.click(box["x"] + 24, box["y"] + box["height"] - 48)
    wait_until(phone, "document.querySelector('video').currentTime > 0.5", 15)
    assert video_requests, "the video loads once the visitor presses play"
    phone.evaluate("document.querySelector('video').pause()")
    phone.evaluate("document.querySelector('video').play()")  # a replay in the same page view
    wait_until(phone, "document.querySelector('video').currentTime > 1")
    phone.wait_for_timeout(300)
    assert plays(db) == 1

    phone.go_back()
    phone.wait_for_url(re.compile(r"/eerste-helper/rol\?pad=start\.3,zelf\.2$"))
    wait_until(phone, "document.querySelector('h1').textContent === 'Waarover twijfel je?'")
    phone.wait_for_load_state("load")  # htmx listens for history moves once the reloaded page is ready
    phone.go_forward()
    phone.wait_for_url(re.compile(r"/eerste-helper/luisteren\?pad=start\.3,zelf\.2,rol\.0$"))
    wait_until(phone, "document.querySelector('h1').textContent === 'Echt luisteren'")
    phone.wait_for_load_state("load")
    phone.go_back()
    wait_until(phone, "document.querySelector('h1').textContent === 'Waarover twijfel je?'")

    phone.get_by_role("navigation", name="Je weg tot hier").get_by_role("link", name="Waarover maak je je zorgen?").click()
    phone.wait_for_url(re.compile(r"/eerste-helper$"))
    wait_until(phone, "document.querySelector('h1').textContent === 'Waarover maak je je zorgen?'")

    phone.goto(live_server.url + "/eerste-helper/luisteren?pad=start.3,zelf.2,rol.0")
    phone.reload()
    assert heading(phone) == "Echt luisteren"
    assert phone.get_by_role("navigation", name="Je weg tot hier").get_by_role("link").count() == 3
    phone.watch.assert_clean()


def test_the_first_load_is_light_and_no_video_bytes_load_before_play(live_server, phone):
    responses = []
    phone.on("response", lambda response: responses.append(response))
    phone.goto(live_server.url + "/eerste-helper", wait_until="networkidle")
    compressed = sum(len(gzip.compress(r.body())) for r in responses if r.status < 300)
    assert len(responses) <= 6, [r.url for r in responses]
    assert compressed <= 40 * 1024, compressed

    responses.clear()
    phone.goto(live_server.url + "/eerste-helper/doorverwijzen", wait_until="networkidle")
    loaded = [r.url for r in responses]
    assert len(loaded) <= 6, loaded  # page, css, htmx, app.js, poster, captions: the video waits
    assert sum(len(gzip.compress(r.body())) for r in responses if r.status < 300) <= 40 * 1024
    assert any(u.endswith("doorverwijzen.jpg") for u in loaded)
    assert not any(u.endswith(".webm") for u in loaded), loaded
    screenshot(phone, "firsthelper-urgent-leaf")
    phone.watch.assert_clean()


def test_without_javascript_it_is_plain_links(live_server, phone_nojs, db):
    phone_nojs.goto(live_server.url + "/eerste-helper")
    phone_nojs.get_by_role("link", name="Mijn collega lijkt de laatste tijd anders").click()
    phone_nojs.get_by_role("link", name="Mijn collega klinkt somber, alsof niets nog zin heeft").click()
    phone_nojs.get_by_role("link", name="Ja, of ik vermoed het").click()
    phone_nojs.wait_for_url(re.compile(r"/eerste-helper/doorverwijzen\?"))
    assert heading(phone_nojs) == "Wanneer en waar doorverwijzen"
    assert phone_nojs.url.endswith("/eerste-helper/doorverwijzen?pad=start.0,collega-anders.2,ernst.0")
    assert phone_nojs.locator("main a[href='tel:1813']").first.is_visible()
    phone_nojs.get_by_role("link", name="Opnieuw beginnen").click()
    phone_nojs.wait_for_url(re.compile(r"/eerste-helper$"))
    assert heading(phone_nojs) == "Waarover maak je je zorgen?"
    visits = {node: n for (day, node, kind), n in queries.counts(db).items() if kind == "visit"}
    assert visits == {"start": 2, "collega-anders": 1, "ernst": 1, "doorverwijzen": 1}
    phone_nojs.watch.assert_clean()
