"""Sign-in attempts are throttled per account and source together, with a much higher cap per account alone.

So a stranger who keeps guessing from one place only slows down their own guesses there: the real
user, from another place, still gets in. Only many sources together can fill the cap per account;
that is a real attack, and the coordinators hear of it. Attempts are counted before the password is
checked, so parallel guesses cannot slip past the limit.
"""
from limits import parse
from limits.strategies import MovingWindowRateLimiter

# What stopped an attempt.
PAIR = "account_source"  # too many attempts for this account from this source
ACCOUNT = "account"  # the cap per account is full, whatever the source


class SignInThrottle:
    """Counts sign-in attempts in a `limits` storage (shared by every worker: see screener/ratelimit.py)."""

    def __init__(self, storage, pair_limit, account_limit):
        self.limiter = MovingWindowRateLimiter(storage)
        self.pair = parse(pair_limit)
        self.account = parse(account_limit)

    def take(self, account, source):
        """Count one attempt; None when it may go ahead, else PAIR or ACCOUNT (the attempt is refused)."""
        if not self.limiter.test(self.account, "signin-account", account):
            return ACCOUNT
        if not self.limiter.hit(self.pair, "signin-pair", account, source):
            return PAIR  # not counted for the account: one source alone never fills the cap
        if not self.limiter.hit(self.account, "signin-account", account):
            return ACCOUNT
        return None

    def account_full(self, account):
        """True when the cap per account is reached: the next attempt from anywhere is refused."""
        return not self.limiter.test(self.account, "signin-account", account)

    def succeeded(self, account, source):
        """A right password and code: this source starts afresh for this account."""
        self.limiter.clear(self.pair, "signin-pair", account, source)

    @property
    def account_seconds(self):
        """How long the cap per account looks back."""
        return self.account.get_expiry()


def throttle_for(app):
    """The app's sign-in throttle, or None when rate limits are switched off (RATELIMIT_ENABLED)."""
    from ..ratelimit import storage_for

    if not app.config.get("RATELIMIT_ENABLED", True):
        return None
    if "signin_throttle" not in app.extensions:
        app.extensions["signin_throttle"] = SignInThrottle(storage_for(app), app.config["PARTNER_SIGNIN_ACCOUNT_SOURCE_LIMIT"],
                                                           app.config["PARTNER_SIGNIN_ACCOUNT_LIMIT"])
    return app.extensions["signin_throttle"]
