"""Page weight: every public page loaded once in chromium with an empty cache; bytes and requests of that first load.

Bytes are counted as a gzip-compressing proxy would send them (text compressed at level 6, media
as is). Budget: 40 KB and 6 requests per page. Run: .venv/bin/python bench/page_weight.py
"""
import gzip
import json
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from servers import Gunicorn, SMTPSink, production_env  # noqa: E402

BUDGET_BYTES = 40 * 1024
BUDGET_REQUESTS = 6
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
# Pages a visitor reaches directly (one first-helper page with a video); the screener steps are
# reached by answering (see screener_pages).
PUBLIC_PAGES = ["/", "/screener", "/eerste-helper", "/eerste-helper/zorg-voor-jezelf", "/aanmelden", "/privacy", "/partners/inloggen", "/bestaat-niet"]


def wire_bytes(content_type, body):
    """Bytes on the wire behind a compressing proxy."""
    if content_type.startswith(TEXT_TYPES):
        return len(gzip.compress(body, 6))
    return len(body)


def first_load(browser, url, prepare=None):
    """Open `url` with an empty cache; the list of (url, type, wire bytes, status) it fetched.

    `prepare(page)` may first walk the site in the same context (e.g. answer questions); the
    cache is then cleared, so only what `url` itself loads is counted.
    """
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-BE")
    page = context.new_page()
    if prepare:
        prepare(page)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.clearBrowserCache")
    fetched = []

    def on_response(response):
        ctype = response.headers.get("content-type", "")
        fetched.append((response.url, ctype, wire_bytes(ctype, _body(response)), response.status))

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    context.close()
    return fetched


def submit(page, button="button[type=submit]"):
    """Press the form's button and wait until the next screen has replaced this one (htmx swap)."""
    from playwright.sync_api import expect

    heading = page.locator("h1").inner_text()
    page.click(button)
    expect(page.locator("h1")).not_to_have_text(heading)


def screener_pages(base):
    """Pages inside the screener: (label, url, prepare) where prepare answers up to that point in the same browser."""
    def answer_until(number):
        def prepare(page):
            page.goto(base + "/screener")
            submit(page, "form[action='/screener/start'] button")
            for _ in range(number - 1):
                page.locator("input[name=answer]").first.check()
                submit(page)
        return prepare
    def finish(page):
        answer_until(1)(page)
        while page.locator("input[name=answer]").count():
            page.locator("input[name=answer]").first.check()
            submit(page)
        submit(page)  # the optional profile, left empty

    return [("/screener/vraag/1 (first question)", base + "/screener/vraag/1", answer_until(1)),
            ("/screener/vraag/5", base + "/screener/vraag/5", answer_until(5)),
            ("/screener/resultaat", base + "/screener/resultaat", finish)]


def measure(base):
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        targets = [(path, base + path, None) for path in PUBLIC_PAGES] + screener_pages(base)
        for label, url, prepare in targets:
            fetched = first_load(browser, url, prepare)
            total = sum(f[2] for f in fetched)
            rows.append({"page": label, "requests": len(fetched), "bytes": total,
                         "ok": total <= BUDGET_BYTES and len(fetched) <= BUDGET_REQUESTS,
                         "files": [{"url": f[0].replace(base, ""), "bytes": f[2], "status": f[3]} for f in fetched]})
        browser.close()
    return rows


def _body(response):
    try:
        return response.body()
    except Exception:
        return b""


def main():
    with SMTPSink() as sink:
        env = production_env(Path(tempfile.mkdtemp(prefix="weight-")), sink.port, ZORGSAMEN_RATELIMIT_ENABLED="false")
        with Gunicorn("bench.wsgi_site:app", env, workers=1, threads=4) as server:
            rows = measure(server.url)
    lines = [f"Page weight of the first load (gzip as a proxy sends it); budget {BUDGET_BYTES // 1024} KB, "
             f"{BUDGET_REQUESTS} requests", "", f"{'page':40} {'KB':>6} {'requests':>8}  budget"]
    for row in rows:
        lines.append(f"{row['page']:40} {row['bytes'] / 1024:6.1f} {row['requests']:8}  {'ok' if row['ok'] else 'OVER'}")
        heavy = sorted(row["files"], key=lambda f: -f["bytes"])[:3]
        lines.append("    largest: " + ", ".join(f"{re.sub(r'[?].*', '', f['url'])} {f['bytes'] / 1024:.1f} KB" for f in heavy))
    text = "\n".join(lines) + "\n"
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"page-weight-{stamp}.txt").write_text(text)
    (out / f"page-weight-{stamp}.json").write_text(json.dumps(rows, indent=2))
    print(text)
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
