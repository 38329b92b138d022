"""The screener's content (screener/content/screener.yml): loading, validation and label helpers."""
import re
from pathlib import Path

from flask_babel import lazy_gettext as _l

from .. import content as content_registry
from ..cases.vocabulary import PROVINCES
from ..config import LANGUAGES
from ..content import ContentError, ContentErrors, localized, read_yaml

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "content" / "screener.yml"
# What each item's answer counts towards, and how many items each needs (the scores depend on it).
SCORE_ITEMS = {"anxiety": 2, "depression": 2, "wellbeing": 5, "safety": 1, "sleep": 1, "support": 1}
SCALE_RANGES = {"anxiety": {0, 1, 2, 3}, "depression": {0, 1, 2, 3}, "safety": {0, 1, 2, 3},
                "wellbeing": {0, 1, 2, 3, 4, 5}, "sleep": {0, 1, 2, 3}, "support": {0, 1, 2, 3}}
PROFILE_FIELDS = ("gender", "sector", "province")
BAND_KEYS = ("green", "orange", "red")
# How staff pages and reports name a band (the worker reads the band's own heading from the content).
BAND_LABELS = {"green": _l("Groen"), "orange": _l("Oranje"), "red": _l("Rood")}
ADVICE_DOMAINS = ("anxiety", "mood", "wellbeing", "sleep", "support")
SCORING_NUMBERS = ("subscale_positive", "who5_multiplier", "who5_low", "who5_very_low",
                   "sleep_concern", "support_concern", "safety_crisis")
# Where a barrier's reply may point (the result page turns each into its link).
BARRIER_LINKS = ("request", "firsthelper", "call_1813")


def load(app):
    """Content loader registered with screener.content: read and validate the screener file."""
    path = Path(app.config.get("SCREENER_CONTENT_FILE") or DEFAULT_FILE)
    data = read_yaml(path)
    problems = validate(data, tuple(app.config["LANGUAGES"]))
    if problems:
        raise ContentErrors([ContentError(path.name, item, problem) for item, problem in problems])
    return data


def validate(data, languages=LANGUAGES):
    """Every problem in the screener content as (item, problem) pairs; [] when valid (every text in each of `languages`)."""
    if not isinstance(data, dict):
        return [("-", "het bestand moet de delen sources, scales, items, profile, scoring, bands en advice bevatten")]
    problems = []
    for key in ("sources", "scales", "items", "profile", "scoring", "bands", "advice"):
        if not isinstance(data.get(key), (dict, list)):
            problems.append((key, "dit deel ontbreekt"))
    if problems:
        return problems
    problems += _check_sources(data["sources"], languages)
    problems += _check_scales(data["scales"], languages)
    problems += _check_items(data["items"], data["scales"], data["sources"], languages)
    problems += _check_profile(data["profile"], languages)
    problems += _check_scoring(data["scoring"], languages)
    for band in BAND_KEYS:
        entry = data["bands"].get(band) if isinstance(data["bands"], dict) else None
        if not isinstance(entry, dict):
            problems.append((f"bands.{band}", "deze kleur ontbreekt"))
            continue
        problems += _check_texts(f"bands.{band}", entry, ("title", "text"), languages)
    for domain in ADVICE_DOMAINS:
        entry = data["advice"].get(domain) if isinstance(data["advice"], dict) else None
        if not isinstance(entry, dict):
            problems.append((f"advice.{domain}", "dit advies ontbreekt"))
            continue
        problems += _check_texts(f"advice.{domain}", entry, ("title", "ok", "concern"), languages)
    problems += _check_barriers(data.get("barriers"), languages)
    return problems


def _has_languages(value, languages):
    return isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip()
                                           for lang in languages)


def _each(languages):
    return " en ".join(languages)


def _check_texts(where, entry, keys, languages):
    return [(where, f"'{key}' heeft een tekst nodig in {_each(languages)}") for key in keys
            if not _has_languages(entry.get(key), languages)]


