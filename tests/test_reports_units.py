"""The pure rules of the reports: ranges, periods, waiting times, referral chains, visitor recognition."""
from datetime import date, datetime, timedelta, timezone

from screener import clock
from screener.reports import cases, periods, stats
from screener.visits import rules as visits
from screener.reports.annotations import parse_annotation

TODAY = date(2026, 3, 20)


def test_presets_end_today_and_everything_starts_at_the_first_record():
    assert periods.preset_range("7", TODAY) == periods.Range(date(2026, 3, 14), TODAY)
    assert periods.preset_range("30", TODAY).days == 30
    assert periods.preset_range("jaar", TODAY).days == 365
    assert periods.preset_range("alles", TODAY, date(2025, 6, 1)).start == date(2025, 6, 1)


def test_choice_from_query_arguments_with_clear_errors():
    chosen, per, errors = periods.parse_choice({"van": "2026-03-01", "tot": "2026-03-10", "per": "week"}, TODAY)
    assert (chosen, per, errors) == (periods.Range(date(2026, 3, 1), date(2026, 3, 10)), "week", [])
    assert periods.parse_choice({}, TODAY)[:2] == (periods.Range(date(2026, 2, 19), TODAY), "dag")
    assert periods.parse_choice({"periode": "jaar"}, TODAY)[1] == "week"
    assert periods.parse_choice({"van": "2026-03-10", "tot": "2026-03-01"}, TODAY)[2] == ["De einddatum ligt voor de begindatum."]
    assert periods.parse_choice({"van": "gisteren", "tot": ""}, TODAY)[2] == ["Vul twee geldige datums in, zoals 2026-03-01."]
    assert periods.parse_choice({"per": "uur"}, TODAY)[2] == ["Kies per dag, per week of per maand."]
    assert periods.parse_choice({"periode": "999"}, TODAY)[2] == ["Kies een periode uit de lijst."]
    assert periods.parse_choice({"periode": "jaar", "per": "dag"}, TODAY)[2] == []
    assert periods.parse_choice({"van": "2021-01-01", "tot": "2026-01-01", "per": "dag"}, TODAY)[2] == [
        "Per dag kan voor hoogstens een jaar. Kies per week of per maand."]


def test_periods_cover_the_range_with_weeks_from_monday_and_whole_months():
    march = periods.Range(date(2026, 3, 1), date(2026, 3, 20))
    assert periods.periods(march, "week") == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
    assert periods.periods(periods.Range(date(2025, 11, 15), date(2026, 2, 2)), "maand") == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert periods.days_in_period(date(2026, 2, 23), "week", march) == 1  # only 1 March is in range
    assert periods.days_in_period(date(2026, 3, 16), "week", march) == 5
    assert periods.period_label(date(2026, 3, 2), "week") == "wk 2 mrt"
    assert periods.period_label(date(2026, 3, 1), "maand") == "mrt 2026"


def test_belgian_days_follow_summer_time():
    assert clock.local_day(datetime(2026, 3, 2, 23, tzinfo=timezone.utc)) == date(2026, 3, 3)  # winter: UTC+1
    assert clock.local_day(datetime(2026, 7, 1, 21, tzinfo=timezone.utc)) == date(2026, 7, 1)
    assert clock.local_day(datetime(2026, 7, 1, 22, tzinfo=timezone.utc)) == date(2026, 7, 2)  # summer: UTC+2
    assert periods.Range(date(2026, 7, 1), date(2026, 7, 1)).utc_bounds() == (
        "2026-06-30T22:00:00+00:00", "2026-07-01T22:00:00+00:00")


def test_waiting_summary_uses_nearest_rank_percentile():
    summary = stats.waiting_summary([(h, h <= 48) for h in (10, 20, 30, 40, 50, 60, 70, 80, 90, 100)])
    assert summary == {"n": 10, "mean": 55.0, "median": 55.0, "p90": 90, "in_time": 40}
    assert stats.waiting_summary([])["mean"] is None
    assert stats.percentile([5], 0.9) == 5


