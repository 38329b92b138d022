"""Did it help? The follow-up blocks of the dashboard equal the check-ins in the database, counted here
without the app; small numbers stay hidden; the demo history has check-ins to show."""
import pytest

from screener.reports import followup_blocks
from screener.reports.suppression import Hidden
from test_reports_answers import read
from test_reports_demo_flow import NOW, all_cases, app_config, demo_year, year_query  # noqa: F401
from test_reports_figures import csv_rows, dashboard_tables, number

KINDS = {"4w": "Na 4 weken", "3m": "Na 3 maanden", "6m": "Na 6 maanden"}
RULES = {"version": "2026-11", "caseness": {"subscale_min": 3}, "reliable_change": {"phq4_drop": 3, "who5_rise": 24},
         "group": {"who5_meaningful": 10}}


def pct(part, base):
    return round(100 * part / base) if base >= 5 else None


def expected_outcomes(db):
    """{kind label: [answered, paired, % paired, recovery, reliable recovery, improvement, deterioration, WHO-5 mean]}."""
    rows = db.execute(
        "SELECT f.kind, f.outcome_change, f.recovered, f.reliably_recovered, f.who5, s.who5, s.phq_anxiety,"
        " s.phq_depression FROM followup_checkins f LEFT JOIN screenings s ON s.id = f.baseline_screening_id"
        " WHERE f.answered_at IS NOT NULL").fetchall()
    found = {}
    for kind, label in KINDS.items():
        mine = [r for r in rows if r[0] == kind]
        paired = [r for r in mine if r[5] is not None and r[1]]
        cases = [r for r in paired if r[6] >= 3 or r[7] >= 3]
        mean = round(sum(r[4] - r[5] for r in paired) / len(paired), 1) if len(paired) >= 5 else None
        found[label] = [len(mine), len(paired), round(100 * len(paired) / len(mine)) if mine else None,
                        pct(sum(r[2] for r in cases), len(cases)), pct(sum(r[3] for r in cases), len(cases)),
                        pct(sum(r[1] == "reliable_improvement" for r in paired), len(paired)),
                        pct(sum(r[1] == "reliable_deterioration" for r in paired), len(paired)), mean]
    return found


def cell(value):
    return "" if value is None else value


def test_the_demo_year_has_answered_check_ins_and_queued_no_mail(demo_year, db):
    kinds = dict(db.execute("SELECT kind, COUNT(*) FROM followup_checkins WHERE answered_at IS NOT NULL GROUP BY kind"))
    assert kinds.get("4w", 0) >= 20 and kinds.get("3m", 0) >= 10 and kinds.get("6m", 0) >= 1
    assert db.execute("SELECT COUNT(*) FROM followup_checkins WHERE answered_at IS NULL").fetchone()[0] > 0
    latest = db.execute("SELECT MAX(MAX(due_at), MAX(COALESCE(answered_at, ''))) FROM followup_checkins").fetchone()[0]
    assert latest <= NOW.isoformat()
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'followup'").fetchone()[0] == 0
    # Only cases whose worker agreed to be asked, after their first contact; the rules' version with every answer.
    assert db.execute("SELECT COUNT(*) FROM followup_checkins f JOIN cases c ON c.id = f.case_id WHERE"
                      " c.followup_consent = 0 OR c.first_contact_at IS NULL OR f.due_at < c.first_contact_at"
                      ).fetchone()[0] == 0
    assert {v for (v,) in db.execute("SELECT DISTINCT rules_version FROM followup_checkins WHERE answered_at IS NOT NULL")} \
        == {"2026-11"}
    # About half of those who were a case at the start recover by 3 months.
    share = db.execute("SELECT AVG(f.recovered) FROM followup_checkins f JOIN screenings s ON s.id = f.baseline_screening_id"
                       " WHERE f.kind = '3m' AND (s.phq_anxiety >= 3 OR s.phq_depression >= 3)").fetchone()[0]
    assert 0.3 <= share <= 0.7


def test_the_outcome_block_equals_the_database_for_the_demo_year(demo_year, db):
    query = year_query(all_cases(db))
    tables = dashboard_tables(demo_year, query)
    shown = {row[0]: [number(c) for c in row[1:9]] for row in tables["beter-na-hulp"][:-1]}
    expected = expected_outcomes(db)
    assert shown == {label: [cell(v) for v in figures] for label, figures in expected.items()}
    assert expected["Na 3 maanden"][3] is not None and expected["Na 4 weken"][1] >= 5
    # The CSV holds the same figures.
    rows = csv_rows(demo_year, "beter-na-hulp", query)
    assert [r[0] for r in rows[:3]] == list(KINDS.values()) and rows[0][1] == str(expected["Na 4 weken"][0])

    # Satisfaction: the experience per answer, and "ja" to the help needed and to recommending it.
    answers = db.execute("SELECT satisfaction_overall, satisfaction_help, satisfaction_recommend FROM followup_checkins"
                         " WHERE answered_at IS NOT NULL").fetchall()
    rows = {row[0]: row for row in tables["tevredenheid-hulp"]}
    for value, name in ((4, "Goed"), (5, "Heel goed")):
        count = sum(1 for a in answers if a[0] == value)
        assert number(rows[f"Ervaring: {name}"][1]) == count >= 5
        assert number(rows[f"Ervaring: {name}"][2]) == round(100 * count / len(answers))
    helped = sum(1 for a in answers if a[1] == "yes")
    assert number(rows["Kreeg de hulp die nodig was: ja"][2]) == round(100 * helped / len(answers))
    assert number(rows["Totaal"][1]) == len(answers)


