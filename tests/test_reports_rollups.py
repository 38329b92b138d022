"""Years of history stay fast: the worker keeps per-day totals of settled days, and the dashboard reads
them instead of millions of raw rows. These tests check that the figures a coordinator sees are the
same with and without the totals, also when a run moves after its day was rolled up."""
from datetime import date, timedelta

import pytest

from screener import clock as app_clock
from screener.db import get_db
from screener.reports import rollups
from screener.rollup import raw_spans
from screener.screening import queries as screening_queries
from test_reports_demo_flow import NOW, app_config, demo_year  # noqa: F401
from test_reports_figures import dashboard_tables

TODAY = app_clock.local_day(NOW)


def test_raw_spans_are_the_days_without_totals_in_contiguous_runs():
    assert raw_spans("2026-01-01", "2026-01-05", []) == [("2026-01-01", "2026-01-05")]
    assert raw_spans("2026-01-01", "2026-01-05", ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04",
                                                  "2026-01-05"]) == []
    assert raw_spans("2026-01-01", "2026-01-05", ["2026-01-02", "2026-01-03"]) == [
        ("2026-01-01", "2026-01-01"), ("2026-01-04", "2026-01-05")]
    # Across a month's end, and with totals outside the range that do not matter.
    assert raw_spans("2026-01-30", "2026-02-02", ["2026-01-29", "2026-01-31", "2026-02-03"]) == [
        ("2026-01-30", "2026-01-30"), ("2026-02-01", "2026-02-02")]
    assert raw_spans("2026-01-05", "2026-01-04", []) == []


def _roll_up(app):
    with app.app_context():
        return rollups.roll_up(app, NOW)


QUERIES = ("?periode=alles&per=maand", "?periode=jaar&per=dag", "?periode=7")


def test_the_dashboard_shows_the_same_figures_from_the_day_totals(demo_year, app, db):
    before = {query: dashboard_tables(demo_year, query) for query in QUERIES}
    done = _roll_up(app)
    assert done["visits"] >= 360 and done["screenings"] >= 360
    # Today is never rolled up; screenings wait two days, as a run can still move a day after it started.
    assert db.execute("SELECT MAX(day) FROM visit_day_totals").fetchone()[0] == (TODAY - timedelta(days=1)).isoformat()
    assert db.execute("SELECT MAX(day) FROM screening_day_totals").fetchone()[0] <= (TODAY - timedelta(days=3)).isoformat()
    for query in QUERIES:
        assert dashboard_tables(demo_year, query) == before[query], query
    # An independent count over the raw rows: visitors of the year (the hash changes daily, so days add up).
    start = (TODAY - timedelta(days=364)).isoformat()
    visitors = db.execute("SELECT SUM(n) FROM (SELECT COUNT(DISTINCT visitor) AS n FROM visits"
                          " WHERE day BETWEEN ? AND ? GROUP BY day)", [start, TODAY.isoformat()]).fetchone()[0]
    year = dashboard_tables(demo_year, "?periode=jaar")
    assert int(year["bezoek"][-1][1].replace(".", "").replace("\u202f", "").replace(" ", "")) == visitors
    # A second run has nothing left to do.
    assert _roll_up(app) == {"visits": 0, "screenings": 0}


def test_a_run_that_moves_after_its_day_was_rolled_up_is_counted_where_it_is_now(demo_year, app, db):
    old_day = TODAY - timedelta(days=10)
    started_at = app_clock.iso(NOW - timedelta(days=10))
    with app.app_context():
        screening_queries.start_screening(get_db(), "late-run", "nl", "q1", old_day.isoformat(), started_at)
    _roll_up(app)
    stopped = db.execute("SELECT SUM(count) FROM screening_day_totals WHERE day = ? AND status = 'stopped'"
                         " AND stopped_at = 'q1'", [old_day.isoformat()]).fetchone()[0]
    assert stopped >= 1
    query = f"?van={old_day.isoformat()}&tot={old_day.isoformat()}"
    completed_before = int(dashboard_tables(demo_year, query)["screenings"][0][2])
    # The worker comes back to that run days later (a kept session) and finishes it.
    with app.app_context():
        assert screening_queries.record_answers(get_db(), "late-run", {"q1": 1}, "profile", app_clock.iso(NOW))
        assert screening_queries.complete_screening(
            get_db(), "late-run", {}, {"phq_anxiety": 1, "phq_depression": 1, "phq4": 2, "who5": 60, "band": "green",
                                       "crisis": False})
    assert db.execute("SELECT COUNT(*) FROM screening_day_totals WHERE day = ?", [old_day.isoformat()]).fetchone()[0] == 0
    assert int(dashboard_tables(demo_year, query)["screenings"][0][2]) == completed_before + 1
    # The next rollup counts the day again, now with the finished run.
    assert _roll_up(app)["screenings"] == 1
    assert int(dashboard_tables(demo_year, query)["screenings"][0][2]) == completed_before + 1


def test_one_feature_failing_to_roll_up_does_not_hold_back_the_other(demo_year, app, db, monkeypatch):
    def broken(db, before_day):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(rollups.visit_queries, "roll_up", broken)
    done = _roll_up(app)
    assert "visits" not in done and done["screenings"] >= 360
    assert db["visit_day_totals"].count == 0
    # The dashboard still answers, from the raw visits.
    assert dashboard_tables(demo_year, "?periode=30")["bezoek"]
