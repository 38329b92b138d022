"""Providers file, routing rules and deadlines in working time: the pure rules and their loaders."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from screener import create_app
from screener.content import ContentError, ContentErrors
from screener.cases.providers import Provider, get_provider, get_providers, parse_providers
from screener.cases.vocabulary import PROVINCES
from screener.cases.routing import route
from screener.cases.workingtime import WorkingHours, add_working_days, due_at

from helpers import make_config

BRUSSELS = ZoneInfo("Europe/Brussels")


def local(*args):
    return datetime(*args, tzinfo=BRUSSELS)


def no_holidays(_day):
    return False


# --- providers file --------------------------------------------------------------------------

def test_shipped_demo_file_covers_every_step_and_province(app):
    with app.app_context():
        providers = get_providers()
        assert len([p for p in providers if p.kind == "edpb" and p.step == 1 and set(p.provinces) == set(PROVINCES)]) >= 2
        for province in PROVINCES:
            assert len([p for p in providers if p.step == 2 and province in p.provinces]) == 1, province
            assert [p for p in providers if p.step == 3 and province in p.provinces], province
        werkwel = get_provider("edpb_werkwel")
        assert isinstance(werkwel, Provider) and werkwel.deadline_working_days == 2
        assert get_provider("bestaat_niet") is None


def test_providers_check_command_reports_ok(runner):
    result = runner.invoke(args=["providers", "check"])
    assert result.exit_code == 0, result.output
    assert "Providers OK" in result.output


def test_instance_file_overrides_example_and_bad_file_stops_start(tmp_path):
    config = make_config(tmp_path)
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "providers.yml").write_text(
        "providers:\n"
        "  - {id: solo, name: Solo, kind: elp, provinces: [limburg], team_emails: [a@solo.example],"
        " working_hours: {days: [mon, tue], start: 8, end: 12}}\n")
    app = create_app(config)
    with app.app_context():
        [solo] = get_providers()
        assert solo.step == 2 and solo.working_hours == WorkingHours(days=(0, 1), start=time(8), end=time(12))
    # An edit with a mistake: `providers check` names it before a restart would fail on it.
    (instance / "providers.yml").write_text(
        "providers:\n  - {id: x, name: X, kind: cgg, step: 1, provinces: [gent], team_emails: [x@x.example]}\n")
    result = app.test_cli_runner().invoke(args=["providers", "check"])
    assert result.exit_code == 1 and "x: kind cgg hoort bij trap 3" in result.output
    with pytest.raises(ContentErrors) as caught:
        create_app(config)
    assert "x: kind cgg hoort bij trap 3" in str(caught.value)


@pytest.mark.parametrize("entry, problem", [
    ("{id: a, name: A, kind: edpb, team_emails: []}", "team_emails ontbreekt"),
    ("{id: a, name: A, kind: psy, team_emails: [a@a.example]}", "kind moet edpb, elp of cgg zijn"),
    ("{id: a, name: A, kind: elp, provinces: [gent], team_emails: [a@a.example]}", "provinces"),
    ("{id: a, name: A, kind: elp, team_emails: [geen-adres]}", "e-mailadressen"),
    ("{id: a, name: A, kind: elp, team_emails: [a@a.example], language: fr}", "language moet nl of en"),
    ("{id: a, name: A, kind: elp, team_emails: [a@a.example], working_hours: {start: 17, end: 9}}", "end moet na start"),
    ("{id: a, name: A, kind: elp, team_emails: [a@a.example], deadline_working_days: 0}", "deadline_working_days"),
])
def test_invalid_provider_entries_are_named(entry, problem):
    import yaml

    with pytest.raises((ContentError, ContentErrors)) as caught:
        parse_providers(yaml.safe_load(f"providers:\n  - {entry}\n"))
    assert problem in str(caught.value)


def test_duplicate_ids_and_unquoted_times():
    import yaml

    data = yaml.safe_load("providers:\n"
                          "  - {id: a, name: A, kind: elp, team_emails: [a@a.example], working_hours: {start: 9:30, end: 17:00}}\n"
                          "  - {id: a, name: B, kind: elp, team_emails: [b@b.example]}\n")
    with pytest.raises(ContentErrors, match="id komt twee keer voor"):
        parse_providers(data)
    [first] = parse_providers({"providers": data["providers"][:1]})
    assert (first.working_hours.start, first.working_hours.end) == (time(9, 30), time(17, 0))


# --- routing -----------------------------------------------------------------------------------

def provider(id, step, provinces=PROVINCES, active=True):
    kind = {1: "edpb", 2: "elp", 3: "cgg"}[step]
    return Provider(id=id, name=id, kind=kind, step=step, provinces=tuple(provinces), active=active,
                    team_emails=(f"{id}@x.example",))


PROVIDERS = [
    provider("edpb_a", 1), provider("edpb_b", 1), provider("edpb_off", 1, active=False),
    provider("elp_limburg", 2, ["limburg"]), provider("elp_antw_1", 2, ["antwerpen"]),
    provider("elp_antw_2", 2, ["antwerpen"]), provider("cgg", 3),
]


def test_chosen_employer_service_gets_the_request_at_step_1():
    r = route(choice="employer", employer_id="edpb_b", providers=PROVIDERS, province="limburg")
    assert (r.provider_id, r.step, r.urgent) == ("edpb_b", 1, False)


def test_an_unknown_employer_service_lets_routing_pick_the_region():
    # "I don't know which service": a valid choice; so is a service that closed since the page loaded.
    for employer in ("edpb_off", "elp_limburg", "nope", None):
        r = route(choice="employer", employer_id=employer, providers=PROVIDERS, province="limburg")
        assert (r.provider_id, r.step, r.reason) == ("elp_limburg", 2, "no_employer")
    r = route(choice="employer", employer_id=None, providers=PROVIDERS, province="brussel")
    assert (r.provider_id, r.reason) == (None, "no_match")  # no network there: the coordinators find one


def test_region_goes_to_the_network_of_the_province():
    r = route(choice="region", providers=PROVIDERS, province="limburg", employer_id="edpb_a")
    assert (r.provider_id, r.step) == ("elp_limburg", 2)


def test_auto_uses_the_employer_when_known_else_the_region():
    assert route(choice="auto", employer_id="edpb_a", providers=PROVIDERS, province="limburg").provider_id == "edpb_a"
    r = route(choice="auto", providers=PROVIDERS, province="limburg")
    assert (r.provider_id, r.step) == ("elp_limburg", 2)
    assert route(choice="auto", employer_id="edpb_off", providers=PROVIDERS, province="limburg").provider_id == "elp_limburg"


def test_red_band_or_crisis_keeps_the_chosen_route_with_the_short_deadline():
    r = route(choice="employer", employer_id="edpb_a", providers=PROVIDERS, province="limburg", urgent=True)
    assert (r.provider_id, r.step, r.urgent) == ("edpb_a", 1, True)
    r = route(choice="region", providers=PROVIDERS, province="limburg", urgent=True)
    assert (r.provider_id, r.step, r.urgent) == ("elp_limburg", 2, True)


def test_red_band_or_crisis_with_choose_for_me_takes_the_quickest_route():
    r = route(choice="auto", employer_id="edpb_a", providers=PROVIDERS, province="limburg", urgent=True)
    assert (r.provider_id, r.step, r.urgent, r.reason) == ("elp_limburg", 2, True, "urgent")


def test_fewest_open_cases_wins_among_eligible():
    counts = {"elp_antw_1": 4, "elp_antw_2": 1}
    assert route(choice="region", providers=PROVIDERS, province="antwerpen", open_counts=counts).provider_id == "elp_antw_2"
    counts = {"elp_antw_1": 0, "elp_antw_2": 1}
    assert route(choice="region", providers=PROVIDERS, province="antwerpen", open_counts=counts).provider_id == "elp_antw_1"


def test_no_network_in_the_province_goes_to_the_coordinators():
    for urgent in (False, True):
        r = route(choice="region", providers=PROVIDERS, province="brussel", urgent=urgent)
        assert r.provider_id is None and r.step == 2 and r.urgent is urgent
    assert route(choice="region", providers=PROVIDERS, province=None).provider_id is None


# --- deadlines in working time ------------------------------------------------------------------

def test_one_working_day_within_hours_is_the_same_time_next_working_day():
    due = add_working_days(local(2026, 11, 24, 14, 0), 1, WorkingHours(), no_holidays)  # Tuesday
    assert due.astimezone(BRUSSELS) == local(2026, 11, 25, 14, 0)
    assert due.tzinfo == timezone.utc


def test_weekend_is_skipped():
    due = add_working_days(local(2026, 11, 27, 15, 0), 1, WorkingHours(), no_holidays)  # Friday afternoon
    assert due.astimezone(BRUSSELS) == local(2026, 11, 30, 15, 0)  # Monday


def test_after_hours_starts_the_clock_next_working_morning():
    friday_evening = local(2026, 11, 27, 20, 30)
    assert add_working_days(friday_evening, 1, WorkingHours(), no_holidays).astimezone(BRUSSELS) == local(2026, 11, 30, 17, 0)
    early = local(2026, 11, 24, 6, 0)
    assert add_working_days(early, 1, WorkingHours(), no_holidays).astimezone(BRUSSELS) == local(2026, 11, 24, 17, 0)
    saturday = local(2026, 11, 28, 11, 0)
    assert add_working_days(saturday, 3, WorkingHours(), no_holidays).astimezone(BRUSSELS) == local(2026, 12, 2, 17, 0)


def test_belgian_public_holidays_are_skipped():
    # Thursday 24 December 2026 at 10:00; 25 December is Christmas, then a weekend.
    due = add_working_days(local(2026, 12, 24, 10, 0), 1, WorkingHours())
    assert due.astimezone(BRUSSELS) == local(2026, 12, 28, 10, 0)
    # 11 November (Armistice) is a holiday: Tuesday 10 Nov 16:00 + 1 day -> Thursday 12 Nov 16:00.
    due = add_working_days(local(2026, 11, 10, 16, 0), 1, WorkingHours())
    assert due.astimezone(BRUSSELS) == local(2026, 11, 12, 16, 0)


def test_provider_working_hours_count():
    short_days = WorkingHours(days=(0, 2), start=time(8), end=time(12))  # Monday and Wednesday mornings
    due = add_working_days(local(2026, 11, 23, 11, 0), 1, short_days, no_holidays)  # Monday 11:00
    assert due.astimezone(BRUSSELS) == local(2026, 11, 25, 11, 0)
    due = add_working_days(local(2026, 11, 23, 13, 0), 1, short_days, no_holidays)  # Monday after hours
    assert due.astimezone(BRUSSELS) == local(2026, 11, 25, 12, 0)


def test_due_at_uses_short_deadline_for_urgent_and_provider_override():
    created = local(2026, 11, 23, 10, 0)  # Monday
    werkwel = Provider(id="w", name="W", kind="edpb", step=1, provinces=PROVINCES, active=True,
                       team_emails=("w@x.example",), deadline_working_days=2)
    assert due_at(created, urgent=False, step=1, provider=None, holidays_fn=no_holidays).astimezone(BRUSSELS) == local(2026, 11, 26, 10, 0)
    assert due_at(created, urgent=False, step=1, provider=werkwel, holidays_fn=no_holidays).astimezone(BRUSSELS) == local(2026, 11, 25, 10, 0)
    assert due_at(created, urgent=True, step=2, provider=werkwel, holidays_fn=no_holidays).astimezone(BRUSSELS) == local(2026, 11, 24, 10, 0)
    assert due_at(created, urgent=False, step=2, deadlines={2: 5}, holidays_fn=no_holidays).astimezone(BRUSSELS) == local(2026, 11, 30, 10, 0)


# --- properties of working time -------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from screener.cases.workingtime import is_working_day  # noqa: E402

moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31),
                       timezones=st.just(timezone.utc))


@settings(max_examples=300, deadline=None)
@given(start=moments, days=st.integers(min_value=1, max_value=5))
def test_a_deadline_always_falls_inside_working_time_and_later_requests_are_never_due_earlier(start, days):
    hours = WorkingHours()
    due = add_working_days(start, days, hours).astimezone(BRUSSELS)
    assert due > start
    assert is_working_day(due.date(), hours) and hours.start < due.time() <= hours.end
    later = add_working_days(start + timedelta(hours=1), days, hours)
    assert later >= due
    assert add_working_days(start, days + 1, hours) > due


def test_providers_check_warns_about_a_province_without_a_step(tmp_path):
    providers = tmp_path / "providers.yml"
    providers.write_text("providers:\n  - {id: a, name: A, kind: elp, provinces: [limburg], team_emails: [a@a.example]}\n")
    app = create_app(make_config(tmp_path, PROVIDERS_FILE=str(providers)))
    result = app.test_cli_runner().invoke(args=["providers", "check"])
    assert result.exit_code == 0 and "1 organisaties, 1 actief" in result.output
    assert "Let op: antwerpen heeft geen actieve organisatie voor trap 1, 2, 3" in result.output
    assert "Let op: limburg heeft geen actieve organisatie voor trap 1, 3" in result.output
