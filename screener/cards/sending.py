"""Sending a card: the limits, the blocklist, the card and its e-mail in one transaction; retention."""
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeSerializer

from .. import clock
from ..db import immediate
from ..mail.outbox import enqueue, forget
from ..mail.render import render_email
from ..tokens import hash_token, new_token
from ..web import absolute_url
from . import queries, rules

MAIL_KIND = "card"


@dataclass(frozen=True)
class Outcome:
    """What became of a card: 'sent', 'quiet' (blocked or honeypot: nothing stored, nothing mailed),
    'cap' (the site's daily cap) or 'recipient' (this address got enough cards lately)."""

    status: str
    token: str = None


def limits(config):
    """The limits from the settings, as `rules.refusal` reads them."""
    return {"daily_cap": int(config["CARDS_DAILY_CAP"]),
            "recipient_per_day": int(config["CARDS_RECIPIENT_PER_DAY"]),
            "recipient_per_week": int(config["CARDS_RECIPIENT_PER_WEEK"])}


def _secret(config):
    return "cards-recipient:" + str(config["SECRET_KEY"])


def address_hash(address, config):
    """The keyed hash of an address, as the limits and the blocklist store it."""
    return rules.recipient_hash(address, _secret(config))


def _block_signer(config):
    return URLSafeSerializer(str(config["SECRET_KEY"]), salt="cards-block")


def block_code(recipient_hash_value, config):
    """The signed code in an e-mail's block link: it names the address hash, and only we can make one."""
    return _block_signer(config).dumps(recipient_hash_value)


def hash_from_block_code(code, config):
    """The address hash behind a block link's code, or None when the code is not ours."""
    try:
        value = _block_signer(config).loads(code)
    except BadSignature:
        return None
    return value if isinstance(value, str) else None


def send_card(db, card, *, language, now, config):
    """Check the limits and the blocklist, then store the card, count it and queue its e-mail; one transaction."""
    recipient = address_hash(card["recipient_email"], config)
    token = new_token()
    subject, text, html = render_email(
        "card_sent", language=language, sender=card["sender_name"], recipient=card["recipient_name"],
        card_link=absolute_url("cards.show", token=token),
        block_link=absolute_url("cards.block", code=block_code(recipient, config)))
    day_ago, week_ago = rules.recipient_windows(now)
    with immediate(db):
        if queries.is_blocked(db, recipient):
            return Outcome("quiet")
        refused = rules.refusal(queries.cards_on_day(db, clock.local_day(now).isoformat()),
                                queries.cards_to_since(db, recipient, clock.iso(day_ago)),
                                queries.cards_to_since(db, recipient, clock.iso(week_ago)), limits(config))
        if refused:
            return Outcome(refused)
        local = clock.local_day(now)
        card_id = queries.insert_card(
            db, token_hash=hash_token(token), design=card["design"], message=card["message"],
            sender_name=card["sender_name"], recipient_name=card["recipient_name"], recipient_hash=recipient,
            language=language, created_at=clock.iso(now), day=local.isoformat(), month=local.isoformat()[:7])
        outbox_id = enqueue(db, kind=MAIL_KIND, to=card["recipient_email"], subject=subject, text=text, html=html,
                            personal=True, now=now)
        queries.set_outbox_id(db, card_id, outbox_id)
    return Outcome("sent", token)


def card_for_token(db, token):
    """The card behind a link, or None."""
    return queries.card_by_token_hash(db, hash_token(token)) if token else None


def block(db, recipient_hash_value, now):
    """Stop every further card to this address hash."""
    with immediate(db):
        queries.block(db, recipient_hash_value, clock.iso(now))


def prune(db, now, keep_days):
    """Delete the cards older than `keep_days`, with what the outbox still holds of their address; in the
    caller's transaction. Returns how many cards went."""
    old = queries.expired(db, clock.iso(now - timedelta(days=keep_days)))
    forget(db, [outbox_id for _, outbox_id in old])
    queries.delete_cards(db, [card_id for card_id, _ in old])
    return len(old)


def per_month(db, month_from=None, month_to=None):
    """[(month, cards sent)]: the public counter and the reports."""
    return queries.per_month(db, month_from, month_to)