def _case(cid, parent=None, step=1, status="closed", outcome="supported", created="2026-03-01T09:00:00+00:00",
          due_hours=72, contact_hours=10):
    at = datetime.fromisoformat(created)
    return {"id": cid, "parent_case_id": parent, "step": step, "status": status, "outcome": outcome,
            "created_at": created, "due_at": (at + timedelta(hours=due_hours)).isoformat(),
            "first_contact_at": (at + timedelta(hours=contact_hours)).isoformat() if contact_hours is not None else None}


def test_chains_follow_referrals_and_end_in_the_last_outcome():
    rows = [_case(1, outcome="referred"), _case(2, parent=1, step=2, outcome="referred"),
            _case(3, parent=2, step=3, status="contacted", outcome=None), _case(4)]
    chains = cases.chains(rows)
    assert [c["id"] for c in chains[1]] == [1, 2, 3] and list(chains) == [1, 4]
    assert cases.step_path(chains[1]) == "1 → 2 → 3" and cases.final_state(chains[1]) == "open"
    assert cases.final_state(chains[4]) == "supported"


def test_waits_count_late_waiting_cases_and_leave_out_the_not_yet_due():
    now = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
    rows = [_case(1, contact_hours=10), _case(2, contact_hours=80), _case(3, status="new", contact_hours=None),
            _case(4, status="new", created="2026-03-09T09:00:00+00:00", contact_hours=None),
            _case(5, status="closed", outcome="withdrawn", contact_hours=None)]
    assert cases.waits(rows, now) == [(10.0, True), (80.0, False), (216.0, False)]
    assert [cases.is_overdue(c, now) for c in rows] == [False, False, True, False, False]


def test_a_case_is_overdue_at_its_deadline_as_in_the_partners_navigation():
    from screener.cases import transitions

    due = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)
    waiting = _case(1, status="claimed", contact_hours=None)  # due 72 hours after 1 March 09:00
    assert transitions.is_overdue(waiting, due.isoformat(timespec="seconds"))
    assert cases.is_overdue(waiting, due) and cases.is_overdue(waiting, due.astimezone(periods.BRUSSELS))
    assert not cases.is_overdue(waiting, due - timedelta(seconds=1))


def test_visitors_are_recognised_for_one_day_only_and_bots_are_not_counted():
    one = visits.visitor_hash("secret-of-monday", "10.0.0.1", "Firefox")
    assert one == visits.visitor_hash("secret-of-monday", "10.0.0.1", "Firefox")
    assert one != visits.visitor_hash("secret-of-tuesday", "10.0.0.1", "Firefox")
    assert "10.0.0.1" not in one and len(one) == 32
    for agent in ("Googlebot/2.1", "curl/8.0", "python-requests/2.32", "Mozilla/5.0 HeadlessChrome/120", ""):
        assert visits.is_bot(agent)
    assert not visits.is_bot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1")


def test_visit_gap_and_first_visit_date():
    at = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    assert visits.continues_visit(at, at + timedelta(minutes=29))
    assert not visits.continues_visit(at, at + timedelta(minutes=30))
    assert visits.is_returning("2026-03-01", TODAY) and not visits.is_returning(TODAY.isoformat(), TODAY)
    assert not visits.is_returning("nonsense", TODAY)
    assert visits.first_visit_value(None, TODAY) == "2026-03-20"
    assert visits.first_visit_value("2026-01-05", TODAY) == "2026-01-05"
    assert visits.first_visit_value("<script>", TODAY) == "2026-03-20"


def test_annotation_needs_a_real_day_and_a_short_label():
    assert parse_annotation("2026-03-02", "  Nieuwsbrief   verstuurd ") == ("2026-03-02", "Nieuwsbrief verstuurd", {})
    assert set(parse_annotation("2 maart", "")[2]) == {"dag", "label"}
    assert parse_annotation("2026-03-02", "x" * 81)[2] == {"label": "Houd het kort: hoogstens 80 tekens."}


def test_csv_cells_are_dutch_and_never_formulas():
    from screener.reports.csvfile import cell_text
    from screener.reports.suppression import HIDDEN, SHIELD

    assert [cell_text(v) for v in (12, 32.85, None, HIDDEN, SHIELD, -3)] == ["12", "32,9", "", "<5", "×", "-3"]
    assert cell_text("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert cell_text("@SUM(A1)") == "'@SUM(A1)" and cell_text("Webinar") == "Webinar"
