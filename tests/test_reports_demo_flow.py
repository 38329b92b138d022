"""The demo year read by a coordinator: the step flow and the waiting times on the dashboard equal what
the database says, recomputed here without the app; the demo history follows the rules of live cases."""
import json
import math
import statistics
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from helpers import make_config
from partners_helpers import sign_in
from screener.cases.providers import get_providers
from screener.cases.workingtime import due_at
from screener.db import get_db
from screener.demo import seed_all as seed_history
from test_reports_figures import dashboard_tables, figures

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, CLOCK=lambda: NOW)


@pytest.fixture
def demo_year(app, client):
    with app.app_context():
        seed_history(app, get_db())
    sign_in(client, app)
    return client


def utc(text):
    return datetime.fromisoformat(text)


def all_cases(db):
    columns = [d[0] for d in db.execute("SELECT * FROM cases LIMIT 0").description]
    return [dict(zip(columns, row)) for row in db.execute("SELECT * FROM cases ORDER BY id")]


def year_query(cases):
    first = min(utc(c["created_at"]).astimezone(BRUSSELS).date() for c in cases)
    return f"?van={first.isoformat()}&tot={NOW.astimezone(BRUSSELS).date().isoformat()}"


def test_the_step_flow_of_the_demo_year_is_readable_and_true(demo_year, db):
    cases = all_cases(db)
    children = {}
    for case in cases:
        if case["parent_case_id"]:
            children.setdefault(case["parent_case_id"], []).append(case)
    paths = {}
    for case in (c for c in cases if c["parent_case_id"] is None):
        steps = [case["step"]]
        while case["id"] in children:
            case = min(children[case["id"]], key=lambda c: (c["created_at"], c["id"]))
            steps.append(case["step"])
        path = "Trap " + " → ".join(map(str, steps))
        paths[path] = paths.get(path, 0) + 1
    tables = dashboard_tables(demo_year, year_query(cases))
    flow = {row[0]: row[1] for row in tables["doorstroom"][:-1]}
    assert {path: int(n) for path, n in flow.items() if int(n)} == paths
    # The seeds' question: how many moved on to step 2 or 3. Every count is a number, none hidden.
    moved_on = sum(n for path, n in paths.items() if "→" in path)
    assert moved_on > 0 and sum(int(n) for path, n in flow.items() if "→" in path) == moved_on
    assert all(cell.isdigit() for row in tables["doorstroom"] for cell in row[1:2])
    per_kind = {row[0]: int(row[1]) for row in tables["aanvragen-soort"][:-1]}
    for step, kind in ((1, "Preventiedienst (trap 1)"), (2, "Eerstelijnspsycholoog (trap 2)"), (3, "CGG (trap 3)")):
        assert per_kind[kind] == sum(1 for c in cases if c["step"] == step)


def test_the_waiting_times_of_the_demo_year_per_organisation_are_true(demo_year, db, app):
    cases = all_cases(db)
    tables = dashboard_tables(demo_year, year_query(cases))
    with app.app_context():
        names = {p.id: p.name for p in get_providers()}
    rows = {row[0]: figures([row])[0] for row in tables["wachttijd-hulpverlener"]}
    checked = 0
    for provider_id, name in names.items():
        waits = []
        for c in (c for c in cases if c["provider_id"] == provider_id):
            if c["first_contact_at"]:
                waits.append((utc(c["first_contact_at"]) - utc(c["created_at"])).total_seconds() / 3600)
            elif c["status"] != "closed" and utc(c["due_at"]) < NOW:
                waits.append((NOW - utc(c["created_at"])).total_seconds() / 3600)
        count = rows[name][1]
        assert count == len(waits), name  # exact, also when small
        if waits:
            assert rows[name][3] == round(statistics.median(waits), 1), name
            p90 = sorted(waits)[math.ceil(0.9 * len(waits)) - 1]
            assert rows[name][4] == round(p90, 1), name
            checked += 1
    assert checked >= 8


def test_the_demo_history_follows_the_rules_of_live_cases(demo_year, db, app):
    cases = all_cases(db)
    events = {}
    for case_id, kind, at, detail in db.execute("SELECT case_id, kind, at, detail FROM case_events ORDER BY id"):
        events.setdefault(case_id, []).append((kind, at, json.loads(detail or "{}")))
    with app.app_context():
        providers = {p.id: p for p in get_providers()}
        deadlines = app.config.get("DEADLINE_WORKING_DAYS") or {}
    for case in cases:
        kinds = [kind for kind, _at, _detail in events[case["id"]]]
        # "Contact gehad" (and every case closed after contact) has its first contact in the history, at that moment.
        if case["status"] == "contacted" or case["first_contact_at"]:
            [moment] = [at for kind, at, _detail in events[case["id"]] if kind == "first_contact"]
            assert moment == case["first_contact_at"] and case["created_at"] <= moment
        else:
            assert "first_contact" not in kinds
        # The deadline is the one a live case gets: working time of its provider.
        expected = due_at(utc(case["created_at"]), urgent=bool(case["urgent"]), step=case["step"],
                          provider=providers.get(case["provider_id"]), deadlines=deadlines)
        assert utc(case["due_at"]) == expected, case["reference"]
        # A referral carries its story as a live one does: the worker's agreement and the attempts.
        if case["parent_case_id"]:
            [created] = [detail for kind, _at, detail in events[case["id"]] if kind == "created"]
            assert created["agreed_via"] == "phone" and created["attempts"] >= 1 and created["first_contact_at"]
        # Events happen in order and never in the future.
        moments = [at for _kind, at, _detail in events[case["id"]]]
        assert moments == sorted(moments) and moments[-1] <= NOW.isoformat()


def test_how_many_conversations_help_took_per_kind_is_true(demo_year, db):
    cases = all_cases(db)
    tables = dashboard_tables(demo_year, year_query(cases))
    shown = {row[0]: row[1:] for row in tables["gesprekken"]}
    for step, kind in ((1, "Preventiedienst (trap 1)"), (2, "Eerstelijnspsycholoog (trap 2)"), (3, "CGG (trap 3)")):
        numbers = [c["conversations"] for c in cases
                   if c["step"] == step and c["status"] == "closed" and c["conversations"] is not None]
        assert numbers, step  # the demo's teams give the number when they close
        closed, talks, middle, mean = shown[kind]
        assert (int(closed), int(talks)) == (len(numbers), sum(numbers))
        assert float(middle.replace(",", ".")) == statistics.median(numbers)
        assert float(mean.replace(",", ".")) == round(statistics.fmean(numbers), 1)
