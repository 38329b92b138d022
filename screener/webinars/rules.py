"""Pure rules of the webinars: when a session is live, which addresses we accept, the question states,
the order viewers see, and the self-harm flag. No Flask, no database."""
import re
import unicodedata
from datetime import datetime, timedelta
from urllib.parse import urlsplit

def N_(text):
    """Marks a Dutch msgid for extraction; it is translated where it is shown."""
    return text


UPCOMING, LIVE, PAST = "upcoming", "live", "past"
OPEN_BEFORE = timedelta(minutes=15)  # the live page opens a little early, so viewers can find their way
QUESTION_MAX = 300
NAME_MAX = 40
STATUSES = ("new", "approved", "hidden")
ACTIONS = ("approve", "star", "answered", "hide")


def phase(starts_at, minutes, now):
    """'upcoming', 'live' or 'past' for a session starting at `starts_at` (aware) lasting `minutes`, at `now`."""
    if now < starts_at - OPEN_BEFORE:
        return UPCOMING
    if now < starts_at + timedelta(minutes=minutes):
        return LIVE
    return PAST


def ends_at(starts_at, minutes):
    """The end of a session."""
    return starts_at + timedelta(minutes=minutes)


def parse_https_url(text):
    """(address, None) for a plain https address with a host, else (None, Dutch msgid); '' is (None, None)."""
    text = (text or "").strip()
    if not text:
        return None, None
    if len(text) > 500 or any(ch.isspace() for ch in text):
        return None, N_("Dit adres klopt niet. Plak het volledige adres, zonder spaties.")
    parts = urlsplit(text)
    if parts.scheme.lower() != "https":
        return None, N_("Gebruik een beveiligd adres dat begint met https://.")
    if not parts.hostname or parts.username or parts.password or "." not in parts.hostname:
        return None, N_("Dit adres klopt niet. Plak het volledige adres, zoals https://voorbeeld.be/live.")
    return text, None


def host_of(url):
    """The host name shown in the privacy note (without 'www.')."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def parse_local_start(day_text, time_text, zone):
    """(aware start in `zone`, None) from 'YYYY-MM-DD' and 'HH:MM', else (None, Dutch msgid)."""
    try:
        moment = datetime.strptime(f"{(day_text or '').strip()} {(time_text or '').strip()}", "%Y-%m-%d %H:%M")
    except ValueError:
        return None, N_("Vul een datum (dd/mm/jjjj) en een uur (uu:mm) in.")
    return moment.replace(tzinfo=zone), None


def parse_minutes(text):
    """(minutes, None) for a whole number from 10 to 480, else (None, Dutch msgid)."""
    text = (text or "").strip()
    if not text.isdigit() or not 10 <= int(text) <= 480:
        return None, N_("Vul de duur in minuten in: tussen 10 en 480.")
    return int(text), None


def next_state(question, action):
    """The changed fields after a moderator's `action` on `question` (status, starred, answered), or None when not allowed.

    new -> approved or hidden; hidden -> approved (undo); an approved question may be starred and
    marked answered (each a toggle), and hidden.
    """
    status = question["status"]
    if action == "approve" and status in ("new", "hidden"):
        return {"status": "approved"}
    if action == "hide" and status in ("new", "approved"):
        return {"status": "hidden", "starred": 0}
    if action == "star" and status == "approved":
        return {"starred": 0 if question["starred"] else 1}
    if action == "answered" and status == "approved":
        return {"answered": 0 if question["answered"] else 1}
    return None


def viewer_order(questions):
    """Approved questions as viewers see them: open ones first, most votes first, then oldest first."""
    shown = [q for q in questions if q["status"] == "approved"]
    return sorted(shown, key=lambda q: (bool(q["answered"]), -q["votes"], q["asked_at"], q["id"]))


def moderator_order(questions):
    """New questions first (flagged ones on top), then approved, then hidden; oldest first within each."""
    rank = {"new": 0, "approved": 1, "hidden": 2}
    return sorted(questions, key=lambda q: (rank[q["status"]], not q["flagged"], q["asked_at"], q["id"]))


# Words and phrases about suicide or self-harm, Dutch and English, matched on lower-case text
# without accents. A flag holds the question for the moderator; it is a safety net, not a diagnosis.
_SELF_HARM = [
    r"zelfmoord\w*", r"zelfdoding\w*", r"suicid\w*", r"su[iï]cid\w*", r"zelfbeschadig\w*", r"zelfverwond\w*",
    r"mezelf (?:iets )?(?:aan ?doen|pijn doen|snijden|verwonden|van kant maken|ophangen)",
    r"(?:er|een) (?:een )?einde? aan (?:maken|te maken)", r"(?:mijn|m'n) leven (?:beeindigen|beindigen|nemen)",
    r"uit het leven (?:stappen|te stappen)", r"niet meer (?:willen |wil )?leven", r"dood (?:wil|willen) ?zijn",
    r"wil (?:ik )?dood", r"van kant maken",
    r"kill (?:my ?self|myself)", r"self[- ]?harm\w*", r"end (?:my|it all|my own) ?life", r"end it all",
    r"want(?:ed)? to die", r"hurt(?:ing)? myself", r"cut(?:ting)? myself", r"take my (?:own )?life",
]
_SELF_HARM_RE = re.compile(r"\b(?:" + "|".join(_SELF_HARM) + r")\b")


def _plain(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return re.sub(r"\s+", " ", "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower())


def mentions_self_harm(text):
    """True when a question mentions suicide or self-harm (Dutch or English)."""
    return bool(_SELF_HARM_RE.search(_plain(text)))
