"""Demo stories for `flask demo`: a year of shared, published and rejected stories, with reads and marks."""
from datetime import timedelta

from .. import clock
from ..clock import local_day
from ..db import immediate
from ..demo import rng
from ..tokens import new_token_and_hash
from . import queries, rules

# (days ago submitted, title, text, first name or None, sector or None, decision: published/rejected/pending)
STORIES = [
    (330, "Wandelen na de late dienst", "Na een late dienst kan ik niet meteen slapen. Ik wandel twintig minuten, "
     "zonder gsm. Dan laat ik de dag achter me.", "Lien", "hospital", "published"),
    (280, "Even bellen met een collega", "Na een moeilijke nacht belde ik een collega van een andere afdeling. "
     "Gewoon vertellen hoe het ging, hielp meer dan ik dacht.", None, "elderly_care", "published"),
    (230, "Nee zeggen tegen een extra dienst", "Ik zei lang ja op elke vraag. Nu zeg ik één keer per maand nee. "
     "Dat voelde eerst schuldig, nu voelt het gezond.", "Tom", "home_care", "published"),
    (190, "Mijn leidinggevende in dienst X", "Een verhaal met namen die we niet konden weghalen.", None, None,
     "rejected"),
    (150, "Ademhalen in de bergruimte", "Twee minuten rustig ademen tussen twee kamers. Niemand ziet het, ik "
     "voel het wel.", "Sara", "hospital", "published"),
    (90, "Samen koken op zondag", "Met mijn gezin koken we op zondag. Dan praat ik niet over het werk, en dat "
     "is goed.", None, "disability_care", "published"),
    (40, "Hulp gevraagd, en gekregen", "Ik deed de screener en vroeg om gebeld te worden. Dat was de beste "
     "stap van dit jaar.", "Ahmed", "hospital", "published"),
    (6, "Slapen na een nachtdienst", "Verduisterende gordijnen en oordopjes. Klinkt simpel, maar het helpt.",
     None, "hospital", "pending"),
    (2, "Toen het niet meer ging", "Ik dacht aan zelfdoding. Praten met de huisarts hielp me.", None, None,
     "pending"),
]


def has_stories(db):
    """True when there are stories already (`flask demo --if-empty` adds none)."""
    return queries.any_story(db)


def seed(app, db):
    """The stories above, decided a few days after sharing, read and marked on most days since."""
    if has_stories(db):
        return
    generator = rng("stories")
    now = clock.now()
    with immediate(db):
        for days_ago, title, body, name, sector, decision in STORIES:
            submitted = now - timedelta(days=days_ago, hours=generator.randrange(1, 8))
            story_id = queries.insert_story(
                db, title=title, body=body, author_name=name, sector=sector, language="nl",
                flagged=rules.mentions_self_harm(title, body), submitted_at=clock.iso(submitted),
                submitted_day=local_day(submitted).isoformat(), withdraw_hash=new_token_and_hash()[1])
            decided = submitted + timedelta(days=2)
            if decision == "rejected":
                queries.reject(db, story_id, "Namen en een afdeling die we niet konden weghalen.",
                               local_day(decided).isoformat())
            elif decision == "published":
                queries.publish(db, story_id, clock.iso(decided), local_day(decided).isoformat())
                for day_offset in range(2, days_ago):
                    day = local_day(submitted + timedelta(days=day_offset)).isoformat()
                    for _ in range(generator.choice((0, 0, 1, 2, 3))):
                        queries.add_read(db, story_id, day)
                    if generator.random() < 0.08:
                        queries.add_helped(db, story_id, day, f"demo-{generator.randrange(10**9):09d}")
