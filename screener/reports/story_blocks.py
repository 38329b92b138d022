"""The stories' figures for the coordinators' report: submitted, published, rejected and read, per month."""
from flask_babel import lazy_gettext as _l

from .blocks import Chart, Table
from ..stories import queries, rules


def tables(db, day_from, day_to):
    """{key: Table} for the dashboard, over the Belgian days from `day_from` to `day_to` (ISO dates).

    Counts of stories, not of people, and published stories are public: no small-number suppression.
    """
    months = rules.months_between(day_from, day_to)
    submitted = queries.per_month(db, "submitted_day", day_from, day_to)
    published = queries.per_month(db, "published_day", day_from, day_to)
    rejected = queries.per_month(db, "rejected_day", day_from, day_to)
    reads = queries.reads_per_month(db, day_from, day_to)
    rows = [[m, submitted.get(m, 0), published.get(m, 0), rejected.get(m, 0), reads.get(m, 0)] for m in months]
    footer = [_l("Totaal"), *(sum(r[i] for r in rows) for i in range(1, 5))]
    per_month = Table(
        "verhalen", _l("Verhalen per maand"),
        [_l("Maand"), _l("Ingestuurd"), _l("Gepubliceerd"), _l("Afgewezen"), _l("Gelezen")], rows,
        note=_l("Ingestuurd, gepubliceerd en afgewezen tellen in de maand van die stap. Gelezen: elke opening van "
                "een verhaal, zonder te weten door wie."),
        chart=Chart("bar", [r[0] for r in rows], [(_l("Ingestuurd"), [r[1] for r in rows]),
                                                  (_l("Gepubliceerd"), [r[2] for r in rows])],
                    alt=_l("Ingestuurde en gepubliceerde verhalen per maand")),
        footer=footer,
    )
    most_read = Table(
        "verhalen-gelezen", _l("Meest gelezen verhalen"), [_l("Verhaal"), _l("Gelezen"), _l("Dit hielp mij ook")],
        [[title, read, helped] for title, read, helped in queries.reads_per_story(db, day_from, day_to)],
    )
    return {"verhalen": per_month, "verhalen-gelezen": most_read}