def _check_sources(sources, languages):
    if not isinstance(sources, dict) or not sources:
        return [("sources", "geef minstens één bron met zijn verwijzing (citation)")]
    return [(f"sources.{key}", "heeft een verwijzing (citation) nodig")
            for key, entry in sources.items()
            if not (isinstance(entry, dict) and _is_citation(entry.get("citation"), languages))]


def _is_citation(citation, languages):
    # A published source as it is cited (one text), or our own words in the site's languages.
    return (isinstance(citation, str) and bool(citation.strip())) or _has_languages(citation, languages)


def _check_scales(scales, languages):
    problems = []
    for name, scale in scales.items():
        options = scale.get("options") if isinstance(scale, dict) else None
        if not isinstance(options, list) or len(options) < 2:
            problems.append((f"scales.{name}", "heeft minstens twee opties nodig"))
            continue
        values = [o.get("value") if isinstance(o, dict) else None for o in options]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            problems.append((f"scales.{name}", "elke optie heeft een geheel getal als waarde nodig"))
        elif len(set(values)) != len(values):
            problems.append((f"scales.{name}", "de waarden van de opties moeten verschillen"))
        if not all(_has_languages(o, languages) for o in options if isinstance(o, dict)):
            problems.append((f"scales.{name}", f"elke optie heeft een tekst nodig in {_each(languages)}"))
    return problems


def _check_items(items, scales, sources, languages):
    if not isinstance(items, list) or not items:
        return [("items", "geef de vragen")]
    problems, seen, counts = [], set(), dict.fromkeys(SCORE_ITEMS, 0)
    for position, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append((f"items[{position}]", "heeft een id nodig"))
            continue
        where = f"item {item['id']}"
        if item["id"] in seen:
            problems.append((where, "deze id komt twee keer voor"))
        seen.add(item["id"])
        if item.get("score") not in SCORE_ITEMS:
            problems.append((where, f"score moet een van deze zijn: {', '.join(SCORE_ITEMS)}"))
        else:
            counts[item["score"]] += 1
            scale = scales.get(item.get("scale")) if isinstance(scales, dict) else None
            if not isinstance(scale, dict):
                problems.append((where, f"onbekende schaal '{item.get('scale')}'"))
            elif isinstance(scale.get("options"), list):
                values = {o.get("value") for o in scale["options"] if isinstance(o, dict)}
                if values != SCALE_RANGES[item["score"]]:
                    problems.append((where, f"een {item['score']}-vraag heeft de waarden {sorted(SCALE_RANGES[item['score']])} nodig"))
        if item.get("source") not in sources:
            problems.append((where, f"onbekende bron '{item.get('source')}'"))
        if not _has_languages(item.get("text"), languages):
            problems.append((where, f"'text' heeft een tekst nodig in {_each(languages)}"))
        if "intro" in item and not _has_languages(item["intro"], languages):
            problems.append((where, f"'intro' heeft een tekst nodig in {_each(languages)}"))
    for score, expected in SCORE_ITEMS.items():
        if counts[score] != expected:
            problems.append(("items", f"er moeten precies {expected} {score}-vragen zijn, er zijn er {counts[score]}"))
    return problems


def _check_profile(profile, languages):
    problems = []
    for field in PROFILE_FIELDS:
        entry = profile.get(field) if isinstance(profile, dict) else None
        if not isinstance(entry, dict):
            problems.append((f"profile.{field}", "ontbreekt"))
            continue
        if not _has_languages(entry.get("label"), languages):
            problems.append((f"profile.{field}", f"'label' heeft een tekst nodig in {_each(languages)}"))
        options = entry.get("options")
        if not isinstance(options, list) or not options:
            problems.append((f"profile.{field}", "heeft opties nodig"))
            continue
        keys = [o.get("key") if isinstance(o, dict) else None for o in options]
        if not all(isinstance(k, str) and k for k in keys) or len(set(keys)) != len(keys):
            problems.append((f"profile.{field}", "elke optie heeft een eigen sleutel (key) nodig"))
        elif field == "province" and set(keys) != set(PROVINCES):  # routing and the providers file use these keys
            problems.append(("profile.province", f"de opties moeten precies deze sleutels hebben: {', '.join(PROVINCES)}"))
        if not all(_has_languages(o, languages) for o in options if isinstance(o, dict)):
            problems.append((f"profile.{field}", f"elke optie heeft een tekst nodig in {_each(languages)}"))
    return problems


