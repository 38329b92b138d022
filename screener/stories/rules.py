"""Pure rules of the self-care stories: length, the self-harm flag, how long a story is shown."""
import re

MAX_WORDS = 1000
SHOWN_YEARS = 2

# Words and phrases that send a story to a human check before anything else (Dutch and English).
# Written as stems: "zelfmoord" also finds "zelfmoordgedachten".
SELF_HARM_TERMS = (
    # Dutch
    "zelfmoord", "suïcid", "suicid", "zelfdoding", "zelfbeschadig", "mezelf pijn", "mezelf te snijden",
    "in mezelf gesneden", "mezelf snijden", "snijden in mijn", "mezelf iets aan", "niet meer leven",
    "dood willen", "dood wou", "er een einde aan", "einde aan mijn leven", "uit het leven",
    "overdosis",
    # English
    "suicide", "suicidal", "self-harm", "self harm", "selfharm", "kill myself", "killing myself",
    "end my life", "ending my life", "hurt myself", "hurting myself", "cut myself", "cutting myself",
    "want to die", "wanted to die", "overdose",
)
_SELF_HARM = re.compile("|".join(re.escape(term) for term in SELF_HARM_TERMS), re.IGNORECASE)
_WORD = re.compile(r"\S+")


def word_count(text):
    """How many words a text has (runs of non-space characters)."""
    return len(_WORD.findall(text or ""))


def mentions_self_harm(*texts):
    """True when any text names self-harm or suicide: the story then waits for a human check first."""
    return any(_SELF_HARM.search(text or "") for text in texts)


def expires_at(published_at):
    """When a story published at `published_at` stops being shown: the same moment two years later."""
    try:
        return published_at.replace(year=published_at.year + SHOWN_YEARS)
    except ValueError:  # published on 29 February
        return published_at.replace(year=published_at.year + SHOWN_YEARS, day=28)


def is_expired(published_at, now):
    """True once a published story's two years are over."""
    return now >= expires_at(published_at)


def shown_since(now):
    """Stories published at or before this moment are no longer shown at `now`."""
    try:
        return now.replace(year=now.year - SHOWN_YEARS)
    except ValueError:
        return now.replace(year=now.year - SHOWN_YEARS, day=28)


def months_between(day_from, day_to):
    """['YYYY-MM', ...] of every month from the month of `day_from` to that of `day_to` (ISO dates)."""
    year, month = int(day_from[:4]), int(day_from[5:7])
    end = (int(day_to[:4]), int(day_to[5:7]))
    found = []
    while (year, month) <= end:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def can_act(status):
    """Moderation acts only on stories that still wait for a decision."""
    return status == "pending"


