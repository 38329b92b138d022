"""Fixed data in, exact figures out: every number on the dashboard and in the CSV, computed here apart."""
import csv
import io
import math
import html as html_lib
import re
import statistics
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from helpers import MovableClock, act_on_case, insert_case, make_config
from partners_helpers import sign_in
from screener.db import connect, get_db, immediate
from screener.cases.queries import add_to_tally as add_request_tally
from screener.visits import tracking
from screener.screening.queries import add_to_tally

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
BE = ZoneInfo("Europe/Brussels")

# started (UTC), status, band, gender, sector, province, current item
SCREENINGS = [
    ("2026-02-10T09:00:00+00:00", "completed", "green", "andere", "welfare", "brussel", "result"),
    ("2026-03-02T08:00:00+00:00", "completed", "green", "vrouw", "hospital", "antwerpen", "result"),
    ("2026-03-02T22:30:00+00:00", "completed", "orange", "man", "elderly_care", "limburg", "result"),
    ("2026-03-02T23:30:00+00:00", "completed", "red", "vrouw", "hospital", "antwerpen", "result"),  # 3 March in Belgium
    ("2026-03-05T10:00:00+00:00", "abandoned", None, None, None, None, "worry"),
    ("2026-03-09T10:00:00+00:00", "abandoned", None, None, None, None, "nervous"),
    ("2026-03-09T11:00:00+00:00", "abandoned", None, None, None, None, "worry"),
    ("2026-03-10T10:00:00+00:00", "in_progress", None, None, None, None, "down"),  # no move for days: stopped
    ("2026-03-16T07:00:00+00:00", "completed", "orange", None, "home_care", "oost_vlaanderen", "result"),
    ("2026-03-20T11:00:00+00:00", "in_progress", None, None, None, None, "interest"),  # still busy
]

# id, parent, provider, step, created (UTC), hours to deadline, hours to first contact, status, outcome,
# sector, gender, province
CASES = [
    (1, None, "edpb_preventa", 1, "2026-03-02T09:00", 72, 10, "closed", "supported", "hospital", "vrouw", "antwerpen"),
    (2, None, "edpb_preventa", 1, "2026-03-02T10:00", 72, 80, "closed", "referred", "hospital", "vrouw", "antwerpen"),
    (3, 2, "elp_antwerpen", 2, "2026-03-06T10:00", 72, 20, "closed", "referred", "hospital", "vrouw", "antwerpen"),
    (4, 3, "cgg_noord", 3, "2026-03-09T10:00", 72, 50, "contacted", None, "hospital", "vrouw", "antwerpen"),
    (5, None, "edpb_preventa", 1, "2026-03-03T09:00", 72, 30, "contacted", None, "elderly_care", "man", "limburg"),
    (6, None, "edpb_preventa", 1, "2026-03-05T09:00", 72, None, "new", None, "hospital", "vrouw", "oost_vlaanderen"),
    (7, None, "edpb_preventa", 1, "2026-03-19T09:00", 72, None, "new", None, "home_care", "vrouw", "antwerpen"),
    (8, None, "edpb_werkwel", 1, "2026-03-04T09:00", 72, 5, "closed", "supported", "hospital", "vrouw", "antwerpen"),
] + [
    (9 + k, None, "elp_antwerpen", 2, f"2026-03-0{1 + k}T12:00", 72, 10 * (k + 1), "closed", "supported",
     "mental_health", "man" if k == 5 else "vrouw", "antwerpen")
    for k in range(6)
] + [
    (15, None, "elp_limburg", 2, "2026-02-20T09:00", 72, 40, "closed", "declined", "youth_care", "vrouw", "limburg"),
    (16, None, "cgg_west", 3, "2026-03-10T09:00", 24, 30, "closed", "withdrawn", "welfare", "andere", "west_vlaanderen"),
]

