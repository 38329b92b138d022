"""The life of a case: providers and routing, creation, deadlines, actions, handover, the SLA clock, withdrawal.

Owns the tables cases and case_events; every write to them goes through cases/queries.py.
"""


def init_app(app):
    """Register the providers file (validated at start) and its command, and the SLA clock job."""
    from .. import content, worker
    from . import clockjob
    from .providers import CONTENT_NAME, load_providers, providers_cli

    app.config.setdefault("PARTNER_MIN_ATTEMPTS", 3)
    app.config.setdefault("SLA_CLOCK_SECONDS", 60)
    app.cli.add_command(providers_cli)
    content.register(app, CONTENT_NAME, load_providers)
    worker.register(app, "sla_clock", clockjob.run, app.config["SLA_CLOCK_SECONDS"])