def test_the_answers_show_recovery_and_improvement_with_the_paired_share(demo_year, db):
    query = year_query(all_cases(db))
    _html, answers, reader, tables = read(demo_year, "/rapporten/" + query)
    expected = expected_outcomes(db)
    answer = answers["Gaat het beter met wie hulp kreeg?"]
    # Everyone is asked at 4 weeks and 3 months; the 6-month check-in only follows a recovery.
    latest = [label for label, f in expected.items() if f[0] and f[3] is not None and label != "Na 6 maanden"][-1]
    assert answer["figure"] == f"{expected[latest][3]} %"
    for label, f in expected.items():
        if f[0]:
            assert (f"{label}: herstel {cell(f[3]) if f[3] is not None else '–'} %, betrouwbare verbetering "
                    f"{f[5] if f[5] is not None else '–'} % (gepaard {f[1]} van {f[0]})") in answer["context"]
    assert answer["href"] == "#blok-beter-na-hulp" and "blok-beter-na-hulp" in reader.ids
    satisfied = answers["Waren mensen tevreden over de hulp? (goed of heel goed)"]
    rows = db.execute("SELECT satisfaction_overall, satisfaction_recommend FROM followup_checkins"
                      " WHERE answered_at IS NOT NULL").fetchall()
    assert satisfied["figure"] == f"{round(100 * sum(1 for r in rows if r[0] >= 4) / len(rows))} %"
    recommend = round(100 * sum(1 for r in rows if r[1] == "yes") / len(rows))
    assert f"{recommend} % zou het een collega aanraden" in satisfied["context"]
    assert satisfied["href"] == "#blok-tevredenheid-hulp" and "blok-tevredenheid-hulp" in reader.ids
    # Before the demo year: no follow-up, said plainly.
    _html, answers, _reader, _tables = read(demo_year, "/rapporten/?van=2021-01-01&tot=2021-01-31")
    assert answers["Gaat het beter met wie hulp kreeg?"]["figure"] == "Nog geen opvolging"
    assert answers["Waren mensen tevreden over de hulp? (goed of heel goed)"]["figure"] == "–"


def checkin(kind, baseline, anxiety, depression, who5, change, recovered, overall=4, helped="yes"):
    return {"kind": kind, "baseline_screening_id": baseline, "phq_anxiety": anxiety, "phq_depression": depression,
            "phq4": anxiety + depression, "who5": who5, "outcome_change": change, "recovered": recovered,
            "reliably_recovered": int(bool(recovered) and change == "reliable_improvement"), "satisfaction_overall": overall,
            "satisfaction_help": helped, "satisfaction_recommend": helped}


def test_small_numbers_are_hidden_and_percentages_of_fewer_than_5_left_out(app):
    baselines = {f"s{i}": {"phq_anxiety": 4, "phq_depression": 3, "phq4": 7, "who5": 28} for i in range(8)}
    rows = [checkin("4w", f"s{i}", 1, 1, 60, "reliable_improvement", 1) for i in range(3)]
    rows += [checkin("4w", f"s{i}", 4, 3, 32, "no_reliable_change", 0) for i in range(3, 6)]
    rows += [checkin("4w", None, 1, 1, 60, None, None) for _ in range(5)]  # no baseline: not paired
    with app.test_request_context():
        table = followup_blocks.improvement_table(followup_blocks.figures(rows, baselines, RULES))
        four = {str(r[0]): r for r in table.rows}["Na 4 weken"]
        # 11 answered, 6 paired (55 %); 3 of 6 recovered; mean WHO-5 (3 x 32 + 3 x 4) / 6 = 18.
        assert four[1:9] == [11, 6, 55, 50, 50, 50, 0, 18.0] and str(four[9]) == "ja"
        assert str(table.footer[1]) == "11"
        # Three paired answers at 3 months: their counts hidden, and so is what would give them away.
        rows += [checkin("3m", f"s{i}", 1, 1, 64, "reliable_improvement", 1) for i in range(3)]
        table = followup_blocks.improvement_table(followup_blocks.figures(rows, baselines, RULES))
        by_kind = {str(r[0]): r for r in table.rows}
        three = by_kind["Na 3 maanden"]
        assert isinstance(three[1], Hidden) and isinstance(three[2], Hidden)  # 3 answered: <5
        assert three[3:10] == [None] * 7  # a percentage of 3 people is left out
        assert by_kind["Na 4 weken"][4:9] == [50, 50, 50, 0, 18.0]  # percentages of 6 people stay
        assert isinstance(by_kind["Na 4 weken"][2], Hidden)
        sat = {str(r[0]): r for r in followup_blocks.satisfaction_table(rows).rows}
        assert sat["Ervaring: Goed"][1:] == [14, 100] and sat["Ervaring: Heel goed"][1:] == [0, 0]
        small = followup_blocks.satisfaction_table(rows[:3])
        assert all(isinstance(r[1], Hidden) or r[1] == 0 for r in small.rows) and all(r[2] is None for r in small.rows)