# (UTC moment, page, address, agent, first-visit cookie)
VIEWS = [
    ("2026-02-10T10:00", "/", "10.0.0.3", "Mozilla/5.0 Firefox", None),
    ("2026-03-02T09:00", "/", "10.0.0.1", "Mozilla/5.0 Firefox", None),
    ("2026-03-02T09:05", "/screener", "10.0.0.1", "Mozilla/5.0 Firefox", None),
    ("2026-03-02T09:10", "/aanmelden", "10.0.0.1", "Mozilla/5.0 Firefox", None),
    ("2026-03-02T10:00", "/aanmelden", "10.0.0.2", "Mozilla/5.0 Safari", "2026-01-15"),
    ("2026-03-02T12:00", "/", "10.0.0.1", "Mozilla/5.0 Firefox", None),  # a new visit after a long pause
    ("2026-03-10T08:00", "/", "10.0.0.1", "Mozilla/5.0 Firefox", "2026-03-02"),
]
ANNOTATIONS = [("2026-03-02", "Nieuwsbrief verstuurd"), ("2026-03-16", "Webinar")]
FIRSTHELPER = [("2026-03-02", "start", "visit", 12), ("2026-03-02", "start", "play", 0),
               ("2026-03-03", "gesprek", "visit", 4), ("2026-03-03", "gesprek", "play", 3),
               ("2026-02-01", "start", "visit", 99)]


def utc(text):
    return datetime.fromisoformat(text if "+" in text else text + ":00+00:00")


def local_day(text):
    return utc(text).astimezone(BE).date()


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, CLOCK=MovableClock(NOW))


@pytest.fixture
def coordinator(app, client):
    sign_in(client, app)
    _seed(app)
    return client


def _seed(app):
    db = connect(app.config["DATABASE"])
    for i, (started, status, band, gender, sector, province, item) in enumerate(SCREENINGS):
        # As the screener stores them: the Belgian day only, the profile counted apart.
        day = local_day(started).isoformat()
        moved = (utc(started) + timedelta(minutes=5)).isoformat() if status == "in_progress" else None
        db["screenings"].insert({"id": f"s{i}", "day": day, "moved_at": moved, "status": status,
                                 "current_item": item, "band": band})
        if status == "completed":
            add_to_tally(db, day, {"gender": gender, "sector": sector, "province": province})
    for day, label in ANNOTATIONS:
        db["annotations"].insert({"day": day, "label": label, "created_at": NOW.isoformat()})
    for row in FIRSTHELPER:
        db.execute("INSERT INTO firsthelper_counts (day, node_id, kind, count) VALUES (?, ?, ?, ?)", row)
    db.conn.commit()
    for moment, page, address, agent, cookie in VIEWS:
        tracking.record(db, utc(moment), page, address, agent, cookie)
    db.close()
    for row in CASES:
        assert add_case(app, *row)["id"] == row[0]  # the rows name their parents by id


def add_case(app, cid, parent, provider, step, created, due_h, contact_h, status, outcome, sector, gender, province):
    """A CASES row through the real create_case and the teams' actions, at the times the row gives."""
    at = utc(created)
    case = insert_case(app, provider, step, now=at, due=at + timedelta(hours=due_h), parent_case_id=parent,
                       province=province)
    if parent is None:  # a request: counted per day apart from the case, as the request form does
        with app.app_context():
            db = get_db()
            with immediate(db):
                add_request_tally(db, local_day(created).isoformat(), {"sector": sector, "gender": gender})
    if contact_h is not None:
        act_on_case(app, case["id"], "claim", at)
        act_on_case(app, case["id"], "first_contact", at + timedelta(hours=contact_h))
    closed = at + timedelta(hours=100)
    if outcome == "referred":
        next_provider = next(row[2] for row in CASES if row[1] == cid)
        act_on_case(app, case["id"], "refer", closed, detail={"provider_id": next_provider})
    elif status == "closed":
        act_on_case(app, case["id"], "close", closed, outcome=outcome)
    return case


# --- reading the page and the CSV -------------------------------------------------------------

