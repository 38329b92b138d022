"""Providers (EDPB, first-line psychologist networks, CGG) from instance/providers.yml, validated."""
from dataclasses import dataclass
from datetime import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from ..config import LANGUAGES
from ..content import ContentError, ContentErrors, checked, read_yaml
from ..mail.addresses import is_valid_address, normalized_address
from .vocabulary import KIND_DESCRIPTIONS, KIND_STEP, PROVINCES
from .workingtime import DEFAULT_WORKING_HOURS, WorkingHours

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CONTENT_NAME = "providers"




@dataclass(frozen=True)
class Provider:
    """One organisation that contacts workers, with the team that receives its cases."""

    id: str
    name: str
    kind: str  # edpb | elp | cgg
    step: int  # 1 | 2 | 3
    provinces: tuple
    active: bool
    team_emails: tuple
    language: str = "nl"
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS
    deadline_working_days: int | None = None

    @property
    def kind_description(self):
        """Who will call, in words a worker understands ("een eerstelijnspsycholoog in je regio")."""
        return KIND_DESCRIPTIONS[self.kind]


def providers_path(app):
    """The file in use: config PROVIDERS_FILE, else instance/providers.yml, else the shipped example."""
    configured = app.config.get("PROVIDERS_FILE")
    if configured:
        return Path(configured)
    own = Path(app.instance_path) / "providers.yml"
    if own.exists():
        return own
    return Path(__file__).resolve().parents[2] / "instance" / "providers.example.yml"


def _parse_time(value, file, item, field):
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value <= 23:
            return time(value, 0)
        if 60 <= value < 24 * 60:  # YAML 1.1 reads an unquoted 17:00 as 1020 (minutes)
            return time(value // 60, value % 60)
    try:
        hours, minutes = str(value).split(":")
        return time(int(hours), int(minutes))
    except (ValueError, TypeError):
        raise ContentError(file, item, f"{field} moet een uur zijn zoals 9 of \"09:30\", niet {value!r}")


def _parse_working_hours(raw, file, item):
    if raw is None:
        return DEFAULT_WORKING_HOURS
    if not isinstance(raw, dict):
        raise ContentError(file, item, "working_hours moet days, start en end hebben")
    days = raw.get("days", list(WEEKDAYS[:5]))
    if not isinstance(days, list) or not days or any(d not in WEEKDAYS for d in days):
        raise ContentError(file, item, f"working_hours.days: kies uit {', '.join(WEEKDAYS)}")
    start = _parse_time(raw.get("start", "09:00"), file, item, "working_hours.start")
    end = _parse_time(raw.get("end", "17:00"), file, item, "working_hours.end")
    if end <= start:
        raise ContentError(file, item, "working_hours.end moet na start liggen")
    return WorkingHours(days=tuple(sorted(WEEKDAYS.index(d) for d in days)), start=start, end=end)


def parse_provider(raw, file, position, languages=LANGUAGES):
    """One provider entry from the YAML as a Provider, or ContentError naming the problem."""
    if not isinstance(raw, dict):
        raise ContentError(file, f"provider {position}", "moet een lijst van velden zijn")
    item = str(raw.get("id") or f"provider {position}")
    for field in ("id", "name", "kind", "team_emails"):
        if not raw.get(field):
            raise ContentError(file, item, f"veld {field} ontbreekt")
    kind = raw["kind"]
    if kind not in KIND_STEP:
        raise ContentError(file, item, f"kind moet edpb, elp of cgg zijn, niet {kind!r}")
    step = raw.get("step", KIND_STEP[kind])
    if step != KIND_STEP[kind]:
        raise ContentError(file, item, f"kind {kind} hoort bij trap {KIND_STEP[kind]}, niet {step!r}")
    provinces = raw.get("provinces", "all")
    provinces = PROVINCES if provinces == "all" else provinces
    if not isinstance(provinces, (list, tuple)) or not provinces or any(p not in PROVINCES for p in provinces):
        raise ContentError(file, item, f"provinces: 'all' of een lijst uit {', '.join(PROVINCES)}")
    emails = raw["team_emails"]
    emails = [emails] if isinstance(emails, str) else emails
    if not isinstance(emails, list) or any(not isinstance(e, str) for e in emails):
        raise ContentError(file, item, "team_emails moet een lijst van e-mailadressen zijn")
    bad = [e for e in emails if not is_valid_address(e.strip())]
    if bad:
        raise ContentError(file, item, f"team_emails moet een lijst van e-mailadressen zijn; {bad[0]!r} is geen geldig adres")
    emails = [normalized_address(e.strip()) for e in emails]
    language = raw.get("language", "nl")
    if language not in languages:
        raise ContentError(file, item, f"language moet {' of '.join(languages)} zijn, niet {language!r}")
    deadline = raw.get("deadline_working_days")
    if deadline is not None and (not isinstance(deadline, int) or isinstance(deadline, bool) or not 1 <= deadline <= 20):
        raise ContentError(file, item, "deadline_working_days moet een geheel getal van 1 tot 20 zijn")
    active = raw.get("active", True)
    if not isinstance(active, bool):
        raise ContentError(file, item, "active moet true of false zijn")
    return Provider(
        id=str(raw["id"]), name=str(raw["name"]), kind=kind, step=step,
        provinces=tuple(provinces), active=active, team_emails=tuple(emails), language=language,
        working_hours=_parse_working_hours(raw.get("working_hours"), file, item),
        deadline_working_days=deadline,
    )


def parse_providers(data, file="providers.yml", languages=LANGUAGES):
    """The YAML document as a list of Providers; raises ContentErrors listing every problem."""
    entries = data.get("providers") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ContentError(file, "providers", "het bestand moet een lijst 'providers:' bevatten")
    providers, problems, seen = [], [], set()
    for position, raw in enumerate(entries, 1):
        try:
            provider = parse_provider(raw, file, position, languages)
        except ContentError as exc:
            problems.append(exc)
            continue
        if provider.id in seen:
            problems.append(ContentError(file, provider.id, "id komt twee keer voor"))
        seen.add(provider.id)
        providers.append(provider)
    if problems:
        raise ContentErrors(problems)
    return providers


def load_providers(app):
    """Content loader: read and validate the providers file in use."""
    path = providers_path(app)
    return parse_providers(read_yaml(path), path.name, tuple(app.config["LANGUAGES"]))


def get_providers():
    """Every configured provider (active or not), in file order."""
    loaded = current_app.extensions.get("content", {})
    if CONTENT_NAME in loaded:
        return loaded[CONTENT_NAME]
    return load_providers(current_app)


def get_provider(provider_id):
    """The provider with this id, or None."""
    return next((p for p in get_providers() if p.id == provider_id), None)


@click.group("providers", cls=AppGroup)
def providers_cli():
    """The providers file (instance/providers.yml)."""


@providers_cli.command("check")
@with_appcontext
def check_command():
    """Validate the providers file; exit 1 with every problem listed."""
    path = providers_path(current_app)
    providers = checked(load_providers, current_app)
    active = [p for p in providers if p.active]
    click.echo(f"Providers OK: {path} ({len(providers)} organisaties, {len(active)} actief)")
    for province in PROVINCES:
        steps = sorted({p.step for p in active if province in p.provinces})
        missing = [s for s in (1, 2, 3) if s not in steps]
        if missing:
            click.echo(f"Let op: {province} heeft geen actieve organisatie voor trap {', '.join(map(str, missing))}")
