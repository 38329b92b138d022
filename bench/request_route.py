"""A scripted worker on a phone (390x844): from a red or orange result to the confirmation.

For the card on the result (JavaScript on and off) and, for comparison, the full request form, it
reports where the first input and the 1813 number sit on the first screen (y in CSS pixels), the
taps and typed inputs needed, the screens it takes up to sending (the result page counts as the
first) and the seconds it took (wall clock, from the
result page to the confirmation, with the site under gunicorn on this machine).
Run: .venv/bin/python bench/request_route.py
"""
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from servers import Gunicorn, SMTPSink, production_env  # noqa: E402

ANSWERS = {"red": [3, 2, 3, 3, 0, 1, 0, 1, 0, 1, 3, 0], "orange": [1, 1, 1, 1, 0, 3, 3, 3, 2, 2, 1, 2]}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class Worker:
    """Counts what a person does: taps (clicks, choices) and inputs (fields typed into)."""

    def __init__(self, page):
        self.page, self.taps, self.inputs, self.screens = page, 0, 0, 1

    def tap(self, locator):
        locator.click()
        self.taps += 1

    def type(self, locator, text):
        locator.fill(text)
        self.taps += 1  # the tap into the field
        self.inputs += 1

    def choose(self, locator, value):
        locator.select_option(value)
        self.taps += 1
        self.inputs += 1


def to_result(page, base, band):
    from playwright.sync_api import expect

    page.goto(base + "/screener")
    page.click("form[action='/screener/start'] button")
    for number, value in enumerate(ANSWERS[band], 1):
        expect(page.locator("h1")).to_have_text(f"Vraag {number} van 12")
        page.locator(f"input[name=answer][value='{value}']").check()
        page.click("form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Nog even over jou")
    page.click("form button[type=submit]")
    page.wait_for_url("**/screener/resultaat")


def y_of(locator):
    return round(locator.first.bounding_box()["y"])


def card_route(page, javascript):
    from playwright.sync_api import expect

    card, worker = page.locator("#card"), Worker(page)
    figures = {"first_input_y": y_of(card.locator("input[name=name]")), "crisis_1813_y": y_of(page.locator("main a[href='tel:1813']"))}
    started = time.monotonic()
    worker.type(card.locator("input[name=name]"), "Sofie")
    worker.type(card.locator("input[name=reach]"), "0470 12 34 56")
    worker.choose(card.locator("select[name=province]"), "limburg")  # optional: the profile screen was skipped
    worker.tap(card.locator("input[name=consent]"))
    worker.tap(card.locator("button[type=submit]"))
    if not javascript:
        expect(page.locator("h1")).to_have_text("Kijk na en verstuur")
        worker.screens += 1
        worker.tap(page.locator("button[value=send]"))
    expect(page.locator("h1")).to_have_text("Bedankt. Je aanvraag is verstuurd.")
    return {**figures, "taps": worker.taps, "inputs": worker.inputs, "required_inputs": 3,
            "screens": worker.screens, "seconds": round(time.monotonic() - started, 2)}


def full_form_route(page):
    from playwright.sync_api import expect

    worker = Worker(page)
    started = time.monotonic()
    worker.tap(page.locator("main a[href='/aanmelden']"))
    expect(page.locator("h1")).to_have_text("Vraag om gebeld te worden")
    worker.screens += 1
    figures = {"first_input_y": y_of(page.locator("#f-name"))}
    worker.type(page.locator("#f-name"), "Sofie")
    worker.type(page.locator("#f-phone"), "0470 12 34 56")
    worker.tap(page.locator("input[name=choice][value=region]"))
    worker.choose(page.locator("#f-province"), "limburg")
    worker.tap(page.locator("button[value=preview]"))
    expect(page.locator("h1")).to_have_text("Kijk na en verstuur")
    worker.screens += 1
    worker.tap(page.locator("input[name=consent]"))
    worker.tap(page.locator("button[value=send]"))
    expect(page.locator("h1")).to_have_text("Bedankt. Je aanvraag is verstuurd.")
    return {**figures, "taps": worker.taps, "inputs": worker.inputs, "required_inputs": 5,
            "screens": worker.screens, "seconds": round(time.monotonic() - started, 2)}


def measure(base):
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for band in ("red", "orange"):
            for route, javascript in (("card", True), ("card", False), ("full form", True)):
                context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-BE",
                                              java_script_enabled=javascript)
                page = context.new_page()
                to_result(page, base, band)
                figures = card_route(page, javascript) if route == "card" else full_form_route(page)
                rows.append({"band": band, "route": route, "javascript": javascript, **figures})
                context.close()
        browser.close()
    return rows


def main():
    with SMTPSink() as sink:
        env = production_env(Path(tempfile.mkdtemp(prefix="route-")), sink.port, ZORGSAMEN_RATELIMIT_ENABLED="false")
        with Gunicorn("bench.wsgi_site:app", env, workers=2, threads=4) as server:
            rows = measure(server.url)
    lines = ["From the result to the confirmation on a phone (390x844); y in CSS pixels, the screen ends at 844", "",
             f"{'band':7} {'route':10} {'JS':4} {'1st input y':>11} {'1813 y':>7} {'taps':>5} {'inputs':>6} "
             f"{'required':>8} {'screens':>7} {'seconds':>7}"]
    for r in rows:
        lines.append(f"{r['band']:7} {r['route']:10} {'on' if r['javascript'] else 'off':4} {r['first_input_y']:11} "
                     f"{r.get('crisis_1813_y', '-'):>7} {r['taps']:5} {r['inputs']:6} {r['required_inputs']:8} "
                     f"{r['screens']:7} {r['seconds']:7}")
    text = "\n".join(lines) + "\n"
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"request-route-{stamp}.txt").write_text(text)
    (out / f"request-route-{stamp}.json").write_text(json.dumps(rows, indent=2))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
