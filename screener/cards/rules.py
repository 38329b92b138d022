"""The card rules, pure: what a message may hold, the limits, the address hash. No Flask, no database."""
import hashlib
import hmac
import re
from datetime import timedelta

MESSAGE_MAX = 300
NAME_MAX = 40

# A link in any form we can recognise: a scheme, www., or a name ending in a common top-level domain
# ("mijnsite.be", "bit.ly/x"). Words joined by a dot without a known ending ("dag.Tot") pass.
_TLDS = ("be|nl|com|org|net|eu|info|io|ly|me|co|app|site|online|xyz|ru|de|fr|uk|biz|tk|gl|to|gg|link|click|shop|"
         "top|live|store|vip|cc|tv|us|ws|pw|es|it|ch|lu|at|pl|cn|in|ai|dev|page")
# The ending is matched in lower case only: "Fijne dag.De koffie" is a missing space, not a link.
LINK = re.compile(r"(?i:\b[a-z][a-z0-9+.-]*://|\bwww\.)|\b[\w-]+(\.[\w-]+)*\.(?:" + _TLDS + r")\b")
EMAIL = re.compile(r"[\w.+-]+\s*(@|\(at\)|\[at\])\s*[\w-]+(\.[\w-]+)+", re.IGNORECASE)


def N_(text):
    """Marks a Dutch msgid for extraction; it is translated where it is shown."""
    return text


LINK_PROBLEM = N_("Een link of webadres mag niet in je bericht. Haal het weg, dan kan je kaartje vertrekken.")
EMAIL_PROBLEM = N_("Een e-mailadres mag niet in je bericht. Haal het weg, dan kan je kaartje vertrekken.")


def message_problem(text):
    """The Dutch msgid that refuses a message with an e-mail address or a link, else None."""
    if EMAIL.search(text or ""):
        return EMAIL_PROBLEM
    if LINK.search(text or ""):
        return LINK_PROBLEM
    return None


def recipient_hash(address, secret):
    """The keyed SHA-256 (HMAC) of a normalised address: what the limits and the blocklist store."""
    return hmac.new(secret.encode() if isinstance(secret, str) else secret,
                    address.strip().lower().encode(), hashlib.sha256).hexdigest()


def recipient_windows(now):
    """(since a day ago, since a week ago) as aware datetimes: the per-recipient limits' windows."""
    return now - timedelta(days=1), now - timedelta(days=7)


def refusal(sent_today, to_recipient_day, to_recipient_week, limits):
    """Why a card may not go now ('cap' for the site's daily cap, 'recipient' for the address's limits), or None.

    `limits` holds daily_cap, recipient_per_day and recipient_per_week.
    """
    if sent_today >= limits["daily_cap"]:
        return "cap"
    if to_recipient_day >= limits["recipient_per_day"] or to_recipient_week >= limits["recipient_per_week"]:
        return "recipient"
    return None


def wrap(text, width=30, max_lines=14):
    """The message as lines of at most `width` characters for the image (words kept whole where they fit)."""
    lines, line = [], ""
    for word in (text or "").split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines[:max_lines]
