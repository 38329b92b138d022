"""The outcome rules file (screener/content/outcomes.yml): loading and validation, with Dutch problems."""
import re
from pathlib import Path

from ..content import ContentError, ContentErrors, read_yaml

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "content" / "outcomes.yml"
# Each threshold: (section, key, the highest sensible value on its scale).
THRESHOLDS = (
    ("caseness", "subscale_min", 6),  # a PHQ-4 subscale is 0-6
    ("reliable_change", "phq4_drop", 12),  # the PHQ-4 total is 0-12
    ("reliable_change", "who5_rise", 100),  # WHO-5 is 0-100
    ("group", "who5_meaningful", 100),
)
# Year and month of the rules, optionally a revision within that month: "2026-11", "2026-11.2".
VERSION = re.compile(r"\d{4}-(0[1-9]|1[0-2])(\.\d+)?")


def load(app):
    """Content loader registered with screener.content: read and validate the outcome rules."""
    path = Path(app.config.get("OUTCOME_RULES_FILE") or DEFAULT_FILE)
    data = read_yaml(path)
    problems = validate(data)
    if problems:
        raise ContentErrors([ContentError(path.name, item, problem) for item, problem in problems])
    return data


def validate(data):
    """Every problem in the outcome rules as (item, problem) pairs, in Dutch; [] when valid."""
    if not isinstance(data, dict):
        return [("-", "het bestand moet version, sources, caseness, reliable_change en group bevatten")]
    problems = []
    version = data.get("version")
    if not (isinstance(version, str) and VERSION.fullmatch(version)):
        problems.append(("version", 'moet jaar en maand zijn tussen aanhalingstekens, bv. "2026-11"'))
    sources = data.get("sources")
    if not isinstance(sources, dict) or not sources:
        problems.append(("sources", "vermeld minstens één bron"))
        sources = {}
    for key, entry in sources.items():
        citation = entry.get("citation") if isinstance(entry, dict) else None
        if not (isinstance(citation, str) and citation.strip()):
            problems.append((f"sources.{key}", "heeft een bronvermelding nodig ('citation')"))
    for section in ("caseness", "reliable_change", "group"):
        if not isinstance(data.get(section), dict):
            problems.append((section, "ontbreekt"))
    for section, key, highest in THRESHOLDS:
        value = data[section].get(key) if isinstance(data.get(section), dict) else None
        if isinstance(data.get(section), dict) and not (
                isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= highest):
            problems.append((f"{section}.{key}", f"moet een geheel getal zijn van 1 tot {highest}"))
    problems += _check_cited(data, sources)
    return problems


def _check_cited(data, sources):
    """Every rule names the sources it rests on, and each of them is listed under sources."""
    problems = []
    for section, field in (("caseness", "source"), ("reliable_change", "sources"), ("group", "source")):
        rule = data.get(section)
        if not isinstance(rule, dict):
            continue
        named = rule.get(field)
        named = named if isinstance(named, list) else [named]
        if not named or named == [None]:
            problems.append((f"{section}.{field}", "noem de bron waarop deze regel steunt"))
        for name in named:
            if name is not None and name not in sources:
                problems.append((f"{section}.{field}", f"onbekende bron '{name}'"))
    return problems