def _check_scoring(scoring, languages):
    problems = [(f"scoring.{key}", "moet een geheel getal zijn") for key in SCORING_NUMBERS
                if not isinstance(scoring.get(key), int)]
    levels = scoring.get("phq4_levels")
    maxima = [level.get("max") for level in levels if isinstance(level, dict)] if isinstance(levels, list) else []
    if not maxima or not all(isinstance(m, int) for m in maxima) or maxima != sorted(maxima) or maxima[-1] != 12:
        problems.append(("scoring.phq4_levels", "de niveaus hebben stijgende 'max'-waarden nodig, tot 12"))
    elif not all(_has_languages(level, languages) for level in levels):
        problems.append(("scoring.phq4_levels", f"elk niveau heeft een tekst nodig in {_each(languages)}"))
    bands = scoring.get("bands")
    for band in ("red", "orange"):
        rule = bands.get(band) if isinstance(bands, dict) else None
        if not (isinstance(rule, dict) and isinstance(rule.get("phq4_min"), int) and isinstance(rule.get("who5_max"), int)):
            problems.append((f"scoring.bands.{band}", "heeft gehele getallen phq4_min en who5_max nodig"))
    return problems


def _check_barriers(barriers, languages):
    """The "Wat houdt je tegen?" section: a question, a hint, and answers each with a key, a label and a reply."""
    if not isinstance(barriers, dict):
        return [("barriers", "ontbreekt: de vraag 'Wat houdt je tegen?' met haar antwoorden")]
    each = _each(languages)
    problems = [("barriers", f"'{key}' heeft een tekst nodig in {each}")
                for key in ("question", "hint") if not _has_languages(barriers.get(key), languages)]
    answers = barriers.get("answers")
    if not isinstance(answers, list) or len(answers) < 2:
        return problems + [("barriers.answers", "geef minstens twee antwoorden")]
    seen = set()
    for position, answer in enumerate(answers, 1):
        key = answer.get("key") if isinstance(answer, dict) else None
        if not (isinstance(key, str) and re.fullmatch(r"[a-z][a-z0-9_]*", key)):
            problems.append((f"barriers.answers[{position}]", "heeft een sleutel nodig (kleine letters, zonder spaties)"))
            continue
        where = f"barriers.{key}"
        if key in seen:
            problems.append((where, "deze sleutel komt twee keer voor"))
        seen.add(key)
        if not _has_languages(answer, languages):
            problems.append((where, f"het antwoord heeft een tekst nodig in {each}"))
        if not _has_languages(answer.get("reply"), languages):
            problems.append((where, f"'reply' heeft een tekst nodig in {each}"))
        if answer.get("link") is not None and answer["link"] not in BARRIER_LINKS:
            problems.append((where, f"'link' moet een van deze zijn: {', '.join(BARRIER_LINKS)}"))
    return problems


# --- reading the loaded content ------------------------------------------------------------

def get():
    """The loaded screener content."""
    return content_registry.get("screener")


def profile_options(field, lang=None):
    """[(key, label)] of gender, sector or province, in the visitor's language."""
    return [(o["key"], localized(o, lang)) for o in get()["profile"][field]["options"]]


def province_options(lang=None):
    """[(key, label)] of the provinces."""
    return profile_options("province", lang)


def barrier_options(lang=None):
    """[(key, label)] of the answers to "Wat houdt je tegen?", in content order and the visitor's language."""
    return [(a["key"], localized(a, lang)) for a in get()["barriers"]["answers"]]


def barrier(key):
    """The answer with this key (key, label texts, reply, link) or None."""
    return next((a for a in get()["barriers"]["answers"] if a["key"] == key), None)


def register(app):
    """Register the loader with the content registry."""
    content_registry.register(app, "screener", load)