class TableReader(HTMLParser):
    """{table key: rows of cell texts (tbody then tfoot)} from the dashboard's HTML."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self.current = self.tables.setdefault(attrs["data-table"], [])
        elif tag == "tr" and self.current is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join(self.cell.split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.current.append(self.row)
            self.row = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def dashboard_tables(client, query):
    response = client.get("/rapporten/" + query)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    reader = TableReader()
    reader.feed(response.get_data(as_text=True))
    return {key: rows[1:] for key, rows in reader.tables.items()}  # without the header row


def csv_rows(client, key, query):
    response = client.get(f"/rapporten/csv/{key}.csv" + query)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))[1:]


def number(text):
    """A cell as a number ('32,9' -> 32.9), or the text itself ('<5', '×', '')."""
    text = text.replace("–", "").strip()
    try:
        return float(text.replace(",", ".")) if "," in text else int(text)
    except ValueError:
        return text


def figures(rows):
    return [[number(c) for c in row[1:]] for row in rows]


# --- the expected figures, computed apart from the app ------------------------------------------

def in_range(day, start, end):
    return start <= day <= end


def expected_screening_rows(start, end, period_of):
    periods = []
    d = start
    while d <= end:
        if period_of(d) not in periods:
            periods.append(period_of(d))
        d += timedelta(days=1)
    rows = []
    for p in periods:
        mine = [s for s in SCREENINGS if period_of(local_day(s[0])) == p and in_range(local_day(s[0]), start, end)]
        done = [s for s in mine if s[1] == "completed"]
        days = sum(1 for i in range((end - start).days + 1) if period_of(start + timedelta(days=i)) == p)
        rows.append([len(mine), len(done), sum(s[2] == "green" for s in done), sum(s[2] == "orange" for s in done),
                     sum(s[2] == "red" for s in done), round(len(done) / days, 1)])
    return rows


def monday(d):
    return d - timedelta(days=d.weekday())


@pytest.mark.parametrize("query,start,end,period_of", [
    ("?van=2026-03-01&tot=2026-03-20&per=dag", date(2026, 3, 1), date(2026, 3, 20), lambda d: d),
    ("?van=2026-03-01&tot=2026-03-20&per=week", date(2026, 3, 1), date(2026, 3, 20), monday),
    ("?periode=90&per=maand", date(2025, 12, 21), date(2026, 3, 20), lambda d: d.replace(day=1)),
    ("?van=2026-03-03&tot=2026-03-03&per=dag", date(2026, 3, 3), date(2026, 3, 3), lambda d: d),
])
def test_screenings_over_time_for_ranges_and_granularities(coordinator, query, start, end, period_of):
    tables = dashboard_tables(coordinator, query)
    expected = expected_screening_rows(start, end, period_of)
    rows = tables["screenings"]
    body, total = rows[:-1], rows[-1]
    assert [r[:6] for r in figures(body)] == expected
    days = (end - start).days + 1
    sums = [sum(r[i] for r in expected) for i in range(5)]
    assert figures([total])[0][:6] == sums + [round(sums[1] / days, 1)]
    # A campaign shows in the period it fell in.
    labels_by_row = [r[7] for r in body]
    for day, label in ANNOTATIONS:
        d = date.fromisoformat(day)
        if in_range(d, start, end):
            periods = [p for p in dict.fromkeys(period_of(start + timedelta(days=i)) for i in range(days))]
            assert label in labels_by_row[periods.index(period_of(d))]
    assert csv_rows(coordinator, "screenings", query) == [[c.replace("–", "") for c in r] for r in rows]


def test_funnel_dropoff_and_breakdowns_for_march(coordinator):
    query = "?van=2026-03-01&tot=2026-03-20"
    start, end = date(2026, 3, 1), date(2026, 3, 20)
    tables = dashboard_tables(coordinator, query)
    march = [s for s in SCREENINGS if in_range(local_day(s[0]), start, end)]
    done = [s for s in march if s[1] == "completed"]
    requests = [c for c in CASES if c[1] is None and in_range(local_day(c[4]), start, end)]
    in_time = [c for c in requests if c[6] is not None and c[6] <= c[5]]
    children = {c[1]: c for c in CASES if c[1]}

    def last(case):
        while case[0] in children:
            case = children[case[0]]
        return case

    closed = [c for c in requests if last(c)[7] == "closed"]
    views = [v for v in VIEWS if in_range(local_day(v[0]), start, end)]
    # The request pages count as a visitor of their own (see visits.section_of).
    visitors = len({(local_day(v[0]), v[2], v[3], v[1].startswith("/aanmelden")) for v in views})
    # Visits opening the form: A's first visit (09:00-09:10) and B's visit.
    funnel = figures(tables["trechter"])
    bands = [sum(s[2] == b for s in done) for b in ("green", "orange", "red")]
    # Requests, first contacts and closed requests are operational counts: exact, even when small.
    assert len(requests) - len(closed) == 4
    assert [r[0] for r in funnel] == [visitors, len(march), len(done), *bands, 2, len(requests), len(in_time), len(closed)]
    assert funnel[9][1] == round(100 * len(closed) / len(requests))
    assert funnel[1][1] == round(100 * len(march) / visitors)
    assert funnel[6][1] == round(100 * 2 / len(done))
    assert funnel[8][1] == round(100 * len(in_time) / len(requests))

    # Drop-off: abandoned, or without a move for a day, at the question shown last.
    stopped = [s for s in march if s[1] == "abandoned" or (s[1] == "in_progress" and utc(s[0]) < NOW - timedelta(days=1))]
    dropoff = {row[0]: number(row[1]) for row in tables["afhakers"][:-1]}
    assert dropoff["Hoe vaak kon je niet stoppen met piekeren, of had je je zorgen niet onder controle?"] == sum(s[6] == "worry" for s in stopped)
    assert sum(dropoff.values()) == len(stopped) == number(tables["afhakers"][-1][1])

    # Completed screenings per gender: not requests, so shown in full.
    gender = {row[0]: number(row[1]) for row in tables["per-gender"]}
    assert gender == {"Vrouw": sum(s[3] == "vrouw" for s in done), "Man": sum(s[3] == "man" for s in done),
                      "Andere": 0, "Niet ingevuld": sum(s[3] is None for s in done), "Totaal": len(done)}
    # Every sector is listed, named as the worker saw it on the screener's last screen.
    sectors = [row[0] for row in tables["per-sector"] if row[0] not in ("Niet ingevuld", "Totaal")]
    assert sectors[:3] == ["Ziekenhuis", "Woonzorgcentrum of ouderenzorg", "Thuiszorg"] and len(sectors) == 10
    assert "Eerstelijnszorg (huisarts, apotheek ...)" in sectors

    # Site: visitors per day, returning share, page views, visit duration.
    site = tables["bezoek"]
    # Five visits (A twice on 2 March plus A's request pages on their own, B, A on 10 March); the cookie
    # marks B and A's later visit as returning. A's request page no longer extends A's first visit.
    returning = sum(1 for v in views if v[4] and date.fromisoformat(v[4]) < local_day(v[0]))
    assert figures([site[-1]])[0][:5] == [visitors, 5, round(100 * returning / 5), len(views), round(300 / 5)]
    pages = {row[0]: figures([row])[0] for row in tables["paginas"]}
    assert pages["/"] == [3, 3] and pages["/aanmelden"] == [2, 2] and pages["/screener"] == [1, 1]

    # First helper: sums per node within the range only.
    helper = {row[0].split(":")[0]: figures([row])[0] for row in tables["eerste-helper"]}
    assert helper["start"] == [12, 0] and helper["gesprek"] == [4, 3]


def test_requests_per_provider_are_exact_and_personal_breakdowns_suppressed(coordinator):
    query = "?van=2026-03-01&tot=2026-03-20"
    tables = dashboard_tables(coordinator, query)
    cases = [c for c in CASES if in_range(local_day(c[4]), date(2026, 3, 1), date(2026, 3, 20))]
    true = {}
    for c in cases:
        true[c[2]] = true.get(c[2], 0) + 1
    rows = tables["aanvragen-hulpverlener"]
    names = {"edpb_preventa": "Preventa Externe Dienst", "edpb_werkwel": "WerkWel Preventiedienst",
             "elp_antwerpen": "Netwerk Eerstelijnspsychologen Antwerpen", "cgg_noord": "CGG Noord (Antwerpen en Limburg)",
             "cgg_west": "CGG West (Oost- en West-Vlaanderen)"}
    shown = {row[0]: row[2] for row in rows[:-1]}
    # How each organisation works is an operational figure: every count exact, small ones included.
    assert {name: shown[name] for name in names.values()} == {name: str(true[p]) for p, name in names.items()}
    assert any(1 <= true[p] <= 4 for p in names)  # the data has small counts to show
    assert shown["Netwerk Eerstelijnspsychologen Limburg"] == "0"
    assert rows[-1][2] == str(len(cases))
    kinds = {row[0]: row[1] for row in tables["aanvragen-soort"]}
    for kind, prefix in (("Preventiedienst (trap 1)", "edpb"), ("Eerstelijnspsycholoog (trap 2)", "elp"),
                         ("CGG (trap 3)", "cgg")):
        assert kinds[kind] == str(sum(1 for c in cases if c[2].startswith(prefix)))
    # Requests per gender: women 8 of 13 shown; man 2 and andere 1 hidden together.
    requests = [c for c in cases if c[1] is None]
    gender = {row[0]: row[1] for row in tables["aanvragen-gender"]}
    assert gender["Vrouw"] == str(sum(c[10] == "vrouw" for c in requests))
    assert gender["Man"] == "<5" and gender["Andere"] == "<5"
    assert gender["Totaal"] == str(len(requests))
    assert csv_rows(coordinator, "aanvragen-gender", query) == [[c.replace("–", "") for c in r] for r in tables["aanvragen-gender"]]


def test_waiting_times_open_and_overdue_cases(coordinator):
    query = "?van=2026-03-01&tot=2026-03-20"
    tables = dashboard_tables(coordinator, query)
    rows = {row[0]: figures([row])[0] for row in tables["wachttijd-hulpverlener"]}
    elp = [c for c in CASES if c[2] == "elp_antwerpen" and c[4] >= "2026-03"]
    hours = [c[6] for c in elp]
    p90 = sorted(hours)[math.ceil(0.9 * len(hours)) - 1]
    assert rows["Netwerk Eerstelijnspsychologen Antwerpen"][1:7] == [
        len(elp), round(statistics.mean(hours), 1), round(statistics.median(hours), 1), p90, 100, 0]
    # Preventa: 10 h in time, 80 h late, 30 h in time, one still waiting past its deadline; one not yet due.
    # An operational figure: shown for four cases as for forty.
    preventa = rows["Preventa Externe Dienst"]
    assert preventa[1] == 4 and preventa[5] == 50
    open_now = [c for c in CASES if c[7] != "closed"]
    overdue = [c for c in open_now if c[6] is None and utc(c[4]) + timedelta(hours=c[5]) < NOW]
    assert {c[2] for c in overdue} == {"edpb_preventa"} and len(open_now) == 4
    kinds = {row[0]: figures([row])[0] for row in tables["wachttijd-soort"]}
    step1 = [c for c in CASES if c[3] == 1 and c[4] >= "2026-03"]
    step1_waits = [c for c in step1 if c[6] is not None or (c[7] != "closed" and utc(c[4]) + timedelta(hours=c[5]) < NOW)]
    step3_waits = [c for c in CASES if c[3] == 3 and c[4] >= "2026-03" and c[6] is not None]
    assert kinds["Preventiedienst (trap 1)"][0] == len(step1_waits) and kinds["CGG (trap 3)"][0] == len(step3_waits)
    in_time = [c for c in step1_waits if c[6] is not None and c[6] <= c[5]]
    assert kinds["Preventiedienst (trap 1)"][4] == round(100 * len(in_time) / len(step1_waits))


def test_flow_between_steps_and_outcomes(coordinator):
    tables = dashboard_tables(coordinator, "?van=2026-03-01&tot=2026-03-20")
    requests = [c for c in CASES if c[1] is None and c[4] >= "2026-03"]
    children = {c[1]: c for c in CASES if c[1]}
    paths, outcomes = {}, {}
    for case in requests:
        steps = [case[3]]
        while case[0] in children:
            case = children[case[0]]
            steps.append(case[3])
        path = "Trap " + " → ".join(map(str, steps))
        paths[path] = paths.get(path, 0) + 1
        state = case[8] if case[7] == "closed" else "open"
        outcomes[state] = outcomes.get(state, 0) + 1
    flow = {row[0]: row[1] for row in tables["doorstroom"]}
    assert paths == {"Trap 1": 5, "Trap 1 → 2 → 3": 1, "Trap 2": 6, "Trap 3": 1}
    # The way through the steps is read exactly: the one request that went 1 → 2 → 3 shows as 1.
    kinds = {row[0]: row[1] for row in tables["aanvragen-soort"]}
    assert kinds["Eerstelijnspsycholoog (trap 2)"] == "7"
    assert flow == {**{p: str(n) for p, n in paths.items()}, "Trap 1 → 2": "0", "Trap 2 → 3": "0",
                    "Totaal": str(len(requests))}
    outcome = {row[0]: row[1] for row in tables["uitkomst"]}
    assert outcomes == {"supported": 8, "open": 4, "withdrawn": 1}
    assert outcome["Geholpen in 1 of 2 gesprekken"] == "8" and outcome["Nog open"] == "4" and outcome["Ingetrokken"] == "1"


def test_key_figures_and_every_csv_match_the_page(coordinator):
    query = "?van=2026-03-01&tot=2026-03-20&per=week"
    html = coordinator.get("/rapporten/" + query).get_data(as_text=True)
    summary = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]*)</dd>", html))
    march = [s for s in SCREENINGS if "2026-03-01" <= local_day(s[0]).isoformat() <= "2026-03-20"]
    done = sum(s[1] == "completed" for s in march)
    visitors = len({(local_day(v[0]), v[2], v[3], v[1].startswith("/aanmelden")) for v in VIEWS if v[0] >= "2026-03"})
    requests = [c for c in CASES if c[1] is None and c[4] >= "2026-03"]
    assert summary["Bezoekers"] == str(visitors) and summary["Screenings afgerond"] == str(done)
    assert summary["Afgerond per dag"] == f"{done / 20:.1f}".replace(".", ",")
    assert summary["Aanvragen"] == str(len(requests))
    waits = [c[6] if c[6] is not None else (NOW - utc(c[4])).total_seconds() / 3600 for c in CASES
             if c[4] >= "2026-03" and (c[6] is not None or (c[7] != "closed" and utc(c[4]) + timedelta(hours=c[5]) < NOW))]
    assert summary["Mediaan wachttijd (uur)"] == f"{statistics.median(waits):.1f}".replace(".", ",")
    tables = dashboard_tables(coordinator, query)
    assert len(tables) >= 18
    for key, rows in tables.items():
        assert csv_rows(coordinator, key, query) == [[c.replace("–", "") for c in r] for r in rows], key


def test_charts_draw_the_numbers_of_their_tables(coordinator):
    html = coordinator.get("/rapporten/?van=2026-03-01&tot=2026-03-20").get_data(as_text=True)
    tables = dashboard_tables(coordinator, "?van=2026-03-01&tot=2026-03-20")
    for key in ("aanvragen-hulpverlener", "trechter", "per-sector"):
        block = html[html.index(f'id="blok-{key}"'):]
        address = html_lib.unescape(re.search(r'<img src="(/rapporten/grafiek/[^"]+)" loading="lazy" alt="Grafiek: ', block).group(1))
        image = coordinator.get(address)
        assert image.status_code == 200 and image.mimetype == "image/svg+xml"
        svg = image.get_data(as_text=True)
        assert "<script" not in svg
        drawn = sorted(int(v) for v in re.findall(r'<desc class="value">([^<]*)</desc>', svg))
        value_column = 2 if key == "aanvragen-hulpverlener" else 1
        rows = tables[key][:-1] if key != "trechter" else [r for r in tables[key] if not r[0].startswith("waarvan")]
        shown = sorted(int(r[value_column]) for r in rows if r[value_column].isdigit())
        assert drawn == shown, key  # hidden counts are not drawn either


def test_an_empty_range_shows_zeros_not_errors(coordinator):
    tables = dashboard_tables(coordinator, "?van=2021-01-01&tot=2021-01-31&per=week")
    assert [r[0] for r in figures(tables["trechter"])] == [0] * 10
    assert all(r[:6] == [0, 0, 0, 0, 0, 0.0] for r in figures(tables["screenings"]))
    assert tables["aanvragen-gender"][-1][1] == "0"
    assert "paginas" not in tables  # no table without rows, but a plain sentence
    assert "Geen gegevens in deze periode." in coordinator.get("/rapporten/?van=2021-01-01&tot=2021-01-31").get_data(as_text=True)


def test_the_median_wait_counts_only_contacted_requests(coordinator, app):
    # Five requests in January, but only one was contacted: the others were withdrawn before contact
    # and have no waiting time. The median is that one wait (an operational figure, shown exactly).
    for cid in range(101, 106):
        contacted = cid == 101
        add_case(app, cid, None, "edpb_preventa", 1, f"2026-01-{cid - 95:02d}T09:00", 72, 7 if contacted else None,
                 "closed", "supported" if contacted else "withdrawn", "hospital", "vrouw", "antwerpen")
    html = coordinator.get("/rapporten/?van=2026-01-01&tot=2026-01-31").get_data(as_text=True)
    summary = dict(re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", html))
    assert summary["Aanvragen"] == "5"
    assert summary["Mediaan wachttijd (uur)"] == "7,0"


def test_a_chart_drawn_by_another_worker_or_later_shows_the_same_range(coordinator, app):
    from screener.reports import views

    html = coordinator.get("/rapporten/?van=2026-03-01&tot=2026-03-20").get_data(as_text=True)
    address = html_lib.unescape(re.search(r'<img src="(/rapporten/grafiek/trechter\.svg[^"]+)"', html).group(1))
    kept = coordinator.get(address).get_data(as_text=True)
    views.BUILT.clear()  # as in another gunicorn worker, or after the page's report was let go
    assert coordinator.get(address).get_data(as_text=True) == kept
    assert coordinator.get("/rapporten/grafiek/bestaat-niet.svg?periode=30").status_code == 404
    outsider = app.test_client()
    assert outsider.get(address).status_code in (302, 303)  # coordinators only
